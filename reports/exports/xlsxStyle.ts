// Shared look of exported workbooks: a bold wrapped header row, frozen, auto-filtered, columns
// sized to their content; ru-RU number formats (Excel shows the decimal comma itself).
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
  return ws;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
