// Reads a CSV file into the cell model: one sheet, named after the file. The encoding (UTF-8 with
// or without BOM, UTF-16 with BOM, else Windows-1251) and the separator (`;`, tab or `,`) are
// detected from the bytes; quoted fields may hold separators, quotes («""») and line breaks.
// Values stay the text they are, as the loaders read counts, percents and dates from text, except
// plain numbers («85», «52,5», «0.52»), which become numbers as the same cell of an .xlsx is.
// One linear pass; a field longer than a spreadsheet cell (32,767 characters), a value past the
// sheet's columns or rows, or more cells than the budget is refused before it is stored.
import type {Workbook} from "../xlsx/workbook.ts";
import {Refusal, SheetBuilder, WorkbookBudget, MAX_CELL_CHARS, tooLarge, type ReadLimits} from "../xlsx/sheetBuilder.ts";
import {detach} from "../xlsx/xml.ts";
import {isoDate} from "../xlsx/values.ts";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251";
export type CsvSeparator = ";" | "," | "\t";

/** The text of the bytes and the encoding it was read in; null when the bytes are not text. */
export function decodeText(bytes: Buffer): {text: string; encoding: CsvEncoding} | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8"};
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return {text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le"};
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return {text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be"};
  if (!looksLikeText(bytes)) return null;
  try {
    return {text: new TextDecoder("utf-8", {fatal: true}).decode(bytes), encoding: "utf-8"};
  } catch {
    // Not UTF-8: the other encoding Russian spreadsheets save CSV in.
    return {text: new TextDecoder("windows-1251").decode(bytes), encoding: "windows-1251"};
  }
}

/** No NUL bytes and almost no control characters in the first 64 KB: text, not a binary file. */
export function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control <= sample.length / 100;
}

/**
 * The separator used: of `;`, tab and `,`, the one found outside quotes the same number of times
 * on most of the first lines (a spreadsheet writes every row as wide as the sheet). Ties go to `;`,
 * then tab (what Russian Excel and LibreOffice write), then `,`, which also occurs inside numbers.
 */
export function detectSeparator(text: string): CsvSeparator {
  const candidates: CsvSeparator[] = [";", "\t", ","];
  const counts = new Map<CsvSeparator, number[]>(candidates.map((c) => [c, []]));
  const current = new Map<CsvSeparator, number>(candidates.map((c) => [c, 0]));
  let quoted = false, lines = 0, blank = true;
  const end = Math.min(text.length, 256 * 1024);
  for (let i = 0; i < end && lines < 200; i++) {
    const ch = text[i]!;
    if (ch === "\"") { quoted = !quoted; blank = false; continue; }
    if (quoted) continue;
    if (ch === "\n" || ch === "\r") {
      if (!blank) { for (const c of candidates) { counts.get(c)!.push(current.get(c)!); current.set(c, 0); } lines++; }
      blank = true;
      continue;
    }
    blank = false;
    if (ch === ";" || ch === "\t" || ch === ",") current.set(ch, current.get(ch)! + 1);
  }
  if (!blank) for (const c of candidates) counts.get(c)!.push(current.get(c)!);
  let best: CsvSeparator = ";", bestScore = 0;
  for (const c of candidates) {
    const xs = counts.get(c)!;
    const freq = new Map<number, number>();
    for (const x of xs) if (x > 0) freq.set(x, (freq.get(x) ?? 0) + 1);
    let mode = 0;
    for (const f of freq.values()) if (f > mode) mode = f;
    const score = xs.length ? mode / xs.length : 0;
    if (score > bestScore + 1e-9) { best = c; bestScore = score; }
  }
  return best;
}

const DATE_RU = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NUMBER_DOT = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;
const NUMBER_COMMA = /^-?(?:0|[1-9]\d{0,14}),\d{1,15}$/;
const THOUSANDS = /^-?\d{1,3}(?:,\d{3})+$/;

