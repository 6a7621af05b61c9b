// Reads the Workbook stream of an Excel 97–2003 file (BIFF8, [MS-XLS]) into the cell model, under
// the same caps as every reader. Only the records that carry what the loaders read: sheets
// (BOUNDSHEET8), strings (SST + CONTINUE, LABELSST, LABEL, RSTRING), numbers (NUMBER, RK, MULRK),
// cached formula results (FORMULA + STRING), booleans and errors (BOOLERR), merged ranges
// (MERGEDCELLS), number formats (FORMAT, XF) and the 1904 flag (DATEMODE); FILEPASS means the file
// is encrypted. Every length is checked against the record it is read from.
import type {Cell, Slot, Workbook} from "../xlsx/workbook.ts";
import {
  Refusal, SheetBuilder, WorkbookBudget, corrupt, fullLimits, tooLarge, type ReadLimits
} from "../xlsx/sheetBuilder.ts";
import {excelDate, formatKind, BUILTIN_DATE, BUILTIN_PERCENT, type FormatKind} from "../xlsx/values.ts";
import {formulaText} from "./biffFormula.ts";

const BOF = 0x0809, EOF = 0x000a, CONTINUE = 0x003c, FILEPASS = 0x002f, DATEMODE = 0x0022, CODEPAGE = 0x0042;
const FORMAT = 0x041e, XF = 0x00e0, SST = 0x00fc, BOUNDSHEET = 0x0085;
const LABELSST = 0x00fd, LABEL = 0x0204, RSTRING = 0x00d6, NUMBER = 0x0203, RK = 0x027e, MULRK = 0x00bd;
const FORMULA = 0x0006, STRING = 0x0207, BOOLERR = 0x0205, MERGEDCELLS = 0x00e5;
/** BIFF8 records hold at most 8,224 bytes; longer data continues in CONTINUE records. */
const MAX_RECORD = 8224;
const MAX_CONTINUES = 65_536;

const ERRORS: Record<number, string> = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?",
  0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA"};

interface BiffRecord {
  type: number;
  /** The record's data followed by the data of the CONTINUE records after it. */
  parts: Buffer[];
  /** Offset of the next record. */
  next: number;
}

/** The record at `offset`, with its CONTINUE records; undefined at the end of the stream. */
function recordAt(stream: Buffer, offset: number): BiffRecord | undefined {
  if (offset + 4 > stream.length) return undefined;
  const read = (p: number): [number, Buffer, number] => {
    const type = stream.readUInt16LE(p), length = stream.readUInt16LE(p + 2);
    if (length > MAX_RECORD) throw corrupt(`record 0x${type.toString(16)} of ${length} bytes`);
    if (p + 4 + length > stream.length) throw corrupt(`record 0x${type.toString(16)} runs past the stream`);
    return [type, stream.subarray(p + 4, p + 4 + length), p + 4 + length];
  };
  const [type, data, after] = read(offset);
  const parts = [data];
  let next = after;
  while (next + 4 <= stream.length && stream.readUInt16LE(next) === CONTINUE) {
    const [, more, end] = read(next);
    // Writers fill a record before they continue it: 65,536 CONTINUE records are 540 MB of data,
    // more than any file we take. A million empty ones are a file's way to make a million objects.
    if (parts.length > MAX_CONTINUES) throw corrupt(`record 0x${type.toString(16)} with more than ${MAX_CONTINUES} CONTINUE records`);
    parts.push(more);
    next = end;
  }
  return {type, parts, next};
}

/**
 * Reads across a record and its CONTINUE records. A string's characters that cross into a
 * CONTINUE record start there with a new flags byte (compressed or UTF-16), as [MS-XLS] says.
 */
class Cursor {
  private part = 0;
  private pos = 0;
  /** Bytes of the parts before `part`, and of all of them: `remaining` is asked per string. */
  private before = 0;
  private readonly total: number;

