// Reads the entries the zip guard inflated (an OOXML package: .xlsx, .xlsm) into the cell model of
// workbook.ts. Why not exceljs here: its streaming reader drops merged ranges and number formats
// and hangs on truncated files; its full reader repeats merged values into every cell and needs
// ~1 GB for a 200,000-row sheet (RELIABILITY.md). The sheet XML is regular enough that a linear
// scanner over the inflated text reads it faster than either, within the caps of sheetBuilder.ts.
// exceljs stays our writer (sample data, exports) and the parser-only reference in the bench.
//
// What office suites write differently, all read here: the workbook part found through
// `_rels/.rels` (not only `xl/workbook.xml`), absolute, relative and `..` targets, part names in
// any letter case, Strict OOXML namespaces, namespace prefixes on elements (`<x:c>`), either
// quote style, no sharedStrings or styles part, inline strings (`<is>` with or without
// `t="inlineStr"`), rows and cells without `r`, lower-case refs, `t="str"`, `t="d"` ISO dates
// (parsed strictly: anything else stays text), 1904 dates.
import type {Workbook} from "./workbook.ts";
import {
  Refusal, SheetBuilder, WorkbookBudget, corrupt, defaultReadLimits, fullLimits, guarded, tooLarge,
  type ReadLimits, type ReadRefusal
} from "./sheetBuilder.ts";
import {CloseFinder, attr, attrLocal, childText, decodeOoxml, detach, eachElement, firstElement, partText, withoutElements} from "./xml.ts";
import {excelDate, formatKind, isoDate, BUILTIN_DATE, BUILTIN_PERCENT, type FormatKind} from "./values.ts";
import type {Cell, Slot} from "./workbook.ts";

export {defaultReadLimits, type ReadLimits};

export type ReadResult = {ok: true; workbook: Workbook} | {ok: false; refusal: ReadRefusal};

/** The package's parts by name, case-insensitively (OPC part names are); each is read once. */
class Parts {
  private readonly byLower = new Map<string, string>();

  constructor(private readonly entries: Map<string, Buffer>) {
    for (const name of entries.keys()) this.byLower.set(name.toLowerCase(), name);
  }

  has(path: string): boolean {
    return this.byLower.has(path.toLowerCase());
  }

  /** The part as text; its inflated bytes are released at once (a large sheet holds tens of MB). */
  text(path: string): string | undefined {
    const name = this.byLower.get(path.toLowerCase());
    const bytes = name === undefined ? undefined : this.entries.get(name);
    if (name === undefined || !bytes) return undefined;
    this.entries.delete(name);
    return partText(bytes);
  }
}

/** A relationship's target as a part name: absolute (`/xl/…`), relative, with `.` and `..`. */
export function resolveTarget(baseDir: string, target: string): string | undefined {
  // The usual case, «worksheets/sheet1.xml»: nothing to resolve.
  if (/^[\w-]+(?:\/[\w-]+)*\.[\w]+$/.test(target)) return baseDir ? `${baseDir}/${target}` : target;
  let t = target.split("#")[0]!.replace(/\\/g, "/");
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return undefined; // an external link (http:, file:)
  if (t.indexOf("%") >= 0) try { t = decodeURIComponent(t); } catch { /* keep it as written */ }
  const out: string[] = [];
  for (const p of (t.startsWith("/") ? t : `${baseDir}/${t}`).split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

interface Relationship {
  target: string | undefined;
  type: string;
}

/** The relationships of a part (`dir/_rels/name.rels`), by Id. */
function relationships(parts: Parts, partPath: string): Map<string, Relationship> {
  const slash = partPath.lastIndexOf("/");
  const dir = slash < 0 ? "" : partPath.slice(0, slash);
  const xml = parts.text(`${dir ? `${dir}/` : ""}_rels/${partPath.slice(slash + 1)}.rels`) ?? "";
  const out = new Map<string, Relationship>();
  eachElement(xml, "Relationship", (attrs) => {
    const id = attr(attrs, "Id"), target = attr(attrs, "Target");
    if (id === undefined || target === undefined) return;
    out.set(id, {target: attr(attrs, "TargetMode") === "External" ? undefined : resolveTarget(dir, target), type: attr(attrs, "Type") ?? ""});
  });
  return out;
}

const ofType = (rels: Map<string, Relationship>, suffix: string) =>
  [...rels.values()].find((r) => r.type.endsWith(suffix) && r.target !== undefined)?.target;

/** The main workbook part: the package's officeDocument relationship, else the usual name. */
function workbookPart(parts: Parts): string | undefined {
  const root = relationships(parts, "");
  const main = ofType(root, "/officeDocument");
  if (main && parts.has(main)) return main;
  return parts.has("xl/workbook.xml") ? "xl/workbook.xml" : undefined;
}

function looksLike(parts: Parts): string {
  return parts.has("word/document.xml") ? "docx" : parts.has("ppt/presentation.xml") ? "pptx"
    : parts.has("content.xml") ? "odf" : "zip";
}

const PLAIN_T = /^<t(?:\s[^>]*)?>([^<]*)<\/t>$/;

/** Concatenated text of <t> elements, skipping phonetic runs (<rPh>). */
function runsText(xml: string): string {
  const plain = PLAIN_T.exec(xml); // one plain run, as most strings are
  if (plain) return detach(decodeOoxml(plain[1]!));
  const clean = xml.indexOf("rPh") >= 0 ? withoutElements(xml, "rPh") : xml;
  let out = "";
  eachElement(clean, "t", (_, inner) => { if (inner) out += inner; });
  return detach(decodeOoxml(out));
}

function sharedStrings(xml: string | undefined, limits: Required<ReadLimits>): string[] {
  if (!xml) return [];
  const out: string[] = [];
  eachElement(xml, "si", (_, inner) => {
    if (out.length >= limits.maxSharedStrings) throw tooLarge("", limits.maxSharedStrings, "strings");
    out.push(inner ? runsText(inner) : "");
  });
  return out;
}

/** Per style index (cellXfs order): what its number format means. */
function styleKinds(xml: string | undefined): FormatKind[] {
  if (!xml) return [];
  const custom = new Map<number, FormatKind>();
  eachElement(xml, "numFmt", (attrs) => custom.set(Number(attr(attrs, "numFmtId")), formatKind(attr(attrs, "formatCode") ?? "")));
  const out: FormatKind[] = [];
  const xfs = firstElement(xml, "cellXfs")?.inner;
  if (!xfs) return out;
  eachElement(xfs, "xf", (attrs) => {
    const id = Number(attr(attrs, "numFmtId") ?? 0);
    out.push(custom.has(id) ? custom.get(id)! : BUILTIN_DATE.has(id) ? "date" : BUILTIN_PERCENT.has(id) ? "percent" : null);
  });
  return out;
}

/** "AB12" (any letter case) → [12, 28]; [NaN, 0] when it is not a reference. */
export function decodeRef(ref: string): [number, number] {
  let col = 0, i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + code - 64;
    else if (code >= 97 && code <= 122) col = col * 26 + code - 96;
    else break;
  }
  let row = 0;
  const digits = ref.length - i;
  if (digits < 1 || digits > 7) return [NaN, col];
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return [NaN, col];
    row = row * 10 + d;
  }
  return [row, col];
}