/** «16.09.2024», «16.09.2024 00:38:36» as a spreadsheet writes a date cell; null unless a real date. */
function ruDate(field: string): Date | null {
  const m = DATE_RU.exec(field);
  if (!m) return null;
  return isoDate(`${m[3]}-${m[2]}-${m[1]}${m[4] ? `T${m[4].padStart(2, "0")}:${m[5]}:${m[6] ?? "00"}` : ""}`);
}

/**
 * A field's value: a number when it is plainly one («85», «-3», «52,5», «0.52»), a date when it is
 * one as a spreadsheet writes a date cell («01.09.2024», «16.09.2024 00:38:36», «2024-09-01»;
 * a real calendar date only), else its text. A decimal comma counts unless the separator is a
 * comma and the text reads as thousands («1,234»). Leading zeros («007»), spaces («1 234»),
 * percents («45,2 %») and any other date stay text: the loaders read those from text as they do
 * in any cell, and report what they cannot read («31.02.2024»).
 */
export function csvValue(field: string, separator: CsvSeparator): string | number | Date {
  if (field.length <= 32) {
    if (NUMBER_DOT.test(field)) return Number(field);
    if (NUMBER_COMMA.test(field) && !(separator === "," && THOUSANDS.test(field))) return Number(field.replace(",", "."));
    const c = field.charCodeAt(2);
    if (c === 46 || c === 45 || field.charCodeAt(4) === 45) {
      const date = ruDate(field) ?? (field.length <= 19 ? isoDate(field) : null);
      if (date) return date;
    }
  }
  return detach(field);
}

/** Parses CSV text into rows of fields, calling `cell` for every non-empty field. Linear. */
export function parseCsv(text: string, separator: CsvSeparator,
  cell: (row: number, column: number, field: string) => void, sheet = ""): void {
  const sepCode = separator.charCodeAt(0);
  const n = text.length;
  let i = 0, row = 1, column = 1;
  const tooLong = () => tooLarge(sheet, MAX_CELL_CHARS, "text");
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // A quoted field: up to the closing quote, «""» standing for one quote.
      let out = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf("\"", j);
        if (q < 0) { out += text.slice(j); j = n; break; }
        if (out.length + (q - j) > MAX_CELL_CHARS) throw tooLong();
        if (text.charCodeAt(q + 1) === 34) { out += text.slice(j, q + 1); j = q + 2; continue; }
        out += text.slice(j, q);
        j = q + 1;
        break;
      }
      // Characters after the closing quote belong to the field, as spreadsheets read them.
      let k = j;
      while (k < n) { const c = text.charCodeAt(k); if (c === sepCode || c === 10 || c === 13) break; k++; }
      field = k > j ? out + text.slice(j, k) : out;
      i = k;
    } else {
      let k = i;
      while (k < n) { const c = text.charCodeAt(k); if (c === sepCode || c === 10 || c === 13) break; k++; }
      field = text.slice(i, k);
      i = k;
    }
    if (field.length > MAX_CELL_CHARS) throw tooLong();
    if (field !== "") cell(row, column, field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === sepCode) { column++; i++; if (i >= n) break; continue; }
    // A line break: CRLF, LF or CR.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    row++;
    column = 1;
  }
}

/** The sheet's name: the file's name without its folder and extension. */
export function csvSheetName(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return (base || "CSV").slice(0, 100);
}

/** Reads CSV bytes into a one-sheet workbook. Throws a Refusal. */
export function readCsv(file: string, bytes: Buffer, limits: ReadLimits): Workbook {
  const decoded = decodeText(bytes);
  if (!decoded) throw new Refusal({kind: "file/not-spreadsheet", details: {looksLike: "unknown"}});
  const separator = detectSeparator(decoded.text);
  const sheet = new SheetBuilder(csvSheetName(file), new WorkbookBudget(limits));
  parseCsv(decoded.text, separator, (row, column, field) => sheet.set(row, column, csvValue(field, separator)), sheet.name);
  return {sheets: [sheet.build()]};
}
