// Reads Forms 1–5 of a quarterly report wherever they are (seed 003), in named steps: find the
// tables (tables.ts), read each table's rows and check its «Итого» (rows.ts, totals.ts), find the
// quarter (period.ts), then check Form 1 against Forms 2–5 (crossChecks.ts). A table that cannot be
// read leaves its schools out of every sum until a better file comes (a «gap»). Pure: workbook in,
// rows and issues out.
import type {IssueFacts} from "../issues.ts";
import type {Claims, ParseContext, Parsed} from "../fileKind.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {cleanName} from "../../lib/normalizeText.ts";
import {municipalityKey, schoolInTitle, schoolNameKey} from "../../lib/schoolName.ts";
import {findTables, nonEmptyColumns, type Table} from "./tables.ts";
import {readTable, schoolsOfTable, type EngagementRow, type FallbackSchool, type Form1Row} from "./rows.ts";
import {periodOf} from "./period.ts";
import {crossCheck} from "./crossChecks.ts";

export {findTables} from "./tables.ts";
export type {EngagementRow, Form1Row} from "./rows.ts";

/** A part of the file that could not be read, and the school it leaves incomplete (null: every school of the file). */
export interface FormsGap {
  school: string | null;
  municipality: string;
  reason: "table-unknown";
  sheet: string;
  row: number;
}

export interface FormsData {
  period: string;
  form1: Form1Row[];
  engagement: EngagementRow[];
  gaps: FormsGap[];
}


interface Read {
  form1: Form1Row[];
  engagement: EngagementRow[];
  gaps: FormsGap[];
  issues: IssueFacts[];
  /** Rows inside tables, per sheet: titles are looked for elsewhere. */
  tableRows: Map<Sheet, Set<number>>;
}

/** Where the school comes from when rows name none: chosen at upload, else a title line outside the tables. */
function fallbackSchool(workbook: Workbook, tables: Table[], context: ParseContext): FallbackSchool | null {
  if (context.school) return {name: context.school.name, municipality: context.school.municipality};
  for (const sheet of workbook.sheets) {
    const first = tables.find((t) => t.sheet === sheet)?.headerRow ?? sheet.rowCount + 1;
    for (let r = 1; r < Math.min(first, 30); r++) {
      for (const c of nonEmptyColumns(sheet, r)) {
        const name = schoolInTitle(sheet.text(r, c));
        if (name) return {name: cleanName(name), municipality: ""};
      }
    }
  }
  return null;
}

/** A table whose form is unknown: an issue, and a gap for each school it names. */
function unknownTable(table: Table, stopAt: number, file: string): {issue: IssueFacts; gaps: FormsGap[]} {
  const issue: IssueFacts = {severity: "error", kind: "table/form-unknown", file, sheet: table.sheet.name, row: table.headerRow,
    column: table.columns.school ?? null};
  const named = schoolsOfTable(table, stopAt);
  const gaps: FormsGap[] = named.length
    ? named.map((s) => ({school: s.school, municipality: s.municipality, reason: "table-unknown", sheet: table.sheet.name, row: table.headerRow}))
    : [{school: null, municipality: "", reason: "table-unknown", sheet: table.sheet.name, row: table.headerRow}];
  return {issue, gaps};
}

/** Steps 1–3: every table found, read up to the next table on its sheet. */
function readTables(workbook: Workbook, context: ParseContext): Read {
  const {tables} = findTables(workbook);
  const out: Read = {form1: [], engagement: [], gaps: [], issues: [], tableRows: new Map()};
  const mark = (sheet: Sheet, rows: number[]) => {
    const set = out.tableRows.get(sheet) ?? new Set<number>();
    for (const r of rows) set.add(r);
    out.tableRows.set(sheet, set);
  };
  // Looked for only when a row names no school (most files name theirs on every row).
  let fallback: FallbackSchool | null | undefined;
  const fallbackOnce = () => (fallback === undefined ? (fallback = fallbackSchool(workbook, tables, context)) : fallback);
  tables.forEach((table, i) => {
    const next = tables[i + 1];
    const stopAt = next && next.sheet === table.sheet ? next.headerRow : table.sheet.rowCount + 1;
    mark(table.sheet, Array.from({length: table.firstDataRow - table.headerRow}, (_, k) => table.headerRow + k));
    if (table.form === null) {
      const {issue, gaps} = unknownTable(table, stopAt, context.file);
      out.issues.push(issue);
      out.gaps.push(...gaps);
      return;
    }
    const rows = readTable(table, stopAt, context.file, fallbackOnce);
    // Not push(...rows): a sheet of 200,000 rows would overflow the call stack.
    for (const r of rows.form1) out.form1.push(r);
    for (const r of rows.engagement) out.engagement.push(r);
    for (const i of rows.issues) out.issues.push(i);
    mark(table.sheet, rows.used);
  });
  return out;
}