  constructor(private readonly parts: Buffer[]) {
    let n = 0;
    for (const p of parts) n += p.length;
    this.total = n;
  }

  /** Moves to the next part (its start). */
  private nextPart(): void {
    this.before += this.parts[this.part]?.length ?? 0;
    this.part++;
    this.pos = 0;
  }

  private ensure(): Buffer {
    let b = this.parts[this.part];
    while (b && this.pos >= b.length) { this.nextPart(); b = this.parts[this.part]; }
    if (!b) throw corrupt("record ends early");
    return b;
  }

  /** Bytes left in the record and its CONTINUE records (summed once: an SST asks for every string). */
  get remaining(): number {
    return this.total - this.before - this.pos;
  }

  u8(): number {
    const b = this.ensure();
    return b[this.pos++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() + this.u16() * 0x10000) >>> 0;
  }

  skip(n: number): void {
    for (let left = n; left > 0;) {
      const b = this.ensure();
      const step = Math.min(left, b.length - this.pos);
      this.pos += step;
      left -= step;
    }
  }

  /** `count` characters, 1 or 2 bytes each; where they continue in a CONTINUE record, that record starts with a new flags byte. */
  chars(count: number, wide: boolean): string {
    let out = "";
    let left = count;
    let highByte = wide;
    while (left > 0) {
      let b = this.parts[this.part];
      if (!b || this.pos >= b.length) {
        this.nextPart();
        b = this.parts[this.part];
        if (!b) throw corrupt("string runs past its record");
        highByte = (b[this.pos++]! & 1) === 1;
        continue;
      }
      const width = highByte ? 2 : 1;
      const n = Math.min(left, Math.floor((b.length - this.pos) / width));
      if (n === 0) throw corrupt("string splits a character");
      out += b.toString(highByte ? "utf16le" : "latin1", this.pos, this.pos + n * width);
      this.pos += n * width;
      left -= n;
    }
    return out;
  }

  /** XLUnicodeRichExtendedString (SST) or XLUnicodeString (LABEL, STRING, FORMAT): cch 16-bit. */
  string(rich: boolean): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = rich && flags & 0x08 ? this.u16() : 0;
    const ext = rich && flags & 0x04 ? this.u32() : 0;
    if (cch * (flags & 1 ? 2 : 1) > this.remaining) throw corrupt(`string of ${cch} characters past its record`);
    const s = this.chars(cch, (flags & 1) === 1);
    if (runs) this.skip(4 * runs);
    if (ext) {
      if (ext > this.remaining) throw corrupt("string extension past its record");
      this.skip(ext);
    }
    return s;
  }
}

function rkNumber(rk: number): number {
  let v: number;
  if (rk & 2) v = (rk | 0) >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 1 ? v / 100 : v;
}

interface Globals {
  sheets: Array<{name: string; offset: number}>;
  strings: string[];
  /** Per XF index: what its number format means. */
  kinds: FormatKind[];
  date1904: boolean;
}

