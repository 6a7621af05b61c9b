// Small, linear-time helpers over the XML text of spreadsheet parts (XLSX and ODS). We scan the
// text instead of building a DOM: the parts are regular, and a scanner reads them several times
// faster within our caps. Every search here is linear in the text, also on hostile input
// (unclosed tags are found once, not searched again for every element that follows).
//
// An ODS content.xml, where text and markup are mixed in tens of MB, is scanned as the Latin-1
// view of its UTF-8 bytes (partBytes): the markup is ASCII, so the scan is the same, and decoding
// 27 MB of Cyrillic UTF-8 into a JS string costs ~3× more than this byte-for-byte view; only the
// values taken out are decoded (decodeBytesXml, attrBytes). XLSX parts are decoded as UTF-8 text.
import {Refusal} from "./sheetBuilder.ts";

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'"};

function codePoint(e: string): string {
  const n = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd";
}

/** Expands the five predefined entities and character references (no other entity exists for us). */
export function decodeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_, e: string) => (e[0] === "#" ? codePoint(e) : NAMED[e] ?? ""));
}

const HIGH = /[\x80-\xff]/;

/** Text cut from a part read by partBytes (the Latin-1 view of UTF-8) as the characters it encodes. */
export function fromUtf8(raw: string): string {
  return HIGH.test(raw) ? Buffer.from(raw, "latin1").toString("utf8") : raw;
}

/** decodeXml of text cut from a part read by partBytes. Call it once per value, on the raw text. */
export function decodeBytesXml(raw: string): string {
  return decodeXml(fromUtf8(raw));
}

/** decodeXml plus OOXML's escapes of control characters (`_x000D_`). */
export function decodeOoxml(s: string): string {
  const d = decodeXml(s);
  return d.indexOf("_x") < 0 ? d : d.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A copy of a string that does not keep alive the larger string it was cut from: V8 keeps
 * substrings as views into their parent, so one cell value would pin a whole sheet's XML.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/**
 * The part's text. We expand no entity but the five predefined: a DTD is refused outright
 * (billion laughs, external entities), wherever it is.
 */
export function partText(bytes: Buffer): string {
  return markup(refuseDtd(bytes.toString("utf8")));
}

/** The part's bytes as a Latin-1 string to scan (see above); values come out through decodeBytesXml. */
export function partBytes(bytes: Buffer): string {
  return markup(refuseDtd(bytes.toString("latin1")));
}

/**
 * The text up to its last «>»: nothing after it is markup. Every tag pattern here ends in
 * `[^>]*>`, which from a start with no «>» after it scans to the end of the text and fails — from
 * every such start: two million «<c » with no «>» after them ran past 30 s (quadratic: 10^12 steps). Cut there, every start
 * that passes the tag's name finds its «>» and is consumed with it, so a scan stays linear.
 */
export function markup(xml: string): string {
  const last = xml.lastIndexOf(">");
  return last === xml.length - 1 ? xml : xml.slice(0, last + 1);
}

/**
 * The text of the first child element with this local name (`<v>`, `<x:v>`); `selfClosing` when it
 * is self-closing (`<f t="shared" si="0"/>` is a formula, `<v/>` no value); undefined when there is
 * none or it is not closed. One forward pass over `inner`
 * (a lazy `<v>([\s\S]*?)<\/v>` searches to the end again from every unclosed `<v>`).
 */
export function childText(inner: string, local: string, selfClosing: "" | undefined = ""): string | undefined {
  const n = inner.length;
  for (let lt = inner.indexOf("<"); lt >= 0; lt = inner.indexOf("<", lt + 1)) {
    let p = lt + 1;
    while (p < n) {
      const c = inner.charCodeAt(p);
      // [\w.:-]: letters, digits, _, ., :, -
      if ((c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45) p++;
      else break;
    }
    const name = inner.slice(lt + 1, p);
    const colon = name.lastIndexOf(":");
    if ((colon < 0 ? name : name.slice(colon + 1)) !== local) { lt = p - 1; continue; }
    const next = inner.charCodeAt(p);
    if (!(next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13)) { lt = p - 1; continue; }
    const gt = inner.indexOf(">", p);
    if (gt < 0) return undefined;
    if (inner.charCodeAt(gt - 1) === 47) return selfClosing;
    const end = inner.indexOf(`</${name}>`, gt + 1);
    return end < 0 ? undefined : inner.slice(gt + 1, end);
  }
  return undefined;
}

/** Refuses any DOCTYPE or entity declaration: one scan for «<!», which otherwise starts only comments and CDATA. */
function refuseDtd(s: string): string {
  for (let at = s.indexOf("<!"); at >= 0; at = s.indexOf("<!", at + 2)) {
    const next = s.charCodeAt(at + 2);
    if (next === 45 || next === 91) continue; // <!-- a comment, <![CDATA[
    throw new Refusal({kind: "file/xml-doctype", details: {}});
  }
  return s;
}

const attrPatterns = new Map<string, RegExp>();

const attrNeedles = new Map<string, string>();

/** An attribute's raw value by its exact (qualified) name, in either quote style. */
export function rawAttr(attrs: string, name: string): string | undefined {
  // The usual form ` name="…"` is found directly; anything else (single quotes, spaces) by a pattern.
  let needle = attrNeedles.get(name);
  if (needle === undefined) attrNeedles.set(name, needle = `${name}="`);
  for (let at = attrs.indexOf(needle); at >= 0; at = attrs.indexOf(needle, at + 1)) {
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const start = at + needle.length, end = attrs.indexOf("\"", start);
      return end >= 0 ? attrs.slice(start, end) : undefined;
    }
  }
  if (attrs.indexOf(name) < 0) return undefined;
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, re = new RegExp(`(?:^|\\s)${name.replace(/[.]/g, "\\.")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`));
  const m = re.exec(attrs);
  return m ? m[1] ?? m[2]! : undefined;
}

