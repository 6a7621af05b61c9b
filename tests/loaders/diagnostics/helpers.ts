// Builds diagnostics workbooks in memory, as curators fill them.
import ExcelJS from "exceljs";

export type CellInput = string | number | null | {percent: number} | {formula: string} ;

export interface SheetSpec {
  name: string;
  rows: CellInput[][];
  merges?: string[];
}

export async function workbookBytes(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        if (typeof v === "object" && "percent" in v) { cell.value = v.percent; cell.numFmt = "0%"; }
        else if (typeof v === "object" && "formula" in v) cell.value = {formula: v.formula} as ExcelJS.CellFormulaValue;
        else cell.value = v;
      });
    });
    for (const m of spec.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const HEADER = ["ФИО педагога", "ОО", "Муниципалитет", "Методические", "Предметные", "Психолого-педагогические",
  "Коммуникативные", "Цифровые (ИКТ)"];
export const SCHOOL1 = "МБОУ \"Саргатская СОШ № 1\"";
export const SCHOOL2 = "МБОУ \"Тарская СОШ № 2\"";
