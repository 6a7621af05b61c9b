// The cell model every loader reads: sheets of sparse rows, with merged ranges kept as ranges
// (a merged value exists once, in its top-left cell) and the number format's meaning (date,
// percent) attached to the cell. Built by readWorkbook.ts; loaders never see XML.

export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  /** Cached value; for a formula, its cached result (null when the file was never calculated). */
  value: CellValue;
  formula?: string;
  /** The number format shows a percent: 0.52 displayed as 52 %. */
  percent?: boolean;
  /** Excel error such as `#REF!`. */
  error?: string;
}

/**
 * What a sheet stores per cell: a bare value when the cell has nothing else (most cells of a large
 * sheet, saving an object each), else a Cell. Read it through Sheet's methods.
 */
export type Slot = Cell | string | number | boolean | Date;

function asCell(slot: Slot | undefined): Cell | undefined {
  if (slot === undefined) return undefined;
  return typeof slot === "object" && !(slot instanceof Date) ? slot : {value: slot};
}

function slotValue(slot: Slot | undefined): CellValue {
  if (slot === undefined) return null;
  return typeof slot === "object" && !(slot instanceof Date) ? slot.value : slot;
}

/** A merged range, 1-based and inclusive. */
export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A worksheet's size in every format we read (Excel 2007+): 1,048,576 rows × 16,384 columns. */
export const SHEET_MAX_ROWS = 1_048_576;
export const SHEET_MAX_COLUMNS = 16_384;

/**
 * Merged ranges indexed by range, never cell by cell: per row, the merges that cross it sorted by
 * their first column (merges do not overlap, so a binary search finds the one covering a cell).
 * Memory is the number of merges plus the sum of their heights, and the heights are clamped to
 * the sheet's real extent first (see Sheet), so `A1:XFD1048576` over a one-row sheet costs one
 * entry. Readers bound both before building (ReadLimits.maxMerges, maxMergeRows).
 */
export class MergeIndex {
  private readonly byRow: Array<Range | Range[] | undefined> = [];

  constructor(merges: readonly Range[]) {
    for (const m of merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const at = this.byRow[r - 1];
        if (at === undefined) this.byRow[r - 1] = m;
        else if (Array.isArray(at)) at.push(m);
        else this.byRow[r - 1] = [at, m];
      }
    }
    for (const at of this.byRow) if (Array.isArray(at)) at.sort((a, b) => a.left - b.left);
  }

  /** The merge covering a cell, if any. */
  at(row: number, column: number): Range | undefined {
    const at = this.byRow[row - 1];
    if (at === undefined) return undefined;
    if (!Array.isArray(at)) return at.left <= column && column <= at.right ? at : undefined;
    // The last merge starting at or before the column.
    let lo = 0, hi = at.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]!.left <= column) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    const m = found >= 0 ? at[found]! : undefined;
    return m && column <= m.right ? m : undefined;
  }
}

/**
 * The part of each merge that lies within the sheet's cells (rows × columns that hold a value):
 * nothing outside them has a value, so nothing a loader reads changes, and no loop over a merge's
 * cells can run past the sheet. Merges wholly outside are dropped; single cells are not merges.
 */
export function clampMerges(merges: readonly Range[], rows: number, columns: number): Range[] {
  const out: Range[] = [];
  for (const m of merges) {
    if (m.top > rows || m.left > columns) continue;
    const bottom = Math.min(m.bottom, rows), right = Math.min(m.right, columns);
    if (bottom === m.top && right === m.left) continue;
    out.push(bottom === m.bottom && right === m.right ? m : {top: m.top, left: m.left, bottom, right});
  }
  return out;
}

export class Sheet {
  readonly name: string;
  /** rows[r - 1][c - 1]; sparse. */
  readonly rows: Array<Array<Slot | undefined> | undefined>;
  /** Merged ranges, clamped to the sheet's cells (clampMerges). */
  readonly merges: Range[];
  private readonly mergeIndex: MergeIndex;

  /** `clamped`: the merges were already clamped to these rows (SheetBuilder does it to check them). */
  constructor(name: string, rows: Array<Array<Slot | undefined> | undefined>, merges: Range[], clamped = false) {
    this.name = name;
    this.rows = rows;
    this.merges = clamped ? merges : clampMerges(merges, rows.length, this.columnCount);
    this.mergeIndex = new MergeIndex(this.merges);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  private columns: number | undefined;

  /** The widest row's length (computed once: sheets are not changed after reading). */
  get columnCount(): number {
    if (this.columns === undefined) {
      let n = 0;
      for (const row of this.rows) if (row && row.length > n) n = row.length;
      this.columns = n;
    }
    return this.columns;
  }

  cell(row: number, column: number): Cell | undefined {
    return asCell(this.rows[row - 1]?.[column - 1]);
  }

  value(row: number, column: number): CellValue {
    return slotValue(this.rows[row - 1]?.[column - 1]);
  }

  /** The cell's value as trimmed text ("" when empty); dates as dd.mm.yyyy. */
  text(row: number, column: number): string {
    return slotText(this.rows[row - 1]?.[column - 1]);
  }

  /** How many cells the row spans (its last non-empty column), 0 for a missing row. */
  rowLength(row: number): number {
    return this.rows[row - 1]?.length ?? 0;
  }

  /** The row's values, index 0 = column A. */
  rowValues(row: number): CellValue[] {
    return (this.rows[row - 1] ?? []).map(slotValue);
  }

  /** The merged range covering a cell, if any. */
  mergeAt(row: number, column: number): Range | undefined {
    return this.mergeIndex.at(row, column);
  }

  /** True for a cell covered by a merge but not its top-left (master) cell. */
  isMergedFollower(row: number, column: number): boolean {
    const m = this.mergeAt(row, column);
    return !!m && (m.top !== row || m.left !== column);
  }

  /** True when the row has no non-empty cell. */
  isBlankRow(row: number): boolean {
    const cells = this.rows[row - 1];
    if (!cells) return true;
    return cells.every((c) => slotText(c) === "");
  }
}

export interface Workbook {
  sheets: Sheet[];
}

function slotText(slot: Slot | undefined): string {
  if (slot === undefined) return "";
  if (typeof slot === "string") return slot.trim();
  return cellText(asCell(slot));
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (v === null) return cell.error ?? "";
  if (v instanceof Date) {
    // Never «NaN.NaN.NaN»: a date the reader could not make is no date.
    if (Number.isNaN(v.getTime())) return "";
    const d = String(v.getUTCDate()).padStart(2, "0"), m = String(v.getUTCMonth() + 1).padStart(2, "0");
    return `${d}.${m}.${v.getUTCFullYear()}`;
  }
  return String(v).trim();
}
