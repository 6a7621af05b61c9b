// A school's indicator table («показатель | количество педагогов | всего педагогов»), for the
// target indicators when no roster is sent. Names are matched to data/config/indicators.json at
// report time, so a region's new indicator needs no code.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";
import {parseCount} from "../cells/parseCount.ts";
import type {Cell, Sheet, Workbook} from "../xlsx/workbook.ts";
import {upsertSchools, schoolKey} from "../../store/schools.ts";
import {columnOf, findHeaderRow, linesAbove, titleFacts, type HeaderRow} from "./common.ts";
import type {DirectoryNote} from "../../store/directory.ts";
import {schoolNameKey} from "../../lib/schoolName.ts";
import {directoryNoteIssues} from "../directory/notes.ts";
import {matchIndicator} from "../../lib/targetIndicators.ts";

export interface IndicatorRow {
  row: number;
  school: {municipality: string; name: string};
  year: number;
  name: string;
  numerator: number;
  denominator: number;
  target: number | null;
}

export interface IndicatorTableData {
  sheet: string;
  rows: IndicatorRow[];
}

const NAME = /показател|^наименование/;
const TOTAL = /всего|общее (количество|число)|общая численность|численность педагог|знаменатель/;
const COUNT = /количеств|число|кол-во|численност|^чел|человек|числитель|факт\S* \(чел/;
const TARGET = /целев|планов|^план|^цель/;
const SCHOOL = /образовательн\S* организац|^оо$|^школа$|^организация$/;
const MUNI = /муниципальн|^район$/;
const YEAR = /^(учебный )?год$|^период$/;

function accept(keys: string[]): boolean {
  return keys.some((k) => NAME.test(k)) && keys.some((k) => TOTAL.test(k)) && keys.some((k) => COUNT.test(k) && !TOTAL.test(k));
}

function detect(workbook: Workbook): number {
  for (const sheet of workbook.sheets) if (findHeaderRow(sheet, accept)) return 0.9;
  return 0;
}

/** A target as written: 60, «60 %», «60%», or a percent-formatted 0.6. */
function targetOf(cell: Cell | undefined): number | null {
  const v = cell?.value;
  if (typeof v === "number") return cell?.percent || (v > 0 && v <= 1 && !Number.isInteger(v)) ? v * 100 : v;
  if (typeof v !== "string") return null;
  const m = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*%?\s*$/.exec(v);
  return m ? Number(m[1]!.replace(",", ".")) : null;
}

function yearOf(text: string): number | null {
  const m = /(20\d{2})\s*[/\-–—]\s*(20\d{2})/.exec(text);
  if (m && Number(m[2]) === Number(m[1]) + 1) return Number(m[2]);
  const y = /^(20\d{2})(\s*(г\.?|год))?$/.exec(text.trim());
  return y ? Number(y[1]) : null;
}

function parseSheet(sheet: Sheet, h: HeaderRow, ctx: ParseContext, issues: IssueFacts[]): Parsed<IndicatorTableData> {
  const place = {file: ctx.file, sheet: sheet.name};
  const total = columnOf(h, TOTAL)!;
  const cols = {
    name: columnOf(h, NAME)!, total, count: columnOf(h, COUNT, new Set([total]))!, target: columnOf(h, TARGET),
    school: columnOf(h, SCHOOL), muni: columnOf(h, MUNI), year: columnOf(h, YEAR)
  };
  const title = titleFacts([...linesAbove(sheet, h.row), sheet.name]);
  // The school: a column, a title line, or the one chosen at upload; the district may be absent (the directory knows it).
  let muni = title.municipality ?? ctx.school?.municipality ?? "", school = title.school ?? ctx.school?.name ?? "", year = title.year;
  const rows: IndicatorRow[] = [];
  const noSchool: number[] = [], noYear: number[] = [];
  const text = (r: number, c: number | null) => (c === null ? "" : sheet.text(r, c));
  for (let r = h.row + 1; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    if (text(r, cols.muni)) muni = text(r, cols.muni);
    if (text(r, cols.school)) school = text(r, cols.school);
    if (text(r, cols.year)) {
      const y = yearOf(text(r, cols.year));
      if (y === null) issues.push({...place, severity: "warning", row: r, column: cols.year, kind: "indicators/bad-year",
        value: text(r, cols.year), expected: "учебный год, например 2024/2025"});
      else year = y;
    }
    const name = collapseSpaces(text(r, cols.name));
    if (!name || /^(итого|всего)/i.test(name)) continue;
    // One issue for all the rows without a school (or a year), not one per row.
    if (!school) { noSchool.push(r); continue; }
    if (year === null) { noYear.push(r); continue; }
    // A count indicator («Проведено мастер-классов»: measure «количество» in the setting) needs no total.
    const isCount = matchIndicator(name, ctx.settings.indicators)?.measure === "count";
    const n = parseCount(sheet.cell(r, cols.count));
    const d = isCount && !text(r, cols.total) ? {ok: true as const, value: 0} : parseCount(sheet.cell(r, cols.total));
    if (!n.ok || !d.ok) {
      const bad = !n.ok ? cols.count : cols.total;
      issues.push({...place, severity: "warning", row: r, column: bad, school, kind: "indicators/bad-count",
        value: text(r, bad) || null, expected: "число педагогов", details: {indicator: name}});
      continue;
    }
    if (!isCount && n.value > d.value) {
      issues.push({...place, severity: "error", row: r, column: cols.count, school, kind: "indicators/count-exceeds-total",
        value: n.value, details: {indicator: name, total: d.value}});
      continue;
    }
    if (d.value === 0 && !isCount) {
      issues.push({...place, severity: "warning", row: r, column: cols.total, school, kind: "indicators/zero-total", details: {indicator: name}});
    }
    let target: number | null = null;
    if (cols.target !== null && text(r, cols.target)) {
      target = targetOf(sheet.cell(r, cols.target));
      if (target === null || (target > 100 && !isCount)) {
        issues.push({...place, severity: "warning", row: r, column: cols.target, school, kind: "indicators/bad-target",
          value: text(r, cols.target), expected: "процент от 0 до 100"});
        target = null;
      }
    }
    rows.push({row: r, school: {municipality: muni, name: school}, year, name, numerator: n.value, denominator: d.value, target});
  }
  if (noSchool.length) issues.push({...place, severity: "error", row: noSchool[0]!, kind: "indicators/no-school", details: {rows: noSchool.length}});
  const other = ctx.school ? rows.find((x) => schoolNameKey(x.school.name) !== schoolNameKey(ctx.school!.name)) : undefined;
  if (other) issues.push({...place, severity: "warning", kind: "school/option-differs", row: other.row, school: other.school.name,
    details: {chosen: ctx.school!.name}});
  if (noYear.length) issues.push({...place, severity: "error", row: noYear[0]!, kind: "indicators/no-year", school, details: {rows: noYear.length}});
  if (rows.length === 0) {
    if (!noSchool.length && !noYear.length) issues.push({...place, severity: "error", kind: "indicators/no-rows"});
    return {rejected: true, issues, data: {sheet: sheet.name, rows}};
  }
  return {rejected: false, issues, data: {sheet: sheet.name, rows},
    stats: {indicators: rows.length, schools: new Set(rows.map((x) => schoolKey(x.school))).size}};
}

function parse(workbook: Workbook, ctx: ParseContext): Parsed<IndicatorTableData> {
  const issues: IssueFacts[] = [];
  for (const sheet of workbook.sheets) {
    const h = findHeaderRow(sheet, accept);
    if (h) return parseSheet(sheet, h, ctx, issues);
  }
  issues.push({file: ctx.file, severity: "error", kind: "indicators/no-header"});
  return {rejected: true, issues, data: {sheet: "", rows: []}};
}

async function store(conn: DuckDBConnection, data: IndicatorTableData, {uploadId, file}: {uploadId: number; file: string}) {
  const notes: DirectoryNote[] = [];
  const ids = await upsertSchools(conn, data.rows.map((r) => r.school), {origin: "indicators", uploadId, notes});
  const schoolIds = new Map<string, number>();
  const a = await conn.createAppender("indicator_values");
  for (const x of data.rows) {
    const sid = ids.get(schoolKey(x.school))!;
    schoolIds.set(x.school.name, sid);
    a.appendInteger(uploadId); a.appendInteger(sid); a.appendInteger(x.year); a.appendVarchar(x.name);
    a.appendInteger(x.numerator); a.appendInteger(x.denominator);
    x.target === null ? a.appendNull() : a.appendDouble(x.target);
    a.appendVarchar(data.sheet); a.appendInteger(x.row);
    a.endRow();
  }
  a.closeSync();
  return {schoolIds, issues: directoryNoteIssues(notes, file, "indicators")};
}

export const indicatorTableKind: FileKind<IndicatorTableData> = {
  name: "indicators",
  label: "таблица целевых показателей школы (показатель, количество педагогов, всего педагогов)",
  detect, parse, store,
  schoolsNamed: (data) => data.rows.map((r) => ({name: r.school.name, municipality: r.school.municipality, sheet: data.sheet, row: r.row}))
};
