// Step 2 of reading a quarterly report: a table's rows. Counts as people write them, districts and
// schools written once for their block (or merged down), result texts spilled onto the next row,
// «Итого» rows checked (totals.ts), notes under the table ending it. Pure.
import type {IssueBase, IssueFacts, IssueKind, Severity} from "../issues.ts";
import type {Sheet} from "../xlsx/workbook.ts";
import {cleanName, collapseSpaces, normalizeKey} from "../../lib/normalizeText.ts";
import {parseCount, type CountResult} from "../cells/parseCount.ts";
import {formOfTitle, isTotalLabel, type Field} from "./signatures.ts";
import {isHeaderRow, nonEmptyColumns, rowFields, type Table} from "./tables.ts";
import {checkTotalRow, Sums} from "./totals.ts";

export interface Form1Row {
  /** "" when the file names no district for the school (the directory may know it). */
  municipality: string;
  school: string;
  students: number | null;
  teachers: number | null;
  youngTeachers: number | null;
  /**
   * Form 1's «Контакты» (the director's name, phone, e-mail as written; at most 300 characters),
   * null when empty. Personal data: stored apart (school_contacts), shown to the methodologist only.
   */
  contact: string | null;
  sheet: string;
  row: number;
  /** Column of the school's name, where issues about the school point. */
  column: number;
}

export interface EngagementRow {
  municipality: string;
  school: string;
  form: 2 | 3 | 4 | 5;
  programme: string | null;
  mentors: number | null;
  mentees: number | null;
  result: string | null;
  sheet: string;
  row: number;
  column: number;
}

export interface TableRows {
  form1: Form1Row[];
  engagement: EngagementRow[];
  issues: IssueFacts[];
  /** Rows the table covers (header, data, totals): the period is never looked for there. */
  used: number[];
}

/** The school and district for rows that name none: chosen at upload, or named in a title. */
export interface FallbackSchool {
  name: string;
  municipality: string;
}

const COUNT_FIELDS = {1: ["students", "teachers", "youngTeachers"], 2: ["mentors", "mentees"]} as const;
const NOTE = /^(примечание|внимание|\*|при заполнении|при учете|исполнитель|ответственн|руководитель|директор|подпись|м\.?\s?п\.?|дата)/;

const WHAT: Record<string, string> = {
  students: "число детей 10–19 лет", teachers: "число педагогических работников", youngTeachers: "число молодых специалистов",
  mentors: "число наставников", mentees: "число наставляемых"
};

const COUNT_ISSUES = {
  "empty": ["warning", "cell/empty-count"],
  "not-a-number": ["error", "cell/not-a-number"],
  "ambiguous": ["error", "cell/ambiguous-count"],
  "negative": ["error", "cell/negative-count"],
  "fractional": ["error", "cell/fractional-count"],
  "formula-no-result": ["error", "cell/formula-no-result"],
  "error": ["error", "cell/excel-error"]
} as const satisfies Record<string, readonly [Severity, IssueKind]>;

function countIssue(result: CountResult, place: Omit<IssueBase, "severity">, what: string): IssueFacts | null {
  if (result.ok) return result.note === "dash" ? {...place, severity: "info", kind: "cell/dash-as-zero", expected: what} : null;
  const [severity, kind] = COUNT_ISSUES[result.reason];
  return {...place, severity, kind, expected: what};
}

/** A note under (or between) tables: one text, in the first columns or spread across the table. */
function isNoteRow(sheet: Sheet, row: number, table: Table): boolean {
  const cols = nonEmptyColumns(sheet, row);
  if (cols.length !== 1) return false;
  const c = cols[0]!;
  const text = normalizeKey(sheet.text(row, c));
  const merge = sheet.mergeAt(row, c);
  const wide = !!merge && merge.right - merge.left >= 2;
  const leading = c === table.columns.municipality || c === table.columns.number || c < (table.columns.school ?? 2);
  return NOTE.test(text) || wide || (leading && text.length > 40);
}

/** A row that continues a table: a school or a count, and not a note, a title or a header. */
function isDataLike(sheet: Sheet, row: number, table: Table): boolean {
  if (isNoteRow(sheet, row, table) || isHeaderRow(rowFields(sheet, row))) return false;
  if (nonEmptyColumns(sheet, row).some((c) => formOfTitle(sheet.text(row, c)) !== null)) return false;
  const {school, mentors, mentees, students, teachers} = table.columns;
  return [school, mentors, mentees, students, teachers].some((c) => c !== undefined && sheet.text(row, c) !== "");
}

function masterText(sheet: Sheet, row: number, column: number | undefined): string {
  if (column === undefined) return "";
  const own = sheet.text(row, column);
  if (own) return own;
  const m = sheet.mergeAt(row, column);
  return m ? sheet.text(m.top, m.left) : "";
}

function isTotalRow(sheet: Sheet, row: number, table: Table): boolean {
  const {number, municipality, school, programme} = table.columns;
  const lead = [number, municipality, school, programme].filter((c): c is number => c !== undefined).map((c) => sheet.text(row, c));
  const first = nonEmptyColumns(sheet, row)[0];
  return lead.some(isTotalLabel) || (first !== undefined && isTotalLabel(sheet.text(row, first)));
}

/** After an «Итого»: more rows of the same table follow (it was a subtotal), or the table ends. */
function continuesAfterTotal(sheet: Sheet, row: number, stopAt: number, table: Table): boolean {
  let next = row + 1;
  while (next < stopAt && sheet.isBlankRow(next)) next++;
  return next < stopAt && isDataLike(sheet, next, table);
}

function countFieldsOf(table: Table): readonly Field[] {
  return (table.form === 1 ? COUNT_FIELDS[1] : COUNT_FIELDS[2]) as readonly Field[];
}

