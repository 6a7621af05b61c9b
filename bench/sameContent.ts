// The same cells in every format we read, for bench/formats.ts: a workbook read from .xlsx (the
// cell model) written back as .ods, .xls (BIFF8 in a compound file) and .csv (its first sheet).
// Converting 1,000 files with LibreOffice takes about 15 minutes per format on the benchmark
// machine, so the batch is converted here, in-process; the LibreOffice-written fixtures of the
// sample (tests/fixtures/formats) are measured too.
import {cellText, type Cell, type CellValue, type Sheet, type Workbook} from "../loaders/xlsx/workbook.ts";
import {makeZip} from "../tests/helpers/zip.ts";
import {odsContent, odsEntries} from "../tests/helpers/ods.ts";
import {XF_DATE, XF_GENERAL, XF_PERCENT, biffWorkbook, cfbFile, type XlsCell} from "../tests/helpers/xls.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function excelSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
}

function odsCell(cell: Cell, spans: string): string {
  const v = cell.value;
  const formula = cell.formula !== undefined ? ` table:formula="of:=${esc(cell.formula)}"` : "";
  if (cell.error) return `<table:table-cell${spans}${formula} office:value-type="string" calcext:value-type="error"><text:p>${esc(cell.error)}</text:p></table:table-cell>`;
  if (typeof v === "number") {
    const type = cell.percent ? "percentage" : "float";
    return `<table:table-cell${spans}${formula} office:value-type="${type}" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  }
  if (v instanceof Date) return `<table:table-cell${spans}${formula} office:value-type="date" office:date-value="${v.toISOString().slice(0, 19)}"><text:p>${cellText(cell)}</text:p></table:table-cell>`;
  if (typeof v === "boolean") return `<table:table-cell${spans}${formula} office:value-type="boolean" office:boolean-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  if (v === null) return `<table:table-cell${spans}${formula}/>`;
  const paragraphs = v.split("\n").map((p) => `<text:p>${esc(p)}</text:p>`).join("");
  return `<table:table-cell${spans}${formula} office:value-type="string">${paragraphs}</table:table-cell>`;
}

function odsSheet(sheet: Sheet): string {
  const rows: string[] = [];
  let emptyRows = 0;
  const flushEmpty = () => {
    if (emptyRows) rows.push(`<table:table-row${emptyRows > 1 ? ` table:number-rows-repeated="${emptyRows}"` : ""}><table:table-cell/></table:table-row>`);
    emptyRows = 0;
  };
  for (let r = 1; r <= sheet.rowCount; r++) {
    const length = sheet.rowLength(r);
    const covered = sheet.merges.some((m) => m.top <= r && r <= m.bottom);
    if (length === 0 && !covered) { emptyRows++; continue; }
    flushEmpty();
    const cells: string[] = [];
    let empty = 0;
    const width = Math.max(length, ...sheet.merges.filter((m) => m.top <= r && r <= m.bottom).map((m) => m.right));
    for (let c = 1; c <= width; c++) {
      const m = sheet.mergeAt(r, c);
      const cell = sheet.cell(r, c);
      if (m && (m.top !== r || m.left !== c)) {
        if (empty) { cells.push(`<table:table-cell table:number-columns-repeated="${empty}"/>`); empty = 0; }
        cells.push("<table:covered-table-cell/>");
        continue;
      }
      const spans = m ? ` table:number-columns-spanned="${m.right - m.left + 1}" table:number-rows-spanned="${m.bottom - m.top + 1}"` : "";
      if (!cell && !spans) { empty++; continue; }
      if (empty) { cells.push(`<table:table-cell table:number-columns-repeated="${empty}"/>`); empty = 0; }
      cells.push(odsCell(cell ?? {value: null}, spans));
    }
    rows.push(`<table:table-row>${cells.join("")}</table:table-row>`);
  }
  flushEmpty();
  return `<table:table table:name="${esc(sheet.name)}">${rows.join("")}</table:table>`;
}

export function toOds(wb: Workbook): Buffer {
  return makeZip(odsEntries(odsContent(wb.sheets.map(odsSheet).join(""))));
}

function xlsCells(sheet: Sheet): XlsCell[] {
  const out: XlsCell[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= sheet.rowLength(r); c++) {
      const cell = sheet.cell(r, c);
      if (!cell) continue;
      const at = {row: r - 1, col: c - 1};
      const v: CellValue = cell.value;
      if (cell.error) out.push({...at, value: {error: 0x07}});
      else if (cell.formula !== undefined && v !== null && !(v instanceof Date)) out.push({...at, value: {formula: v}, xf: cell.percent ? XF_PERCENT : XF_GENERAL});
      else if (v instanceof Date) out.push({...at, value: excelSerial(v), xf: XF_DATE});
      else if (typeof v === "number") out.push({...at, value: v, xf: cell.percent ? XF_PERCENT : XF_GENERAL, rk: Number.isInteger(v)});
      else if (v !== null && v !== "") out.push({...at, value: v});
    }
  }
  return out;
}

export function toXls(wb: Workbook): Buffer {
  const stream = biffWorkbook({sheets: wb.sheets.map((s) => ({name: s.name, cells: xlsCells(s),
    merges: s.merges.map((m) => [m.top - 1, m.bottom - 1, m.left - 1, m.right - 1] as [number, number, number, number])}))});
  return cfbFile([{name: "Workbook", data: stream}]).bytes;
}

function csvField(cell: Cell | undefined): string {
  if (!cell || cell.value === null) return cell?.error ?? "";
  const v = cell.value;
  let s: string;
  if (typeof v === "number") s = cell.percent ? `${String(Math.round(v * 10000) / 100).replace(".", ",")}%` : String(v).replace(".", ",");
  else if (typeof v === "boolean") s = v ? "ИСТИНА" : "ЛОЖЬ";
  else s = cellText(cell);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, "\"\"")}"` : s;
}

/** The first sheet as CSV in UTF-8 with `;`, as a spreadsheet in the ru-RU locale writes it. */
export function toCsv(wb: Workbook): Buffer {
  const s = wb.sheets[0]!;
  const width = s.columnCount;
  const lines: string[] = [];
  for (let r = 1; r <= s.rowCount; r++) {
    const fields: string[] = [];
    for (let c = 1; c <= width; c++) fields.push(csvField(s.cell(r, c)));
    lines.push(fields.join(";"));
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}
