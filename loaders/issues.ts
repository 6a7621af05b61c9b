// Ingestion problems are data (STYLE.md «Ingestion»): every skipped or doubtful cell becomes
// one of these records, stored with its upload and shown to the person who sent the file.
import {z} from "zod";
import type {IssueDetails, IssueKind, NoDetails} from "./issueKinds.ts";

export type {IssueDetails, IssueKind} from "./issueKinds.ts";

export const IssueSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  /**
   * Machine-readable kind, e.g. `cell/not-a-number`; the Russian wording is chosen by it. Text here:
   * an issue read back from the database (reports, exports) is loosely typed at that boundary; the
   * facts that make an issue (`IssueFacts`) are typed by the registry, loaders/issueKinds.ts.
   */
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

/** What every issue's facts have besides its kind and details: the place, the raw value, what was expected. */
export interface IssueBase extends Place {
  severity: Severity;
  value?: unknown;
  expected?: string | null;
}

/** The details slot of a kind: optional (and empty) for a kind without details, required otherwise. */
type DetailsOf<D> = [D] extends [NoDetails] ? {details?: NoDetails} : {details: D};

/**
 * Facts about an issue of kind `K` (one of the registry's, loaders/issueKinds.ts), before its Russian
 * message is written; `details` are the kind-specific facts the message needs (stated vs computed
 * totals, a form number …). `IssueFacts` without a parameter is the union over every kind, keyed by
 * `kind`: constructing one with an unknown kind or details of another shape fails `tsc`.
 */
export type IssueFacts<K extends IssueKind = IssueKind> = {[P in K]: IssueBase & {kind: P} & DetailsOf<IssueDetails[P]>}[K];

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
