// A drafted route as an XLSX workbook in seed 001's form, ready to print and sign: one sheet, the
// blocks one under another, tables with borders; every text cell neutralised (RELIABILITY.md
// «Export»). The routes loader reads the returned file back (round trip tested).
import ExcelJS from "exceljs";
import {safeCell} from "./neutralise.ts";
import type {RouteDraft} from "../routeDraft.ts";
import {routeForm, type FormTable} from "./routeForm.ts";

const COLUMNS = 6;
const FONT = "Times New Roman";
const THIN = {style: "thin" as const};
const BORDER = {top: THIN, left: THIN, bottom: THIN, right: THIN};

export async function routeXlsx(draft: RouteDraft, options: {developed?: string} = {}): Promise<Buffer> {
  const f = routeForm(draft, options);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const ws = wb.addWorksheet("ИОМ", {pageSetup: {paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    margins: {left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3}}});
  [24, 34, 10, 26, 16, 22].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const line = (text: string, o: {bold?: boolean; size?: number; center?: boolean} = {}) => {
    const row = ws.addRow([safeCell(text)]);
    ws.mergeCells(row.number, 1, row.number, COLUMNS);
    row.getCell(1).font = {name: FONT, bold: o.bold, size: o.size ?? 11};
    row.getCell(1).alignment = {wrapText: true, vertical: "top", horizontal: o.center ? "center" : "left"};
    row.height = Math.max(15, Math.ceil(text.length / 110) * 15);
    return row;
  };
  const pair = (label: string, value: string, o: {bold?: boolean} = {}) => {
    const row = ws.addRow([safeCell(label), safeCell(value)]);
    ws.mergeCells(row.number, 2, row.number, COLUMNS);
    row.getCell(1).font = {name: FONT, bold: o.bold};
    row.getCell(2).font = {name: FONT};
    for (const c of [1, 2]) { row.getCell(c).alignment = {wrapText: true, vertical: "top"}; row.getCell(c).border = BORDER; }
    row.height = Math.max(15, Math.ceil(Math.max(label.length / 26, value.length / 90)) * 15);
    return row;
  };
  const table = (t: FormTable) => {
    // Spread the form's columns over the sheet's six: the last column takes what is left.
    const head = ws.addRow(t.header.map(safeCell));
    const style = (row: ExcelJS.Row, bold: boolean) => {
      for (let c = 1; c <= t.header.length; c++) {
        const cell = row.getCell(c);
        cell.border = BORDER;
        cell.alignment = {wrapText: true, vertical: "top"};
        cell.font = {name: FONT, size: 10, bold};
        if (bold) { cell.fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFEEF2F6"}}; }
      }
      if (t.header.length < COLUMNS) ws.mergeCells(row.number, t.header.length, row.number, COLUMNS);
      const longest = Math.max(...t.header.map((_, c) => String(row.getCell(c + 1).value ?? "").length / Math.max(8, (ws.getColumn(c + 1).width ?? 12) - 2)));
      row.height = Math.max(18, Math.ceil(longest) * 14);
    };
    style(head, true);
    // Empty cells are written as "", not left out: a merged range whose top-left cell is missing breaks readers (exceljs's cell.text).
    for (const r of t.rows) style(ws.addRow(r.map((v) => safeCell(v))), false);
  };
  const gap = () => ws.addRow([]);

  for (const [a, b] of f.approval) pair(a, b);
  gap();
  line(f.title, {bold: true, size: 14, center: true});
  for (const [a, b] of f.identity) pair(a, b, {bold: true});
  gap();
  line(f.block1.title, {bold: true});
  line(f.block1.note);
  for (const [a, b] of f.block1.rows) pair(a, b);
  gap();
  line(f.block2.title, {bold: true});
  table(f.block2.table);
  gap();
  line(f.block3.title, {bold: true});
  table(f.block3.table);
  for (const p of f.block3.prompts) { line(p); line("_".repeat(100)); }
  gap();
  line(f.block4.title, {bold: true});
  pair(f.block4.goal[0], f.block4.goal[1]);
  pair(f.block4.level[0], f.block4.level[1]);
  f.block4.deficits.forEach(([area, text], i) => {
    const row = ws.addRow([i === 0 ? f.block4.deficitsLabel : null, safeCell(area), safeCell(text)]);
    ws.mergeCells(row.number, 3, row.number, COLUMNS);
    for (const c of [1, 2, 3]) {
      row.getCell(c).border = BORDER; row.getCell(c).alignment = {wrapText: true, vertical: "top"}; row.getCell(c).font = {name: FONT};
    }
  });
  gap();
  line(f.block5.title, {bold: true});
  line(f.block5.duration);
  line(f.block5.start);
  line(f.block5.end);
  line(f.block5.note, {size: 9});
  line(f.block5.dpoTitle, {bold: true});
  table(f.block5.dpo);
  gap();
  line(f.block5.otherTitle, {bold: true});
  table(f.block5.other);
  gap();
  for (const [a, b] of f.block5.after) pair(a, b);
  gap();
  for (const s of f.block5.signatures) line(`${s} ______________________ (подпись)`);
  gap();
  line(f.block6.title, {bold: true});
  for (const l of f.block6.lines) { line(l); line("_".repeat(100)); line("_".repeat(100)); }
  for (const s of f.block6.signatures) line(`${s} ______________________ (подпись)`);
  // Printed as a whole: the form's area, page numbers in the footer (issue 15 §5).
  ws.pageSetup.printArea = `A1:F${ws.rowCount}`;
  ws.headerFooter = {oddFooter: "&C&P / &N"};
  // Fast deflate: nearly the size of the default level at half the time (the curator's page builds one per teacher).
  return Buffer.from(await wb.xlsx.writeBuffer({zip: {compression: "DEFLATE", compressionOptions: {level: 1}}} as Partial<ExcelJS.XlsxWriteOptions>));
}
