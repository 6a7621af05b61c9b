// Hostile spreadsheets in every format we read (RELIABILITY.md, issue 13 §1): a sheet-wide merged
// range, hundreds of thousands of merges, cells past the sheet's edge, unclosed tags, a shared
// string every count points at. Built in memory, for the readers' and the server's tests and the
// soak benchmark.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {guardZip, inflateZip} from "../../loaders/xlsx/zipGuard.ts";
import {makeZip, workbookEntries} from "./zip.ts";
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

/** The entries of a real workbook, with one entry's text changed. */
async function rewrite(bytes: Buffer, name: string, change: (xml: string) => string): Promise<Buffer> {
  const g = await guardZip(bytes);
  if (!g.ok) throw new Error("not a workbook");
  const entries = [...g.entries].map(([n, data]) => ({name: n, data: n === name ? Buffer.from(change(data.toString("utf8"))) : data}));
  return makeZip(entries);
}

/** A real school report (~11 KB) whose first sheet has one merged range `A1:XFD1048576`. */
export function wholeSheetMerge(): Promise<Buffer> {
  return rewrite(readFileSync(SAMPLE), "xl/worksheets/sheet1.xml", (xml) => xml.includes("<mergeCells")
    ? xml.replace(/<mergeCells[^>]*>/, "<mergeCells><mergeCell ref=\"A1:XFD1048576\"/>")
    : xml.replace("</sheetData>", "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>"));
}

/** A real school report with `n` small (1×2) merges, one per row below the table (4–5 MB for 700,000). */
export function manyMerges(n = 700_000): Promise<Buffer> {
  const merges = Array.from({length: n}, (_, i) => `<mergeCell ref="A${i + 100}:B${i + 100}"/>`).join("");
  return rewrite(readFileSync(SAMPLE), "xl/worksheets/sheet1.xml", (xml) => xml.includes("<mergeCells")
    ? xml.replace(/<mergeCells[^>]*>/, `<mergeCells>${merges}`)
    : xml.replace("</sheetData>", `</sheetData><mergeCells count="${n}">${merges}</mergeCells>`));
}

/**
 * A sheet whose tags are never closed: the reader's patterns backtrack over the whole text, so the
 * file holds a parser for its time limit. `seed` makes each file's bytes (and hash) different.
 */
export function unclosedTags(seed: number, cells = 300_000): Buffer {
  // Varied numbers keep the entry compressible like a real sheet (not a zip bomb).
  let x = seed * 2654435761 % 4294967296;
  const next = () => (x = (x * 1664525 + 1013904223) % 4294967296);
  const body = `<row r="1">${Array.from({length: cells}, () => `<c r="A1"><v>${next()}`).join("")}`;
  return makeZip(workbookEntries(`<worksheet><!-- ${seed} --><sheetData>${body}`));
}

/**
 * A school report of `rows` programme rows in Form 2 whose counts all point at one shared string
 * of `chars` characters: every count is an issue quoting that string.
 */
export function sharedStringAmplifier(seed: number, rows = 2000, chars = 10_000): Buffer {
  const huge = `${"много ".repeat(Math.ceil(chars / 6))}`.slice(0, chars - 12) + ` ${String(seed).padStart(11, "0")}`;
  const strings = ["Муниципальный район", "Общеобразовательные организации", "Численность детей в возрасте 10-19 лет",
    "Численность педагогических работников", "Численность молодых специалистов", "Тарский", `СОШ № ${seed}`,
    "Информация об участниках внедрения целевой модели наставничества за I квартал 2024 г.",
    "Информация о вовлеченности в наставничество по форме «ученик – ученик»", "Наименование программы",
    "Количество наставников", "Количество наставляемых", "Результат программы", "Программа", huge];
  const s = (i: number) => `<c t="s"><v>${i}</v></c>`;
  const rowsXml = [
    `<row r="1">${s(7)}</row>`,
    `<row r="2">${s(0)}${s(1)}${s(2)}${s(3)}${s(4)}</row>`,
    `<row r="3">${s(5)}${s(6)}<c><v>500</v></c><c><v>40</v></c><c><v>3</v></c></row>`,
    `<row r="5">${s(8)}</row>`,
    `<row r="6">${s(0)}${s(1)}${s(9)}${s(10)}${s(11)}${s(12)}</row>`,
    // Each row names its programme in its own words (inline text), as schools write them.
    ...Array.from({length: rows}, (_, i) => `<row r="${i + 7}">${s(5)}${s(6)}<c t="inlineStr"><is><t>Программа ${seed}-${i}-${(i * 2654435761) % 4294967291} «Вместе»</t></is></c>` +
      `${s(14)}${s(14)}<c t="inlineStr"><is><t>Итог ${(i * 7919) % 100003}-${(i * 104729 + seed) % 999983}-${(i * 15485863) % 9999991}-${(i * 32452843 + seed * 7) % 99999989}</t></is></c></row>`)
  ].join("");
  const sst = `<sst>${strings.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`;
  return makeZip(workbookEntries(`<worksheet><sheetData>${rowsXml}</sheetData></worksheet>`,
    [{name: "xl/sharedStrings.xml", data: Buffer.from(sst)}]));
}

/**
 * A plain sheet of `rows` rows × 6 text cells (no known headers): a legitimate file that takes the
 * reader a second or more, so a test can act while a parse child holds it.
 */
export function slowSheet(rows = 45_000, seed = 0): Buffer {
  const xml = Array.from({length: rows}, (_, i) => `<row r="${i + 1}">${Array.from({length: 6}, (_, c) =>
    `<c r="${String.fromCharCode(65 + c)}${i + 1}" t="inlineStr"><is><t>строка ${seed} ${i * 7 + c} школа № ${i % 997}</t></is></c>`).join("")}</row>`).join("");
  return makeZip(workbookEntries(`<worksheet><sheetData>${xml}</sheetData></worksheet>`));
}
