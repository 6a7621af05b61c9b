// A minimal writer of Excel 97–2003 files (BIFF8 records in an OLE compound file) for tests: we
// control every field, including lies (loops in the FAT, sizes past the file, huge string counts).
// Real files come from LibreOffice (tests/fixtures/formats); these cover what it never writes.

export function record(type: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const f64 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return b; };

function wide(s: string): boolean {
  for (const ch of s) if (ch.charCodeAt(0) > 0xff) return true;
  return false;
}

/** XLUnicodeString: 16-bit count, flags, characters (compressed when they fit in a byte). */
export function xlString(s: string): Buffer {
  const w = wide(s);
  return Buffer.concat([u16(s.length), Buffer.from([w ? 1 : 0]), Buffer.from(s, w ? "utf16le" : "latin1")]);
}

/** Splits data into a record and CONTINUE records of at most 8,224 bytes. */
function continued(type: number, data: Buffer): Buffer {
  const out = [record(type, data.subarray(0, 8224))];
  for (let p = 8224; p < data.length; p += 8224) out.push(record(0x003c, data.subarray(p, p + 8224)));
  return Buffer.concat(out);
}

/** An SST record with CONTINUE records, each string split the way Excel splits them. */
export function sstRecords(strings: string[], declaredUnique = strings.length): Buffer {
  const records: Buffer[][] = [[u32(strings.length), u32(declaredUnique)]];
  let size = 8;
  const room = () => 8224 - size;
  const push = (b: Buffer) => { records[records.length - 1]!.push(b); size += b.length; };
  const next = () => { records.push([]); size = 0; };
  for (const s of strings) {
    const w = wide(s);
    if (room() < 3 + (w ? 2 : 1)) next();
    push(Buffer.concat([u16(s.length), Buffer.from([w ? 1 : 0])]));
    let left = s;
    while (left.length) {
      const fit = Math.floor(room() / (w ? 2 : 1));
      if (fit === 0) { next(); push(Buffer.from([w ? 1 : 0])); continue; }
      const piece = left.slice(0, fit);
      push(Buffer.from(piece, w ? "utf16le" : "latin1"));
      left = left.slice(piece.length);
    }
  }
  return Buffer.concat(records.map((parts, i) => record(i === 0 ? 0x00fc : 0x003c, Buffer.concat(parts))));
}

export type XlsValue = string | number | boolean | null
  | {formula: number | string | boolean; error?: undefined}
  | {error: number};

export interface XlsCell {
  row: number;
  col: number;
  value: XlsValue;
  /** XF index (see XF_* below). */
  xf?: number;
  /** Write a number as an RK record instead of NUMBER. */
  rk?: boolean;
}

export interface XlsSheet {
  name: string;
  cells?: XlsCell[];
  /** [firstRow, lastRow, firstCol, lastCol], 0-based, as MERGEDCELLS stores them. */
  merges?: Array<[number, number, number, number]>;
  /** Raw records written before EOF (hostile additions). */
  extra?: Buffer[];
}

export interface XlsSpec {
  sheets: XlsSheet[];
  date1904?: boolean;
  filepass?: boolean;
  /** BOF version: 0x0600 is BIFF8; 0x0500 BIFF5. */
  version?: number;
  /** Overrides the SST's declared count of unique strings. */
  declaredStrings?: number;
  /** Custom formats, ids from 164. */
  formats?: Array<[number, string]>;
}

/** XF indices this writer defines: 15 = General, 16 = date (builtin 14), 17 = percent (builtin 10), 18 = custom 164. */
export const XF_GENERAL = 15, XF_DATE = 16, XF_PERCENT = 17, XF_CUSTOM = 18;

function xf(format: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt16LE(format, 2);
  return record(0x00e0, b);
}

