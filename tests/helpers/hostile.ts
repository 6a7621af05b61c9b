// Hostile spreadsheets in every format we read (RELIABILITY.md, issue 13 §1): a sheet-wide merged
// range, hundreds of thousands of merges, cells past the sheet's edge. Built in memory.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {inflateZip} from "../../loaders/xlsx/zipGuard.ts";
import {makeZip} from "./zip.ts";
import {odsFile} from "./ods.ts";
import {xlsFile} from "./xls.ts";

const SAMPLE = join(import.meta.dirname, "../../data/sample/forms/2024-Q1/omskiy_sosh_12.xlsx");

/** A real school report (data/sample) with its first sheet's XML edited. */
export function editedReport(edit: (sheetXml: string) => string): Buffer {
  const z = inflateZip(readFileSync(SAMPLE));
  if (!z.ok) throw new Error("sample");
  return makeZip([...z.entries].filter(([name]) => !name.endsWith("/")).map(([name, data]) =>
    ({name, data: name === "xl/worksheets/sheet1.xml" ? Buffer.from(edit(data.toString("utf8"))) : data})));
}

/** The report with one more merged range, `A1:XFD1048576`: 17 billion cells if expanded. */
export function hugeMergeXlsx(): Buffer {
  return editedReport((xml) => xml.replace(/<mergeCells count="(\d+)">/, (_, n: string) =>
    `<mergeCells count="${Number(n) + 1}"><mergeCell ref="A1:XFD1048576"/>`));
}

const WB = "<workbook><sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
const RELS = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/** A one-sheet .xlsx whose sheet holds these rows and merged ranges (XML fragments). */
export function sheetXlsx(rows: string, merges: string[] = []): Buffer {
  const m = merges.length ? `<mergeCells count="${merges.length}">${merges.map((r) => `<mergeCell ref="${r}"/>`).join("")}</mergeCells>` : "";
  return makeZip([
    {name: "xl/workbook.xml", data: Buffer.from(WB)},
    {name: "xl/_rels/workbook.xml.rels", data: Buffer.from(RELS)},
    {name: "xl/worksheets/sheet1.xml", data: Buffer.from(`<worksheet><sheetData>${rows}</sheetData>${m}</worksheet>`)}
  ]);
}

/** `n` small merges, four per row (A:B, C:D, E:F, G:H), over a sheet with values in A1 and in the last row's H. */
export function manyMergesXlsx(n: number): Buffer {
  const rows = Math.ceil(n / 4);
  const merges: string[] = [];
  for (let r = 1; merges.length < n; r++) for (const [a, b] of [["A", "B"], ["C", "D"], ["E", "F"], ["G", "H"]]) if (merges.length < n) merges.push(`${a}${r}:${b}${r}`);
  return sheetXlsx(`<row r="1"><c r="A1"><v>1</v></c></row><row r="${rows}"><c r="H${rows}"><v>2</v></c></row>`, merges);
}

export function hugeMergeOds(): Buffer {
  return odsFile("<table:table table:name=\"Лист1\"><table:table-row><table:table-cell table:number-columns-spanned=\"16384\" " +
    "table:number-rows-spanned=\"1048576\" office:value-type=\"string\"><text:p>Отчёт</text:p></table:table-cell></table:table-row></table:table>");
}

/** `n` small merges, four per row, as LibreOffice writes identical rows: one row element repeated. */
export function manyMergesOds(n: number): Buffer {
  const rows = Math.ceil(n / 4);
  const span = "<table:table-cell table:number-columns-spanned=\"2\"/><table:covered-table-cell/>";
  return odsFile(`<table:table table:name="Лист1"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>` +
    `<table:table-row table:number-rows-repeated="${rows}">${span.repeat(4)}</table:table-row>` +
    `<table:table-row><table:table-cell table:number-columns-repeated="7"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row></table:table>`);
}

/** BIFF8 stores rows and columns in 16 bits: the largest range it can write, and one past Excel's columns. */
export function hugeMergeXls(): Buffer {
  return xlsFile({sheets: [{name: "Лист1", cells: [{row: 0, col: 0, value: "Отчёт"}], merges: [[0, 65535, 0, 255], [0, 65535, 0, 16383]]}]});
}

export function manyMergesXls(n: number): Buffer {
  const merges: Array<[number, number, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / 2) % 65536, c = (Math.floor(i / 131072) * 4 + (i % 2) * 2) % 250;
    merges.push([r, r, c, c + 1]);
  }
  return xlsFile({sheets: [{name: "Лист1", cells: [{row: 0, col: 0, value: 1}, {row: 65535, col: 24, value: 2}], merges}]});
}
