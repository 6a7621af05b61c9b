import {describe, expect, it} from "vitest";
import {examineFile} from "../../../loaders/ingest.ts";
import {guardZip} from "../../../loaders/xlsx/zipGuard.ts";
import {defaultIngestLimits} from "../../../loaders/ingest.ts";
import {makeZip, workbookEntries} from "../../helpers/zip.ts";
import {workbook, form1} from "../../helpers/xlsx.ts";

const refusal = async (bytes: Buffer, limits = defaultIngestLimits) => {
  const started = performance.now();
  const r = await examineFile("bad.xlsx", bytes, {}, limits);
  expect(performance.now() - started).toBeLessThan(2000);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => i.kind);
};

describe("files that are not readable workbooks are rejected with what they are", () => {
  it("an empty file", async () => {
    expect(await refusal(Buffer.alloc(0))).toEqual(["file/empty"]);
  });

  it("a CSV saved with an .xlsx name is read as the CSV its bytes are, not by its name", async () => {
    const r = await examineFile("csv.xlsx", Buffer.from("Муниципальный район;ОО\nТарский;СОШ № 1\n"));
    expect(r.format).toBe("csv");
    expect(r.ok ? [] : r.issues.map((i) => i.kind)).not.toContain("file/not-spreadsheet");
  });

  it("an OLE container with nothing valid after its signature is reported as damaged", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    expect(await refusal(ole)).toEqual(["file/corrupt"]);
  });

  it("a password-protected workbook (OLE with an EncryptionInfo stream) is named as such", async () => {
    const enc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512),
      Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(512)]);
    expect(await refusal(enc)).toEqual(["file/encrypted"]);
  });

  it("a workbook cut in half is reported as damaged instead of hanging", async () => {
    const good = await workbook((wb) => form1(wb.addWorksheet("Лист1"), [["Тарский", "СОШ № 1", "", 85, 15, 5]]));
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toEqual(["file/corrupt"]);
  });

  it("a Word document is not taken for a workbook, and is named as such", async () => {
    const r = await examineFile("x.xlsx", makeZip([{name: "word/document.xml", data: Buffer.from("<w:document/>")}]));
    expect(!r.ok && r.issues[0]).toMatchObject({kind: "file/not-spreadsheet", details: {looksLike: "docx"}});
  });

  it("a zip bomb (a sheet inflating a thousand times) is refused before inflating", async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024, 0x20);
    expect(await refusal(makeZip(workbookEntries("<worksheet><sheetData/></worksheet>", [{name: "xl/worksheets/sheet2.xml", data: zeros}]))))
      .toEqual(["file/zip-bomb"]);
  });

  it("a zip whose headers claim 1 KB but that inflates to more is stopped while inflating", async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 0x41);
    const lying = makeZip(workbookEntries("<worksheet><sheetData/></worksheet>", [{name: "xl/media/x.bin", data: big, declaredSize: 1024}]));
    expect(await refusal(lying)).toEqual(["file/zip-bomb"]);
  });

  it("a zip whose entries overlap (one stream inflated many times) is refused", async () => {
    const zip = makeZip(workbookEntries("<worksheet><sheetData/></worksheet>"));
    // Point the last central-directory entry at the first entry's data.
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0, cd + 42);
    expect(await refusal(zip)).toEqual(expect.arrayContaining([expect.stringMatching(/^file\/(zip-bomb|corrupt)$/)]));
  });

  it("a zip with two entries of the same name is refused", async () => {
    const entries = workbookEntries("<worksheet><sheetData/></worksheet>");
    const g = await guardZip(makeZip([...entries, entries[3]!]));
    expect(g.ok).toBe(false);
  });

  it("XML with a DOCTYPE (entity expansion, external entities) is refused", async () => {
    const xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
    expect(await refusal(makeZip(workbookEntries(xml)))).toEqual(["file/xml-doctype"]);
  });

  it("a sheet far larger than any report is refused by the row cap", async () => {
    const rows = Array.from({length: 200}, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    const limits = {...defaultIngestLimits, read: {maxRowsPerSheet: 100, maxCells: 1000}};
    expect(await refusal(makeZip(workbookEntries(`<worksheet><sheetData>${rows}</sheetData></worksheet>`)), limits)).toEqual(["file/sheet-too-large"]);
  });

  it("a workbook with no known form is rejected with the list of accepted kinds", async () => {
    const bytes = await workbook((wb) => wb.addWorksheet("x").addRow(["просто текст"]));
    const r = await examineFile("x.xlsx", bytes);
    expect(!r.ok && r.issues[0]?.kind).toBe("file/unknown-format");
  });
});
