// Builds small XLSX files in memory for the effectiveness loader tests.
import ExcelJS from "exceljs";

export type Rows = Array<Array<string | number | Date | null>>;

/** A workbook with one sheet: `rows` from A1, optional merges like "A1:D1". */
export async function xlsx(sheetName: string, rows: Rows, merges: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => r.forEach((v, j) => { if (v !== null) ws.getCell(i + 1, j + 1).value = v; }));
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