/** The `ref` attribute of a <mergeCell>: found directly, as a sheet may hold hundreds of thousands. */
function refOf(attrs: string): string | undefined {
  const at = attrs.indexOf("ref=");
  if (at < 0 || (at > 0 && attrs.charCodeAt(at - 1) > 32)) return attr(attrs, "ref");
  const quote = attrs[at + 4];
  const end = quote === "\"" || quote === "'" ? attrs.indexOf(quote, at + 5) : -1;
  return end < 0 ? attr(attrs, "ref") : attrs.slice(at + 5, end);
}

interface SheetContext {
  strings: string[];
  kinds: FormatKind[];
  date1904: boolean;
  budget: WorkbookBudget;
}

/** One `<c>` element's value as a slot; null for a styled empty cell. */
function cellSlot(attrs: string, inner: string, prefixed: boolean, ctx: SheetContext): Slot | null {
  const t = attr(attrs, "t");
  const s = attr(attrs, "s");
  const kind = s ? ctx.kinds[Number(s)] ?? null : null;
  let formula: string | undefined, raw: string | undefined;
  if (inner) {
    // <f> and <v>, with or without a namespace prefix, found in one pass each (xml.ts childText).
    if (prefixed || inner.indexOf("<f") >= 0) formula = childText(inner, "f");
    raw = childText(inner, "v", undefined);
  }
  const cell: Cell = {value: null};
  if (formula !== undefined) cell.formula = detach(decodeOoxml(formula));
  if (t === "s") cell.value = raw !== undefined ? ctx.strings[Number(raw)] ?? null : null;
  else if (t === "inlineStr" || (t === undefined && raw === undefined && inner.indexOf("is") >= 0 && /<([\w.-]+:)?is[\s>]/.test(inner))) {
    cell.value = runsText(inner);
  } else if (t === "str") cell.value = raw !== undefined ? detach(decodeOoxml(raw)) : null;
  else if (t === "b") cell.value = raw !== undefined ? raw.trim() === "1" || raw.trim() === "true" : null;
  else if (t === "e") cell.error = raw !== undefined ? decodeOoxml(raw) : "#ERROR";
  else if (t === "d") {
    if (raw !== undefined && raw.trim() !== "") {
      const text = decodeOoxml(raw).trim();
      // Strictly ISO 8601 and a real calendar date; anything else stays as the text it is, so
      // the loaders report it («31.02.2024») instead of an Invalid Date reaching them.
      cell.value = isoDate(text) ?? detach(text);
    }
  } else if (raw !== undefined && raw.trim() !== "") {
    const n = Number(raw);
    if (!Number.isFinite(n)) cell.value = detach(decodeOoxml(raw).trim());
    else {
      cell.value = kind === "date" ? excelDate(n, ctx.date1904) ?? n : n;
      if (kind === "percent") cell.percent = true;
    }
  }
  if (cell.value === null && cell.formula === undefined && cell.error === undefined) return null;
  return cell.formula === undefined && cell.error === undefined && !cell.percent ? cell.value! : cell;
}

