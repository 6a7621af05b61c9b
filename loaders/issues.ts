// Ingestion problems are data (STYLE.md «Ingestion»): every skipped or doubtful cell becomes
// one of these records, stored with its upload and shown to the person who sent the file.
import {z} from "zod";

export const IssueSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  /** Machine-readable kind, e.g. `cell/not-a-number`; the Russian wording is chosen by it. */
  kind: z.string().min(3),
  file: z.string(),
  sheet: z.string().nullable(),
  /** 1-based spreadsheet coordinates; `cell` is the A1 address. */
  row: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  cell: z.string().nullable(),
  school: z.string().nullable(),
  /** The raw value as it was in the file (stringified). */
  value: z.string().nullable(),
  /** What was expected there, in Russian. */
  expected: z.string().nullable(),
  message: z.string()
});
export type Issue = z.infer<typeof IssueSchema>;
export type Severity = Issue["severity"];

/** Where an issue is: the file, and optionally sheet, cell and school. */
export interface Place {
  file: string;
  sheet?: string | null;
  row?: number | null;
  column?: number | null;
  school?: string | null;
}

/** Facts about an issue, before its Russian message is written. */
export interface IssueFacts extends Place {
  severity: Severity;
  kind: string;
  value?: unknown;
  expected?: string | null;
  /** Kind-specific facts the message needs (stated vs computed totals, a form number …). */
  details?: Record<string, unknown>;
}

/** Converts 1-based column number to letters: 1 → A, 28 → AB. */
export function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

export function stringifyValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // An Invalid Date (a reader's «31.02.2024») would throw RangeError here and stop a whole batch.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "недопустимая дата" : value.toISOString().slice(0, 10);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Orders issues worst first: errors, then warnings, then information; then by sheet and row. */
export function worstFirst(a: Issue, b: Issue): number {
  const rank = {error: 0, warning: 1, info: 2} as const;
  return rank[a.severity] - rank[b.severity]
    || (a.sheet ?? "").localeCompare(b.sheet ?? "")
    || (a.row ?? 0) - (b.row ?? 0)
    || (a.column ?? 0) - (b.column ?? 0);
}
