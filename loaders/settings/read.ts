// Finds the settings tables in an uploaded workbook (settings/*.ts describe their sheets) and reads
// their rows: a table is recognised by its header row, on any sheet, whatever the sheet is called.
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {normalizeKey} from "../../lib/normalizeText.ts";
import {EDITABLE_SETTINGS, type SettingDefinition, type SettingTable, type TableRow} from "../../settings/index.ts";
import type {TableValue} from "../../settings/definition.ts";

export interface FoundTable {
  setting: SettingDefinition<string, unknown>;
  table: SettingTable<unknown>;
  sheet: Sheet;
  headerRow: number;
  /** Column key → 1-based sheet column. */
  columns: Map<string, number>;
  rows: TableRow[];
}

const HEADER_SEARCH_ROWS = 15;

/** The 1-based column of each spec column found in the row, or null unless every editable column is there. */
function matchHeader(sheet: Sheet, row: number, table: SettingTable<unknown>): Map<string, number> | null {
  const found = new Map<string, number>();
  const wanted = new Map(table.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalizeKey(h), c.key] as const)));
  for (let c = 1; c <= sheet.rowLength(row); c++) {
    const key = wanted.get(normalizeKey(sheet.text(row, c)));
    if (key && !found.has(key)) found.set(key, c);
  }
  const required = table.columns.filter((c) => !c.readOnly && !c.optional);
  return required.every((c) => found.has(c.key)) ? found : null;
}

/** A cell as the tables read it: text (an exported «'=…» loses its protective apostrophe), a number, or null. */
function cellValue(sheet: Sheet, row: number, column: number): TableValue {
  const v = sheet.value(row, column);
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  const text = sheet.text(row, column);
  if (text === "") return null;
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

function readRows(sheet: Sheet, headerRow: number, columns: Map<string, number>): TableRow[] {
  const rows: TableRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const cells: Record<string, TableValue> = {};
    let any = false;
    for (const [key, c] of columns) {
      const v = cellValue(sheet, r, c);
      cells[key] = v;
      if (v !== null) any = true;
    }
    if (!any) {
      // The table ends at its first blank row; blank rows at the very end are just the sheet's end.
      if (rows.length > 0) break;
      continue;
    }
    rows.push({row: r, cells});
  }
  return rows;
}

/** Every settings table in the workbook, in sheet order (a sheet holds at most one). */
export function findSettingsTables(workbook: Workbook): FoundTable[] {
  const out: FoundTable[] = [];
  for (const sheet of workbook.sheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); r++) {
      // The table whose header matches most columns: «Код | Показатель | Цель, % | …» is the
      // indicators' table, not the engagement targets' «Код | Цель, %».
      let best: Omit<FoundTable, "rows"> | null = null;
      for (const setting of EDITABLE_SETTINGS) {
        for (const table of setting.tables ?? []) {
          const columns = matchHeader(sheet, r, table);
          if (columns && (!best || columns.size > best.columns.size)) best = {setting, table, sheet, headerRow: r, columns};
        }
      }
      if (best) {
        out.push({...best, rows: readRows(sheet, r, best.columns)});
        break;
      }
    }
  }
  return out;
}
