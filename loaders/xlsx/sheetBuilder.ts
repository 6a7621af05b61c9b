// What every reader (XLSX, ODS, XLS, CSV) puts cells through on their way into the cell model:
// the sheet's geometry and the workbook's budgets are checked before anything is allocated per
// cell, so a hostile file is refused in the reader, never by running out of memory
// (RELIABILITY.md: one merged range `A1:XFD1048576` is 17 billion cells if expanded).
import {Sheet, SHEET_MAX_COLUMNS, SHEET_MAX_ROWS, clampMerges, type Range, type Slot} from "./workbook.ts";

export interface ReadLimits {
  maxRowsPerSheet: number;
  /** Cells with a value in the whole workbook. */
  maxCells: number;
  /** Merged ranges in the whole workbook (default 500,000). */
  maxMerges?: number;
  /** Sum of the merged ranges' heights within the sheets' cells: what the merge index holds (default 2,000,000). */
  maxMergeRows?: number;
  /** Distinct shared strings, XLSX sharedStrings or XLS SST (default 2,000,000). */
  maxSharedStrings?: number;
}

export const defaultReadLimits: Required<ReadLimits> = {
  maxRowsPerSheet: 300_000,
  maxCells: 5_000_000,
  maxMerges: 500_000,
  maxMergeRows: 2_000_000,
  maxSharedStrings: 2_000_000
};

/** Excel keeps at most 32,767 characters in a cell; a longer value comes from no spreadsheet. */
export const MAX_CELL_CHARS = 32_767;

export type TooLargeWhat = "rows" | "cells" | "merges" | "strings" | "columns" | "text";

/** Why a reader refused a file; the kinds are `file/*` issue kinds (wording in messages/file.ts). */
export type ReadRefusal =
  | {kind: "file/corrupt"; details: {reason: string; unexpected?: boolean}}
  | {kind: "file/xml-doctype"; details: Record<string, never>}
  | {kind: "file/encrypted"; details: {format: string}}
  | {kind: "file/not-spreadsheet"; details: {looksLike: string}}
  | {kind: "file/xls-unsupported"; details: {version: string}}
  | {kind: "file/sheet-too-large"; details: {sheet: string; limit: number; what: TooLargeWhat}};

/** Thrown inside a reader and turned into its result at the reader's edge; never escapes. */
export class Refusal extends Error {
  constructor(readonly refusal: ReadRefusal) {
    super(refusal.kind);
  }
}

export const corrupt = (reason: string) => new Refusal({kind: "file/corrupt", details: {reason}});
export const tooLarge = (sheet: string, limit: number, what: TooLargeWhat) =>
  new Refusal({kind: "file/sheet-too-large", details: {sheet, limit, what}});

/** The limits with the defaults of the optional ones filled in. */
export function fullLimits(limits: ReadLimits): Required<ReadLimits> {
  return {
    maxRowsPerSheet: limits.maxRowsPerSheet,
    maxCells: limits.maxCells,
    maxMerges: limits.maxMerges ?? defaultReadLimits.maxMerges,
    maxMergeRows: limits.maxMergeRows ?? defaultReadLimits.maxMergeRows,
    maxSharedStrings: limits.maxSharedStrings ?? defaultReadLimits.maxSharedStrings
  };
}

/** What is left of a workbook's budgets while its sheets are read. */
export class WorkbookBudget {
  cells: number;
  merges: number;
  mergeRows: number;
  readonly limits: Required<ReadLimits>;

  constructor(limits: ReadLimits) {
    this.limits = fullLimits(limits);
    this.cells = this.limits.maxCells;
    this.merges = this.limits.maxMerges;
    this.mergeRows = this.limits.maxMergeRows;
  }
}

export type ReadResult<W> = {ok: true; workbook: W} | {ok: false; refusal: ReadRefusal};

