// The guard in front of the readers of zipped spreadsheets, .xlsx and .ods (RELIABILITY.md
// «exceljs with hostile input»): it refuses encrypted entries, truncated zips and zip bombs, and
// inflates each entry while counting the real bytes, so a hostile file costs milliseconds
// instead of gigabytes. What kind of file it is was decided before, from its bytes
// (loaders/formats/readSpreadsheet.ts).
//
// It reads the zip's central directory itself and inflates with node:zlib, whose
// `maxOutputLength` stops inflation at the limit: every declared size is checked before
// inflating, every real size and CRC after, and entries may not overlap (the trick of
// "better" zip bombs). Synchronous and ~10× faster than a stream-per-entry zip library on the
// small files schools send.
import {crc32, inflateRawSync} from "node:zlib";

export interface ZipLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most zip entries (real workbooks have a few dozen). */
  maxEntries: number;
  /** Largest inflated size of one entry and of all entries, in bytes. */
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio of an entry larger than 1 MB. */
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 500,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 320 * 1024 * 1024,
  maxRatio: 250
};

/** Why a file was refused; the kinds are `file/*` issue kinds (wording in messages/file.ts). */
export type GuardRefusal =
  | {kind: "file/empty"}
  | {kind: "file/too-large"; details: {bytes: number; limit: number}}
  | {kind: "file/encrypted"; details: {format: string}}
  | {kind: "file/not-spreadsheet"; details: {looksLike: string}}
  | {kind: "file/corrupt"; details: {reason: string}}
  | {kind: "file/zip-bomb"; details: {reason: string}};

export type GuardResult = {ok: true; entries: Map<string, Buffer>} | {ok: false; refusal: GuardRefusal};

const EOCD = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
/** An OpenDocument package lists its encrypted entries here (ODF 1.2 §3.8, manifest:encryption-data). */
const ODF_MANIFEST = "META-INF/manifest.xml";

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class Refused extends Error {
  constructor(readonly refusal: GuardRefusal) {
    super(refusal.kind);
  }
}
const corrupt = (reason: string) => new Refused({kind: "file/corrupt", details: {reason}});
const bomb = (reason: string) => new Refused({kind: "file/zip-bomb", details: {reason}});

function centralDirectory(bytes: Buffer, limits: ZipLimits): CentralEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65535 bytes (after a comment).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw corrupt("no end of central directory: truncated or not a zip");
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bomb("zip64 archive: larger than any report");
  if (count > limits.maxEntries) throw bomb(`entries: ${count}`);
  if (cdOffset + cdSize > eocd) throw corrupt("central directory outside the file");
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CENTRAL) throw corrupt("broken central directory");
    const nameLength = bytes.readUInt16LE(p + 28), extra = bytes.readUInt16LE(p + 30), comment = bytes.readUInt16LE(p + 32);
    const flags = bytes.readUInt16LE(p + 8);
    entries.push({
      name: bytes.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLength).replace(/^\/+/, ""),
      flags,
      method: bytes.readUInt16LE(p + 10),
      crc: bytes.readUInt32LE(p + 16),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42)
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

function inflateEntries(bytes: Buffer, entries: CentralEntry[], limits: ZipLimits): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let declaredTotal = 0, total = 0;
  for (const e of entries) {
    if (out.has(e.name)) throw corrupt(`duplicate entry ${e.name}`);
    if (e.flags & 0x1) throw new Refused({kind: "file/encrypted", details: {format: "zip"}});
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw bomb("zip64 entry");
    declaredTotal += e.size;
    if (e.size > limits.maxEntryBytes || declaredTotal > limits.maxTotalBytes) throw bomb(`declared size ${e.size}`);
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      throw bomb(`ratio ${Math.round(e.size / Math.max(1, e.compressedSize))}`);
    }
    out.set(e.name, Buffer.alloc(0));
  }
  // Entries' data may not overlap: overlapping entries inflate one stream many times over.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const next = new Map(byOffset.map((e, i) => [e, byOffset[i + 1]]));
  // An encrypted OpenDocument file is known from its manifest: read it first, since its
  // encrypted entries would not inflate.
  const order = [...byOffset.filter((e) => e.name === ODF_MANIFEST), ...byOffset.filter((e) => e.name !== ODF_MANIFEST)];
  for (const e of order) {
    const p = e.localOffset;
    if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) throw corrupt(`broken local header of ${e.name}`);
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    const after = next.get(e);
    if (end > bytes.length) throw corrupt(`entry ${e.name} runs past the end of the file`);
    if (after && end > after.localOffset) throw bomb("overlapping entries");
    if (e.name.endsWith("/")) continue;
    const raw = bytes.subarray(start, end);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      try {
        // One byte more than declared: a stream that inflates past its declared size is caught.
        // Output in chunks of the declared size (within 16 KB–8 MB): one copy instead of hundreds.
        data = inflateRawSync(raw, {maxOutputLength: Math.max(1, Math.min(e.size + 1, limits.maxEntryBytes + 1)),
          chunkSize: Math.min(8 * 1024 * 1024, Math.max(16 * 1024, e.size + 1))});
      } catch (err) {
        if ((err as {code?: string}).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw bomb(`${e.name} inflates past its size`);
        throw corrupt(`${e.name}: ${(err as Error).message}`);
      }
    } else throw corrupt(`compression method ${e.method}`);
    if (data.length !== e.size) throw data.length > e.size ? bomb(`${e.name} inflates past its size`) : corrupt(`${e.name} is shorter than declared`);
    if (crc32(data) !== e.crc) throw corrupt(`${e.name}: CRC mismatch`);
    total += data.length;
    if (total > limits.maxTotalBytes) throw bomb(`inflated past ${total}`);
    if (e.name === ODF_MANIFEST && data.includes("encryption-data")) throw new Refused({kind: "file/encrypted", details: {format: "ods"}});
    out.set(e.name, data);
  }
  return out;
}

/** Whether the bytes start like a zip archive (a local header, or an empty archive's end record). */
export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 22 && (bytes.readUInt32LE(0) === LOCAL || bytes.readUInt32LE(0) === EOCD);
}

/**
 * Checks a zip's structure and inflates its entries under the limits. Synchronous; never throws
 * on bad input: the refusal says what is wrong.
 */
export function inflateZip(bytes: Buffer, limits: ZipLimits = defaultZipLimits): GuardResult {
  if (bytes.length === 0) return {ok: false, refusal: {kind: "file/empty"}};
  if (bytes.length > limits.maxFileBytes) {
    return {ok: false, refusal: {kind: "file/too-large", details: {bytes: bytes.length, limit: limits.maxFileBytes}}};
  }
  if (!isZip(bytes)) return {ok: false, refusal: {kind: "file/not-spreadsheet", details: {looksLike: "unknown"}}};
  try {
    return {ok: true, entries: inflateEntries(bytes, centralDirectory(bytes, limits), limits)};
  } catch (e) {
    if (e instanceof Refused) return {ok: false, refusal: e.refusal};
    return {ok: false, refusal: {kind: "file/corrupt", details: {reason: (e as Error).message}}};
  }
}

/** inflateZip for callers that await (the XLSX-only entry point before other formats were read). */
export async function guardZip(bytes: Buffer, limits: ZipLimits = defaultZipLimits): Promise<GuardResult> {
  return inflateZip(bytes, limits);
}
