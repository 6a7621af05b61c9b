// Questionnaire exports (Google/Yandex Forms, hand-made tables): one row per respondent, one
// column per question, with a timestamp and a role column. Questions are classified here (open,
// closed, rating); SWOT coding happens at report time, so editing the codebook recodes everything.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {collapseSpaces, normalizeKey} from "../../lib/normalizeText.ts";
import {parseDate} from "../cells/parseDate.ts";
import type {Cell, Sheet, Workbook} from "../xlsx/workbook.ts";
import {all} from "../../store/database.ts";
import {upsertSchools, schoolKey} from "../../store/schools.ts";
import {columnOf, findHeaderRow, personId, type HeaderRow} from "./common.ts";

export type Role = "наставник" | "наставляемый" | "куратор" | "руководитель" | "другое";
export type Wave = "entry" | "exit";
export type QuestionKind = "open" | "closed" | "rating";

export interface Question {
  no: number;
  column: number;
  text: string;
  kind: QuestionKind;
  scale: {min: number; max: number} | null;
}

export interface Respondent {
  no: number;
  row: number;
  key: string | null;
  role: Role;
  roleRaw: string;
  wave: Wave | null;
  answeredAt: Date | null;
  school: {municipality: string; name: string} | null;
  answers: Array<{question: number; text: string; rating: number | null}>;
}

export interface QuestionnaireData {
  sheet: string;
  questions: Question[];
  respondents: Respondent[];
}

const ROLE_HEADER = /^(ваша |ваш )?(роль|статус)( в программе( наставничества)?| участника)?$|категория (респондента|участника)|^вы являетесь|^роль респондента|^участник программы$/;
const TIME_HEADER = /отметка времени|^timestamp$|дата и время|время заполнения|дата заполнения|^дата$/;
const ID_HEADER = /код (участника|респондента)|идентификатор|личный код|^id$|^код$/;
const NAME_HEADER = /^фио|фамилия/;
const EMAIL_HEADER = /почт|e-?mail/;
const SCHOOL_HEADER = /образовательн\S* организац|^оо$|^школа$|^организация$/;
const MUNI_HEADER = /муниципальн|^район$/;
const WAVE_HEADER = /^(этап|срез|волна)( анкетирования| опроса| мониторинга)?$/;
const NUMBER_HEADER = /^№( п\/п)?$/;

export function roleOf(raw: string): Role | null {
  const v = normalizeKey(raw);
  if (/наставляем|молод\S* (специалист|педагог|учител)|начинающ/.test(v)) return "наставляемый";
  if (/наставник/.test(v)) return "наставник";
  if (/куратор/.test(v)) return "куратор";
  if (/руковод|директор|заместител|администрац|завуч/.test(v)) return "руководитель";
  return null;
}

export function waveOf(raw: string): Wave | null {
  const v = normalizeKey(raw);
  if (/входн|на входе|до начала|стартов|первичн|^до( |$)/.test(v)) return "entry";
  if (/итог|выходн|на выходе|(^| )после( |$)|заверш|повторн/.test(v)) return "exit";
  return null;
}

/** A rating as people answer it: 4, «4», «4 - скорее да», «8 баллов», «5 (полностью)». */
export function ratingOf(cell: Cell | undefined): number | null {
  const v = cell?.value;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const m = /^\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:$|[-–—:().]|балл|из\s|\s)/.exec(v);
  return m ? Number(m[1]!.replace(",", ".")) : null;
}

function scaleInHeader(text: string): {min: number; max: number} | null {
  const t = normalizeKey(text);
  let m = /от\s*(\d{1,2})\s*до\s*(\d{1,2})/.exec(t);
  if (m) return {min: Number(m[1]), max: Number(m[2])};
  m = /(\d{1,2})-?\s*балльн/.exec(t);
  if (m) return {min: 1, max: Number(m[1])};
  m = /\(\s*(\d{1,2})\s*-\s*(\d{1,2})\s*\)|шкал\S*\s*(\d{1,2})\s*-\s*(\d{1,2})/.exec(t);
  if (m) return {min: Number(m[1] ?? m[3]), max: Number(m[2] ?? m[4])};
  return null;
}