function cellRecord(c: XlsCell, sst: Map<string, number>): Buffer {
  const head = Buffer.concat([u16(c.row), u16(c.col), u16(c.xf ?? XF_GENERAL)]);
  const v = c.value;
  if (typeof v === "string") return record(0x00fd, Buffer.concat([head, u32(sst.get(v)!)]));
  if (typeof v === "number") {
    if (c.rk && Number.isInteger(v) && Math.abs(v) < 2 ** 29) return record(0x027e, Buffer.concat([head, u32(((v << 2) | 2) >>> 0)]));
    return record(0x0203, Buffer.concat([head, f64(v)]));
  }
  if (typeof v === "boolean") return record(0x0205, Buffer.concat([head, Buffer.from([v ? 1 : 0, 0])]));
  if (v === null) return record(0x0201, head);
  // A formula `=1+1` (ptgInt 1, ptgInt 1, ptgAdd) with the cached result given.
  if ("error" in v && v.error !== undefined) return record(0x0205, Buffer.concat([head, Buffer.from([v.error, 1])]));
  const rgce = Buffer.from([0x1e, 1, 0, 0x1e, 1, 0, 0x03]);
  const tail = Buffer.concat([u16(0), u32(0), u16(rgce.length), rgce]);
  const r = (v as {formula: number | string | boolean}).formula;
  if (typeof r === "number") return record(0x0006, Buffer.concat([head, f64(r), tail]));
  const special = Buffer.from([typeof r === "string" ? 0 : 1, 0, typeof r === "boolean" && r ? 1 : 0, 0, 0, 0, 0xff, 0xff]);
  const formula = record(0x0006, Buffer.concat([head, special, tail]));
  return typeof r === "string" ? Buffer.concat([formula, record(0x0207, xlString(r))]) : formula;
}

/** The Workbook stream of a BIFF8 workbook. */
export function biffWorkbook(spec: XlsSpec): Buffer {
  const strings = [...new Set(spec.sheets.flatMap((s) => (s.cells ?? []).map((c) => c.value).filter((v): v is string => typeof v === "string")))];
  const sst = new Map(strings.map((s, i) => [s, i]));
  const bof = (dt: number) => record(0x0809, Buffer.concat([u16(spec.version ?? 0x0600), u16(dt), u16(0), u16(0), u32(0), u32(0)]));
  const sheetStreams = spec.sheets.map((s) => {
    const merges = s.merges ?? [];
    const mergeRecords: Buffer[] = [];
    for (let i = 0; i < merges.length; i += 1026) {
      const part = merges.slice(i, i + 1026);
      mergeRecords.push(record(0x00e5, Buffer.concat([u16(part.length), ...part.map(([r1, r2, c1, c2]) => Buffer.concat([u16(r1), u16(r2), u16(c1), u16(c2)]))])));
    }
    return Buffer.concat([bof(0x0010), ...(s.cells ?? []).map((c) => cellRecord(c, sst)), ...mergeRecords, ...(s.extra ?? []), record(0x000a)]);
  });
  const formats = spec.formats ?? [[164, "0.0\" чел\""]];
  const globalsHead = Buffer.concat([
    bof(0x0005),
    ...(spec.filepass ? [record(0x002f, Buffer.from([1, 0, 1, 0, 1, 0]))] : []),
    record(0x0042, u16(1251)),
    record(0x0022, u16(spec.date1904 ? 1 : 0)),
    ...formats.map(([id, code]) => record(0x041e, Buffer.concat([u16(id), xlString(code)]))),
    ...Array.from({length: 15}, () => xf(0)), xf(0), xf(14), xf(10), xf(formats[0]![0])
  ]);
  const sstBytes = sstRecords(strings, spec.declaredStrings);
  const bounds = spec.sheets.map((s) => {
    const name = Buffer.from(s.name, wide(s.name) ? "utf16le" : "latin1");
    return record(0x0085, Buffer.concat([u32(0), Buffer.from([0, 0]), Buffer.from([s.name.length, wide(s.name) ? 1 : 0]), name]));
  });
  let offset = globalsHead.length + bounds.reduce((n, b) => n + b.length, 0) + sstBytes.length + 4;
  bounds.forEach((b, i) => { b.writeUInt32LE(offset, 4); offset += sheetStreams[i]!.length; });
  return Buffer.concat([globalsHead, ...bounds, sstBytes, record(0x000a), ...sheetStreams]);
}

export interface CfbLayout {
  bytes: Buffer;
  /** Sector index of the first FAT sector, of the directory and of each stream's first sector. */
  fatSector: number;
  dirSector: number;
  streamSectors: number[];
}

const SECTOR = 512;

/**
 * An OLE compound file (version 3, 512-byte sectors) with the given streams under the root.
 * Streams shorter than 4,096 bytes go to the mini stream, as the format requires.
 */
