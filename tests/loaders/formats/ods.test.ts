// OpenDocument spreadsheets: values from their typed attributes, merged and covered cells, repeated
// cells and rows (expanded only where they hold a value), formulas' cached values, encryption.
import {describe, expect, it} from "vitest";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {odsFormula} from "../../../loaders/formats/ods.ts";
import type {Workbook} from "../../../loaders/xlsx/workbook.ts";
import {MANIFEST, odsContent, odsEntries, odsFile, odsTable} from "../../helpers/ods.ts";
import {makeZip} from "../../helpers/zip.ts";

function read(bytes: Buffer): Workbook {
  const r = readSpreadsheet("x.ods", bytes);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  expect(r.format).toBe("ods");
  return r.workbook;
}

const cell = (type: string, attrs: string, text: string) =>
  `<table:table-cell office:value-type="${type}" calcext:value-type="${type}" ${attrs}><text:p>${text}</text:p></table:table-cell>`;

describe("ODS cells", () => {
  it("takes numbers, percents, dates and booleans from the typed attributes, not the text shown", () => {
    const s = read(odsFile(odsTable("Лист1", [
      cell("float", "office:value=\"610\"", "610,0") + cell("percentage", "office:value=\"0.452\"", "45,2 %") +
      cell("date", "office:date-value=\"2024-09-01\"", "01.09.2024") + cell("boolean", "office:boolean-value=\"true\"", "ИСТИНА") +
      cell("currency", "office:value=\"1500.5\" office:currency=\"RUB\"", "1 500,50 ₽") + cell("string", "", "МБОУ «СОШ № 1»")
    ]))).sheets[0]!;
    expect(s.name).toBe("Лист1");
    expect(s.rowValues(1)).toEqual([610, 0.452, new Date(Date.UTC(2024, 8, 1)), true, 1500.5, "МБОУ «СОШ № 1»"]);
    expect(s.cell(1, 2)).toEqual({value: 0.452, percent: true});
  });

  it("keeps an invalid date-value as the text the cell shows, never an Invalid Date", () => {
    const s = read(odsFile(odsTable("S", [cell("date", "office:date-value=\"2024-02-31\"", "31.02.2024")]))).sheets[0]!;
    expect(s.value(1, 1)).toBe("31.02.2024");
  });

  it("keeps a formula's cached value, its text in Excel's notation, and its error", () => {
    const s = read(odsFile(odsTable("S", [
      `<table:table-cell table:formula="of:=SUM([.D5:.D7])" office:value-type="float" office:value="17"><text:p>17</text:p></table:table-cell>` +
      `<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>` +
      `<table:table-cell table:formula="of:=[.A1]&amp;&quot;x&quot;" office:value-type="string" office:string-value="17x"><text:p>17x</text:p></table:table-cell>`
    ]))).sheets[0]!;
    expect(s.cell(1, 1)).toEqual({value: 17, formula: "SUM(D5:D7)"});
    expect(s.cell(1, 2)).toEqual({value: null, formula: "1/0", error: "#DIV/0!"});
    expect(s.cell(1, 3)).toEqual({value: "17x", formula: "A1&\"x\""});
    expect(odsFormula("of:=IF([$Лист2.$B$3]>0;1;0)")).toBe("IF(Лист2!$B$3>0,1,0)");
  });

  it("reads text with several paragraphs, runs of spaces, tabs and links, without the cell's comment", () => {
    const s = read(odsFile(odsTable("S", [
      `<table:table-cell office:value-type="string"><office:annotation><text:p>комментарий</text:p></office:annotation>` +
      `<text:p>Общее количество<text:s text:c="2"/>детей</text:p><text:p>в ОО,<text:tab/><text:span text:style-name="T1">чел</text:span></text:p></table:table-cell>` +
      `<table:table-cell office:value-type="string"><text:p><text:a xlink:href="http://x">сайт</text:a> &amp; почта</text:p></table:table-cell>`
    ]))).sheets[0]!;
    expect(s.rowValues(1)).toEqual(["Общее количество  детей\nв ОО,\tчел", "сайт & почта"]);
  });

  it("reads merged ranges from spans, with covered cells taking their places", () => {
    const s = read(odsFile(odsTable("S", [
      `<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>Количество</text:p></table:table-cell>` +
      `<table:covered-table-cell/><table:table-cell office:value-type="float" office:value="5"/>`,
      `<table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="6"/>`
    ]))).sheets[0]!;
    expect(s.merges).toEqual([{top: 1, left: 1, bottom: 2, right: 2}]);
    expect(s.value(1, 3)).toBe(5);
    expect(s.value(2, 3)).toBe(6);
    expect(s.isMergedFollower(2, 2)).toBe(true);
    expect(s.mergeAt(2, 3)).toBeUndefined();
  });

  it("expands repeated cells and rows that hold values, and skips LibreOffice's million empty ones without expanding them", () => {
    const started = performance.now();
    const s = read(odsFile(`<table:table table:name="S"><table:table-column table:number-columns-repeated="16384"/>` +
      `<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/>` +
      `<table:table-cell table:number-columns-repeated="16381"/></table:table-row>` +
      `<table:table-row table:number-rows-repeated="200000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
      `<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>после</text:p></table:table-cell></table:table-row>` +
      `<table:table-row table:number-rows-repeated="848573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
      "</table:table>")).sheets[0]!;
    expect(performance.now() - started).toBeLessThan(1000);
    expect([s.rowValues(1), s.rowValues(2)]).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(s.value(200003, 3)).toBe("после");
    expect([s.rowCount, s.columnCount]).toEqual([200003, 3]);
  });

  it("reads several tables as sheets, in order", () => {
    const wb = read(odsFile(odsTable("Форма 1", [cell("string", "", "a")]) + odsTable("Форма 2", [cell("float", "office:value=\"2\"", "2")])));
    expect(wb.sheets.map((x) => [x.name, x.value(1, 1)])).toEqual([["Форма 1", "a"], ["Форма 2", 2]]);
  });

  it("refuses a password-protected .ods (manifest:encryption-data) as encrypted, before inflating its entries", () => {
    const manifest = MANIFEST.replace("<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>",
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"900\"><manifest:encryption-data " +
      "manifest:checksum-type=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k\" manifest:checksum=\"x\"/></manifest:file-entry>");
    const entries = odsEntries("\u0001\u0002garbage that is no XML", [], manifest);
    const r = readSpreadsheet("secret.ods", makeZip(entries));
    expect(r).toMatchObject({ok: false, format: "ods", refusal: {kind: "file/encrypted", details: {format: "ods"}}});
  });

  it("names an OpenDocument text document as such instead of reading it", () => {
    const r = readSpreadsheet("x.ods", makeZip([{name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.text")},
      {name: "content.xml", data: Buffer.from(odsContent(""))}]));
    expect(r).toMatchObject({ok: false, refusal: {kind: "file/not-spreadsheet", details: {looksLike: "odt"}}});
  });
});
