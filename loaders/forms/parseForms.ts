// Reads Forms 1–5 of a quarterly report wherever they are: one per sheet or stacked on one sheet,
// found by title lines and header words, never by position (issue «Quarterly reports» §3).
// Pure: workbook in, rows and issues out.
import type {IssueFacts} from "../issues.ts";
import type {Parsed, ParseContext} from "../fileKind.ts";
import {Sheet, type Workbook} from "../xlsx/workbook.ts";
import {cleanName, normalizeKey} from "../../lib/normalizeText.ts";
import {parseCount, type CountResult} from "../cells/parseCount.ts";
import {fieldOfHeader, formOfTitle, isTotalLabel, periodOfText, type Field, type FormNumber} from "./signatures.ts";

export interface Form1Row {
  municipality: string;
  school: string;
  students: number | null;
  teachers: number | null;
  youngTeachers: number | null;
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

export interface FormsData {
  period: string;
  form1: Form1Row[];
  engagement: EngagementRow[];
}

type Columns = Partial<Record<Field, number>>;

interface Table {
  form: FormNumber | null;
  sheet: Sheet;
  headerRow: number;
  firstDataRow: number;
  columns: Columns;
  /** Columns of the table's width that hold no field we read. */
  width: number;
}

const COUNT_FIELDS = {1: ["students", "teachers", "youngTeachers"], 2: ["mentors", "mentees"]} as const;
const NOTE = /^(примечание|внимание|\*|при заполнении|при учете|исполнитель|ответственн|руководитель|директор|подпись|м\.?\s?п\.?|дата)/;

/** Cheap test before the full header match: a header row names the schools' column. */
const SCHOOL_WORD = /организац|^оо$|^школа$|наименование оо/i;
/** Cheap test before the full title match: titles speak of forms, data or participants. */
const TITLE_WORD = /форм|данн|численн|вовлеч|участник/i;

function rowFields(sheet: Sheet, row: number): Columns {
  const cols: Columns = {};
  for (let c = 1; c <= sheet.rowLength(row); c++) {
    const text = sheet.text(row, c);
    if (!text || text.length > 200) continue;
    const f = fieldOfHeader(text);
    if (f && cols[f] === undefined) cols[f] = c;
  }
  return cols;
}

/** Cheap pre-check: could this row be a header at all (does it name the schools' column)? */
function mayBeHeader(sheet: Sheet, row: number): boolean {
  return sheet.rowValues(row).some((v) => typeof v === "string" && SCHOOL_WORD.test(v.trim()));
}

/** A header row names the school column and either the district or a count column. */
function isHeaderRow(cols: Columns): boolean {
  if (cols.school === undefined) return false;
  return cols.municipality !== undefined || cols.students !== undefined || cols.programme !== undefined
    || cols.mentors !== undefined || cols.mentees !== undefined;
}

/** «1 | 2 | 3 | 4 | 5 | 6» under a header: column numbers, not data. */
function isNumberingRow(sheet: Sheet, row: number): boolean {
  const values = sheet.rowValues(row).filter((v) => v !== null && v !== undefined && v !== "");
  if (values.length < 3) return false;
  return values.every((v, i) => Number(v) === Number(values[0]) + i) && Number(values[0]) === 1;
}

function nonEmptyColumns(sheet: Sheet, row: number): number[] {
  const out: number[] = [];
  for (let c = 1; c <= sheet.rowLength(row); c++) if (sheet.text(row, c) !== "") out.push(c);
  return out;
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

function countIssue(result: CountResult, place: Omit<IssueFacts, "severity" | "kind">, what: string): IssueFacts | null {
  if (result.ok) {
    return result.note === "dash" ? {...place, severity: "info", kind: "cell/dash-as-zero", expected: what} : null;
  }
  const kinds: Record<string, [IssueFacts["severity"], string]> = {
    "empty": ["warning", "cell/empty-count"],
    "not-a-number": ["error", "cell/not-a-number"],
    "ambiguous": ["error", "cell/ambiguous-count"],
    "negative": ["error", "cell/negative-count"],
    "fractional": ["error", "cell/fractional-count"],
    "formula-no-result": ["error", "cell/formula-no-result"],
    "error": ["error", "cell/excel-error"]
  };
  const [severity, kind] = kinds[result.reason]!;
  return {...place, severity, kind, expected: what};
}

const WHAT: Record<string, string> = {
  students: "число детей 10–19 лет", teachers: "число педагогических работников", youngTeachers: "число молодых специалистов",
  mentors: "число наставников", mentees: "число наставляемых"
};

type Found = {tables: Table[]; titles: Array<{sheet: string; row: number; form: FormNumber}>};
// detect() and parse() look at the same workbook one after the other: find its tables once.
const tablesOf = new WeakMap<Workbook, Found>();

export function findTables(workbook: Workbook): Found {
  const cached = tablesOf.get(workbook);
  if (cached) return cached;
  const result = scanTables(workbook);
  tablesOf.set(workbook, result);
  return result;
}

function scanTables(workbook: Workbook): Found {
  const tables: Table[] = [];
  const titles: Array<{sheet: string; row: number; form: FormNumber}> = [];
  for (const sheet of workbook.sheets) {
    let pendingForm: FormNumber | null = null;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const cols = mayBeHeader(sheet, r) ? rowFields(sheet, r) : {};
      if (isHeaderRow(cols)) {
        let firstDataRow = r + 1;
        const below = rowFields(sheet, r + 1);
        // Two-level header: «Количество вовлеченных в программу» over «наставников | наставляемых».
        if ((below.mentors !== undefined || below.mentees !== undefined) && below.school === undefined) {
          for (const [f, c] of Object.entries(below) as Array<[Field, number]>) if (cols[f] === undefined) cols[f] = c;
          firstDataRow = r + 2;
        }
        if (isNumberingRow(sheet, firstDataRow)) firstDataRow++;
        let form: FormNumber | null = null;
        if (cols.students !== undefined || cols.teachers !== undefined) form = 1;
        else if (pendingForm && pendingForm !== 1) form = pendingForm;
        else {
          // Forms 4 and 5 say who their mentors are in the sub-header.
          const sub = normalizeKey(sheet.text(firstDataRow - 1, cols.mentors ?? 0) || sheet.text(r, cols.mentors ?? 0));
          if (/поо|курс|специальност/.test(sub)) form = 4;
          else if (/место работы|должност/.test(sub)) form = 5;
        }
        const width = Math.max(...Object.values(cols).map(Number));
        tables.push({form, sheet, headerRow: r, firstDataRow, columns: cols, width});
        pendingForm = null;
        r = firstDataRow - 1;
        continue;
      }
      for (const c of nonEmptyColumns(sheet, r)) {
        const text = sheet.text(r, c);
        if (!TITLE_WORD.test(text)) continue;
        const form = formOfTitle(text);
        if (form) { pendingForm = form; titles.push({sheet: sheet.name, row: r, form}); }
      }
    }
  }
  return {tables, titles};
}

export function parseForms(workbook: Workbook, context: ParseContext): Parsed<FormsData> {
  const issues: IssueFacts[] = [];
  const file = context.file;
  const {tables} = findTables(workbook);
  const form1: Form1Row[] = [];
  const engagement: EngagementRow[] = [];
  const tableRows = new Map<Sheet, Set<number>>();
  const mark = (sheet: Sheet, from: number, to: number) => {
    const set = tableRows.get(sheet) ?? new Set<number>();
    for (let r = from; r <= to; r++) set.add(r);
    tableRows.set(sheet, set);
  };

  for (const [index, table] of tables.entries()) {
    const {sheet, columns} = table;
    const next = tables[index + 1];
    const stopAt = next && next.sheet === sheet ? next.headerRow : sheet.rowCount + 1;
    mark(sheet, table.headerRow, table.firstDataRow - 1);
    if (table.form === null) {
      issues.push({severity: "error", kind: "table/form-unknown", file, sheet: sheet.name, row: table.headerRow,
        column: columns.school ?? null});
      continue;
    }
    const form = table.form;
    const countFields = (form === 1 ? COUNT_FIELDS[1] : COUNT_FIELDS[2]) as readonly Field[];
    // Sums of the whole table and of the block since the last subtotal («Итого по району»).
    const sums = new Map<Field, number>(countFields.map((f) => [f, 0]));
    let block = new Map<Field, number>(countFields.map((f) => [f, 0]));
    const readCols = new Set(Object.values(columns));
    let municipality = "", school = "";
    let blankRun = 0;
    let last: EngagementRow | null = null;
    for (let r = table.firstDataRow; r < stopAt; r++) {
      if (sheet.isBlankRow(r)) {
        if (++blankRun >= 3) break;
        continue;
      }
      blankRun = 0;
      const lead = [columns.number, columns.municipality, columns.school, columns.programme]
        .filter((c): c is number => c !== undefined).map((c) => sheet.text(r, c));
      if (lead.some(isTotalLabel) || (nonEmptyColumns(sheet, r)[0] !== undefined && isTotalLabel(sheet.text(r, nonEmptyColumns(sheet, r)[0]!)))) {
        mark(sheet, r, r);
        for (const f of countFields) {
          const c = columns[f];
          if (c === undefined) continue;
          const cell = sheet.cell(r, c);
          const stated = parseCount(cell);
          const place = {file, sheet: sheet.name, row: r, column: c, value: cell?.value ?? cell?.formula ?? null};
          if (stated.ok) {
            if (stated.value !== block.get(f) && stated.value !== sums.get(f)) {
              issues.push({...place, severity: "error", kind: "table/total-mismatch",
                details: {form, field: f, stated: stated.value, computed: block.get(f)}});
            }
          } else if (stated.reason === "formula-no-result") {
            issues.push({...place, severity: "info", kind: "table/total-not-calculated", details: {form}});
          } else if (stated.reason !== "empty") {
            issues.push({...place, severity: "warning", kind: "table/total-unreadable", details: {form}});
          }
        }
        block = new Map<Field, number>(countFields.map((f) => [f, 0]));
        // A subtotal when more rows of the same table follow; otherwise the table ends here.
        let next = r + 1;
        while (next < stopAt && sheet.isBlankRow(next)) next++;
        if (next < stopAt && isDataLike(sheet, next, table)) continue;
        break;
      }
      if (isNoteRow(sheet, r, table)) break;
      const only = nonEmptyColumns(sheet, r);
      if (only.length === 1 && only[0] === columns.result && last) {
        // A result text that spilled into the next row belongs to the row above.
        last.result = [last.result, sheet.text(r, columns.result!)].filter(Boolean).join(" ");
        mark(sheet, r, r);
        continue;
      }
      mark(sheet, r, r);
      const m = masterText(sheet, r, columns.municipality);
      if (m) municipality = cleanName(m);
      const s = masterText(sheet, r, columns.school);
      if (s) school = cleanName(s);
      const counts = new Map<Field, number | null>();
      const hasCounts = countFields.some((f) => columns[f] !== undefined && sheet.text(r, columns[f]!) !== "");
      const programme = columns.programme !== undefined ? sheet.text(r, columns.programme) || null : null;
      if (!s && !hasCounts && !programme) continue;
      if (!school) {
        issues.push({severity: "error", kind: "row/no-school", file, sheet: sheet.name, row: r, column: columns.school ?? null,
          details: {form}});
        continue;
      }
      for (const f of countFields) {
        const c = columns[f];
        if (c === undefined) { counts.set(f, null); continue; }
        const cell = sheet.cell(r, c);
        // A merged follower repeats nothing: its count lives in the master cell, counted once.
        if (sheet.isMergedFollower(r, c)) { counts.set(f, null); continue; }
        const result = parseCount(cell);
        const issue = countIssue(result, {file, sheet: sheet.name, row: r, column: c, school, value: cell?.value ?? null}, WHAT[f]!);
        if (issue) issues.push(issue);
        const value = result.ok ? result.value : result.reason === "empty" ? 0 : null;
        counts.set(f, value);
        if (value !== null) {
          sums.set(f, sums.get(f)! + value);
          block.set(f, block.get(f)! + value);
        }
      }
      for (const c of nonEmptyColumns(sheet, r)) {
        if (readCols.has(c) || c > table.width + 2) continue;
        issues.push({severity: "warning", kind: "cell/unread", file, sheet: sheet.name, row: r, column: c, school,
          value: sheet.value(r, c)});
      }
      if (form === 1) {
        form1.push({municipality, school, students: counts.get("students") ?? null, teachers: counts.get("teachers") ?? null,
          youngTeachers: counts.get("youngTeachers") ?? null, sheet: sheet.name, row: r, column: columns.school!});
      } else {
        last = {municipality, school, form, programme, mentors: counts.get("mentors") ?? null,
          mentees: counts.get("mentees") ?? null, result: columns.result !== undefined ? sheet.text(r, columns.result) || null : null,
          sheet: sheet.name, row: r, column: columns.school!};
        engagement.push(last);
      }
    }
  }

  if (tables.length === 0) {
    return {rejected: true, data: {period: "", form1, engagement},
      issues: [{severity: "error", kind: "forms/no-tables", file}]};
  }

  // Period: from title lines outside the tables, else from --period.
  const found = new Map<string, {sheet: string; row: number; column: number; text: string}>();
  for (const sheet of workbook.sheets) {
    const inTable = tableRows.get(sheet);
    for (let r = 1; r <= sheet.rowCount; r++) {
      if (inTable?.has(r)) continue;
      for (const c of nonEmptyColumns(sheet, r)) {
        const p = periodOfText(sheet.text(r, c));
        if (p && !found.has(p)) found.set(p, {sheet: sheet.name, row: r, column: c, text: sheet.text(r, c)});
      }
    }
  }
  let period: string | null = null;
  if (found.size === 1) {
    period = [...found.keys()][0]!;
    if (context.period && context.period !== period) {
      const at = found.get(period)!;
      issues.push({severity: "warning", kind: "file/period-option-ignored", file, sheet: at.sheet, row: at.row, column: at.column,
        value: at.text, details: {option: context.period, period}});
    }
  } else if (found.size > 1) {
    if (context.period && found.has(context.period)) period = context.period;
    else {
      const [a, b] = [...found.values()];
      return {rejected: true, data: {period: "", form1, engagement}, issues: [...issues,
        {severity: "error", kind: "file/period-conflict", file, sheet: b!.sheet, row: b!.row, column: b!.column, value: b!.text,
          details: {periods: [...found.keys()], first: a!.text}}]};
    }
  } else if (context.period) {
    period = context.period;
  } else {
    return {rejected: true, data: {period: "", form1, engagement}, issues: [...issues, {severity: "error", kind: "file/no-period", file}]};
  }

  // Districts written only in Form 1; schools of Forms 2–5 missing from Form 1.
  const form1ByName = new Map<string, Form1Row>();
  for (const row of form1) {
    const key = normalizeKey(row.school);
    if (form1ByName.has(key)) {
      issues.push({severity: "error", kind: "school/duplicate-in-form1", file, sheet: row.sheet, row: row.row, school: row.school,
        column: row.column});
      continue;
    }
    form1ByName.set(key, row);
    if (!row.municipality) {
      issues.push({severity: "error", kind: "row/no-municipality", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school});
    }
  }
  const missing = new Set<string>();
  for (const row of engagement) {
    const f1 = form1ByName.get(normalizeKey(row.school));
    if (f1 && !row.municipality) row.municipality = f1.municipality;
    if (!f1 && !missing.has(normalizeKey(row.school))) {
      missing.add(normalizeKey(row.school));
      issues.push({severity: "warning", kind: "school/missing-from-form1", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school,
        details: {form: row.form}});
    }
    if (!row.municipality) {
      issues.push({severity: "error", kind: "row/no-municipality", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school});
    }
  }
  const engaged = new Set(engagement.map((e) => normalizeKey(e.school)));
  for (const row of form1ByName.values()) {
    if (!engaged.has(normalizeKey(row.school))) {
      issues.push({severity: "info", kind: "school/no-engagement", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school,
        details: {period}});
    }
  }
  const keptForm1 = [...form1ByName.values()].filter((r) => r.municipality);
  const keptEngagement = engagement.filter((r) => r.municipality);
  return {
    rejected: false,
    period,
    issues,
    data: {period, form1: keptForm1, engagement: keptEngagement},
    stats: {schools: new Set([...keptForm1, ...keptEngagement].map((r) => normalizeKey(r.school))).size,
      rows: keptForm1.length + keptEngagement.length}
  };
}