const OPEN_CUE = /^(что|чем|какие|какой|какая|каких|назовите|опишите|перечислите|ваши|ваше|предложения|пожелания|почему|как вы считаете|комментари|сильные|слабые|возможности|угрозы|риски)/;
const CLOSED_CUE = /(^| )ли( |$|\?)|выберите|да\/нет|хотели бы/;
const RATING_CUE = /^оцените|по шкале|балл/;

function classify(header: string, values: Array<Cell | undefined>): {kind: QuestionKind; scale: {min: number; max: number} | null} {
  const key = normalizeKey(header);
  const texts = values.map((c) => collapseSpaces(c ? String(c.value ?? "") : "")).filter((t) => t !== "");
  const ratings = values.map(ratingOf).filter((r): r is number => r !== null);
  const declared = scaleInHeader(header);
  if (declared && declared.max > declared.min) return {kind: "rating", scale: declared};
  const numericShare = texts.length ? ratings.length / texts.length : 0;
  if ((RATING_CUE.test(key) && numericShare >= 0.5) || (texts.length > 0 && numericShare >= 0.8 && !OPEN_CUE.test(key))) {
    const lo = Math.min(...ratings), hi = Math.max(...ratings);
    if (lo >= 0 && hi <= 10) return {kind: "rating", scale: {min: lo === 0 ? 0 : 1, max: hi <= 5 ? 5 : 10}};
  }
  if (OPEN_CUE.test(key) && !CLOSED_CUE.test(key)) return {kind: "open", scale: null};
  if (CLOSED_CUE.test(key)) return {kind: "closed", scale: null};
  const distinct = new Set(texts.map((t) => normalizeKey(t))).size;
  const meanLength = texts.reduce((s, t) => s + t.length, 0) / Math.max(1, texts.length);
  const open = meanLength > 30 || distinct > Math.max(5, texts.length / 2) || texts.some((t) => /[;\n]/.test(t));
  return {kind: open ? "open" : "closed", scale: null};
}

function waveFromText(texts: string[]): Wave | null {
  for (const t of texts) { const w = waveOf(t); if (w) return w; }
  return null;
}

function detect(workbook: Workbook): number {
  let best = 0;
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, (keys) => keys.some((k) => ROLE_HEADER.test(k)));
    if (!h) continue;
    let score = 0.5;
    if (columnOf(h, TIME_HEADER) !== null) score += 0.3;
    if (h.headers.size >= 4) score += 0.2;
    best = Math.max(best, score);
  }
  return best;
}

/**
 * A school's own upload (her account's school, locked by the server): a respondent who names no
 * district is hers when she names no school or names it by one of its spellings; another name
 * stays as written, so the upload's scope check refuses the file.
 */
function ownSchool(ctx: ParseContext, written: string): {municipality: string; name: string} | null {
  const own = ctx.school?.locked ? ctx.school : null;
  if (!own) return null;
  return {municipality: own.municipality, name: written || own.name};
}