/** An attribute's decoded value by its exact (qualified) name. */
export function attr(attrs: string, name: string): string | undefined {
  const v = rawAttr(attrs, name);
  return v === undefined ? undefined : decodeXml(v);
}

/** An attribute's decoded value, in a part read by partBytes. */
export function attrBytes(attrs: string, name: string): string | undefined {
  const v = rawAttr(attrs, name);
  return v === undefined ? undefined : decodeBytesXml(v);
}

const localPatterns = new Map<string, RegExp>();

/** An attribute's value by its local name, whatever its namespace prefix (`r:id`, `ns1:id`). */
export function attrLocal(attrs: string, local: string): string | undefined {
  let re = localPatterns.get(local);
  if (!re) localPatterns.set(local, re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`));
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2]!) : undefined;
}

/**
 * Finds closing tags without searching the same text twice: the next `</name>` after a position is
 * remembered, so a file of a million unclosed elements costs one pass, not a million.
 */
export class CloseFinder {
  // The needle asked last and its position: a scan asks for one needle over and over.
  private needle = "";
  private at = -2;
  private others: Map<string, number> | undefined;

  constructor(private readonly xml: string) {}

  /** Position of the next `close` (e.g. `</x:c>`) at or after `from`, or -1. */
  find(close: string, from: number): number {
    if (close !== this.needle) {
      this.others ??= new Map();
      if (this.needle !== "") this.others.set(this.needle, this.at);
      this.needle = close;
      this.at = this.others.get(close) ?? -2;
    }
    if (this.at === -1 || this.at >= from) return this.at;
    return this.at = this.xml.indexOf(close, from);
  }
}

const elementPatterns = new Map<string, RegExp>();

/**
 * Calls `each` for every element with this local name (any prefix), in document order, with its
 * attributes and its inner text (null when self-closing or unclosed). Linear in the text.
 */
export function eachElement(text: string, local: string, each: (attrs: string, inner: string | null) => void): void {
  const xml = markup(text);
  let re = elementPatterns.get(local);
  if (!re) elementPatterns.set(local, re = new RegExp(`<([\\w.-]+:)?${local}(?=[\\s/>])([^>]*)>`, "g"));
  re.lastIndex = 0;
  const closes = new CloseFinder(xml);
  for (let m; (m = re.exec(xml));) {
    const attrs = m[2]!;
    if (attrs.endsWith("/")) { each(attrs.slice(0, -1), null); continue; }
    const start = m.index + m[0].length;
    const end = closes.find(`</${m[1] ?? ""}${local}>`, start);
    if (end < 0) { each(attrs, null); continue; }
    each(attrs, xml.slice(start, end));
    re.lastIndex = end;
  }
}

const firstPatterns = new Map<string, RegExp>();

/** The first element with this local name: its attributes and inner text. */
export function firstElement(text: string, local: string): {attrs: string; inner: string | null} | undefined {
  const xml = markup(text);
  let re = firstPatterns.get(local);
  if (!re) firstPatterns.set(local, re = new RegExp(`<([\\w.-]+:)?${local}(?=[\\s/>])([^>]*)>`));
  const m = re.exec(xml);
  if (!m) return undefined;
  const attrs = m[2]!;
  if (attrs.endsWith("/")) return {attrs: attrs.slice(0, -1), inner: null};
  const start = m.index + m[0].length;
  const end = xml.indexOf(`</${m[1] ?? ""}${local}>`, start);
  return {attrs, inner: end < 0 ? null : xml.slice(start, end)};
}

/** The text with every element of this local name (and its content) cut out. Linear. */
export function withoutElements(xml: string, local: string): string {
  // Past the last «>» nothing is an element: kept as it is, not scanned (see markup).
  const scanned = markup(xml), rest = xml.slice(scanned.length);
  return withoutElementsIn(scanned, local) + rest;
}

function withoutElementsIn(xml: string, local: string): string {
  let out = "", from = 0;
  const re = new RegExp(`<([\\w.-]+:)?${local}(?=[\\s/>])([^>]*)>`, "g");
  const closes = new CloseFinder(xml);
  for (let m; (m = re.exec(xml));) {
    out += xml.slice(from, m.index);
    if (m[2]!.endsWith("/")) { from = re.lastIndex; continue; }
    const close = `</${m[1] ?? ""}${local}>`;
    const end = closes.find(close, re.lastIndex);
    if (end < 0) return out;
    from = re.lastIndex = end + close.length;
  }
  return out + xml.slice(from);
}
