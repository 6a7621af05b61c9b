// Step 1 of reading a quarterly report: find the tables of Forms 1–5 wherever they are — one per
// sheet or stacked on one sheet — by header words, and tell which form each is: a title line above
// it, else its header (Form 1's counts, Forms 4–5's kind of mentor), else the sheet's name
// («Форма 2», «Ф.3»). A title inside always wins over the sheet's name. Pure.
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {fieldOfHeader, formOfSheetName, formOfTitle, type Field, type FormNumber} from "./signatures.ts";

export type Columns = Partial<Record<Field, number>>;

export interface Table {
  form: FormNumber | null;
  /** How the form was told: a title line, the header, the sheet's name. */
  formFrom: "title" | "header" | "sheet-name" | null;
  sheet: Sheet;
  headerRow: number;
  firstDataRow: number;
  columns: Columns;
  /** The right-most column the table reads. */
  width: number;
}

export interface Title {
  sheet: string;
  row: number;
  form: FormNumber;
}

export interface Found {
  tables: Table[];
  titles: Title[];
}

/** Cheap test before the full header match: a header row names the schools' column. */
const SCHOOL_WORD = /организац|^оо$|^школа$|наименование оо/i;
/** Cheap test before the full title match: titles speak of forms, data or participants. */
const TITLE_WORD = /форм|данн|численн|вовлеч|участник/i;

export function rowFields(sheet: Sheet, row: number): Columns {
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
export function isHeaderRow(cols: Columns): boolean {
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

export function nonEmptyColumns(sheet: Sheet, row: number): number[] {
  const out: number[] = [];
  for (let c = 1; c <= sheet.rowLength(row); c++) if (sheet.text(row, c) !== "") out.push(c);
  return out;
}

/** Two-level header: «Количество вовлеченных в программу» over «наставников | наставляемых». */
function headerColumns(sheet: Sheet, row: number, cols: Columns): {columns: Columns; firstDataRow: number} {
  let firstDataRow = row + 1;
  const below = rowFields(sheet, row + 1);
  if ((below.mentors !== undefined || below.mentees !== undefined) && below.school === undefined) {
    for (const [f, c] of Object.entries(below) as Array<[Field, number]>) if (cols[f] === undefined) cols[f] = c;
    firstDataRow = row + 2;
  }
  if (isNumberingRow(sheet, firstDataRow)) firstDataRow++;
  return {columns: cols, firstDataRow};
}

/** The form the table itself tells: Form 1 by its counts, else a title above it, else Forms 4–5 by their mentors. */
function formOfTable(sheet: Sheet, headerRow: number, firstDataRow: number, cols: Columns,
  pendingTitle: FormNumber | null): Pick<Table, "form" | "formFrom"> {
  if (cols.students !== undefined || cols.teachers !== undefined) return {form: 1, formFrom: "header"};
  if (pendingTitle && pendingTitle !== 1) return {form: pendingTitle, formFrom: "title"};
  const sub = normalizeKey(sheet.text(firstDataRow - 1, cols.mentors ?? 0) || sheet.text(headerRow, cols.mentors ?? 0));
  if (/поо|курс|специальност/.test(sub)) return {form: 4, formFrom: "header"};
  if (/место работы|должност/.test(sub)) return {form: 5, formFrom: "header"};
  return {form: null, formFrom: null};
}

/** Form titles on a row («Форма 2», «… по форме «ученик – ученик»»). */
function titleOfRow(sheet: Sheet, row: number): FormNumber | null {
  let form: FormNumber | null = null;
  for (const c of nonEmptyColumns(sheet, row)) {
    const text = sheet.text(row, c);
    if (!TITLE_WORD.test(text)) continue;
    form = formOfTitle(text) ?? form;
  }
  return form;
}

function scanSheet(sheet: Sheet, tables: Table[], titles: Title[]): void {
  let pendingTitle: FormNumber | null = null;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cols = mayBeHeader(sheet, r) ? rowFields(sheet, r) : {};
    if (isHeaderRow(cols)) {
      const {columns, firstDataRow} = headerColumns(sheet, r, cols);
      const width = Math.max(...Object.values(columns).map(Number));
      tables.push({...formOfTable(sheet, r, firstDataRow, columns, pendingTitle), sheet, headerRow: r, firstDataRow, columns, width});
      pendingTitle = null;
      r = firstDataRow - 1;
      continue;
    }
    const form = titleOfRow(sheet, r);
    if (form) { pendingTitle = form; titles.push({sheet: sheet.name, row: r, form}); }
  }
}

/**
 * A sheet named for a form («Форма 2», «Ф.3») gives that form to its one table the sheet itself
 * leaves unnamed; with several unnamed tables on it, none is guessed.
 */
function formsFromSheetNames(workbook: Workbook, tables: Table[]): void {
  for (const sheet of workbook.sheets) {
    const form = formOfSheetName(sheet.name);
    if (form === null || form === 1) continue;
    // The sheet's name is what the person chose to say; the mentors' sub-header is only our guess.
    const open = tables.filter((t) => t.sheet === sheet && (t.formFrom === null || (t.formFrom === "header" && t.form !== 1)));
    if (open.length === 1) Object.assign(open[0]!, {form, formFrom: "sheet-name"});
  }
}

function scanTables(workbook: Workbook): Found {
  const tables: Table[] = [];
  const titles: Title[] = [];
  for (const sheet of workbook.sheets) scanSheet(sheet, tables, titles);
  formsFromSheetNames(workbook, tables);
  return {tables, titles};
}

// detect() and parse() look at the same workbook one after the other: find its tables once.
const tablesOf = new WeakMap<Workbook, Found>();

export function findTables(workbook: Workbook): Found {
  const cached = tablesOf.get(workbook);
  if (cached) return cached;
  const result = scanTables(workbook);
  tablesOf.set(workbook, result);
  return result;
}