function parseSheet(sheet: Sheet, h: HeaderRow, ctx: ParseContext, issues: IssueFacts[]): QuestionnaireData {
  const place = {file: ctx.file, sheet: sheet.name};
  const roleCol = columnOf(h, ROLE_HEADER)!;
  const meta = new Map<string, number | null>([
    ["time", columnOf(h, TIME_HEADER)], ["id", columnOf(h, ID_HEADER)], ["name", columnOf(h, NAME_HEADER)],
    ["email", columnOf(h, EMAIL_HEADER)], ["school", columnOf(h, SCHOOL_HEADER)], ["muni", columnOf(h, MUNI_HEADER)],
    ["wave", columnOf(h, WAVE_HEADER)], ["number", columnOf(h, NUMBER_HEADER)]
  ]);
  const metaCols = new Set<number>([roleCol, ...[...meta.values()].filter((c): c is number => c !== null)]);
  const rows: number[] = [];
  for (let r = h.row + 1; r <= sheet.rowCount; r++) if (!sheet.isBlankRow(r)) rows.push(r);

  const questions: Question[] = [];
  for (const [c, raw] of h.raw) {
    if (metaCols.has(c)) continue;
    const {kind, scale} = classify(raw, rows.map((r) => sheet.cell(r, c)));
    questions.push({no: questions.length + 1, column: c, text: raw, kind, scale});
  }
  const fileWave = (ctx.wave === "entry" || ctx.wave === "exit" ? ctx.wave : null)
    ?? waveFromText([sheet.name, ctx.file, ...[...Array(h.row - 1).keys()].map((i) => sheet.text(i + 1, 1))]);
  const col = (name: string) => meta.get(name) ?? null;
  const text = (r: number, c: number | null) => (c === null ? "" : sheet.text(r, c));

  const respondents: Respondent[] = [];
  const seen = new Map<string, number>();
  let waveColumnUsed = false;
  for (const r of rows) {
    const roleRaw = text(r, roleCol);
    let role = roleOf(roleRaw);
    if (!role) {
      issues.push({...place, severity: "warning", row: r, column: roleCol, kind: roleRaw ? "questionnaire/unknown-role" : "questionnaire/no-role",
        value: roleRaw || null, expected: "наставник, наставляемый, куратор или руководитель"});
      role = "другое";
    }
    let wave = fileWave;
    const waveCol = col("wave");
    if (waveCol !== null && text(r, waveCol)) {
      const w = waveOf(text(r, waveCol));
      if (w) { wave = w; waveColumnUsed = true; } else {
        issues.push({...place, severity: "warning", row: r, column: waveCol, kind: "questionnaire/unknown-wave", value: text(r, waveCol),
          expected: "входное или итоговое анкетирование"});
      }
    }
    let answeredAt: Date | null = null;
    const timeCol = col("time");
    if (timeCol !== null) {
      const d = parseDate(sheet.cell(r, timeCol));
      const v = sheet.value(r, timeCol);
      answeredAt = v instanceof Date ? v : d.ok ? d.date : null;
    }
    const key = personId(text(r, col("id")), text(r, col("name")), text(r, col("email")));
    if (key) {
      const dupKey = `${key}|${wave ?? ""}`;
      const earlier = seen.get(dupKey);
      if (earlier !== undefined) {
        issues.push({...place, severity: "warning", row: r, kind: "questionnaire/duplicate-respondent", details: {earlierRow: earlier}});
      }
      seen.set(dupKey, r);
    }
    const muni = text(r, col("muni")), schoolName = text(r, col("school"));
    const answers: Respondent["answers"] = [];
    for (const q of questions) {
      const cell = sheet.cell(r, q.column);
      const t = collapseSpaces(sheet.text(r, q.column));
      if (t === "") continue;
      let rating: number | null = null;
      if (q.kind === "rating") {
        rating = ratingOf(cell);
        if (rating === null || (q.scale && (rating < q.scale.min || rating > q.scale.max))) {
          issues.push({...place, severity: "warning", row: r, column: q.column, kind: "questionnaire/not-a-rating", value: t,
            expected: q.scale ? `число от ${q.scale.min} до ${q.scale.max}` : "число", details: {question: q.text}});
          rating = null;
        }
      }
      answers.push({question: q.no, text: sheet.text(r, q.column).trim(), rating});
    }
    respondents.push({no: respondents.length + 1, row: r, key, role, roleRaw, wave, answeredAt,
      school: muni && schoolName ? {municipality: muni, name: schoolName} : ownSchool(ctx, schoolName), answers});
  }
  if (!fileWave && !waveColumnUsed) {
    issues.push({...place, severity: "info", kind: "questionnaire/wave-unknown"});
  }
  return {sheet: sheet.name, questions, respondents};
}

