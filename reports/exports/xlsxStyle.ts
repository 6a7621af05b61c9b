// Shared look of exported workbooks: a bold wrapped header row, frozen, auto-filtered, columns
// sized to their content; ru-RU number formats (Excel shows the decimal comma itself). Every table
// prints well (issue 15 §5): A4, fitted to the page width (as many pages down as needed), landscape
// when wide, the header row repeated on every page, a print area, page numbers in the footer, and
// rows tall enough for their wrapped text (LibreOffice does not grow rows on opening).
import type ExcelJS from "exceljs";
import {safeCell} from "./neutralise.ts";

export const PERCENT_FORMAT = "0.0%";
export const COUNT_FORMAT = "# ##0";
export const DATE_FORMAT = "dd.mm.yyyy hh:mm";

export interface Column {
  header: string;
  width: number;
  format?: string;
}

/** Adds a sheet with a title line, a header row and the rows, every text cell neutralised. */
export function addTable(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[],
  rows: Array<Array<string | number | Date | null | undefined>>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([safeCell(title)]).font = {bold: true, size: 13};
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = {bold: true};
  header.alignment = {wrapText: true, vertical: "top"};
  header.eachCell((cell) => {
    cell.fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFE8EEF4"}};
    cell.border = {bottom: {style: "thin"}};
  });
  for (const r of rows) ws.addRow(r.map(safeCell));
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });
  ws.views = [{state: "frozen", ySplit: 2}];
  if (rows.length) ws.autoFilter = {from: {row: 2, column: 1}, to: {row: 2 + rows.length, column: columns.length}};
  printLayout(ws, columns);
  return ws;
}

/** Points per line of 11-pt text; the title is 13 pt. */
const LINE = 15;
const TITLE_LINE = 18;
/** Wider than this many characters, a table prints in landscape. */
export const LANDSCAPE_WIDTH = 110;

/**
 * Lines a text needs in a column `width` characters wide (explicit line breaks count; a margin of
 * two characters for words that do not split).
 * @example linesNeeded("Педагоги с высшим образованием", 12) // 3
 */
export function linesNeeded(text: string, width: number): number {
  const per = Math.max(1, Math.floor(width) - 2);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / per)), 0);
}

/** Print setup and row heights of a sheet made by addTable: title in row 1, header in row 2. */
function printLayout(ws: ExcelJS.Worksheet, columns: Column[]): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const last = ws.getColumn(columns.length).letter;
  // The title spans the table, wrapped, so neither the screen nor the page cuts it.
  if (columns.length > 1) ws.mergeCells(1, 1, 1, columns.length);
  const title = ws.getRow(1);
  title.getCell(1).alignment = {wrapText: true, vertical: "top"};
  title.height = linesNeeded(String(title.getCell(1).value ?? ""), total) * TITLE_LINE;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    let lines = 1;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (typeof cell.value !== "string") return;
      const need = linesNeeded(cell.value, c.width);
      if (need > 1) cell.alignment = {...cell.alignment, wrapText: true, vertical: "top"};
      lines = Math.max(lines, need);
    });
    if (lines > 1 || n === 2) row.height = lines * LINE;
  });
  ws.pageSetup = {...ws.pageSetup, paperSize: 9, orientation: total > LANDSCAPE_WIDTH ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1,
    fitToHeight: 0, printArea: `A1:${last}${Math.max(2, ws.rowCount)}`, printTitlesRow: "2:2",
    margins: {left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3}};
  ws.headerFooter = {oddFooter: "&C&P / &N"};
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
