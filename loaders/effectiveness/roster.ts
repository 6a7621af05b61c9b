// Staff rosters («список педагогических работников»): one row per teacher with hiring and leaving
// dates, experience and the attributes the target indicators read. Attributes are kept as
// header/value pairs and read through data/config/indicators.json at report time.
import {dateValueFromDate, type DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";
import {parseDate, isoDate} from "../cells/parseDate.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {upsertSchools, schoolKey} from "../../store/schools.ts";
import {academicYear} from "../../lib/academicYear.ts";
import {columnOf, findHeaderRow, linesAbove, personId, titleFacts, type HeaderRow} from "./common.ts";

export interface RosterTeacher {
  no: number;
  row: number;
  key: string;
  school: {municipality: string; name: string};
  hired: Date | null;
  left: Date | null;
  experience: number | null;
  young: boolean | null;
  attributes: Array<{header: string; value: string}>;
}

export interface RosterData {
  sheet: string;
  year: number;
  asOf: Date;
  teachers: RosterTeacher[];
}

const HIRED = /дата (приема|приёма|поступления|трудоустройства)|принят\S* на работу/;
const LEFT = /дата (увольнения|ухода|выбытия)|уволен/;
const ID = /табельн|код (педагога|сотрудника|работника)|идентификатор|^код$|^id$/;
const NAME = /^фио|фамилия/;
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

function parseSheet(sheet: Sheet, h: HeaderRow, ctx: ParseContext, issues: IssueFacts[]): Parsed<RosterData> {
  const place = {file: ctx.file, sheet: sheet.name};
  const cols = {
    hired: columnOf(h, HIRED)!, left: columnOf(h, LEFT), id: columnOf(h, ID), name: columnOf(h, NAME),
    school: columnOf(h, SCHOOL), muni: columnOf(h, MUNI), experience: columnOf(h, EXPERIENCE), young: columnOf(h, YOUNG),
    number: columnOf(h, NUMBER)
  };
  const known = new Set(Object.values(cols).filter((c): c is number => c !== null));
  const title = titleFacts([...linesAbove(sheet, h.row), sheet.name]);
  let year = title.year;
  if (year === null && ctx.period) {
    const m = /^(\d{4})-Q([1-4])$/.exec(ctx.period);
    if (m) year = academicYear(new Date(Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1)));
  }
  const empty: RosterData = {sheet: sheet.name, year: 0, asOf: new Date(0), teachers: []};
  if (year === null) {
    issues.push({...place, severity: "error", kind: "roster/no-year", row: 1});
    return {rejected: true, issues, data: empty};
  }
  // Without «по состоянию на», the roster speaks for the end of May, when the annual report is written.
  const asOf = title.asOf ?? new Date(Date.UTC(year, 4, 31));
  const text = (r: number, c: number | null) => (c === null ? "" : sheet.text(r, c));
  const teachers: RosterTeacher[] = [];
  const keys = new Map<string, number>();
  let muni = title.municipality ?? "", school = title.school ?? "";
  for (let r = h.row + 1; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    // A district or school written once for its block holds for the rows under it.
    if (text(r, cols.muni)) muni = text(r, cols.muni);
    if (text(r, cols.school)) school = text(r, cols.school);
    const code = text(r, cols.id), name = text(r, cols.name);
    const hiredCell = sheet.cell(r, cols.hired);
    if (!code && !name && !text(r, cols.hired)) continue; // a note or an «Итого» line, not a teacher
    if (/^итого|^всего/i.test(code || name)) continue;
    if (!muni || !school) {
      issues.push({...place, severity: "error", row: r, kind: "roster/no-school"});
      continue;
    }
    const hiredR = parseDate(hiredCell);
    let hired: Date | null = hiredR.ok ? hiredR.date : null;
    if (!hiredR.ok) {
      issues.push({...place, severity: "warning", row: r, column: cols.hired, school,
        kind: hiredR.reason === "empty" ? "roster/no-hire-date" : "roster/bad-date", value: text(r, cols.hired) || null,
        expected: "дата, например 01.09.2023"});
    }
    let left: Date | null = null;
    if (cols.left !== null && text(r, cols.left)) {
      const lr = parseDate(sheet.cell(r, cols.left));
      if (lr.ok) left = lr.date;
      else issues.push({...place, severity: "warning", row: r, column: cols.left, school, kind: "roster/bad-date",
        value: text(r, cols.left), expected: "дата, например 31.05.2024"});
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
    const expRaw = cols.experience === null ? null : sheet.value(r, cols.experience);
    const experience = experienceOf(typeof expRaw === "number" ? expRaw : expRaw === null ? null : String(expRaw));
    if (cols.experience !== null && text(r, cols.experience) && experience === null) {
      issues.push({...place, severity: "warning", row: r, column: cols.experience, school, kind: "roster/bad-experience",
        value: text(r, cols.experience), expected: "число лет, например 2 или 2,5"});
    }
    let young: boolean | null = null;
    if (cols.young !== null && text(r, cols.young)) young = !/^(нет|-|0)$/i.test(text(r, cols.young));
    else if (experience !== null && hired) {
      // Experience is counted to the roster's date: at hiring it was that much less.
      const atHire = experience - Math.max(0, (asOf.getTime() - hired.getTime()) / YEAR_MS);
      young = atHire <= 3 + 1e-9;
    }
    const key = personId(code, name, "") ?? `row:${r}`;
    const dup = keys.get(`${schoolKey({municipality: muni, name: school})}|${key}`);
    if (dup !== undefined) issues.push({...place, severity: "warning", row: r, school, kind: "roster/duplicate-teacher", details: {earlierRow: dup}});
    keys.set(`${schoolKey({municipality: muni, name: school})}|${key}`, r);
    const attributes: RosterTeacher["attributes"] = [];
    for (const [c, header] of h.raw) {
      if (known.has(c)) continue;
      const v = text(r, c);
      if (v) attributes.push({header, value: v});
    }
    teachers.push({no: teachers.length + 1, row: r, key, school: {municipality: muni, name: school}, hired, left, experience, young, attributes});
  }
  if (teachers.length === 0) {
    issues.push({...place, severity: "error", kind: "roster/no-teachers"});
    return {rejected: true, issues, data: empty};
  }
  return {rejected: false, issues, data: {sheet: sheet.name, year, asOf, teachers},
    stats: {teachers: teachers.length, schools: new Set(teachers.map((t) => schoolKey(t.school))).size, year}};
}

function parse(workbook: Workbook, ctx: ParseContext): Parsed<RosterData> {
  const issues: IssueFacts[] = [];
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, accept);
    if (h) return parseSheet(sheet, h, ctx, issues);
  }
  issues.push({file: ctx.file, severity: "error", kind: "roster/no-header"});
  return {rejected: true, issues, data: {sheet: "", year: 0, asOf: new Date(0), teachers: []}};
}