export function cfbFile(streams: Array<{name: string; data: Buffer}>): CfbLayout {
  const sectors: Buffer[] = [];
  const fat: number[] = [];
  const chain = (data: Buffer): number => {
    const first = sectors.length;
    const n = Math.max(1, Math.ceil(data.length / SECTOR));
    for (let i = 0; i < n; i++) {
      const s = Buffer.alloc(SECTOR);
      data.copy(s, 0, i * SECTOR, (i + 1) * SECTOR);
      sectors.push(s);
      fat.push(i === n - 1 ? 0xfffffffe : first + i + 1);
    }
    return first;
  };
  // Small streams in the mini stream (64-byte sectors), with their mini FAT.
  const miniParts: Buffer[] = [];
  const miniFat: number[] = [];
  const miniStart = new Map<number, number>();
  streams.forEach((s, i) => {
    if (s.data.length >= 4096) return;
    const first = miniFat.length;
    const n = Math.max(1, Math.ceil(s.data.length / 64));
    for (let k = 0; k < n; k++) {
      const part = Buffer.alloc(64);
      s.data.copy(part, 0, k * 64, (k + 1) * 64);
      miniParts.push(part);
      miniFat.push(k === n - 1 ? 0xfffffffe : first + k + 1);
    }
    miniStart.set(i, first);
  });
  const streamSectors = streams.map((s, i) => (miniStart.has(i) ? miniStart.get(i)! : chain(s.data)));
  const miniStream = Buffer.concat(miniParts);
  const miniStreamSector = miniParts.length ? chain(miniStream) : 0xfffffffe;
  const miniFatSector = miniFat.length ? chain(Buffer.concat(miniFat.map((x) => u32(x)))) : 0xfffffffe;
  // Directory: root, then the streams as a right-leaning list of siblings.
  const entry = (name: string, type: number, right: number, child: number, start: number, size: number) => {
    const e = Buffer.alloc(128);
    e.write(name, 0, "utf16le");
    e.writeUInt16LE((name.length + 1) * 2, 64);
    e[66] = type;
    e[67] = 1;
    e.writeUInt32LE(0xffffffff, 68);
    e.writeUInt32LE(right >>> 0, 72);
    e.writeUInt32LE(child >>> 0, 76);
    e.writeUInt32LE(start >>> 0, 116);
    e.writeUInt32LE(size, 120);
    return e;
  };
  const dir = [entry("Root Entry", 5, 0xffffffff, streams.length ? 1 : 0xffffffff, miniStreamSector, miniStream.length),
    ...streams.map((s, i) => entry(s.name, 2, i + 2 <= streams.length ? i + 2 : 0xffffffff, 0xffffffff, streamSectors[i]!, s.data.length))];
  while (dir.length % 4) dir.push(Buffer.alloc(128));
  const dirSector = chain(Buffer.concat(dir));
  // The FAT covers every sector, itself included (marked 0xFFFFFFFD).
  const fatSectors = Math.ceil((sectors.length + 1) / 127);
  const fatSector = sectors.length;
  for (let i = 0; i < fatSectors; i++) { sectors.push(Buffer.alloc(SECTOR)); fat.push(0xfffffffd); }
  const table = Buffer.alloc(fatSectors * SECTOR, 0xff);
  fat.forEach((x, i) => table.writeUInt32LE(x >>> 0, 4 * i));
  for (let i = 0; i < fatSectors; i++) table.copy(sectors[fatSector + i]!, 0, i * SECTOR, (i + 1) * SECTOR);
  if (fatSectors > 109) throw new Error("test writer: too many FAT sectors");
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(fatSectors, 44);
  header.writeUInt32LE(dirSector, 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(miniFatSector >>> 0, 60);
  header.writeUInt32LE(miniFat.length ? Math.ceil(miniFat.length / 128) : 0, 64);
  header.writeUInt32LE(0xfffffffe, 68);
  header.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i < fatSectors ? fatSector + i : 0xffffffff, 76 + 4 * i);
  return {bytes: Buffer.concat([header, ...sectors]), fatSector, dirSector, streamSectors};
}

/** An .xls file: the BIFF8 workbook in a compound file. */
export function xlsFile(spec: XlsSpec): Buffer {
  return cfbFile([{name: "Workbook", data: biffWorkbook(spec)}]).bytes;
}

/** Points FAT entry `sector` at `to` in a file written by cfbFile. */
export function setFat(layout: CfbLayout, sector: number, to: number): Buffer {
  const b = Buffer.from(layout.bytes);
  b.writeUInt32LE(to >>> 0, SECTOR * (layout.fatSector + 1) + 4 * sector);
  return b;
}