function readGlobals(stream: Buffer, limits: ReadLimits): Globals {
  const first = recordAt(stream, 0);
  if (!first || first.type !== BOF || first.parts[0]!.length < 4) throw corrupt("no BOF record");
  const version = first.parts[0]!.readUInt16LE(0);
  if (version !== 0x0600) throw new Refusal({kind: "file/xls-unsupported", details: {version: `0x${version.toString(16)}`}});
  const g: Globals = {sheets: [], strings: [], kinds: [], date1904: false};
  const formats = new Map<number, FormatKind>();
  const xfFormats: number[] = [];
  for (let r = recordAt(stream, first.next); r && r.type !== EOF; r = recordAt(stream, r.next)) {
    const d = r.parts[0]!;
    switch (r.type) {
      case FILEPASS:
        throw new Refusal({kind: "file/encrypted", details: {format: "xls"}});
      case DATEMODE:
        if (d.length >= 2) g.date1904 = d.readUInt16LE(0) === 1;
        break;
      case CODEPAGE: // BIFF8 strings are Unicode: the code page changes nothing we read
        break;
      case FORMAT: {
        const c = new Cursor(r.parts);
        const id = c.u16();
        formats.set(id, formatKind(c.string(false)));
        break;
      }
      case XF:
        if (d.length >= 4) xfFormats.push(d.readUInt16LE(2));
        break;
      case SST:
        g.strings = readSst(r.parts, limits);
        break;
      case BOUNDSHEET: {
        if (d.length < 8) throw corrupt("BOUNDSHEET8 record");
        const offset = d.readUInt32LE(0), type = d[5]!;
        const c = new Cursor([d.subarray(6)]);
        const cch = c.u8(), wide = (c.u8() & 1) === 1;
        const name = c.chars(cch, wide);
        if (type === 0) g.sheets.push({name, offset});
        break;
      }
    }
  }
  g.kinds = xfFormats.map((id) => (formats.has(id) ? formats.get(id)! : BUILTIN_DATE.has(id) ? "date" : BUILTIN_PERCENT.has(id) ? "percent" : null));
  return g;
}

function readSst(parts: Buffer[], readLimits: ReadLimits): string[] {
  const limits = fullLimits(readLimits);
  const c = new Cursor(parts);
  c.u32();
  const unique = c.u32();
  if (unique > limits.maxSharedStrings) throw tooLarge("", limits.maxSharedStrings, "strings");
  // Each string takes at least 3 bytes: a count that the record cannot hold is a lie.
  if (unique * 3 > c.remaining) throw corrupt(`SST declares ${unique} strings in ${c.remaining} bytes`);
  const out = new Array<string>(unique);
  for (let i = 0; i < unique; i++) out[i] = c.string(true);
  return out;
}

function numberSlot(n: number, xf: number, g: Globals): Slot {
  const kind = g.kinds[xf] ?? null;
  if (kind === "date") return excelDate(n, g.date1904) ?? n;
  return kind === "percent" ? {value: n, percent: true} : n;
}

/**
 * Records the sheets may still visit. Sheets that do not overlap visit each record once, and a
 * record takes at least 4 bytes; sheets pointing into the same records would walk them once per
 * sheet (20,000 sheets over 100,000 records: two billion record reads, past 30 s before this bound).
 */
interface Walk {
  left: number;
}

