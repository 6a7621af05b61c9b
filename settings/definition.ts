// What one setting is: a key, its file in the data folder's config/, its Russian name, its zod
// schema, and (for the settings a methodologist edits) its form as spreadsheet tables. Adding a
// setting is one module with a `defineSetting(...)` plus its default file in data/config/.
import type {z} from "zod";

/** A cell value as the tables exchange them. */
export type TableValue = string | number | null;

/** One column of a settings table. */
export interface TableColumn {
  /** Field name the row records use. */
  key: string;
  /** The header a person reads (matched case- and ё-insensitively when the file comes back). */
  header: string;
  width: number;
  /** Filled by the export and ignored on upload (a name shown for reference). */
  readOnly?: boolean;
  /** A number is expected: other text becomes a «settings/not-a-number» issue. */
  numeric?: boolean;
  /** May be absent from an uploaded table (a column added later: files exported before it still load). */
  optional?: boolean;
  /** Earlier headers of the column, still recognised on upload («Цель, %» before «Цель»). */
  aliases?: string[];
}

/** A data row of an uploaded table: its sheet row number and its cells by column key. */
export interface TableRow {
  row: number;
  cells: Record<string, TableValue>;
}

/** Where a part of the setting came from in the workbook: for issues with an A1 cell. */
export interface Place {
  sheet: string;
  row: number;
  /** Column key; null for the whole row. */
  column: string | null;
}

/** Facts about a problem in a table before zod sees the value (an unknown code, a word that is not a number). */
export interface TableProblem {
  place: Place;
  kind: "settings/unknown-code" | "settings/not-a-number" | "settings/unknown-word";
  value: TableValue;
  expected: string;
}

/** What applying one uploaded table to a setting's value gives. */
export interface Applied {
  /** The new value (not yet validated). */
  value: unknown;
  /** Value paths («areas.2.synonyms») → where they were written. */
  places: Map<string, Place>;
  problems: TableProblem[];
}

/** A settings table: how a setting (or a part of it) is written to a sheet and read back. */
export interface SettingTable<T> {
  sheet: string;
  /** The line above the header. */
  title: string;
  /** One line under the title: how to edit. */
  help: string;
  columns: TableColumn[];
  toRows(value: T): Array<Record<string, TableValue>>;
  /** Replaces the part of `current` this table holds by the uploaded rows. */
  apply(current: T, rows: TableRow[], sheet: string): Applied;
}

export interface SettingDefinition<K extends string = string, T = unknown> {
  key: K;
  /** File name in the config folder (data/config/<file>). */
  file: string;
  /** Russian name: «Области компетенций». */
  label: string;
  schema: z.ZodType<T>;
  /** Spreadsheet form, for the settings a methodologist edits; absent for developers' settings. */
  tables?: Array<SettingTable<T>>;
}

/** Declares a setting (the key and value types follow from the arguments). */
export function defineSetting<K extends string, T>(d: SettingDefinition<K, T>): SettingDefinition<K, T> {
  return d;
}

/** Splits a «через ;» cell into its items: «методическ; методологическ» → two items. */
export function listCell(v: TableValue | undefined): string[] {
  if (v === null || v === undefined) return [];
  return String(v).split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
}

/** Joins items for a «через ;» cell. */
export function joinList(items: readonly string[] | undefined): string | null {
  return items && items.length ? items.join("; ") : null;
}

/** A cell as text (numbers as written), null for blank. */
export function textCell(v: TableValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
}

/** A cell as a number: a number, or text «70», «70 %», «70,5»; NaN when it is something else; null when blank. */
export function numberCell(v: TableValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  const s = v.replace(/[\s\u00a0]/g, "").replace(/%$/, "").replace(",", ".");
  if (s === "") return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}
