// Hostile files the team had not met (issue 13, «checked with hostile files the team has not
// seen»): built in memory, small to send and cheap to build, each aimed at one place where a reader
// could do work out of proportion to the file — a regular expression that scans to the end of the
// text from every start position, a table walked again for every sheet that points into it, a
// length recomputed for every string. Used by tests/hostile/*.test.ts and the scratch runner.
import {constants, crc32, deflateRawSync} from "node:zlib";
import {makeZip, workbookEntries, type ZipEntry} from "../helpers/zip.ts";
import {odsContent, odsEntries} from "../helpers/ods.ts";
import {cfbFile, record} from "../helpers/xls.ts";

/**
 * A zip of stored (uncompressed) entries: the zip guard's ratio check, which stops the repetitive
 * versions of these files, does not apply, as it does not to any file whose text does not repeat.
 */
export function storedZip(entries: Array<ZipEntry & {deflated?: Buffer}>): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const crc = crc32(e.data);
    const data = e.deflated ?? e.data, method = e.deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(10, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(10, 4); central.writeUInt16LE(10, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  // A count past 65,535 wraps, as a writer without ZIP64 would write it.
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length & 0xffff, 8); end.writeUInt16LE(entries.length & 0xffff, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xlsx = (sheetXml: string, extra: ZipEntry[] = []) => storedZip(workbookEntries(sheetXml, extra));
const ods = (tables: string) => storedZip(odsEntries(odsContent(tables)));

const sheet = (body: string) => `<worksheet><sheetData>${body}</sheetData></worksheet>`;

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };

/** BOF of BIFF8 (dt 0x0005 workbook globals, 0x0010 worksheet). */
const bof = (dt: number) => record(0x0809, Buffer.concat([u16(0x0600), u16(dt), u16(0), u16(0), u32(0), u32(0)]));

/** A BIFF8 Workbook stream: globals (with these records), then the sheets' records; BOUNDSHEETs point at `sheetAt`. */
function biffStream(globals: Buffer[], sheets: number, sheetBody: Buffer[], sameOffset: boolean): Buffer {
  const bound = (i: number) => record(0x0085, Buffer.concat([u32(0), Buffer.from([0, 0]), Buffer.from([1, 0]), Buffer.from(String.fromCharCode(65 + (i % 26)))]));
  const bounds = Array.from({length: sheets}, (_, i) => bound(i));
  const head = Buffer.concat([bof(0x0005), ...globals]);
  const boundsBytes = Buffer.concat(bounds);
  const eof = record(0x000a);
  const sheetStart = head.length + boundsBytes.length + eof.length;
  const body = Buffer.concat([bof(0x0010), ...sheetBody, eof]);
  for (let i = 0; i < sheets; i++) boundsBytes.writeUInt32LE(sameOffset ? sheetStart : sheetStart, i * bounds[0]!.length + 4);
  return Buffer.concat([head, boundsBytes, eof, body]);
}

export interface Attack {
  what: string;
  file: string;
  bytes: () => Buffer;
  /** The outcome it must end with: the issue kind, or `file/unknown-format` when it is read and is no report. */
  kind: string;
}

export const attacks: Attack[] = [
  // ── XLSX: regular expressions over a cell's or a part's text ──
  {what: "XLSX cell holding 2 million unclosed <v> (a lazy match to the end from every start)", file: "v-unclosed.xlsx", kind: "file/unknown-format",
    bytes: () => xlsx((sheet(`<row r="1"><c r="A1">${"<v>".repeat(2_000_000)}</c></row>`)))},
  {what: "XLSX cell holding 2 million unclosed <f>", file: "f-unclosed.xlsx", kind: "file/unknown-format",
    bytes: () => xlsx((sheet(`<row r="1"><c r="A1">${"<f>".repeat(2_000_000)}</c></row>`)))},
  {what: "XLSX prefixed cell holding 2 million unclosed <x:v>", file: "xv-unclosed.xlsx", kind: "file/unknown-format",
    bytes: () => xlsx((`<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1">${"<x:v>".repeat(2_000_000)}</x:c></x:row></x:sheetData></x:worksheet>`))},
  {what: "XLSX sheet of 2 million «<c » and no «>» after them", file: "c-open.xlsx", kind: "file/unknown-format",
    bytes: () => xlsx((`<worksheet><sheetData>${"<c ".repeat(2_000_000)}`))},
  {what: "XLSX shared strings of 2 million «<si » and no «>»", file: "si-open.xlsx", kind: "file/unknown-format",
    bytes: () => xlsx(sheet(""), [{name: "xl/sharedStrings.xml", data: Buffer.from(`<sst>${"<si ".repeat(2_000_000)}`)}])},
  {what: "XLSX cell reference A99999999999, XFE1, negative and missing r", file: "refs.xlsx", kind: "file/sheet-too-large",
    bytes: () => makeZip(workbookEntries(sheet("<row r=\"-3\"><c><v>1</v></c></row><row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row><row><c r=\"A99999999999\"><v>1</v></c></row>")))},
  {what: "XLSX values 1e400, NaN, a shared-string index 2^53 and -1, a style index past the table", file: "values.xlsx", kind: "file/unknown-format",
    bytes: () => makeZip(workbookEntries(sheet("<row r=\"1\"><c r=\"A1\"><v>1e400</v></c><c r=\"B1\"><v>NaN</v></c><c r=\"C1\" t=\"s\"><v>9007199254740992</v></c>" +
      "<c r=\"D1\" t=\"s\"><v>-1</v></c><c r=\"E1\" s=\"99999999\"><v>1000000000000</v></c><c r=\"F1\" t=\"s\"><v>__proto__</v></c></row>")))},
  {what: "XLSX formula of 1 MB and a t=\"str\" result of 1 MB", file: "formula.xlsx", kind: "file/sheet-too-large",
    bytes: () => xlsx(sheet(`<row r="1"><c r="A1"><f>${"A1+".repeat(350_000)}1</f><v>1</v></c><c r="B1" t="str"><f>A1</f><v>${"x".repeat(1_000_000)}</v></c></row>`))},
  {what: "XLSX 100,000-deep nesting", file: "deep.xlsx", kind: "file/unknown-format",
    bytes: () => makeZip(workbookEntries(sheet(`<row r="1"><c r="A1" t="inlineStr"><is>${"<r>".repeat(100_000)}<t>x</t>${"</r>".repeat(100_000)}</is></c></row>`)))},
  {what: "XLSX sheet XML in UTF-16 with a DOCTYPE and an external entity", file: "utf16.xlsx", kind: "file/unknown-format",
    bytes: () => makeZip(workbookEntries("", [])).length ? makeZip(workbookEntries("").map((e): ZipEntry => e.name === "xl/worksheets/sheet1.xml"
      ? {name: e.name, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row>")}`, "utf16le")])}
      : e)) : Buffer.alloc(0)},
  {what: "XLSX with 100,000 sheets in the workbook all pointing at one part", file: "sheets.xlsx", kind: "file/unknown-format",
    bytes: () => makeZip([
      {name: "xl/workbook.xml", data: Buffer.from(`<workbook><sheets>${Array.from({length: 100_000}, (_, i) => `<sheet name="S${i}" r:id="rId1"/>`).join("")}</sheets></workbook>`)},
      {name: "xl/_rels/workbook.xml.rels", data: Buffer.from("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>")},
      {name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))}])},
  {what: "XLSX entry name of 64 KB and a relationship cycle", file: "names.xlsx", kind: "file/not-spreadsheet",
    bytes: () => makeZip([...workbookEntries(sheet("")), {name: `xl/${"a".repeat(65_000)}.xml`, data: Buffer.from("x")},
      {name: "_rels/.rels", data: Buffer.from("<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"/_rels/.rels\"/></Relationships>")}])},
  // ── ZIP ──
  {what: "zip of 100,000 tiny entries", file: "entries.xlsx", kind: "file/zip-bomb",
    bytes: () => storedZip([...workbookEntries(sheet("")), ...Array.from({length: 100_000}, (_, i) => ({name: `x/${i}`, data: Buffer.from("x")}))])},
  {what: "zip whose end record announces ZIP64", file: "zip64.xlsx", kind: "file/zip-bomb",
    bytes: () => { const z = storedZip(workbookEntries(sheet(""))); z.writeUInt16LE(0xffff, z.length - 22 + 10); return z; }},
  {what: "zip with one entry marked encrypted", file: "encrypted-entry.xlsx", kind: "file/encrypted",
    bytes: () => { const z = storedZip(workbookEntries(sheet(""))); const cd = z.readUInt32LE(z.length - 22 + 16); z.writeUInt16LE(0x0801, cd + 8); return z; }},
  {what: "zip whose central directory and local header disagree on where the data starts", file: "local.xlsx", kind: "file/corrupt",
    bytes: () => { const z = storedZip(workbookEntries(sheet(""))); z.writeUInt16LE(0xffff, 28); return z; }},
  {what: "zip whose deflate stream never ends (no final block)", file: "deflate.xlsx", kind: "file/corrupt",
    bytes: () => storedZip(workbookEntries(sheet("")).map((e) => e.name !== "xl/worksheets/sheet1.xml" ? e
      : {...e, deflated: deflateRawSync(e.data, {finishFlush: constants.Z_SYNC_FLUSH})}))},
  {what: "a zip inside the sheet's entry, [Content_Types].xml missing", file: "nested.xlsx", kind: "file/unknown-format",
    bytes: () => storedZip(workbookEntries(sheet("")).filter((e) => e.name !== "[Content_Types].xml").map((e) =>
      e.name === "xl/worksheets/sheet1.xml" ? {name: e.name, data: makeZip(workbookEntries(sheet("")))} : e))},
  // ── ODS ──
  {what: "ODS paragraph of 8 million «<» and no «>» (a tag pattern scanning to the end from every «<»)", file: "lt.ods", kind: "file/sheet-too-large",
    bytes: () => ods(`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:span>${"<".repeat(8_000_000)}</text:p></table:table-cell></table:table-row></table:table>`)},
  {what: "ODS cell of 200,000 «<text:s text:c=\"32767\"/>» (6.5 billion spaces asked for)", file: "spaces.ods", kind: "file/sheet-too-large",
    bytes: () => ods(`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:span/>${"<text:s text:c=\"32767\"/>".repeat(200_000)}</text:p></table:table-cell></table:table-row></table:table>`)},
  {what: "ODS 20,000 cells each asking for 32,767 spaces", file: "spaces-many.ods", kind: "file/sheet-too-large",
    bytes: () => ods(`<table:table table:name="S">${`<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="32000"/></text:p></table:table-cell></table:table-row>`.repeat(20_000)}</table:table>`)},
  {what: "ODS styled row repeated 1,048,576 times and columns repeated 16,384 with no value", file: "styled.ods", kind: "file/sheet-too-large",
    bytes: () => ods(`<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576" table:style-name="ro1"><table:table-cell table:number-columns-repeated="16384" table:style-name="ce1"/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>`)},
  // ── XLS ──
  {what: "XLS whose SST has a million strings in 60,000 CONTINUE records (its length summed again per string)", file: "sst-continue.xls", kind: "file/unknown-format",
    bytes: () => {
      const parts = [record(0x00fc, Buffer.concat([u32(1_000_000), u32(1_000_000), Buffer.from([0, 0, 0])]))];
      // 999,999 empty strings (3 bytes each), 17 to a CONTINUE record (the last takes the rest).
      const seventeen = record(0x003c, Buffer.alloc(51));
      for (let i = 0; i < 58_823; i++) parts.push(seventeen);
      parts.push(record(0x003c, Buffer.alloc(3 * (999_999 - 58_823 * 17))));
      return cfbFile([{name: "Workbook", data: biffStream(parts, 1, [], true)}]).bytes;
    }},
  {what: "XLS with 20,000 sheets all pointing at one run of 100,000 records", file: "sheets-overlap.xls", kind: "file/corrupt",
    bytes: () => cfbFile([{name: "Workbook", data: biffStream([], 20_000, [Buffer.alloc(400_000).fill(Buffer.from([0x99, 0x02, 0, 0]))], true)}]).bytes},
  {what: "XLS record followed by a million empty CONTINUE records", file: "continues.xls", kind: "file/corrupt",
    bytes: () => cfbFile([{name: "Workbook", data: biffStream([record(0x041e, Buffer.concat([u16(164), u16(3), Buffer.from([0])])), Buffer.alloc(4_000_000).fill(Buffer.from([0x3c, 0, 0, 0]))], 1, [], true)}]).bytes},
  // ── CSV ──
  {what: "CSV in UTF-16 LE without BOM", file: "utf16.csv", kind: "file/not-spreadsheet", bytes: () => Buffer.from("Муниципальный район;Школа\nТарский;СОШ № 1\n", "utf16le")},
  {what: "CSV in UTF-16 BE with BOM, quotes never closed", file: "utf16be.csv", kind: "file/sheet-too-large",
    bytes: () => { const le = Buffer.from(`\ufeffа;"б\n${"x".repeat(100_000)}`, "utf16le"); return le.swap16(); }},
  {what: "CSV of 2 million quote characters", file: "quotes.csv", kind: "file/sheet-too-large", bytes: () => Buffer.from("\"".repeat(2_000_000))},
  {what: "CSV of 1,000,000 columns of «\"\"»", file: "columns.csv", kind: "file/unknown-format", bytes: () => Buffer.from("\"\";".repeat(1_000_000))}
];
