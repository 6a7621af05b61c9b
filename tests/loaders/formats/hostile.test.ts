// Every hostile input of RELIABILITY.md through each new reader (ODS, XLS, CSV) and the new paths
// of the XLSX reader: each ends with an issue saying what is wrong — never an exception, never
// unbounded memory (all of them are also read in one child process with a 192 MB V8 heap).
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {examineFile} from "../../../loaders/ingest.ts";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {makeZip} from "../../helpers/zip.ts";
import {odsContent, odsEntries, odsFile} from "../../helpers/ods.ts";
import {biffWorkbook, cfbFile, record, setFat, sstRecords, xlsFile} from "../../helpers/xls.ts";
import {sheetXlsx} from "../../helpers/hostile.ts";

const ROOT = join(import.meta.dirname, "../../..");
const CHILD = join(ROOT, "tests/helpers/examineChild.ts");
const odsSample = () => readFileSync(join(ROOT, "tests/fixtures/formats/forms-2024-Q1/ods/omskiy_sosh_12.ods"));
const xlsSample = () => readFileSync(join(ROOT, "tests/fixtures/formats/forms-2024-Q1/xls/omskiy_sosh_12.xls"));
const csvSample = () => readFileSync(join(ROOT, "tests/fixtures/formats/forms-2024-Q1/csv/omskiy_sosh_12.cp1251.semicolon.csv"));

const table = (rows: string) => `<table:table table:name="S">${rows}</table:table>`;
const oneCell = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>&e;</text:p></table:table-cell></table:table-row>";

/** A compound file whose Workbook stream is big enough to span many sectors. */
const bigXls = () => cfbFile([{name: "Workbook", data: biffWorkbook({sheets: [{name: "S",
  cells: Array.from({length: 8000}, (_, i) => ({row: i, col: 0, value: i}))}]})}]);

function patched(bytes: Buffer, edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(bytes);
  edit(b);
  return b;
}

/** Directory entry `i` of a compound file written by cfbFile (v3: 512-byte sectors). */
const dirEntry = (layout: {dirSector: number}, i: number) => 512 * (layout.dirSector + 1) + 128 * i;

interface Case {
  what: string;
  file: string;
  bytes: () => Buffer;
  /** The issue kind the file must end with. */
  kind: RegExp;
}

