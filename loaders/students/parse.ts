// Results of the teachers' students (issue 14 §4; seed 004: «процент обучающихся наставляемого,
// успешно прошедших ВПР/ОГЭ/ЕГЭ», «динамику участия обучающихся в олимпиадах»; seed 001:
// «победителей и призёров ВСОШ»): one row per teacher, class, subject and school year with the
// pupils who took and passed ВПР / ОГЭ / ЕГЭ, the mean grade, olympiad participants and
// prize-winners. The header is found by its words (a two-level header «ВПР» over «писали |
// справились» too), the school year from a column or the title. Pure.
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {collapseSpaces, personKey} from "../../lib/normalizeText.ts";
import {parseCount} from "../cells/parseCount.ts";
import {linesAbove, titleFacts} from "../effectiveness/common.ts";
import {findHeaders, type TableHeader} from "../routes/header.ts";

export type StudentRole = "no" | "name" | "id" | "school" | "municipality" | "year" | "class" | "subject" | "students" | "meanGrade"
  | "vprTaken" | "vprPassed" | "ogeTaken" | "ogePassed" | "egeTaken" | "egePassed" | "olympiadParticipants" | "olympiadWinners";

export const MEASURES = ["vprTaken", "vprPassed", "ogeTaken", "ogePassed", "egeTaken", "egePassed", "olympiadParticipants", "olympiadWinners"] as const;
export type Measure = typeof MEASURES[number];

export const STUDENT_COLUMNS: ReadonlyArray<readonly [StudentRole, RegExp]> = [
  ["no", /^(№|n)( п\/п)?$/],
  ["olympiadWinners", /(олимпиад|всош).*(побед|приз)/],
  ["olympiadParticipants", /(олимпиад|всош).*участ/],
  ["vprPassed", /впр.*(справил|успешн|выполнил|положительн|без «?2|на «?[345])/],
  ["vprTaken", /впр.*(писал|участв|выполнял|всего)/],
  ["ogePassed", /огэ.*(сдали|справил|успешн|положительн|без «?2|на «?[345])/],
  ["ogeTaken", /огэ.*(сдавал|участв|писал|всего)/],
  ["egePassed", /егэ.*(сдали|преодол|выше|не ниже|справил|успешн)/],
  ["egeTaken", /егэ.*(сдавал|участв|писал|всего)/],
  ["meanGrade", /средн\S* (отметк|оценк)|^средний балл( \(отметка\))?$/],
  ["name", /(^| )фио( |$)|фамилия|^(учитель|педагог)$/],
  ["id", /^(id|код)( (педагога|учителя))?$/],
  ["year", /учебн\S* год|^год$/],
  ["class", /^класс/],
  ["subject", /^(учебный )?предмет|^дисциплина/],
  ["students", /(обучающихся|учащихся|учеников|детей) в классе|численность класса|^(кол-во|количество|число) (обучающихся|учащихся|учеников)$|^(обучающихся|учащихся)$/],
  ["school", /^оо$|образовательн\S* (организац|учрежден)|^школа$/],
  ["municipality", /муниципал|район/]
];

export interface StudentResultRow {
  sheet: string;
  row: number;
  municipality: string;
  school: string;
  fullName: string;
  nameKey: string;
  externalId: string | null;
  position: null;
  year: number;
  className: string;
  subject: string;
  students: number | null;
  meanGrade: number | null;
  counts: Record<Measure, number | null>;
}

export interface StudentResultsData {
  rows: StudentResultRow[];
}

const acceptResults = (h: TableHeader<StudentRole>) => h.columns.name !== undefined && h.columns.class !== undefined
  && h.columns.subject !== undefined && MEASURES.some((m) => h.columns[m] !== undefined);

export function resultTables(workbook: Workbook): Array<{sheet: Sheet; header: TableHeader<StudentRole>}> {
  const out: Array<{sheet: Sheet; header: TableHeader<StudentRole>}> = [];
  for (const sheet of workbook.sheets) {
    const header = findHeaders(sheet, STUDENT_COLUMNS, acceptResults, 40)[0];
    if (header) out.push({sheet, header});
  }
  return out;
}

/** «2024/2025», «2024-2025», «2024–25», «2024/25» → 2025; «2025» → 2025 (the school year named by the year it ends in). */
export function schoolYearOf(text: string): number | null {
  const t = collapseSpaces(text).replace(/\s*(уч\.?|учебный)?\s*(г\.?|год)\s*$/i, "");
  let m = /^(20\d{2})\s*[/\-–—]\s*(20\d{2}|\d{2})$/.exec(t);
  if (m) {
    const end = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return end === Number(m[1]) + 1 ? end : null;
  }
  m = /^(20\d{2})$/.exec(t);
  return m ? Number(m[1]) : null;
}

