// Reads the entries the zip guard inflated into the cell model of workbook.ts.
// Why not exceljs here: its streaming reader drops merged ranges and number formats and hangs on
// truncated files; its full reader repeats merged values into every cell and needs ~1 GB for a
// 200,000-row sheet (RELIABILITY.md). The sheet XML of a workbook is regular enough that a
// scanner over the inflated text reads it faster than either, within the row and cell caps.
// exceljs stays our writer (sample data, exports) and the parser-only reference in the bench.
import {Sheet, type Cell, type Range, type Slot, type Workbook} from "./workbook.ts";

export interface ReadLimits {
  maxRowsPerSheet: number;
  maxCells: number;
}

export const defaultReadLimits: ReadLimits = {maxRowsPerSheet: 300_000, maxCells: 5_000_000};

export type ReadResult =
  | {ok: true; workbook: Workbook}
  | {ok: false; refusal: {kind: "file/not-xlsx" | "file/corrupt" | "file/xml-doctype"; details: Record<string, unknown>}
      | {kind: "file/sheet-too-large"; details: {sheet: string; limit: number; what: "rows" | "cells"}}};

class TooLarge extends Error {
  constructor(readonly sheet: string, readonly limit: number, readonly what: "rows" | "cells") {
    super("too large");
  }
}

class Doctype extends Error {}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'"};