async function store(conn: DuckDBConnection, data: RosterData, {uploadId}: {uploadId: number; file: string}) {
  const ids = await upsertSchools(conn, data.teachers.map((t) => t.school));
  const schoolIds = new Map<string, number>();
  const snap = await conn.createAppender("roster_snapshots");
  for (const id of new Set(ids.values())) {
    snap.appendInteger(uploadId); snap.appendInteger(id); snap.appendInteger(data.year); snap.appendDate(dateValueFromDate(data.asOf));
    snap.endRow();
  }
  snap.closeSync();
  const t = await conn.createAppender("roster_teachers");
  const a = await conn.createAppender("roster_attributes");
  for (const x of data.teachers) {
    const sid = ids.get(schoolKey(x.school))!;
    schoolIds.set(x.school.name, sid);
    t.appendInteger(uploadId); t.appendInteger(x.no); t.appendInteger(sid); t.appendVarchar(x.key);
    x.hired ? t.appendDate(dateValueFromDate(x.hired)) : t.appendNull();
    x.left ? t.appendDate(dateValueFromDate(x.left)) : t.appendNull();
    x.experience === null ? t.appendNull() : t.appendDouble(x.experience);
    x.young === null ? t.appendNull() : t.appendBoolean(x.young);
    t.appendVarchar(data.sheet); t.appendInteger(x.row);
    t.endRow();
    for (const attr of x.attributes) {
      a.appendInteger(uploadId); a.appendInteger(x.no); a.appendVarchar(attr.header); a.appendVarchar(attr.value); a.endRow();
    }
  }
  t.closeSync();
  a.closeSync();
  return {schoolIds};
}

export const rosterKind: FileKind<RosterData> = {
  name: "roster",
  label: "список педагогических работников (даты приёма и увольнения)",
  detect, parse, store
};
