// Reads an OpenDocument spreadsheet (.ods: XML in a zip, inflated by the zip guard) into the cell
// model. `content.xml` holds the tables; we scan it linearly as the XLSX reader scans its sheets.
// Cell values come from the typed attributes (office:value-type with office:value, date-value,
// boolean-value), not from the displayed text, so `610,0` shown is the number 610. Repeated cells
// and rows (`number-columns-repeated`, `number-rows-repeated`) are expanded only where they hold
// a value, after checking the count against the budgets: LibreOffice writes a million empty rows
// as one element, a hostile file a million full ones.
import type {Cell, Slot, Workbook} from "../xlsx/workbook.ts";
import {Refusal, SheetBuilder, WorkbookBudget, corrupt, MAX_CELL_CHARS, tooLarge, type ReadLimits} from "../xlsx/sheetBuilder.ts";
import {CloseFinder, attrBytes as attr, decodeBytesXml, decodeXml, detach, eachElement, partBytes, withoutElements} from "../xlsx/xml.ts";
import {isoDate} from "../xlsx/values.ts";

const CELL_END = "</table:table-cell>", COVERED_END = "</table:covered-table-cell>";
const TAGS = /<(\/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>/g;

/** `[.D5:.D7]` references and `;` separators of OpenFormula, written as in Excel: `SUM(D5:D7)`. */
export function odsFormula(f: string): string {
  return f.replace(/^(?:of|oooc|msoxl):=?/, "").replace(/^=/, "")
    .replace(/\[\$?'?([^\].']*)'?\.(\$?[A-Z]+\$?\d+)(?::\.?(\$?[A-Z]+\$?\d+))?\]/g, (_, sheet: string, a: string, b?: string) =>
      `${sheet ? `${sheet}!` : ""}${a}${b ? `:${b}` : ""}`)
    .replace(/;/g, ",");
}

/**
 * Spaces that `<text:s text:c="N"/>` may still add in the workbook being read (readOdsContent sets
 * it; the readers are synchronous). 24 bytes asking for 32,767 spaces are a 1,365-fold amplifier:
 * 20,000 such cells of a 2.7 MB file made 640 million characters (12 s, 800 MB) before this
 * budget; what it allows is the size of content.xml and a megabyte, far above any real sheet.
 */
let spacesLeft = 0;

function spaces(n: string | undefined): string {
  const count = Math.min(Number(n ?? 1), MAX_CELL_CHARS + 1);
  spacesLeft -= count;
  if (spacesLeft < 0 || count > MAX_CELL_CHARS) throw tooLarge("", MAX_CELL_CHARS, "text");
  return " ".repeat(count);
}