function readSheet(stream: Buffer, name: string, offset: number, g: Globals, budget: WorkbookBudget, walk: Walk) {
  const sheet = new SheetBuilder(name, budget);
  const bof = recordAt(stream, offset);
  if (!bof || bof.type !== BOF) throw corrupt(`sheet ${name} does not start with BOF`);
  // A FORMULA whose result is a string is followed by a STRING record with it.
  let pendingString: {row: number; col: number; formula: string} | undefined;
  let depth = 0;
  for (let r = recordAt(stream, bof.next); r; r = recordAt(stream, r.next)) {
    walk.left -= r.parts.length;
    if (walk.left < 0) throw corrupt("sheets overlap in the Workbook stream");
    if (r.type === BOF) { depth++; continue; } // an embedded chart's substream
    if (r.type === EOF) { if (depth-- === 0) break; continue; }
    if (depth > 0) continue;
    const d = r.parts[0]!, type = r.type;
    const at = (min: number) => { if (d.length < min) throw corrupt(`record 0x${type.toString(16)} too short`); };
    switch (r.type) {
      case LABELSST: {
        at(10);
        const s = g.strings[d.readUInt32LE(6)];
        if (s !== undefined && s !== "") sheet.set(d.readUInt16LE(0) + 1, d.readUInt16LE(2) + 1, s);
        break;
      }
      case LABEL:
      case RSTRING: {
        at(8);
        const s = new Cursor([d.subarray(6), ...r.parts.slice(1)]).string(false);
        if (s !== "") sheet.set(d.readUInt16LE(0) + 1, d.readUInt16LE(2) + 1, s);
        break;
      }
      case NUMBER:
        at(14);
        sheet.set(d.readUInt16LE(0) + 1, d.readUInt16LE(2) + 1, numberSlot(d.readDoubleLE(6), d.readUInt16LE(4), g));
        break;
      case RK:
        at(10);
        sheet.set(d.readUInt16LE(0) + 1, d.readUInt16LE(2) + 1, numberSlot(rkNumber(d.readUInt32LE(6)), d.readUInt16LE(4), g));
        break;
      case MULRK: {
        at(6);
        const row = d.readUInt16LE(0) + 1, first = d.readUInt16LE(2) + 1;
        const n = Math.floor((d.length - 6) / 6);
        sheet.reserve(n);
        for (let i = 0; i < n; i++) {
          const p = 4 + 6 * i;
          sheet.set(row, first + i, numberSlot(rkNumber(d.readUInt32LE(p + 2)), d.readUInt16LE(p), g));
        }
        break;
      }
      case FORMULA: {
        at(20);
        pendingString = undefined;
        const row = d.readUInt16LE(0) + 1, col = d.readUInt16LE(2) + 1, xf = d.readUInt16LE(4);
        const cce = d.length >= 22 ? d.readUInt16LE(20) : 0;
        const formula = formulaText(d.subarray(22, 22 + Math.min(cce, Math.max(0, d.length - 22))));
        const special = d.readUInt16LE(12) === 0xffff;
        if (!special) {
          const n = d.readDoubleLE(6);
          const slot = numberSlot(n, xf, g);
          const cell: Cell = typeof slot === "object" && !(slot instanceof Date) ? {...slot, formula} : {value: slot, formula};
          sheet.set(row, col, cell);
        } else {
          const kind = d[6]!;
          if (kind === 0) pendingString = {row, col, formula};
          else if (kind === 1) sheet.set(row, col, {value: d[8] === 1, formula});
          else if (kind === 2) sheet.set(row, col, {value: null, formula, error: ERRORS[d[8]!] ?? "#ERROR"});
          else sheet.set(row, col, {value: "", formula});
        }
        break;
      }
      case STRING:
        if (pendingString) {
          const s = new Cursor(r.parts).string(false);
          sheet.set(pendingString.row, pendingString.col, {value: s, formula: pendingString.formula});
          pendingString = undefined;
        }
        break;
      case BOOLERR: {
        at(8);
        const row = d.readUInt16LE(0) + 1, col = d.readUInt16LE(2) + 1;
        sheet.set(row, col, d[7] === 1 ? {value: null, error: ERRORS[d[6]!] ?? "#ERROR"} : d[6] === 1);
        break;
      }
      case MERGEDCELLS: {
        at(2);
        const n = d.readUInt16LE(0);
        if (2 + 8 * n > d.length) throw corrupt("MERGEDCELLS record");
        for (let i = 0; i < n; i++) {
          const p = 2 + 8 * i;
          sheet.merge(d.readUInt16LE(p) + 1, d.readUInt16LE(p + 4) + 1, d.readUInt16LE(p + 2) + 1, d.readUInt16LE(p + 6) + 1);
        }
        break;
      }
    }
  }
  return sheet.build();
}

/** Reads a BIFF8 Workbook stream. Throws a Refusal (caught by the caller's `guarded`). */
export function readBiff8(stream: Buffer, limits: ReadLimits): Workbook {
  const g = readGlobals(stream, limits);
  const budget = new WorkbookBudget(limits);
  const walk: Walk = {left: Math.ceil(stream.length / 4) + g.sheets.length};
  const sheets = [];
  for (const s of g.sheets) {
    if (s.offset >= stream.length) throw corrupt(`sheet ${s.name} outside the stream`);
    sheets.push(readSheet(stream, s.name, s.offset, g, budget, walk));
  }
  return {sheets};
}
