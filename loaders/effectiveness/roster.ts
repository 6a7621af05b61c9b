// Staff rosters («список педагогических работников», «кадровый состав»): one row per teacher with
// hiring and leaving dates, experience and the attributes the target indicators read. Attributes are
// kept as header/value pairs and read through data/config/indicators.json at report time. A school's
// own list names the school only in its title and may hold one sheet per school year: every sheet is
// read. Names (ФИО) are kept only in teacher_identities, as for diagnostics.
import {dateValueFromDate, type DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, ParseContext, Parsed, StoreContext, Stored} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";
import {parseDate, isoDate} from "../cells/parseDate.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {upsertSchools, schoolKey} from "../../store/schools.ts";
import {academicYear} from "../../lib/academicYear.ts";
import {schoolNameKey} from "../../lib/schoolName.ts";
import {columnOf, findHeaderRow, linesAbove, personId, titleFacts, type HeaderRow, type TitleFacts} from "./common.ts";
import type {DirectoryNote} from "../../store/directory.ts";
import {directoryNoteIssues} from "../directory/notes.ts";
import {rosterIdentities} from "./identities.ts";

export interface RosterTeacher {
  no: number;
  sheet: string;
  row: number;
  /** The school year of the sheet the teacher is listed on (named by the year it ends in). */
  year: number;
  key: string;
  /** Personal data: kept only in teacher_identities (as for diagnostics), never in roster tables. */
  fullName: string | null;
  school: {municipality: string; name: string};
  hired: Date | null;
  left: Date | null;
  experience: number | null;
  young: boolean | null;
  attributes: Array<{header: string; value: string}>;
}

/** One sheet of a staff list: one school year (a workbook may hold one sheet per year). */
export interface RosterSheet {
  sheet: string;
  year: number;
  asOf: Date;
}

export interface RosterData {
  /** The first sheet read (its year and date); `sheets` has every one. */
  sheet: string;
  year: number;
  asOf: Date;
  sheets: RosterSheet[];
  teachers: RosterTeacher[];
}

const HIRED = /дата (приема|приёма|поступления|трудоустройства)|принят\S* на работу/;
const LEFT = /дата (увольнения|ухода|выбытия)|уволен/;
const ID = /табельн|код (педагога|сотрудника|работника)|идентификатор|^код$|^id$/;
const NAME = /^ф\.?\s?и\.?\s?о|^фамилия|^фамилия,? имя/;
const SCHOOL = /образовательн\S* организац|^оо$|^школа$|^организация$/;
const MUNI = /муниципальн|^район$/;
const EXPERIENCE = /стаж/;
const YOUNG = /молод\S* специалист/;
const NUMBER = /^№( п\/п)?$/;

/** A roster's header: a hiring date column and at least one other known column. */
function accept(keys: string[]): boolean {
  return keys.some((k) => HIRED.test(k)) && keys.some((k) => NAME.test(k) || ID.test(k) || EXPERIENCE.test(k) || LEFT.test(k));
}

function detect(workbook: Workbook): number {
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, accept);
    if (h) return 0.6 + (columnOf(h, LEFT) !== null ? 0.2 : 0) + (columnOf(h, EXPERIENCE) !== null ? 0.2 : 0);
  }
  return 0;
}

/** Years of experience: 3, «3», «3,5», «3 года», «менее года» (0). */
function experienceOf(raw: string | number | null): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) && raw >= 0 ? raw : null;
  if (!raw) return null;
  const t = collapseSpaces(raw).toLowerCase();
  if (/^(менее|меньше) (1 )?года$|^нет$|^0$/.test(t)) return 0;
  const m = /^(\d{1,2}(?:[.,]\d+)?)\s*(г|год|года|лет)?\.?$/.exec(t);
  return m ? Number(m[1]!.replace(",", ".")) : null;
}

const YEAR_MS = 365.25 * 86400000;

type Cols = Record<"hired", number> & Record<"left" | "id" | "name" | "school" | "muni" | "experience" | "young" | "number", number | null>;

function columnsOf(h: HeaderRow): Cols {
  return {hired: columnOf(h, HIRED)!, left: columnOf(h, LEFT), id: columnOf(h, ID), name: columnOf(h, NAME),
    school: columnOf(h, SCHOOL), muni: columnOf(h, MUNI), experience: columnOf(h, EXPERIENCE), young: columnOf(h, YOUNG),
    number: columnOf(h, NUMBER)};
}

/** The school year of a sheet: its title or name («2023-2024»), else the period chosen at upload. */
function yearOf(title: TitleFacts, ctx: ParseContext): number | null {
  if (title.year !== null) return title.year;
  const m = ctx.period ? /^(\d{4})-Q([1-4])$/.exec(ctx.period) : null;
  return m ? academicYear(new Date(Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1))) : null;
}

interface SheetRead {
  teachers: RosterTeacher[];
  sheet: RosterSheet | null;
}

