// Finds a table by its header words anywhere on a sheet (never by position): a row whose columns
// name the roles a kind needs, with a group title merged over some columns in the row above
// («ВПР» over «писали | справились») read together with each column's own header.
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {Sheet} from "../xlsx/workbook.ts";

export interface TableHeader<R extends string> {
  /** The header's last row. */
  row: number;
  /** First data row (below any header cell merged down). */
  dataStart: number;
  columns: Partial<Record<R, number>>;
  /** Each column's header as read (group title and own text), by 1-based column. */
  texts: Map<number, string>;
}

/** A header cell's comparison text: normalised, dots as spaces, «Ф.И.О.» as «фио». */
export function headerText(text: string): string {
  return normalizeKey(text).replace(/\./g, " ").replace(/(?<![а-яё])ф\s*и\s*о(?![а-яё])/g, "фио").replace(/\s+/g, " ").trim();
}

function masterText(sheet: Sheet, row: number, column: number): string {
  const m = sheet.mergeAt(row, column);
  return m ? sheet.text(m.top, m.left) : sheet.text(row, column);
}

/** The widest of the sheet's rows, capped: a header is never past column 60. */
export function sheetWidth(sheet: Sheet): number {
  let w = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 400); r++) w = Math.max(w, sheet.rowLength(r));
  for (const m of sheet.merges) if (m.right > w) w = m.right;
  return Math.min(w, 60);
}

/** Reads row `r` as a header: each column's text and the roles the patterns give them (first match, leftmost column per role). */
export function readHeader<R extends string>(sheet: Sheet, r: number, patterns: ReadonlyArray<readonly [R, RegExp]>, width: number): TableHeader<R> {
  const columns: Partial<Record<R, number>> = {};
  const texts = new Map<number, string>();
  let dataStart = r + 1;
  // The row above holds group titles only when it is itself part of the header: at least two
  // filled cells (a lone title line merged across the table is not).
  let filledAbove = 0;
  if (r > 1) for (let c = 1; c <= width; c++) if (!sheet.isMergedFollower(r - 1, c) && sheet.text(r - 1, c) !== "") filledAbove++;
  for (let c = 1; c <= width; c++) {
    const own = masterText(sheet, r, c);
    const m = sheet.mergeAt(r, c);
    if (m && m.bottom + 1 > dataStart) dataStart = m.bottom + 1;
    // A group title: a cell of the row above merged across several columns, this one among them.
    const above = r > 1 && filledAbove >= 2 ? sheet.mergeAt(r - 1, c) : undefined;
    const group = above && above.right > above.left && above.bottom === r - 1 ? sheet.text(above.top, above.left) : "";
    const text = [group, own].filter((t) => t !== "").join(" ");
    if (!text || text.length > 300) continue;
    const key = headerText(text);
    texts.set(c, key);
    for (const [role, re] of patterns) {
      if (columns[role] === undefined && re.test(key)) { columns[role] = c; break; }
    }
  }
  return {row: r, dataStart, columns, texts};
}

/** Every header row on the sheet that `accept` takes, top to bottom (a sheet may hold several tables). */
export function findHeaders<R extends string>(sheet: Sheet, patterns: ReadonlyArray<readonly [R, RegExp]>,
  accept: (h: TableHeader<R>) => boolean, maxRows = 400): Array<TableHeader<R>> {
  const width = sheetWidth(sheet);
  const found: Array<TableHeader<R>> = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, maxRows); r++) {
    if (sheet.rowLength(r) === 0 && !sheet.merges.some((m) => m.top <= r && m.bottom >= r)) continue;
    const h = readHeader(sheet, r, patterns, width);
    if (accept(h)) { found.push(h); r = h.dataStart - 1; }
  }
  return found;
}
