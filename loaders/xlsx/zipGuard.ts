// The guard in front of the XLSX parser (RELIABILITY.md «exceljs with hostile input»): it
// recognises what a file really is from its bytes, refuses old .xls, encrypted workbooks,
// truncated zips and zip bombs, and inflates each entry while counting the real bytes, so a
// hostile file costs milliseconds instead of gigabytes. yauzl validates each entry's declared
// sizes against what it inflates; we add the limits on top.
import yauzl from "yauzl";

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
  | {kind: "file/xls-old"}
  | {kind: "file/encrypted"}
  | {kind: "file/not-xlsx"; details: {looksLike: string}}
  | {kind: "file/corrupt"; details: {reason: string}}
  | {kind: "file/zip-bomb"; details: {reason: string}};

export type GuardResult = {ok: true; entries: Map<string, Buffer>} | {ok: false; refusal: GuardRefusal};

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

/** Names what a non-zip file most likely is, for the message to the person who sent it. */
function sniff(bytes: Buffer): string {
  const head = bytes.subarray(0, 512).toString("latin1").trimStart().toLowerCase();
  if (head.startsWith("%pdf")) return "pdf";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "html";
  if (head.startsWith("<?xml")) return "xml";
  if (head.startsWith("{\\rtf")) return "rtf";
  if (bytes[0] === 0x89 && head.slice(1, 4) === "png") return "image";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image";
  // Mostly printable text with separators: a CSV or a text export.
  const sample = bytes.subarray(0, 4096);
  let printable = 0;
  for (const b of sample) if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  if (sample.length > 0 && printable / sample.length > 0.95) return "text";
  return "unknown";
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, {lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true},
      (err, zip) => (err || !zip ? reject(err ?? new Error("no zip")) : resolve(zip)));
  });
}

/**
 * Checks a file's bytes and inflates the workbook's entries under the limits.
 * Never throws on bad input: the refusal says what the file is.
 */
export async function guardZip(bytes: Buffer, limits: ZipLimits = defaultZipLimits): Promise<GuardResult> {
  if (bytes.length === 0) return {ok: false, refusal: {kind: "file/empty"}};
  if (bytes.length > limits.maxFileBytes) {
    return {ok: false, refusal: {kind: "file/too-large", details: {bytes: bytes.length, limit: limits.maxFileBytes}}};
  }
  if (bytes.subarray(0, 8).equals(OLE)) {
    // Password-protected .xlsx files are OLE containers too, holding an EncryptionInfo stream.
    return {ok: false, refusal: {kind: bytes.includes(ENCRYPTION_INFO) ? "file/encrypted" : "file/xls-old"}};
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return {ok: false, refusal: {kind: "file/not-xlsx", details: {looksLike: sniff(bytes)}}};
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (e) {
    return {ok: false, refusal: {kind: "file/corrupt", details: {reason: (e as Error).message}}};
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return {ok: false, refusal: {kind: "file/zip-bomb", details: {reason: `entries: ${zip.entryCount}`}}};
  }
  return new Promise<GuardResult>((resolve) => {
    const entries = new Map<string, Buffer>();
    let total = 0;
    let settled = false;
    const finish = (result: GuardResult) => {
      if (settled) return;
      settled = true;
      zip.close();
      resolve(result);
    };
    const bomb = (reason: string) => finish({ok: false, refusal: {kind: "file/zip-bomb", details: {reason}}});
    // yauzl reports an entry that inflates past its declared size: a lying header, a bomb's trick.
    const corrupt = (reason: string) => /too many bytes|exceeds|size/i.test(reason) ? bomb(reason)
      : finish({ok: false, refusal: {kind: "file/corrupt", details: {reason}}});
    zip.on("error", (e: Error) => corrupt(e.message));
    zip.on("end", () => {
      if (settled) return;
      const names = [...entries.keys()];
      if (!names.includes("xl/workbook.xml")) {
        const looksLike = names.includes("word/document.xml") ? "docx"
          : names.includes("ppt/presentation.xml") ? "pptx"
          : names.includes("content.xml") ? "ods" : "zip";
        finish({ok: false, refusal: {kind: "file/not-xlsx", details: {looksLike}}});
      } else finish({ok: true, entries});
    });
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/^\/+/, "");
      if (entries.has(name)) return corrupt(`duplicate entry ${name}`);
      if (name.endsWith("/")) { entries.set(name, Buffer.alloc(0)); zip.readEntry(); return; }
      if (entry.uncompressedSize > limits.maxEntryBytes || total + entry.uncompressedSize > limits.maxTotalBytes) {
        return bomb(`declared size ${entry.uncompressedSize}`);
      }
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        return bomb(`ratio ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}`);
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return corrupt(err?.message ?? "unreadable entry");
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          // Count what really inflates: declared sizes can lie.
          if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
            stream.destroy();
            bomb(`inflated past ${size}`);
            return;
          }
          chunks.push(chunk);
        });
        stream.on("error", (e: Error) => corrupt(e.message));
        stream.on("end", () => {
          if (settled) return;
          entries.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
