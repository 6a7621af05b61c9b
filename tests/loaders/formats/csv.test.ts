// CSV: encoding and separator found from the bytes, quoted fields, which fields become numbers or
// dates, and how the loaders then read the rest (counts, percents) from text.
import {describe, expect, it} from "vitest";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {csvValue, decodeText, detectSeparator} from "../../../loaders/formats/csv.ts";
import {parseCount} from "../../../loaders/cells/parseCount.ts";
import {parseScore} from "../../../loaders/diagnostics/parseScore.ts";
import type {Sheet} from "../../../loaders/xlsx/workbook.ts";

function sheet(bytes: Buffer, file = "отчёт школы.csv"): Sheet {
  const r = readSpreadsheet(file, bytes);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  expect(r.format).toBe("csv");
  expect(r.workbook.sheets).toHaveLength(1);
  return r.workbook.sheets[0]!;
}

const TEXT = "Муниципальный район;Школа;Детей\r\nТарский;\"МБОУ \"\"Тарская СОШ № 1\"\"\";610\r\n";

/** The same text in Windows-1251, byte by byte (Cyrillic А–я is 0xC0–0xFF, Ё 0xA8, ё 0xB8, № 0xB9). */
function cp1251(s: string): Buffer {
  return Buffer.from([...s].map((ch) => {
    const c = ch.charCodeAt(0);
    if (c < 128) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    return ({0x401: 0xa8, 0x451: 0xb8, 0x2116: 0xb9, 0xab: 0xab, 0xbb: 0xbb} as Record<number, number>)[c] ?? 0x3f;
  }));
}

describe("CSV files", () => {
  it("is one sheet named after the file", () => {
    expect(sheet(Buffer.from(TEXT), "C:\\Отчёты\\Тарская СОШ 1.csv").name).toBe("Тарская СОШ 1");
  });

  it("reads UTF-8 with and without BOM, Windows-1251 and UTF-16 to the same cells", () => {
    const expected = [["Муниципальный район", "Школа", "Детей"], ["Тарский", "МБОУ \"Тарская СОШ № 1\"", 610]];
    const variants: Array<[string, Buffer]> = [
      ["utf-8", Buffer.from(TEXT)],
      ["utf-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
      ["windows-1251", cp1251(TEXT)],
      ["utf-16le BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")])]
    ];
    for (const [name, bytes] of variants) {
      const s = sheet(bytes);
      expect([s.rowValues(1), s.rowValues(2)], name).toEqual(expected);
    }
    expect(decodeText(cp1251(TEXT))?.encoding).toBe("windows-1251");
  });

  it("finds the separator: ; with decimal commas in numbers, tab, and , with quoted decimal commas", () => {
    expect(detectSeparator("район;школа;доля\nТарский;СОШ 1;52,5\nОмский;СОШ 2;48,25\n")).toBe(";");
    expect(detectSeparator("район\tшкола\tдоля\nТарский\tСОШ 1, корпус 2\t52,5\n")).toBe("\t");
    expect(detectSeparator("район,школа,доля\nТарский,\"СОШ 1; корпус 2\",\"52,5\"\nОмский,СОШ 2,\"48,25\"\n")).toBe(",");
    const s = sheet(Buffer.from("район,школа,доля\nТарский,\"СОШ 1; корпус 2\",\"52,5\"\n"));
    expect(s.rowValues(2)).toEqual(["Тарский", "СОШ 1; корпус 2", 52.5]);
  });

  it("reads quoted fields holding separators, quotes and line breaks, and rows ending in CRLF, LF or CR", () => {
    const s = sheet(Buffer.from("a;\"b;c\";\"строка 1\r\nстрока 2\"\rd;\"кавычки \"\"внутри\"\"\";\n;;e\n"));
    expect(s.rowValues(1)).toEqual(["a", "b;c", "строка 1\r\nстрока 2"]);
    expect(s.rowValues(2)).toEqual(["d", "кавычки \"внутри\""]);
    expect(s.value(3, 3)).toBe("e");
    expect(s.rowCount).toBe(3);
  });

  it("makes numbers of plain numbers and dates of dates as spreadsheets write them; leaves the rest as text", () => {
    expect(["85", "-3", "52,5", "0.52", "0", "1234567"].map((f) => csvValue(f, ";"))).toEqual([85, -3, 52.5, 0.52, 0, 1234567]);
    expect(["1 234", "1\u00a0234,5", "45,2 %", "45%", "007", "+5", "1e5", "85 человек", "1,234"].map((f) => csvValue(f, ",")))
      .toEqual(["1 234", "1\u00a0234,5", "45,2 %", "45%", "007", "+5", "1e5", "85 человек", "1,234"]);
    expect(csvValue("1,234", ";")).toBe(1.234);
    expect(csvValue("01.09.2024", ";")).toEqual(new Date(Date.UTC(2024, 8, 1)));
    expect(csvValue("16.09.2024 00:38:36", ";")).toEqual(new Date(Date.UTC(2024, 8, 16, 0, 38, 36)));
    expect(csvValue("2024-09-01", ";")).toEqual(new Date(Date.UTC(2024, 8, 1)));
    // Not a calendar date, or not written as a date cell is: the loaders report or read it as text.
    expect(["31.02.2024", "1.9.24", "01/09/2024", "сентябрь 2024"].map((f) => csvValue(f, ";")))
      .toEqual(["31.02.2024", "1.9.24", "01/09/2024", "сентябрь 2024"]);
  });

  it("gives the loaders counts and percents written in Russian as text they read as in an .xlsx cell", () => {
    const s = sheet(Buffer.from("Детей;Педагогов;Результат;Доля\n\"1 234\";52;\"45,2 %\";0,52\n"));
    expect(parseCount(s.cell(2, 1))).toEqual({ok: true, value: 1234});
    expect(parseCount(s.cell(2, 2))).toEqual({ok: true, value: 52});
    expect(parseScore(s.cell(2, 3), false)).toEqual({ok: true, result: 45.2});
    expect(parseScore(s.cell(2, 4), false, true)).toEqual({ok: true, result: 52, note: "share"});
  });

  it("refuses a binary file with a .csv name, saying it is no table", () => {
    const binary = Buffer.from(Array.from({length: 4096}, (_, i) => (i * 37) % 256));
    expect(readSpreadsheet("данные.csv", binary)).toMatchObject({ok: false, refusal: {kind: "file/not-spreadsheet", details: {looksLike: "unknown"}}});
  });

  it("names a web page, a PDF or an image saved with a .csv or .xls name", () => {
    const kinds = [["<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>", "html"], ["%PDF-1.7\n", "pdf"],
      ["<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", "spreadsheetml"]];
    for (const [text, looksLike] of kinds) {
      expect(readSpreadsheet("x.xls", Buffer.from(text!))).toMatchObject({ok: false, refusal: {kind: "file/not-spreadsheet", details: {looksLike}}});
    }
  });
});