const CASES: Case[] = [
  // ── ODS: XML in a zip ──
  {what: "ODS content.xml with an external entity (XXE)", file: "xxe.ods", kind: /^file\/xml-doctype$/,
    bytes: () => makeZip(odsEntries(odsContent(table(oneCell), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")))},
  {what: "ODS content.xml with billion laughs", file: "laughs.ods", kind: /^file\/xml-doctype$/,
    bytes: () => makeZip(odsEntries(odsContent(table(oneCell), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">" +
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY e \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>")))},
  {what: "ODS with a DOCTYPE and no entity", file: "doctype.ods", kind: /^file\/xml-doctype$/,
    bytes: () => makeZip(odsEntries(odsContent(table(""), "<?xml version=\"1.0\"?><!DOCTYPE office:document-content>")))},
  {what: "ODS zip bomb: content.xml inflating a thousand times", file: "bomb.ods", kind: /^file\/zip-bomb$/,
    bytes: () => makeZip(odsEntries(odsContent(table("")) + " ".repeat(64 * 1024 * 1024)))},
  {what: "ODS whose headers claim 1 KB for 4 MB", file: "lying.ods", kind: /^file\/zip-bomb$/,
    bytes: () => makeZip([...odsEntries(odsContent(table(""))), {name: "Pictures/x.png", data: Buffer.alloc(4 * 1024 * 1024, 0x41), declaredSize: 1024}])},
  {what: "ODS with two content.xml entries", file: "duplicate.ods", kind: /^file\/corrupt$/,
    bytes: () => { const e = odsEntries(odsContent(table(""))); return makeZip([...e, e[1]!]); }},
  {what: "ODS cut in half", file: "truncated.ods", kind: /^file\/corrupt$/, bytes: () => odsSample().subarray(0, Math.floor(odsSample().length / 2))},
  {what: "ODS with 200,000 unclosed cells (linear, not quadratic)", file: "unclosed.ods", kind: /^file\/corrupt$/,
    bytes: () => odsFile(table(`<table:table-row>${Array.from({length: 200_000}, (_, i) =>
      `<table:table-cell office:value-type="float" office:value="${(i * 7919) % 1000003}"><text:p>${i}</text:p>`).join("")}</table:table-row>`))},
  {what: "ODS with 200,000 unclosed cells and one close tag at the very end", file: "unclosed-end.ods", kind: /^file\//,
    bytes: () => odsFile(table(`<table:table-row>${Array.from({length: 200_000}, (_, i) =>
      `<table:table-cell office:value-type="float" office:value="${(i * 7919) % 1000003}"><text:p>${i}</text:p>`).join("")}</table:table-cell></table:table-row>`))},
  {what: "ODS asking for a billion spaces in one cell", file: "spaces.ods", kind: /^file\/sheet-too-large$/,
    bytes: () => odsFile(table("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"1000000000\"/></text:p></table:table-cell></table:table-row>"))},
  {what: "ODS repeating a value 16384 × 1048576 times", file: "repeat.ods", kind: /^file\/sheet-too-large$/,
    bytes: () => odsFile(table("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>"))},
  // ── XLS: BIFF8 in an OLE compound file ──
  {what: "XLS cut in half", file: "truncated.xls", kind: /^file\/corrupt$/, bytes: () => xlsSample().subarray(0, Math.floor(xlsSample().length / 2))},
  {what: "XLS whose FAT chain loops", file: "fat-loop.xls", kind: /^file\/corrupt$/,
    bytes: () => { const l = bigXls(); return setFat(l, l.streamSectors[0]! + 3, l.streamSectors[0]!); }},
  {what: "XLS whose FAT points outside the file", file: "fat-outside.xls", kind: /^file\/corrupt$/,
    bytes: () => { const l = bigXls(); return setFat(l, l.streamSectors[0]!, 4_000_000); }},
  {what: "XLS whose directory chain loops", file: "dir-loop.xls", kind: /^file\/corrupt$/,
    bytes: () => { const l = bigXls(); return setFat(l, l.dirSector, l.dirSector); }},
  {what: "XLS whose DIFAT chain loops", file: "difat-loop.xls", kind: /^file\/corrupt$/,
    bytes: () => { const l = bigXls(); return patched(l.bytes, (b) => { b.writeUInt32LE(240, 44); b.writeUInt32LE(3, 72); b.writeUInt32LE(5, 68); b.writeUInt32LE(5, 512 * 6 + 508); }); }},
  {what: "XLS with a sector size of 2^20", file: "sector.xls", kind: /^file\/corrupt$/,
    bytes: () => patched(bigXls().bytes, (b) => b.writeUInt16LE(20, 30))},
  {what: "XLS whose directory is 9,000 entries long", file: "dir-long.xls", kind: /^file\/corrupt$/,
    bytes: () => {
      const l = cfbFile([{name: "Workbook", data: Buffer.alloc(1_200_000)}]);
      return patched(l.bytes, (b) => b.writeUInt32LE(l.streamSectors[0]!, 48));
    }},
  {what: "XLS whose Workbook stream claims 2 GB", file: "stream-size.xls", kind: /^file\/corrupt$/,
    bytes: () => { const l = bigXls(); return patched(l.bytes, (b) => b.writeUInt32LE(0x7fffffff, dirEntry(l, 1) + 120)); }},
  {what: "XLS with no Workbook stream", file: "no-workbook.xls", kind: /^file\/not-spreadsheet$/,
    bytes: () => cfbFile([{name: "Something", data: Buffer.alloc(5000)}]).bytes},
  {what: "XLS whose SST declares 16 million strings (the shared-strings bomb)", file: "sst-16m.xls", kind: /^file\/sheet-too-large$/,
    bytes: () => xlsFile({sheets: [{name: "S", cells: [{row: 0, col: 0, value: "a"}]}], declaredStrings: 16_000_000})},
  {what: "XLS whose SST declares a million strings in a few bytes", file: "sst-lie.xls", kind: /^file\/corrupt$/,
    bytes: () => xlsFile({sheets: [{name: "S", cells: [{row: 0, col: 0, value: "a"}]}], declaredStrings: 1_000_000})},
  {what: "XLS with a record longer than BIFF8 allows", file: "record.xls", kind: /^file\/corrupt$/,
    bytes: () => xlsFile({sheets: [{name: "S", extra: [Buffer.concat([record(0x0203, Buffer.alloc(0)).subarray(0, 2), Buffer.from([0xff, 0xff]), Buffer.alloc(70_000)])]}]})},
  {what: "XLS whose sheet starts past the end of its stream", file: "boundsheet.xls", kind: /^file\/corrupt$/,
    bytes: () => {
      const s = biffWorkbook({sheets: [{name: "S"}]});
      const at = s.indexOf(Buffer.from([0x85, 0x00]));
      s.writeUInt32LE(0x7ffffff0, at + 4);
      return cfbFile([{name: "Workbook", data: s}]).bytes;
    }},
  // ── CSV ──
  {what: "CSV with one 50 MB line", file: "line.csv", kind: /^file\/sheet-too-large$/, bytes: () => Buffer.alloc(50 * 1024 * 1024, 0x61)},
  {what: "CSV of 50 MB of values on one line", file: "wide.csv", kind: /^file\/sheet-too-large$/, bytes: () => Buffer.from("1;".repeat(25 * 1024 * 1024))},
  {what: "CSV of ten million separators and nothing else", file: "separators.csv", kind: /^file\/unknown-format$/, bytes: () => Buffer.from(`${";".repeat(10_000_000)}\n`)},
  {what: "CSV of ten million empty lines, then a value", file: "lines.csv", kind: /^file\/sheet-too-large$/, bytes: () => Buffer.from(`${"\n".repeat(10_000_000)}1\n`)},
  {what: "CSV whose quote never closes over 1 MB", file: "quote.csv", kind: /^file\/sheet-too-large$/, bytes: () => Buffer.from(`a;"${"x".repeat(1024 * 1024)}`)},
  {what: "binary file with a .csv name", file: "binary.csv", kind: /^file\/not-spreadsheet$/,
    bytes: () => Buffer.from(Array.from({length: 1 << 20}, (_, i) => (i * 7919) % 256))},
  {what: "text with NUL bytes and a .csv name", file: "nul.csv", kind: /^file\/not-spreadsheet$/, bytes: () => Buffer.from("a;b\n\u0000\u0000;c\n")},
  {what: "CSV report cut in half: read as far as it goes, the loader says what is missing", file: "truncated.csv", kind: /^(file\/unknown-format|forms)$/,
    bytes: () => csvSample().subarray(0, Math.floor(csvSample().length / 2))},
  // ── XLSX: the new paths of the reader ──
  {what: "XLSX with 200,000 unclosed cells (linear, not quadratic)", file: "unclosed.xlsx", kind: /^file\/corrupt$/,
    bytes: () => sheetXlsx(`<row r="1">${Array.from({length: 200_000}, (_, i) => `<c r="A${i + 1}"><v>${(i * 7919) % 1000003}</v>`).join("")}</row>`)},
  {what: "XLSX with 200,000 unclosed cells and one close tag at the very end", file: "unclosed-end.xlsx", kind: /^file\//,
    bytes: () => sheetXlsx(`<row r="1">${Array.from({length: 200_000}, (_, i) => `<c r="A${i + 1}"><v>${(i * 7919) % 1000003}</v>`).join("")}</c></row>`)},
  {what: "XLSX with 200,000 unclosed shared strings", file: "unclosed-sst.xlsx", kind: /^file\//,
    bytes: () => makeZip([
      {name: "xl/workbook.xml", data: Buffer.from("<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"/></sheets></workbook>")},
      {name: "xl/_rels/workbook.xml.rels", data: Buffer.from("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>")},
      {name: "xl/worksheets/sheet1.xml", data: Buffer.from("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>")},
      {name: "xl/sharedStrings.xml", data: Buffer.from(`<sst>${Array.from({length: 200_000}, (_, i) => `<si><t>${(i * 7919) % 1000003}`).join("")}</si></sst>`)}])},
  {what: "XLSX whose relationships point outside the package and to the web", file: "rels.xlsx", kind: /^file\/unknown-format$/,
    bytes: () => makeZip([
      {name: "xl/workbook.xml", data: Buffer.from("<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"/><sheet name=\"b\" r:id=\"rId2\"/></sheets></workbook>")},
      {name: "xl/_rels/workbook.xml.rels", data: Buffer.from("<Relationships><Relationship Id=\"rId1\" Target=\"../../../../etc/passwd\"/>" +
        "<Relationship Id=\"rId2\" Target=\"http://example.org/x.xml\" TargetMode=\"External\"/></Relationships>")}])}
];

describe("hostile files through every new reader", () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "mentoring-hostile-formats-")); });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  for (const c of CASES) {
    it(`${c.what}: ends with an issue, no exception`, async () => {
      const bytes = c.bytes();
      writeFileSync(join(dir, c.file), bytes);
      expect(() => readSpreadsheet(c.file, bytes)).not.toThrow();
      const started = performance.now();
      const e = await examineFile(c.file, bytes);
      const outcome = e.ok ? e.kind.name : e.issues.map((i) => i.kind).join(",");
      expect(outcome).toMatch(c.kind);
      // Refused by the readers' own checks, not by an error they did not foresee.
      const details = e.ok ? undefined : e.issues[0]?.details;
      expect(details && "unexpected" in details ? details.unexpected ?? null : null).toBeNull();
      // A safety net, not a speed target (bench/formats.ts measures): quadratic work would take minutes.
      expect(performance.now() - started).toBeLessThan(15_000);
    }, 60_000);
  }

  it("a 300 MB CSV is refused on its size before it is decoded", () => {
    const r = readSpreadsheet("big.csv", Buffer.alloc(300 * 1024 * 1024, 0x3b));
    expect(r).toMatchObject({ok: false, refusal: {kind: "file/too-large"}});
  });

  it("all of them, read one after another in a child process with a 192 MB heap, end as above", () => {
    const r = spawnSync(process.execPath, ["--max-old-space-size=192", "--import", "tsx", CHILD, "examine-each", dir], {encoding: "utf8", timeout: 240_000});
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as {file: string; outcome: string});
    expect(lines.map((l) => l.file).sort()).toEqual(CASES.map((c) => c.file).sort());
    for (const l of lines) expect(l.outcome, l.file).toMatch(CASES.find((c) => c.file === l.file)!.kind);
  }, 300_000);
});