/** Dates of one row: hiring, leaving, and the issues they raise. */
function datesOf(sheet: Sheet, r: number, cols: Cols, asOf: Date, place: {file: string; sheet: string}, school: string,
  issues: IssueFacts[]): {hired: Date | null; left: Date | null} {
  const text = (c: number | null) => (c === null ? "" : sheet.text(r, c));
  const hiredR = parseDate(sheet.cell(r, cols.hired));
  let hired: Date | null = hiredR.ok ? hiredR.date : null;
  if (!hiredR.ok) {
    issues.push({...place, severity: "warning", row: r, column: cols.hired, school,
      kind: hiredR.reason === "empty" ? "roster/no-hire-date" : "roster/bad-date", value: text(cols.hired) || null,
      expected: "дата, например 01.09.2023"});
  }
  let left: Date | null = null;
  if (cols.left !== null && text(cols.left)) {
    const lr = parseDate(sheet.cell(r, cols.left));
    if (lr.ok) left = lr.date;
    else issues.push({...place, severity: "warning", row: r, column: cols.left, school, kind: "roster/bad-date",
      value: text(cols.left), expected: "дата, например 31.05.2024"});
  }
  if (hired && left && left < hired) {
    issues.push({...place, severity: "warning", row: r, column: cols.left, school, kind: "roster/left-before-hired",
      value: isoDate(left), details: {hired: isoDate(hired)}});
    hired = null; left = null;
  }
  if (left && left > asOf) {
    issues.push({...place, severity: "warning", row: r, column: cols.left, school, kind: "roster/left-after-as-of",
      value: isoDate(left), details: {asOf: isoDate(asOf)}});
  }
  return {hired, left};
}

/** Young specialist: said in a column, else 0–3 years of experience when hired. */
function youngOf(sheet: Sheet, r: number, cols: Cols, experience: number | null, hired: Date | null, asOf: Date): boolean | null {
  const said = cols.young === null ? "" : sheet.text(r, cols.young);
  if (said) return !/^(нет|-|0)$/i.test(said);
  if (experience === null || !hired) return null;
  // Experience is counted to the roster's date: at hiring it was that much less.
  const atHire = experience - Math.max(0, (asOf.getTime() - hired.getTime()) / YEAR_MS);
  return atHire <= 3 + 1e-9;
}

function readSheet(sheet: Sheet, h: HeaderRow, ctx: ParseContext, issues: IssueFacts[], firstNo: number): SheetRead {
  const place = {file: ctx.file, sheet: sheet.name};
  const cols = columnsOf(h);
  const known = new Set(Object.values(cols).filter((c): c is number => c !== null));
  const title = titleFacts([...linesAbove(sheet, h.row), sheet.name]);
  const year = yearOf(title, ctx);
  if (year === null) {
    issues.push({...place, severity: "error", kind: "roster/no-year", row: 1});
    return {teachers: [], sheet: null};
  }
  // Without «по состоянию на», the roster speaks for the end of May, when the annual report is written.
  const asOf = title.asOf ?? new Date(Date.UTC(year, 4, 31));
  const text = (r: number, c: number | null) => (c === null ? "" : sheet.text(r, c));
  const teachers: RosterTeacher[] = [];
  const keys = new Map<string, number>();
  const noSchool: number[] = [];
  // The school: a column, else a title line, else the one chosen at upload; the district may be absent (the directory knows it).
  let muni = title.municipality ?? ctx.school?.municipality ?? "", school = title.school ?? ctx.school?.name ?? "";
  for (let r = h.row + 1; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    // A district or school written once for its block holds for the rows under it.
    if (text(r, cols.muni)) muni = text(r, cols.muni);
    if (text(r, cols.school)) school = text(r, cols.school);
    const code = text(r, cols.id), name = text(r, cols.name);
    if (!code && !name && !text(r, cols.hired)) continue; // a note or an «Итого» line, not a teacher
    if (/^итого|^всего/i.test(code || name)) continue;
    if (!school) { noSchool.push(r); continue; }
    const {hired, left} = datesOf(sheet, r, cols, asOf, place, school, issues);
    const expRaw = cols.experience === null ? null : sheet.value(r, cols.experience);
    const experience = experienceOf(typeof expRaw === "number" ? expRaw : expRaw === null ? null : String(expRaw));
    if (cols.experience !== null && text(r, cols.experience) && experience === null) {
      issues.push({...place, severity: "warning", row: r, column: cols.experience, school, kind: "roster/bad-experience",
        value: text(r, cols.experience), expected: "число лет, например 2 или 2,5"});
    }
    const key = personId(code, name, "") ?? `row:${r}`;
    const dupKey = `${schoolKey({municipality: muni, name: school})}|${key}`;
    const dup = keys.get(dupKey);
    if (dup !== undefined) issues.push({...place, severity: "warning", row: r, school, kind: "roster/duplicate-teacher", details: {earlierRow: dup}});
    keys.set(dupKey, r);
    const attributes: RosterTeacher["attributes"] = [];
    for (const [c, header] of h.raw) {
      if (known.has(c)) continue;
      const v = text(r, c);
      if (v) attributes.push({header, value: v});
    }
    teachers.push({no: firstNo + teachers.length, sheet: sheet.name, row: r, year, key, fullName: name || null,
      school: {municipality: muni, name: school}, hired, left, experience, young: youngOf(sheet, r, cols, experience, hired, asOf), attributes});
  }
  // One issue for every row without a school, not one per row.
  if (noSchool.length) issues.push({...place, severity: "error", kind: "roster/no-school", row: noSchool[0]!, details: {rows: noSchool.length}});
  const other = ctx.school ? teachers.find((t) => schoolNameKey(t.school.name) !== schoolNameKey(ctx.school!.name)) : undefined;
  if (other) issues.push({...place, severity: "warning", kind: "school/option-differs", row: other.row, school: other.school.name,
    details: {chosen: ctx.school!.name}});
  return {teachers, sheet: teachers.length ? {sheet: sheet.name, year, asOf} : null};
}