function parse(workbook: Workbook, ctx: ParseContext): Parsed<QuestionnaireData> {
  const issues: IssueFacts[] = [];
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, (keys) => keys.some((k) => ROLE_HEADER.test(k)));
    if (!h) continue;
    const data = parseSheet(sheet, h, ctx, issues);
    if (data.respondents.length === 0) {
      issues.push({file: ctx.file, sheet: sheet.name, severity: "error", kind: "questionnaire/no-respondents"});
      return {rejected: true, issues, data};
    }
    const open = data.questions.filter((q) => q.kind === "open").length;
    return {rejected: false, issues, data, stats: {respondents: data.respondents.length, questions: data.questions.length, open}};
  }
  issues.push({file: ctx.file, severity: "error", kind: "questionnaire/no-header"});
  return {rejected: true, issues, data: {sheet: "", questions: [], respondents: []}};
}

async function store(conn: DuckDBConnection, data: QuestionnaireData, {uploadId}: {uploadId: number; file: string}) {
  const schools = data.respondents.map((r) => r.school).filter((s): s is {municipality: string; name: string} => s !== null);
  const ids = await upsertSchools(conn, schools);
  const q = await conn.createAppender("questionnaire_questions");
  for (const x of data.questions) {
    q.appendInteger(uploadId); q.appendInteger(x.no); q.appendInteger(x.column); q.appendVarchar(x.text);
    q.appendVarchar(normalizeKey(x.text)); q.appendVarchar(x.kind);
    if (x.scale) { q.appendDouble(x.scale.min); q.appendDouble(x.scale.max); } else { q.appendNull(); q.appendNull(); }
    q.endRow();
  }
  q.closeSync();
  const r = await conn.createAppender("questionnaire_respondents");
  const a = await conn.createAppender("questionnaire_answers");
  for (const x of data.respondents) {
    r.appendInteger(uploadId); r.appendInteger(x.no);
    x.key === null ? r.appendNull() : r.appendVarchar(x.key);
    r.appendVarchar(x.role); r.appendVarchar(x.roleRaw);
    x.wave === null ? r.appendNull() : r.appendVarchar(x.wave);
    const sid = x.school ? ids.get(schoolKey(x.school)) : undefined;
    sid === undefined ? r.appendNull() : r.appendInteger(sid);
    x.answeredAt === null ? r.appendNull() : r.appendVarchar(x.answeredAt.toISOString());
    r.appendVarchar(data.sheet); r.appendInteger(x.row);
    r.endRow();
    for (const ans of x.answers) {
      a.appendInteger(uploadId); a.appendInteger(x.no); a.appendInteger(ans.question); a.appendVarchar(ans.text);
      ans.rating === null ? a.appendNull() : a.appendDouble(ans.rating);
      a.endRow();
    }
  }
  r.closeSync();
  a.closeSync();
  // A new export of the same form holds the earlier respondents again: the earlier upload is replaced
  // when at least half of its respondents (same answer time and role) are in this one.
  const overlaps = await all<{upload_id: number; shared: number; total: number}>(conn, `
    SELECT o.upload_id, count(n.respondent_no) AS shared, count(*) AS total
    FROM questionnaire_respondents o
    JOIN current_questionnaire_uploads c ON c.upload_id = o.upload_id
    LEFT JOIN questionnaire_respondents n ON n.upload_id = $u AND n.answered_at = o.answered_at AND n.role = o.role
    WHERE o.upload_id <> $u
    GROUP BY o.upload_id`, {u: uploadId});
  const replaces = overlaps.filter((o) => o.shared * 2 >= o.total && o.shared > 0).map((o) => o.upload_id);
  for (const old of replaces) {
    await conn.run("INSERT INTO questionnaire_replacements (upload_id, replaced_upload_id) VALUES ($u, $o)", {u: uploadId, o: old});
  }
  const schoolIds = new Map<string, number>();
  for (const s of schools) { const id = ids.get(schoolKey(s)); if (id !== undefined) schoolIds.set(s.name, id); }
  return {replaces, schoolIds};
}

export const questionnaireKind: FileKind<QuestionnaireData> = {
  name: "questionnaire",
  label: "анкета участников программы (выгрузка опроса)",
  detect, parse, store,
  // A respondent who names no school is not anyone's: a locked upload refuses the file.
  schoolsNamed: (data) => data.respondents.map((r) => ({name: r.school?.name ?? "", municipality: r.school?.municipality ?? null,
    sheet: data.sheet, row: r.row}))
};
