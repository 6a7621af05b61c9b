// Excel 97–2003 (.xls): the BIFF8 records read into the cell model, from files built record by record
// (tests/helpers/xls.ts); files written by LibreOffice are in libreoffice.test.ts.
import {describe, expect, it} from "vitest";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {formulaText} from "../../../loaders/formats/biffFormula.ts";
import type {Workbook} from "../../../loaders/xlsx/workbook.ts";
import {XF_CUSTOM, XF_DATE, XF_PERCENT, biffWorkbook, cfbFile, record, xlsFile} from "../../helpers/xls.ts";

function read(bytes: Buffer): Workbook {
  const r = readSpreadsheet("x.xls", bytes);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  expect(r.format).toBe("xls");
  return r.workbook;
}

describe("BIFF8 cells", () => {
  it("reads shared strings, numbers (NUMBER, RK), booleans and errors where they are", () => {
    const s = read(xlsFile({sheets: [{name: "Лист1", cells: [
      {row: 0, col: 0, value: "Муниципальный район"}, {row: 0, col: 1, value: 85, rk: true}, {row: 0, col: 2, value: 85.25},
      {row: 2, col: 3, value: true}, {row: 2, col: 4, value: {error: 0x07}}, {row: 3, col: 0, value: -12, rk: true}
    ]}]})).sheets[0]!;
    expect(s.name).toBe("Лист1");
    expect(s.rowValues(1)).toEqual(["Муниципальный район", 85, 85.25]);
    expect(s.value(3, 4)).toBe(true);
    expect(s.cell(3, 5)).toEqual({value: null, error: "#DIV/0!"});
    expect(s.value(4, 1)).toBe(-12);
  });

  it("reads a MULRK record's numbers, each with its own format, and RK numbers scaled by 100", () => {
    const mulrk = Buffer.alloc(4 + 6 * 2 + 2);
    mulrk.writeUInt16LE(4, 0); mulrk.writeUInt16LE(1, 2);
    mulrk.writeUInt16LE(15, 4); mulrk.writeUInt32LE(((4521 << 2) | 3) >>> 0, 6); // 45.21 (integer, ÷100)
    mulrk.writeUInt16LE(XF_PERCENT, 10); mulrk.writeUInt32LE(((52 << 2) | 3) >>> 0, 12); // 0.52 as a percent
    mulrk.writeUInt16LE(2, 16);
    const s = read(xlsFile({sheets: [{name: "S", extra: [record(0x00bd, mulrk)]}]})).sheets[0]!;
    expect(s.value(5, 2)).toBeCloseTo(45.21, 10);
    expect(s.cell(5, 3)).toEqual({value: 0.52, percent: true});
  });

  it("keeps formulas' cached results (number, string in a STRING record, boolean) with the formula's text", () => {
    const s = read(xlsFile({sheets: [{name: "S", cells: [
      {row: 0, col: 0, value: {formula: 2}}, {row: 0, col: 1, value: {formula: "итог"}}, {row: 0, col: 2, value: {formula: true}}
    ]}]})).sheets[0]!;
    expect(s.rowValues(1)).toEqual([2, "итог", true]);
    expect(s.cell(1, 1)).toEqual({value: 2, formula: "1+1"});
    expect(formulaText(Buffer.from([0x25, 4, 0, 6, 0, 3, 0xc0, 3, 0xc0, 0x19, 0x10, 0, 0]))).toBe("SUM(D5:D7)");
    expect(formulaText(Buffer.from([0xff, 1, 2]))).toBe("…");
  });

  it("reads dates and percents by the cell's format, in the 1900 and 1904 date systems", () => {
    const cells = [{row: 0, col: 0, value: 45536, xf: XF_DATE}, {row: 0, col: 1, value: 0.452, xf: XF_PERCENT},
      {row: 0, col: 2, value: 12.5, xf: XF_CUSTOM}];
    const s = read(xlsFile({sheets: [{name: "S", cells}]})).sheets[0]!;
    expect(s.rowValues(1)).toEqual([new Date(Date.UTC(2024, 8, 1)), 0.452, 12.5]);
    expect(s.cell(1, 2)).toEqual({value: 0.452, percent: true});
    const s1904 = read(xlsFile({sheets: [{name: "S", cells}], date1904: true})).sheets[0]!;
    expect(s1904.value(1, 1)).toEqual(new Date(Date.UTC(2028, 8, 2)));
    // A date-formatted number that is no date (negative) stays the number, never an Invalid Date.
    const odd = read(xlsFile({sheets: [{name: "S", cells: [{row: 0, col: 0, value: -3, xf: XF_DATE}]}]})).sheets[0]!;
    expect(odd.value(1, 1)).toBe(-3);
  });

  it("reads strings split over SST CONTINUE records, compressed and UTF-16, and Cyrillic sheet names", () => {
    const long = "Муниципальный район ".repeat(600);
    const latin = "x".repeat(9000);
    const strings = Array.from({length: 800}, (_, i) => `строка ${i}`);
    const cells = [long, latin, ...strings].map((v, i) => ({row: i, col: 0, value: v}));
    const s = read(xlsFile({sheets: [{name: "Форма 2", cells}]})).sheets[0]!;
    expect(s.name).toBe("Форма 2");
    expect(s.value(1, 1)).toBe(long);
    expect(s.value(2, 1)).toBe(latin);
    expect(s.value(802, 1)).toBe("строка 799");
  });

  it("reads merged ranges (MERGEDCELLS) as ranges", () => {
    const s = read(xlsFile({sheets: [{name: "S", cells: [{row: 0, col: 0, value: "Количество"}, {row: 2, col: 3, value: 1}],
      merges: [[0, 1, 0, 1]]}]})).sheets[0]!;
    expect(s.merges).toEqual([{top: 1, left: 1, bottom: 2, right: 2}]);
    expect(s.isMergedFollower(2, 2)).toBe(true);
  });

  it("reads a small workbook kept in the mini stream, and skips an embedded chart's substream", () => {
    const chart = [record(0x0809, Buffer.alloc(16)), record(0x0203, Buffer.alloc(14)), record(0x000a)];
    const stream = biffWorkbook({sheets: [{name: "S", cells: [{row: 0, col: 0, value: "мини"}], extra: chart}]});
    expect(stream.length).toBeLessThan(4096);
    const s = read(cfbFile([{name: "Workbook", data: stream}]).bytes).sheets[0]!;
    expect(s.rowValues(1)).toEqual(["мини"]);
    expect(s.rowCount).toBe(1);
  });

  it("refuses an encrypted .xls (FILEPASS) as password-protected", () => {
    expect(readSpreadsheet("x.xls", xlsFile({filepass: true, sheets: [{name: "S"}]})))
      .toMatchObject({ok: false, format: "xls", refusal: {kind: "file/encrypted", details: {format: "xls"}}});
  });

  it("refuses Excel 5.0/95 (BIFF5) with its own message, and a password-protected .xlsx (EncryptionInfo) as encrypted", () => {
    expect(readSpreadsheet("x.xls", xlsFile({version: 0x0500, sheets: [{name: "S"}]})))
      .toMatchObject({ok: false, refusal: {kind: "file/xls-unsupported"}});
    expect(readSpreadsheet("x.xls", cfbFile([{name: "Book", data: Buffer.alloc(5000)}]).bytes))
      .toMatchObject({ok: false, refusal: {kind: "file/xls-unsupported"}});
    const encrypted = cfbFile([{name: "EncryptionInfo", data: Buffer.alloc(200)}, {name: "EncryptedPackage", data: Buffer.alloc(6000)}]).bytes;
    expect(readSpreadsheet("x.xlsx", encrypted)).toMatchObject({ok: false, refusal: {kind: "file/encrypted", details: {format: "xlsx"}}});
  });

  it("names a Word 97–2003 document instead of reading it", () => {
    expect(readSpreadsheet("x.xls", cfbFile([{name: "WordDocument", data: Buffer.alloc(5000)}]).bytes))
      .toMatchObject({ok: false, refusal: {kind: "file/not-spreadsheet", details: {looksLike: "doc"}}});
  });
});