function decodeXml(s: string): string {
  if (s.indexOf("&") < 0 && s.indexOf("_x") < 0) return s;
  return s
    .replace(ENTITY, (_, e: string) => e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : NAMED[e] ?? "")
    // OOXML escapes control characters as _xHHHH_.
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The entry as text; the inflated bytes are released at once (a large sheet holds tens of MB). */
function xmlText(entries: Map<string, Buffer>, name: string): string | undefined {
  const b = entries.get(name);
  if (!b) return undefined;
  entries.delete(name);
  const s = b.toString("utf8");
  // We expand no entity but the five predefined: a DTD is refused outright (billion laughs, XXE).
  if (/<!DOCTYPE/i.test(s.slice(0, 4096))) throw new Doctype();
  return s;
}

const attrPatterns = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`));
  const m = re.exec(attrs);
  return m ? decodeXml(m[1]!) : undefined;
}

/**
 * A copy of a string that does not keep alive the larger string it was cut from: V8 keeps
 * substrings as views into their parent, so one cell value would pin a whole sheet's XML.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Concatenated text of <t> elements, skipping phonetic runs (<rPh>). */
function runsText(xml: string): string {
  const clean = xml.indexOf("<rPh") >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  const re = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  for (let m; (m = re.exec(clean));) out += m[1] ?? "";
  return detach(decodeXml(out));
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for (let m; (m = re.exec(xml));) out.push(runsText(m[1] ?? ""));
  return out;
}

const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT = new Set([9, 10]);

function formatKind(code: string): "date" | "percent" | null {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  if (bare.includes("%")) return "percent";
  if (/[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim())) return "date";
  return null;
}

/** Per style index (cellXfs order): what its number format means. */
function styleKinds(xml: string | undefined): Array<"date" | "percent" | null> {
  if (!xml) return [];
  const custom = new Map<number, "date" | "percent" | null>();
  const numFmtRe = /<numFmt\b([^>]*)\/?>/g;
  for (let m; (m = numFmtRe.exec(xml));) {
    const id = Number(attr(m[1]!, "numFmtId")), code = attr(m[1]!, "formatCode") ?? "";
    custom.set(id, formatKind(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  const out: Array<"date" | "percent" | null> = [];
  const xfRe = /<xf\b([^>]*?)(?:\/>|>)/g;
  for (let m; (m = xfRe.exec(xfs));) {
    const id = Number(attr(m[1]!, "numFmtId") ?? 0);
    out.push(custom.has(id) ? custom.get(id)! : BUILTIN_DATE.has(id) ? "date" : BUILTIN_PERCENT.has(id) ? "percent" : null);
  }
  return out;
}

/** "AB12" → [12, 28]. */
function decodeRef(ref: string): [number, number] {
  let col = 0, i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + code - 64;
    else if (code >= 97 && code <= 122) col = col * 26 + code - 96;
    else break;
  }
  return [Number(ref.slice(i)), col];
}

function excelDate(serial: number, date1904: boolean): Date {
  // Serial 60 is Excel's phantom 29.02.1900; serials after it are one day ahead.
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86400000));
}

function readSheet(name: string, xml: string, strings: string[], kinds: Array<"date" | "percent" | null>,
  date1904: boolean, limits: ReadLimits, budget: {cells: number}): Sheet {
  const rows: Array<Array<Slot | undefined> | undefined> = [];
  const merges: Range[] = [];
  const re = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)|<mergeCell\b([^>]*?)\/?>/g;
  let rowNo = 0, colNo = 0;
  for (let m; (m = re.exec(xml));) {
    if (m[1] !== undefined) {
      const r = attr(m[1], "r");
      rowNo = r ? Number(r) : rowNo + 1;
      colNo = 0;
      if (rowNo > limits.maxRowsPerSheet) throw new TooLarge(name, limits.maxRowsPerSheet, "rows");
      continue;
    }
    if (m[5] !== undefined) {
      const ref = attr(m[5], "ref");
      if (ref && ref.includes(":")) {
        const [a, b] = ref.split(":") as [string, string];
        const [top, left] = decodeRef(a), [bottom, right] = decodeRef(b);
        merges.push({top, left, bottom, right});
      }
      continue;
    }
    const attrs = m[3]!, inner = m[4] ?? "";
    const ref = attr(attrs, "r");
    if (ref) [rowNo, colNo] = decodeRef(ref);
    else colNo++;
    if (rowNo < 1) rowNo = 1;
    const t = attr(attrs, "t");
    const s = attr(attrs, "s");
    const kind = s ? kinds[Number(s)] ?? null : null;
    const fMatch = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
    const vMatch = /<v>([\s\S]*?)<\/v>/.exec(inner);
    const raw = vMatch ? vMatch[1]! : undefined;
    const cell: Cell = {value: null};
    if (fMatch) cell.formula = detach(decodeXml(fMatch[1] ?? ""));
    if (t === "s") cell.value = raw !== undefined ? strings[Number(raw)] ?? null : null;
    else if (t === "inlineStr") cell.value = runsText(inner);
    else if (t === "str") cell.value = raw !== undefined ? detach(decodeXml(raw)) : null;
    else if (t === "b") cell.value = raw !== undefined ? raw.trim() === "1" : null;
    else if (t === "e") cell.error = raw !== undefined ? decodeXml(raw) : "#ERROR";
    else if (t === "d") cell.value = raw !== undefined ? new Date(raw) : null;
    else if (raw !== undefined && raw !== "") {
      const n = Number(raw);
      if (kind === "date" && Number.isFinite(n)) cell.value = excelDate(n, date1904);
      else cell.value = n;
      if (kind === "percent") cell.percent = true;
    }
    if (cell.value === null && !cell.formula && !cell.error) continue; // a styled empty cell
    if (--budget.cells < 0) throw new TooLarge(name, limits.maxCells, "cells");
    const row = rows[rowNo - 1] ?? (rows[rowNo - 1] = []);
    row[colNo - 1] = cell.formula === undefined && cell.error === undefined && !cell.percent ? cell.value! : cell;
  }
  return new Sheet(name, rows, merges);
}

/** Reads every worksheet, in workbook order. Never throws on bad input. */
export function readWorkbook(entries: Map<string, Buffer>, limits: ReadLimits = defaultReadLimits): ReadResult {
  try {
    const wbXml = xmlText(entries, "xl/workbook.xml");
    if (!wbXml) return {ok: false, refusal: {kind: "file/not-xlsx", details: {looksLike: "zip"}}};
    const relsXml = xmlText(entries, "xl/_rels/workbook.xml.rels") ?? "";
    const targets = new Map<string, string>();
    const relRe = /<Relationship\b([^>]*?)\/?>/g;
    for (let m; (m = relRe.exec(relsXml));) {
      const id = attr(m[1]!, "Id"), target = attr(m[1]!, "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
    }
    const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(wbXml);
    const strings = sharedStrings(xmlText(entries, "xl/sharedStrings.xml"));
    const kinds = styleKinds(xmlText(entries, "xl/styles.xml"));
    const budget = {cells: limits.maxCells};
    const sheets: Sheet[] = [];
    const sheetRe = /<sheet\b([^>]*?)\/?>/g;
    for (let m; (m = sheetRe.exec(wbXml));) {
      const name = attr(m[1]!, "name") ?? `Лист${sheets.length + 1}`;
      const rid = attr(m[1]!, "r:id") ?? attr(m[1]!, "id");
      const path = rid ? targets.get(rid) : undefined;
      const xml = path ? xmlText(entries, path) : undefined;
      if (!xml) continue; // a chart sheet or a dangling reference: nothing to read
      sheets.push(readSheet(name, xml, strings, kinds, date1904, limits, budget));
    }
    return {ok: true, workbook: {sheets}};
  } catch (e) {
    if (e instanceof TooLarge) {
      return {ok: false, refusal: {kind: "file/sheet-too-large", details: {sheet: e.sheet, limit: e.limit, what: e.what}}};
    }
    if (e instanceof Doctype) return {ok: false, refusal: {kind: "file/xml-doctype", details: {}}};
    return {ok: false, refusal: {kind: "file/corrupt", details: {reason: (e as Error).message}}};
  }
}