/** Every sheet with a roster header is read: a workbook may hold one sheet per school year. */
function parse(workbook: Workbook, ctx: ParseContext): Parsed<RosterData> {
  const issues: IssueFacts[] = [];
  const teachers: RosterTeacher[] = [];
  const sheets: RosterSheet[] = [];
  let headers = 0;
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, accept);
    if (!h) continue;
    headers++;
    const read = readSheet(sheet, h, ctx, issues, teachers.length + 1);
    for (const t of read.teachers) teachers.push(t);
    if (read.sheet) sheets.push(read.sheet);
  }
  const empty: RosterData = {sheet: "", year: 0, asOf: new Date(0), sheets: [], teachers: []};
  if (!headers) return {rejected: true, issues: [{file: ctx.file, severity: "error", kind: "roster/no-header"}], data: empty};
  if (!teachers.length) {
    if (!issues.some((i) => i.severity === "error")) issues.push({file: ctx.file, severity: "error", kind: "roster/no-teachers"});
    return {rejected: true, issues, data: empty};
  }
  const first = sheets[0]!;
  return {rejected: false, issues, data: {sheet: first.sheet, year: first.year, asOf: first.asOf, sheets, teachers},
    stats: {teachers: teachers.length, schools: new Set(teachers.map((t) => schoolKey(t.school))).size, year: first.year,
      ...(sheets.length > 1 ? {years: sheets.length} : {})}};
}

async function store(conn: DuckDBConnection, data: RosterData, {uploadId, file}: StoreContext): Promise<Stored> {
  const notes: DirectoryNote[] = [];
  const ids = await upsertSchools(conn, data.teachers.map((t) => t.school), {origin: "roster", uploadId, notes});
  const sid = (t: RosterTeacher) => ids.get(schoolKey(t.school))!;
  const teacherIds = await rosterIdentities(conn, data.teachers.map((t) => ({schoolId: sid(t), fullName: t.fullName})), uploadId);
  const schoolIds = new Map<string, number>();
  const snap = await conn.createAppender("roster_snapshots");
  const snapshots = new Map<string, {school: number; sheet: RosterSheet}>();
  for (const t of data.teachers) snapshots.set(`${sid(t)}|${t.year}`, {school: sid(t), sheet: data.sheets.find((s) => s.sheet === t.sheet)!});
  for (const {school, sheet} of snapshots.values()) {
    snap.appendInteger(uploadId); snap.appendInteger(school); snap.appendInteger(sheet.year); snap.appendDate(dateValueFromDate(sheet.asOf));
    snap.endRow();
  }
  snap.closeSync();
  const t = await conn.createAppender("roster_teachers");
  const a = await conn.createAppender("roster_attributes");
  data.teachers.forEach((x, i) => {
    schoolIds.set(x.school.name, sid(x));
    t.appendInteger(uploadId); t.appendInteger(x.no); t.appendInteger(sid(x)); t.appendVarchar(x.key);
    x.hired ? t.appendDate(dateValueFromDate(x.hired)) : t.appendNull();
    x.left ? t.appendDate(dateValueFromDate(x.left)) : t.appendNull();
    x.experience === null ? t.appendNull() : t.appendDouble(x.experience);
    x.young === null ? t.appendNull() : t.appendBoolean(x.young);
    t.appendVarchar(x.sheet); t.appendInteger(x.row);
    t.appendInteger(x.year);
    teacherIds[i] === null ? t.appendNull() : t.appendInteger(teacherIds[i]!);
    t.endRow();
    for (const attr of x.attributes) {
      a.appendInteger(uploadId); a.appendInteger(x.no); a.appendVarchar(attr.header); a.appendVarchar(attr.value); a.endRow();
    }
  });
  t.closeSync();
  a.closeSync();
  return {schoolIds, issues: directoryNoteIssues(notes, file, "roster")};
}

export const rosterKind: FileKind<RosterData> = {
  name: "roster",
  label: "список педагогических работников (даты приёма и увольнения)",
  detect, parse, store,
  schoolsNamed: (data) => data.teachers.map((t) => ({name: t.school.name, municipality: t.school.municipality, sheet: t.sheet, row: t.row}))
};