const closeTags = new Map<string, string>();
/** `</x:c>` for a prefix, made once. */
function closeTag(prefix: string): string {
  let t = closeTags.get(prefix);
  if (t === undefined) closeTags.set(prefix, t = `</${prefix}c>`);
  return t;
}

const SHEET_TAGS = /<([\w.-]+:)?(row|c|mergeCell)(?=[\s/>])([^>]*)>/g;

function readSheet(name: string, xml: string, ctx: SheetContext) {
  const sheet = new SheetBuilder(name, ctx.budget);
  // More merged ranges than the budget allows is refused before any cell is read, on the count
  // the file states (a file that states less is still stopped by the budget, merge by merge).
  const stated = firstElement(xml, "mergeCells");
  if (stated && Number(attr(stated.attrs, "count") ?? 0) > ctx.budget.merges) throw tooLarge(name, ctx.budget.limits.maxMerges, "merges");
  const closes = new CloseFinder(xml);
  const re = new RegExp(SHEET_TAGS);
  let rowNo = 0, colNo = 0;
  for (let m; (m = re.exec(xml));) {
    const tag = m[2]!;
    let attrs = m[3]!;
    const selfClosing = attrs.endsWith("/");
    if (selfClosing) attrs = attrs.slice(0, -1);
    if (tag === "row") {
      const r = attr(attrs, "r");
      rowNo = r !== undefined ? Number(r) : rowNo + 1;
      colNo = 0;
      continue;
    }
    if (tag === "mergeCell") {
      const ref = refOf(attrs);
      if (ref && ref.includes(":")) {
        const [a, b] = ref.split(":") as [string, string];
        const [top, left] = decodeRef(a), [bottom, right] = decodeRef(b);
        sheet.merge(top, left, bottom, right);
      }
      continue;
    }
    let inner = "";
    if (!selfClosing) {
      const start = re.lastIndex;
      const end = closes.find(m[1] === undefined ? "</c>" : closeTag(m[1]), start);
      if (end < 0) throw corrupt(`unclosed cell in ${name}`);
      inner = xml.slice(start, end);
      re.lastIndex = end;
    }
    const ref = attr(attrs, "r");
    if (ref !== undefined) [rowNo, colNo] = decodeRef(ref);
    else colNo++;
    if (rowNo < 1 && ref === undefined) rowNo = 1;
    const slot = cellSlot(attrs, inner, m[1] !== undefined, ctx);
    if (slot !== null) sheet.set(rowNo, colNo, slot);
  }
  return sheet.build();
}

/** Reads every worksheet, in workbook order. Never throws: bad input is a refusal. */
export function readWorkbook(entries: Map<string, Buffer>, limits: ReadLimits = defaultReadLimits): ReadResult {
  return guarded(() => {
    const parts = new Parts(entries);
    const wbPath = workbookPart(parts);
    const wbXml = wbPath ? parts.text(wbPath) : undefined;
    if (!wbPath || !wbXml) throw new Refusal({kind: "file/not-spreadsheet", details: {looksLike: looksLike(parts)}});
    const rels = relationships(parts, wbPath);
    const dir = wbPath.includes("/") ? wbPath.slice(0, wbPath.lastIndexOf("/") + 1) : "";
    const pr = firstElement(wbXml, "workbookPr")?.attrs ?? "";
    const date1904 = /^(1|true)$/i.test(attr(pr, "date1904") ?? "");
    const strings = sharedStrings(parts.text(ofType(rels, "/sharedStrings") ?? `${dir}sharedStrings.xml`), fullLimits(limits));
    const kinds = styleKinds(parts.text(ofType(rels, "/styles") ?? `${dir}styles.xml`));
    const ctx: SheetContext = {strings, kinds, date1904, budget: new WorkbookBudget(limits)};
    const sheets = [];
    let n = 0;
    const list: Array<{name: string; path: string | undefined}> = [];
    eachElement(firstElement(wbXml, "sheets")?.inner ?? "", "sheet", (attrs) => {
      n++;
      const rel = rels.get(attrLocal(attrs, "id") ?? "");
      if (rel && !rel.type.endsWith("/worksheet") && rel.type !== "") return; // a chart or macro sheet
      list.push({name: attr(attrs, "name") ?? `Лист${n}`, path: rel ? rel.target : rels.size === 0 ? `${dir}worksheets/sheet${n}.xml` : undefined});
    });
    for (const {name, path} of list) {
      const xml = path ? parts.text(path) : undefined;
      if (!xml) continue; // a dangling reference: nothing to read
      sheets.push(readSheet(name, xml, ctx));
    }
    return {sheets};
  });
}