/** Reads the counts of one data row, adding them to the sums; unreadable cells become issues. */
function readCounts(sheet: Sheet, row: number, table: Table, sums: Sums, school: string, file: string,
  issues: IssueFacts[]): Map<Field, number | null> {
  const counts = new Map<Field, number | null>();
  for (const f of sums.fields) {
    const c = table.columns[f];
    // A merged follower repeats nothing: its count lives in the master cell, counted once.
    if (c === undefined || sheet.isMergedFollower(row, c)) { counts.set(f, null); continue; }
    const cell = sheet.cell(row, c);
    const result = parseCount(cell);
    const issue = countIssue(result, {file, sheet: sheet.name, row, column: c, school, value: cell?.value ?? null}, WHAT[f]!);
    if (issue) issues.push(issue);
    const value = result.ok ? result.value : result.reason === "empty" ? 0 : null;
    counts.set(f, value);
    if (value !== null) sums.add(f, value);
  }
  return counts;
}

/** A contact cell as one line of at most 300 characters, or null. */
function contactOf(sheet: Sheet, r: number, column: number | undefined): string | null {
  if (column === undefined) return null;
  const t = collapseSpaces(sheet.text(r, column).replace(/[\r\n\t]+/g, " ")).trim();
  return t ? t.slice(0, 300) : null;
}

/** Values inside the table's width but outside its columns: read by nobody, so named. */
function unreadCells(sheet: Sheet, row: number, table: Table, school: string, file: string): IssueFacts[] {
  const read = new Set(Object.values(table.columns));
  return nonEmptyColumns(sheet, row).filter((c) => !read.has(c) && c <= table.width + 2)
    .map((c) => ({severity: "warning" as const, kind: "cell/unread", file, sheet: sheet.name, row, column: c, school, value: sheet.value(row, c)}));
}

/** Reads one table whose form is known, from its first data row to `stopAt` (the next table's header). */
export function readTable(table: Table, stopAt: number, file: string, fallback: () => FallbackSchool | null): TableRows {
  const {sheet, columns} = table;
  const form = table.form!;
  const out: TableRows = {form1: [], engagement: [], issues: [], used: []};
  const sums = new Sums(countFieldsOf(table));
  let municipality = "", school = "", blankRun = 0;
  let last: EngagementRow | null = null;
  const noSchool: number[] = [];
  for (let r = table.firstDataRow; r < stopAt; r++) {
    if (sheet.isBlankRow(r)) {
      if (++blankRun >= 3) break;
      continue;
    }
    blankRun = 0;
    if (isTotalRow(sheet, r, table)) {
      out.used.push(r);
      out.issues.push(...checkTotalRow(sheet, r, columns, form, sums, file));
      if (continuesAfterTotal(sheet, r, stopAt, table)) continue;
      break;
    }
    if (isNoteRow(sheet, r, table)) break;
    const only = nonEmptyColumns(sheet, r);
    if (only.length === 1 && only[0] === columns.result && last) {
      // A result text that spilled into the next row belongs to the row above.
      last.result = [last.result, sheet.text(r, columns.result!)].filter(Boolean).join(" ");
      out.used.push(r);
      continue;
    }
    out.used.push(r);
    const m = masterText(sheet, r, columns.municipality);
    if (m) municipality = cleanName(m);
    const s = masterText(sheet, r, columns.school);
    if (s) school = cleanName(s);
    const hasCounts = sums.fields.some((f) => columns[f] !== undefined && sheet.text(r, columns[f]!) !== "");
    const programme = columns.programme !== undefined ? sheet.text(r, columns.programme) || null : null;
    if (!s && !hasCounts && !programme) continue;
    const given = school ? null : fallback();
    if (given) { school = given.name; municipality ||= given.municipality; }
    if (!school) { noSchool.push(r); continue; }
    const counts = readCounts(sheet, r, table, sums, school, file, out.issues);
    out.issues.push(...unreadCells(sheet, r, table, school, file));
    const place = {sheet: sheet.name, row: r, column: columns.school!};
    if (form === 1) {
      out.form1.push({municipality, school, students: counts.get("students") ?? null, teachers: counts.get("teachers") ?? null,
        youngTeachers: counts.get("youngTeachers") ?? null, contact: contactOf(sheet, r, columns.contacts), ...place});
    } else {
      last = {municipality, school, form, programme, mentors: counts.get("mentors") ?? null, mentees: counts.get("mentees") ?? null,
        result: columns.result !== undefined ? sheet.text(r, columns.result) || null : null, ...place};
      out.engagement.push(last);
    }
  }
  // One issue for the table's rows without a school, not one per row.
  if (noSchool.length) {
    out.issues.push({severity: "error", kind: "row/no-school", file, sheet: sheet.name, row: noSchool[0]!, column: columns.school ?? null,
      details: {form, rows: noSchool.length}});
  }
  return out;
}

/** The schools a table names in its school column (for a table that cannot be read as a form). */
export function schoolsOfTable(table: Table, stopAt: number): Array<{municipality: string; school: string; row: number}> {
  const {sheet, columns} = table;
  const out: Array<{municipality: string; school: string; row: number}> = [];
  let municipality = "", blankRun = 0;
  for (let r = table.firstDataRow; r < stopAt; r++) {
    if (sheet.isBlankRow(r)) { if (++blankRun >= 3) break; continue; }
    blankRun = 0;
    if (isTotalRow(sheet, r, table) || isNoteRow(sheet, r, table)) break;
    const m = masterText(sheet, r, columns.municipality);
    if (m) municipality = cleanName(m);
    const s = masterText(sheet, r, columns.school);
    if (s && !out.some((o) => o.school === cleanName(s))) out.push({municipality, school: cleanName(s), row: r});
  }
  return out;
}