/** Gaps name schools as the unknown table wrote them: store them under Form 1's spelling where it is the same school. */
function alignGaps(gaps: FormsGap[], form1: Form1Row[]): FormsGap[] {
  return gaps.map((g) => {
    if (g.school === null) return g;
    const f1 = form1.find((r) => schoolNameKey(r.school) === schoolNameKey(g.school!));
    return f1 ? {...g, school: f1.school, municipality: g.municipality || f1.municipality} : g;
  });
}

function claimsOf(read: Read, period: string | null): Claims {
  return {period, schools: read.form1.map((r) => ({municipality: r.municipality, name: r.school}))};
}

/**
 * The first row of the file that names a school other than the uploader's own (issue 16 §4): a
 * school representative's report must speak only about her school. Names are compared by their
 * keys (lib/schoolName.ts), against every name the school is known by; a district, where the row
 * gives one, must be the school's.
 */
function foreignRow(rows: Array<{school: string; municipality: string; sheet?: string; row?: number}>,
  own: NonNullable<ParseContext["school"]>): {school: string; municipality: string; sheet?: string; row?: number} | undefined {
  const names = new Set([own.name, ...(own.aliases ?? [])].map(schoolNameKey));
  const district = municipalityKey(own.municipality);
  return rows.find((r) => !names.has(schoolNameKey(r.school)) || (district !== "" && municipalityKey(r.municipality) !== "" &&
    municipalityKey(r.municipality) !== district));
}

export function parseForms(workbook: Workbook, context: ParseContext): Parsed<FormsData> {
  const file = context.file;
  const read = readTables(workbook, context);
  const empty: FormsData = {period: "", form1: [], engagement: [], gaps: []};
  if (!findTables(workbook).tables.length) {
    return {rejected: true, data: empty, issues: [{severity: "error", kind: "forms/no-tables", file}],
      claims: {period: context.period ?? null, schools: context.school ? [context.school] : []}};
  }
  const period = periodOf(workbook, read.tableRows, file, context.period);
  if (!period.ok) {
    return {rejected: true, data: empty, issues: [...read.issues, ...period.issues], claims: claimsOf(read, null)};
  }
  const checked = crossCheck(read.form1, read.engagement, file, period.period);
  const own = context.school?.locked ? context.school : undefined;
  const foreign = own ? foreignRow([...checked.form1, ...checked.engagement], own) : undefined;
  if (own && foreign) {
    return {rejected: true, data: empty, claims: {period: null, noPeriod: true, schools: [{municipality: own.municipality, name: own.name}]},
      issues: [{severity: "error", kind: "school/option-differs", file, sheet: foreign.sheet ?? null, row: foreign.row ?? null, school: foreign.school,
        details: {chosen: own.name, locked: true, municipality: foreign.municipality}}]};
  }
  const issues = [...read.issues, ...period.issues, ...checked.issues];
  const schools = new Set(checked.form1.map((r) => `${r.municipality}|${r.school}`));
  for (const r of checked.engagement) schools.add(`${r.municipality}|${r.school}`);
  return {
    rejected: false,
    period: period.period,
    issues,
    data: {period: period.period, form1: checked.form1, engagement: checked.engagement, gaps: alignGaps(read.gaps, checked.form1)},
    stats: {schools: schools.size, rows: checked.form1.length + checked.engagement.length}
  };
}