/** Runs a reader; a Refusal or any unexpected error becomes a refusal, never an exception. */
export function guarded<W>(read: () => W): ReadResult<W> {
  try {
    return {ok: true, workbook: read()};
  } catch (e) {
    if (e instanceof Refusal) return {ok: false, refusal: e.refusal};
    // Not a check of ours but the runtime's (a read past a buffer …): still a damaged file to the
    // person who sent it, marked so that tests can tell our checks from our oversights.
    return {ok: false, refusal: {kind: "file/corrupt", details: {reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e), unexpected: true}}};
  }
}

/** A formula's cell whose text or formula is longer than a spreadsheet keeps (a 1 MB `t="str"` result). */
function longCell(slot: Slot): boolean {
  if (typeof slot !== "object" || slot instanceof Date) return false;
  return (typeof slot.value === "string" && slot.value.length > MAX_CELL_CHARS) || (slot.formula?.length ?? 0) > MAX_CELL_CHARS;
}

export class SheetBuilder {
  private readonly rows: Array<Array<Slot | undefined> | undefined> = [];
  private readonly merges: Range[] = [];

  constructor(readonly name: string, private readonly budget: WorkbookBudget) {}

  /** Checks a position before anything is stored there. */
  private place(row: number, column: number): void {
    if (!(row >= 1 && column >= 1)) throw corrupt(`cell at row ${row}, column ${column}`);
    if (column > SHEET_MAX_COLUMNS) throw tooLarge(this.name, SHEET_MAX_COLUMNS, "columns");
    if (row > SHEET_MAX_ROWS || row > this.budget.limits.maxRowsPerSheet) {
      throw tooLarge(this.name, this.budget.limits.maxRowsPerSheet, "rows");
    }
  }

  /**
   * Refuses the file before `count` more cells are stored (a repeated ODS cell, a CSV of millions
   * of fields): the budget is checked on the count, not by storing them one by one.
   */
  reserve(count: number): void {
    if (count > this.budget.cells) throw tooLarge(this.name, this.budget.limits.maxCells, "cells");
  }

  /** Stores a cell's slot (a bare value, or a Cell when it has more than a value). */
  set(row: number, column: number, slot: Slot): void {
    this.place(row, column);
    if (typeof slot === "string" ? slot.length > MAX_CELL_CHARS : longCell(slot)) throw tooLarge(this.name, MAX_CELL_CHARS, "text");
    if (--this.budget.cells < 0) throw tooLarge(this.name, this.budget.limits.maxCells, "cells");
    const r = this.rows[row - 1] ?? (this.rows[row - 1] = []);
    r[column - 1] = slot;
  }

  /**
   * Records a merged range (any corner order). It must lie within the sheet's limits; it is kept as
   * a range whatever its area, and counted against the workbook's merge budget.
   */
  merge(r1: number, c1: number, r2: number, c2: number): void {
    const top = Math.min(r1, r2), bottom = Math.max(r1, r2), left = Math.min(c1, c2), right = Math.max(c1, c2);
    if (!(top >= 1 && left >= 1)) throw corrupt(`merged range at row ${top}, column ${left}`);
    if (right > SHEET_MAX_COLUMNS) throw tooLarge(this.name, SHEET_MAX_COLUMNS, "columns");
    if (bottom > SHEET_MAX_ROWS) throw tooLarge(this.name, SHEET_MAX_ROWS, "rows");
    if (top === bottom && left === right) return;
    if (--this.budget.merges < 0) throw tooLarge(this.name, this.budget.limits.maxMerges, "merges");
    this.merges.push({top, left, bottom, right});
  }

  /** The sheet, after checking what its merge index will hold. */
  build(): Sheet {
    let columns = 0;
    for (const r of this.rows) if (r && r.length > columns) columns = r.length;
    let heights = 0;
    const merges = clampMerges(this.merges, this.rows.length, columns);
    for (const m of merges) heights += m.bottom - m.top + 1;
    this.budget.mergeRows -= heights;
    if (this.budget.mergeRows < 0) throw tooLarge(this.name, this.budget.limits.maxMerges, "merges");
    return new Sheet(this.name, this.rows, merges, true);
  }
}