/** «5А», «5 «А»», «9-б» → «5А», «5А», «9Б». */
function className(text: string): string {
  return collapseSpaces(text).replace(/[«»"'-]/g, "").replace(/\s+/g, "").toUpperCase();
}

function parseSheet(sheet: Sheet, h: TableHeader<StudentRole>, ctx: ParseContext, issues: IssueFacts[], rows: StudentResultRow[]): void {
  const at = {file: ctx.file, sheet: sheet.name};
  const col = h.columns;
  const text = (r: number, c: number | undefined) => {
    if (c === undefined) return "";
    const m = sheet.mergeAt(r, c);
    return collapseSpaces(m ? sheet.text(m.top, m.left) : sheet.text(r, c));
  };
  const titleYear = titleFacts([...linesAbove(sheet, h.row), sheet.name]).year;
  if (col.year === undefined && titleYear === null) {
    issues.push({...at, row: h.row, severity: "error", kind: "students/no-year"});
    return;
  }
  let municipality = "", school = "", name = "", id = "";
  for (let r = h.dataStart; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    const m = text(r, col.municipality), s = text(r, col.school), n = text(r, col.name);
    if (m) { if (m !== municipality) school = ""; municipality = m; }
    if (s) school = s;
    if (n) { name = n; id = text(r, col.id); }
    if (/^(итого|всего|среднее)/i.test(n || text(r, col.class))) continue;
    const cls = text(r, col.class), subject = text(r, col.subject);
    if (!cls && !subject) continue;
    const place = {...at, row: r, school: school || null};
    if (!name) { issues.push({...place, column: col.name, severity: "error", kind: "students/no-teacher"}); continue; }
    if (!school) { issues.push({...place, column: col.school, severity: "error", kind: "students/no-school"}); continue; }
    let year = titleYear;
    if (col.year !== undefined && text(r, col.year)) {
      year = schoolYearOf(text(r, col.year));
      if (year === null) { issues.push({...place, column: col.year, severity: "error", kind: "students/bad-year", value: text(r, col.year)}); continue; }
    }
    if (year === null) { issues.push({...place, column: col.year, severity: "error", kind: "students/no-year"}); continue; }
    const count = (c: number | undefined, label: string): number | null => {
      if (c === undefined) return null;
      const v = parseCount(sheet.cell(r, c));
      if (v.ok) return v.value;
      if (v.reason !== "empty") issues.push({...place, column: c, severity: "warning", kind: "students/not-a-count", value: text(r, c), details: {label}});
      return null;
    };
    const counts = Object.fromEntries(MEASURES.map((k) => [k, count(col[k], h.texts.get(col[k]!) ?? k)])) as Record<Measure, number | null>;
    const students = count(col.students, "обучающихся в классе");
    let meanGrade: number | null = null;
    if (col.meanGrade !== undefined && text(r, col.meanGrade)) {
      const g = Number(text(r, col.meanGrade).replace(",", "."));
      if (Number.isFinite(g) && g >= 1 && g <= 5) meanGrade = g;
      else issues.push({...place, column: col.meanGrade, severity: "warning", kind: "students/bad-grade", value: text(r, col.meanGrade)});
    }
    checkPairs(counts, students, col, place, issues);
    if (MEASURES.every((k) => counts[k] === null) && meanGrade === null) {
      issues.push({...place, severity: "warning", kind: "students/no-results"});
      continue;
    }
    rows.push({sheet: sheet.name, row: r, municipality, school, fullName: name, nameKey: personKey(name),
      externalId: id ? id.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, "") : null, position: null, year,
      className: className(cls || "—"), subject: subject || "—", students, meanGrade, counts});
  }
}

const PAIRS: Array<[Measure, Measure, string]> = [
  ["vprTaken", "vprPassed", "ВПР"], ["ogeTaken", "ogePassed", "ОГЭ"], ["egeTaken", "egePassed", "ЕГЭ"],
  ["olympiadParticipants", "olympiadWinners", "олимпиады"]
];

/** Passed ≤ taken (else both dropped: the pair cannot be trusted); taken ≤ pupils in the class (a warning). */
function checkPairs(counts: Record<Measure, number | null>, students: number | null, col: TableHeader<StudentRole>["columns"],
  place: {file: string; sheet: string; row: number; school: string | null}, issues: IssueFacts[]): void {
  for (const [taken, passed, label] of PAIRS) {
    const t = counts[taken], p = counts[passed];
    if (p !== null && t === null) {
      issues.push({...place, column: col[passed], severity: "warning", kind: "students/passed-without-taken", value: p, details: {label}});
      counts[passed] = null;
    } else if (t !== null && p !== null && p > t) {
      issues.push({...place, column: col[passed], severity: "error", kind: "students/passed-over-taken", value: p, details: {label, taken: t}});
      counts[taken] = null; counts[passed] = null;
    }
    if (students !== null && counts[taken] !== null && counts[taken]! > students) {
      issues.push({...place, column: col[taken], severity: "warning", kind: "students/taken-over-class", value: counts[taken], details: {label, students}});
    }
  }
}

function duplicates(rows: StudentResultRow[], issues: IssueFacts[], file: string): StudentResultRow[] {
  const seen = new Map<string, StudentResultRow>();
  for (const r of rows) {
    const key = `${r.municipality}|${r.school}|${r.nameKey}|${r.year}|${r.className}|${r.subject.toLowerCase()}`;
    const prior = seen.get(key);
    if (prior) issues.push({file, sheet: r.sheet, row: r.row, severity: "warning", kind: "students/duplicate-row", school: r.school,
      details: {earlier: prior.row}});
    seen.set(key, r);
  }
  return [...seen.values()];
}

export function parseStudentResults(workbook: Workbook, ctx: ParseContext): Parsed<StudentResultsData> {
  const issues: IssueFacts[] = [];
  let rows: StudentResultRow[] = [];
  const tables = resultTables(workbook);
  if (!tables.length) {
    issues.push({file: ctx.file, severity: "error", kind: "students/no-table"});
    return {rejected: true, issues, data: {rows}};
  }
  for (const {sheet, header} of tables) parseSheet(sheet, header, ctx, issues, rows);
  rows = duplicates(rows, issues, ctx.file);
  if (!rows.length) {
    issues.push({file: ctx.file, severity: "error", kind: "students/no-rows"});
    return {rejected: true, issues, data: {rows}};
  }
  return {rejected: false, issues, data: {rows}, stats: {rows: rows.length, teachers: new Set(rows.map((r) => `${r.school}|${r.nameKey}`)).size,
    years: new Set(rows.map((r) => r.year)).size}};
}