/** A paragraph's text: spaces (`<text:s text:c="3"/>`), tabs and line breaks kept, markup dropped. */
function paragraphText(p: string): string {
  if (p.indexOf("<") < 0) return decodeBytesXml(p);
  const expanded = p
    .replace(/<text:s(?:\s+text:c\s*=\s*["'](\d+)["'])?\s*\/>/g, (_, n?: string) => spaces(n))
    .replace(/<text:tab\s*\/>/g, "\t")
    .replace(/<text:line-break\s*\/>/g, "\n")
    // No «<» inside a tag: a «<» with no «>» after it is dropped alone, not scanned past to the end
    // of the text from every one of them (8 million «<» ran past 30 s).
    .replace(/<[^<>]*>/g, "");
  if (expanded.length > MAX_CELL_CHARS * 4) throw tooLarge("", MAX_CELL_CHARS, "text");
  return decodeBytesXml(expanded);
}

const ONE_PARAGRAPH = /^\s*<text:p>([^<]*)<\/text:p>\s*$/;

/**
 * The cell's text: its paragraphs joined by line breaks, without annotations (comments). `at` is
 * where `inner` starts in the part's bytes: a plain one-paragraph text is decoded from them directly.
 */
function cellText(inner: string, bytes: Buffer, at: number): string {
  const plain = ONE_PARAGRAPH.exec(inner);
  if (plain) {
    const raw = plain[1]!;
    if (raw.length > MAX_CELL_CHARS * 4) throw tooLarge("", MAX_CELL_CHARS, "text");
    const start = at + inner.indexOf("<text:p>") + 8;
    const text = decodeXml(bytes.toString("utf8", start, start + raw.length));
    if (text.length > MAX_CELL_CHARS) throw tooLarge("", MAX_CELL_CHARS, "text");
    return text;
  }
  let body = inner;
  if (body.indexOf("annotation") >= 0) body = withoutElements(body, "annotation");
  const paragraphs: string[] = [];
  eachElement(body, "p", (_, p) => paragraphs.push(p === null ? "" : paragraphText(p)));
  const text = paragraphs.join("\n");
  if (text.length > MAX_CELL_CHARS) throw tooLarge("", MAX_CELL_CHARS, "text");
  return detach(text);
}

/** A cell's value from its typed attributes; null for an empty cell. (No closures: this runs per cell.) */
function cellSlot(attrs: string, inner: string | null, bytes: Buffer, at: number): Slot | null {
  const type = attrs.indexOf("value-type") >= 0 ? attr(attrs, "office:value-type") : undefined;
  const formula = attrs.indexOf("formula") >= 0 ? attr(attrs, "table:formula") : undefined;
  const cell: Cell = {value: null};
  if (formula !== undefined) cell.formula = detach(odsFormula(formula));
  if (attrs.indexOf("\"error\"") >= 0 && attr(attrs, "calcext:value-type") === "error") {
    cell.error = (inner ? cellText(inner, bytes, at) : "") || "#ERROR";
  } else if (type === "float" || type === "currency" || type === "percentage") {
    const n = Number(attr(attrs, "office:value"));
    cell.value = Number.isFinite(n) ? n : (inner ? cellText(inner, bytes, at) : "") || null;
    if (type === "percentage" && typeof cell.value === "number") cell.percent = true;
  } else if (type === "date") {
    // Strictly ISO 8601 and a real date; anything else stays as the text the cell shows.
    cell.value = isoDate(attr(attrs, "office:date-value") ?? "") ?? ((inner ? cellText(inner, bytes, at) : "") || null);
  } else if (type === "boolean") {
    cell.value = /^(true|1)$/i.test(attr(attrs, "office:boolean-value") ?? "");
  } else if (type === "string" || type === undefined || type === "time") {
    const stated = type === "string" && attrs.indexOf("string-value") >= 0 ? attr(attrs, "office:string-value") : undefined;
    const s = stated ?? (inner ? cellText(inner, bytes, at) : "");
    cell.value = s === "" && formula === undefined ? null : s;
  } else cell.value = (inner ? cellText(inner, bytes, at) : "") || null;
  if (cell.value === null && cell.formula === undefined && cell.error === undefined) return null;
  return cell.formula === undefined && cell.error === undefined && !cell.percent ? cell.value! : cell;
}

/** A repeat or span count (1 when absent); the attribute is looked for only when its name is there. */
const count = (attrs: string, name: string, hint: string) => {
  if (attrs.indexOf(hint) < 0) return 1;
  const v = attr(attrs, name);
  if (v === undefined) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw corrupt(`${name}="${v}"`);
  return n;
};

interface RowCell {
  column: number;
  repeat: number;
  slot: Slot | null;
  rows: number;
  columns: number;
}

/** Reads content.xml's tables (`xml` is the Latin-1 view of `bytes`, see xml.ts). Throws a Refusal. */
export function readOdsContent(xml: string, bytes: Buffer, limits: ReadLimits): Workbook {
  if (xml.indexOf("office:spreadsheet") < 0) throw new Refusal({kind: "file/not-spreadsheet", details: {looksLike: "odf"}});
  const budget = new WorkbookBudget(limits);
  spacesLeft = xml.length + 1_000_000;
  const sheets = [];
  const closes = new CloseFinder(xml);
  const re = new RegExp(TAGS);
  let sheet: SheetBuilder | undefined;
  let row = 0, rowRepeat = 1, column = 0;
  let cells: RowCell[] = [];

  const endRow = () => {
    if (!sheet) return;
    if (cells.length) {
      // Check the budgets on the counts before expanding any repetition.
      let perRow = 0, merges = 0;
      for (const c of cells) {
        if (c.slot !== null) perRow += c.repeat;
        if (c.rows > 1 || c.columns > 1) merges += c.repeat;
      }
      if (perRow * rowRepeat > budget.cells) throw tooLarge(sheet.name, budget.limits.maxCells, "cells");
      if (merges * rowRepeat > budget.merges) throw tooLarge(sheet.name, budget.limits.maxMerges, "merges");
      for (let r = 0; r < rowRepeat; r++) {
        for (const c of cells) {
          for (let k = 0; k < c.repeat; k++) {
            if (c.slot !== null) sheet.set(row + r, c.column + k, c.slot);
            if (c.rows > 1 || c.columns > 1) sheet.merge(row + r, c.column + k, row + r + c.rows - 1, c.column + k + c.columns - 1);
          }
        }
      }
    }
    row += rowRepeat;
    cells = [];
  };

  for (let m; (m = re.exec(xml));) {
    const closing = m[1] === "/", tag = m[2]!;
    let attrs = m[3]!;
    const selfClosing = attrs.endsWith("/");
    if (selfClosing) attrs = attrs.slice(0, -1);
    if (tag === "table") {
      if (closing) {
        if (sheet) sheets.push(sheet.build());
        sheet = undefined;
      } else {
        sheet = new SheetBuilder(attr(attrs, "table:name") ?? `Лист${sheets.length + 1}`, budget);
        row = 1;
        if (selfClosing) { sheets.push(sheet.build()); sheet = undefined; }
      }
      continue;
    }
    if (tag === "table-row") {
      if (closing) { endRow(); continue; }
      rowRepeat = count(attrs, "table:number-rows-repeated", "rows-repeated");
      column = 1;
      cells = [];
      if (selfClosing) endRow();
      continue;
    }
    if (closing) continue; // a cell's end tag is consumed with its start tag below
    let inner: string | null = null;
    const innerAt = re.lastIndex;
    if (!selfClosing) {
      const end = closes.find(tag === "table-cell" ? CELL_END : COVERED_END, re.lastIndex);
      if (end < 0) throw corrupt("unclosed table cell");
      inner = xml.slice(re.lastIndex, end);
      re.lastIndex = end + tag.length + 9;
    }
    const repeat = count(attrs, "table:number-columns-repeated", "columns-repeated");
    const covered = tag === "covered-table-cell";
    const slot = covered && inner === null ? null : cellSlot(attrs, inner, bytes, innerAt);
    const spanned = !covered && attrs.indexOf("spanned") >= 0;
    const spanRows = spanned ? count(attrs, "table:number-rows-spanned", "rows-spanned") : 1;
    const spanColumns = spanned ? count(attrs, "table:number-columns-spanned", "columns-spanned") : 1;
    if (slot !== null || spanRows > 1 || spanColumns > 1) {
      cells.push({column, repeat, slot, rows: spanRows, columns: spanColumns});
    }
    column += repeat;
  }
  if (sheet) sheets.push(sheet.build());
  return {sheets};
}

/** Reads an ODS package's entries. Throws a Refusal. */
export function readOds(entries: Map<string, Buffer>, limits: ReadLimits): Workbook {
  const content = entries.get("content.xml");
  if (!content) throw corrupt("no content.xml");
  entries.delete("content.xml");
  return readOdsContent(partBytes(content), content, limits);
}
