// One entry for every file a school sends: what the file is is decided from its bytes (never its
// name or Content-Type), then its reader turns it into the same cell model under the same guards.
//   zip   → zip guard → OOXML package (.xlsx, .xlsm) or OpenDocument spreadsheet (.ods)
//   OLE   → CFB guard → BIFF8 Workbook stream (.xls); EncryptionInfo = a password-protected .xlsx
//   text  → CSV (.csv; UTF-8 or Windows-1251; `;`, tab or `,`)
// Pure and synchronous; never throws: a file that cannot be read is a refusal saying what it is.
import type {Workbook} from "../xlsx/workbook.ts";
import {defaultZipLimits, inflateZip, isZip, type GuardRefusal, type ZipLimits} from "../xlsx/zipGuard.ts";
import {readWorkbook} from "../xlsx/readWorkbook.ts";
import {Refusal, defaultReadLimits, guarded, type ReadLimits, type ReadRefusal} from "../xlsx/sheetBuilder.ts";
import {CFB_SIGNATURE, defaultCfbLimits, readCfb, type CfbLimits} from "./cfb.ts";
import {readBiff8} from "./biff8.ts";
import {readOds} from "./ods.ts";
import {looksLikeText, readCsv} from "./csv.ts";

export type SpreadsheetFormat = "xlsx" | "ods" | "xls" | "csv";

/** File extensions of the formats we read (for collecting files and the upload page). */
export const SPREADSHEET_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".ods", ".csv"] as const;

export interface FormatLimits {
  zip: ZipLimits;
  read: ReadLimits;
  cfb?: CfbLimits;
}

export const defaultFormatLimits: FormatLimits = {zip: defaultZipLimits, read: defaultReadLimits, cfb: defaultCfbLimits};

export type FileRefusal = GuardRefusal | ReadRefusal;

export type SpreadsheetResult =
  | {ok: true; format: SpreadsheetFormat; workbook: Workbook}
  | {ok: false; format: SpreadsheetFormat | null; refusal: FileRefusal};

const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");
const ODF_SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet";

/** Names what a file that is no spreadsheet most likely is, for the message to its sender. */
export function sniff(bytes: Buffer): string {
  const head = bytes.subarray(0, 512).toString("latin1").replace(/^\ufeff|^\xef\xbb\xbf/, "").trimStart().toLowerCase();
  if (head.startsWith("%pdf")) return "pdf";
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<table[\s>]/.test(head)) return "html";
  if (head.startsWith("<?xml") || head.startsWith("<workbook") || head.startsWith("<office:document")) {
    if (head.includes("urn:schemas-microsoft-com:office:spreadsheet") || head.includes("excel.sheet")) return "spreadsheetml";
    if (head.includes("<office:document")) return "fods";
    return /<html|xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/.test(head) ? "html" : "xml";
  }
  if (head.startsWith("{\\rtf")) return "rtf";
  if (bytes[0] === 0x89 && head.slice(1, 4) === "png") return "image";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image";
  if (head.startsWith("gif8")) return "image";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
  if (head.startsWith("rar!") || head.startsWith("7z\xbc\xaf")) return "archive";
  return "unknown";
}

function refused(format: SpreadsheetFormat | null, refusal: FileRefusal): SpreadsheetResult {
  return {ok: false, format, refusal};
}

function fromRead(format: SpreadsheetFormat, read: () => Workbook): SpreadsheetResult {
  const r = guarded(read);
  return r.ok ? {ok: true, format, workbook: r.workbook} : refused(format, r.refusal);
}

function readZipped(bytes: Buffer, limits: FormatLimits): SpreadsheetResult {
  const z = inflateZip(bytes, limits.zip);
  if (!z.ok) {
    const format = z.refusal.kind === "file/encrypted" && z.refusal.details.format === "ods" ? "ods" : null;
    return refused(format, z.refusal);
  }
  const mimetype = z.entries.get("mimetype")?.toString("latin1").trim();
  if (mimetype?.startsWith(ODF_SPREADSHEET) || (mimetype === undefined && z.entries.has("content.xml") && !z.entries.has("[Content_Types].xml"))) {
    return fromRead("ods", () => readOds(z.entries, limits.read));
  }
  if (mimetype?.startsWith("application/vnd.oasis.opendocument.")) {
    return refused(null, {kind: "file/not-spreadsheet", details: {looksLike: mimetype.includes(".text") ? "odt" : "odf"}});
  }
  const r = readWorkbook(z.entries, limits.read);
  return r.ok ? {ok: true, format: "xlsx", workbook: r.workbook} : refused(r.refusal.kind === "file/not-spreadsheet" ? null : "xlsx", r.refusal);
}

function readOle(bytes: Buffer, limits: FormatLimits): SpreadsheetResult {
  const r = guarded(() => {
    const cfb = readCfb(bytes, limits.cfb ?? defaultCfbLimits);
    const has = (name: string) => cfb.names.some((n) => n.toLowerCase() === name.toLowerCase());
    // A password-protected .xlsx (or .docx) is an OLE file holding the encrypted package.
    if (has("EncryptionInfo") || has("EncryptedPackage")) throw new Refusal({kind: "file/encrypted", details: {format: "xlsx"}});
    const stream = cfb.stream("Workbook");
    if (stream) return readBiff8(stream, limits.read);
    if (cfb.stream("Book")) throw new Refusal({kind: "file/xls-unsupported", details: {version: "BIFF5"}});
    const looksLike = has("WordDocument") ? "doc" : has("PowerPoint Document") ? "ppt" : "ole";
    throw new Refusal({kind: "file/not-spreadsheet", details: {looksLike}});
  });
  if (r.ok) return {ok: true, format: "xls", workbook: r.workbook};
  // A container too broken to list its streams, that still names an encrypted package.
  if (r.refusal.kind === "file/corrupt" && bytes.includes(ENCRYPTION_INFO)) {
    return refused(null, {kind: "file/encrypted", details: {format: "xlsx"}});
  }
  const other = r.refusal.kind === "file/not-spreadsheet" || (r.refusal.kind === "file/encrypted" && r.refusal.details.format !== "xls");
  return refused(other ? null : "xls", r.refusal);
}

/** Reads any spreadsheet file we accept into the cell model, or says why not. */
export function readSpreadsheet(file: string, bytes: Buffer, limits: FormatLimits = defaultFormatLimits): SpreadsheetResult {
  if (bytes.length === 0) return refused(null, {kind: "file/empty"});
  if (bytes.length > limits.zip.maxFileBytes) {
    return refused(null, {kind: "file/too-large", details: {bytes: bytes.length, limit: limits.zip.maxFileBytes}});
  }
  if (isZip(bytes)) return readZipped(bytes, limits);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_SIGNATURE)) return readOle(bytes, limits);
  const looksLike = sniff(bytes);
  if (looksLike !== "unknown") return refused(null, {kind: "file/not-spreadsheet", details: {looksLike}});
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && !looksLikeText(bytes)) return refused(null, {kind: "file/not-spreadsheet", details: {looksLike: "unknown"}});
  return fromRead("csv", () => readCsv(file, bytes, limits.read));
}
