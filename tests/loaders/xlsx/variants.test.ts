// What office suites (Excel, LibreOffice, МойОфис, Р7-Офис) write into .xlsx that our own sample
// files never contain: each variant is a small hand-written package read into the same cells.
import {describe, expect, it} from "vitest";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import type {Workbook} from "../../../loaders/xlsx/workbook.ts";
import {MAIN, REL, STRICT_MAIN, STRICT_REL, ooxml, rels} from "../../helpers/ooxml.ts";

const DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const WS = `${REL}/worksheet`, SST = `${REL}/sharedStrings`, STY = `${REL}/styles`;

function read(bytes: Buffer, file = "x.xlsx"): Workbook {
  const r = readSpreadsheet(file, bytes);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  expect(r.format).toBe("xlsx");
  return r.workbook;
}

/** A transitional package with the usual part names, from the parts' inner XML. */
function standard(sheet: string, o: {strings?: string; styles?: string; workbookPr?: string; sheets?: string} = {}): Buffer {
  return ooxml({
    "[Content_Types].xml": "<Types/>",
    "_rels/.rels": rels([{id: "rId1", type: DOC, target: "xl/workbook.xml"}]),
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${o.workbookPr ?? ""}<sheets>${o.sheets ?? "<sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/>"}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([{id: "rId1", type: WS, target: "worksheets/sheet1.xml"},
      ...(o.strings ? [{id: "rId2", type: SST, target: "sharedStrings.xml"}] : []),
      ...(o.styles ? [{id: "rId3", type: STY, target: "styles.xml"}] : [])]),
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData>${sheet}</sheetData></worksheet>`,
    ...(o.strings ? {"xl/sharedStrings.xml": `<sst xmlns="${MAIN}">${o.strings}</sst>`} : {}),
    ...(o.styles ? {"xl/styles.xml": `<styleSheet xmlns="${MAIN}">${o.styles}</styleSheet>`} : {})
  });
}

describe("XLSX as office suites write it", () => {
  it("reads elements with namespace prefixes (<x:row>, <x:c>, <x:v>, <x:si>, <x:t>)", () => {
    const x = `xmlns:x="${MAIN}"`;
    const wb = read(ooxml({
      "_rels/.rels": rels([{id: "rId1", type: DOC, target: "xl/workbook.xml"}]),
      "xl/workbook.xml": `<x:workbook ${x} xmlns:r="${REL}"><x:sheets><x:sheet name="Отчёт" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      "xl/_rels/workbook.xml.rels": rels([{id: "rId1", type: WS, target: "worksheets/sheet1.xml"}, {id: "rId2", type: SST, target: "sharedStrings.xml"}]),
      "xl/sharedStrings.xml": `<x:sst ${x}><x:si><x:t>Тарский</x:t></x:si><x:si><x:r><x:t>СОШ </x:t></x:r><x:r><x:t>№ 1</x:t></x:r></x:si></x:sst>`,
      "xl/worksheets/sheet1.xml": `<x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>` +
        `<x:c r="C1"><x:v>85</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells></x:worksheet>`
    }));
    const s = wb.sheets[0]!;
    expect(s.name).toBe("Отчёт");
    expect(s.rowValues(1)).toEqual(["Тарский", "СОШ № 1", 85]);
  });

  it("reads Strict OOXML (purl.oclc.org namespaces and relationship types)", () => {
    const wb = read(ooxml({
      "_rels/.rels": rels([{id: "rId1", type: `${STRICT_REL}/officeDocument`, target: "xl/workbook.xml"}]),
      "xl/workbook.xml": `<workbook xmlns="${STRICT_MAIN}" xmlns:r="${STRICT_REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": rels([{id: "rId1", type: `${STRICT_REL}/worksheet`, target: "worksheets/sheet1.xml"},
        {id: "rId2", type: `${STRICT_REL}/sharedStrings`, target: "sharedStrings.xml"}]),
      "xl/sharedStrings.xml": `<sst xmlns="${STRICT_MAIN}"><si><t>Итого</t></si></sst>`,
      "xl/worksheets/sheet1.xml": `<worksheet xmlns="${STRICT_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="d"><v>2024-09-01</v></c></row></sheetData></worksheet>`
    }));
    expect(wb.sheets[0]!.rowValues(1)).toEqual(["Итого", new Date(Date.UTC(2024, 8, 1))]);
  });

  it("finds the workbook through _rels/.rels wherever it is, with absolute, relative and «..» targets and part names in another letter case", () => {
    const wb = read(ooxml({
      "_rels/.rels": rels([{id: "rId1", type: DOC, target: "/excel/book.xml"}]),
      "excel/book.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>`,
      "excel/_rels/book.xml.rels": rels([{id: "rId1", type: WS, target: "/excel/sheets/a.xml"}, {id: "rId2", type: WS, target: "../data/b.xml"},
        {id: "rId3", type: SST, target: "./Strings.XML"}]),
      "excel/strings.xml": `<sst xmlns="${MAIN}"><si><t>из общей таблицы строк</t></si></sst>`,
      "excel/sheets/a.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      "data/b.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`
    }));
    expect(wb.sheets.map((s) => [s.name, s.value(1, 1)])).toEqual([["A", "из общей таблицы строк"], ["B", 2]]);
  });

  it("finds shared strings and sheets by their usual names next to a workbook part at the package's root", () => {
    const wb = read(ooxml({
      "_rels/.rels": rels([{id: "rId1", type: DOC, target: "book.xml"}]),
      "book.xml": `<workbook xmlns="${MAIN}"><sheets><sheet name="Лист1" sheetId="1"/></sheets></workbook>`,
      "sharedStrings.xml": `<sst xmlns="${MAIN}"><si><t>в корне</t></si></sst>`,
      "worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`
    }));
    expect(wb.sheets[0]!.value(1, 1)).toBe("в корне");
  });

  it("reads a package without _rels/.rels, sharedStrings or styles", () => {
    const wb = read(ooxml({
      "xl/workbook.xml": `<workbook xmlns="${MAIN}"><sheets><sheet name="Лист1" sheetId="1"/></sheets></workbook>`,
      "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row><c><v>1</v></c><c t="inlineStr"><is><t>текст</t></is></c></row></sheetData></worksheet>`
    }));
    expect(wb.sheets[0]!.rowValues(1)).toEqual([1, "текст"]);
  });

  it("reads inline strings with and without t=\"inlineStr\", rich runs, and skips phonetic runs", () => {
    const s = read(standard(`<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">МБОУ </t></is></c>` +
      `<c r="B1"><is><r><t>СОШ</t></r><r><rPr><b/></rPr><t> № 1</t></r><rPh><t>ふりがな</t></rPh></is></c></row>`)).sheets[0]!;
    expect(s.rowValues(1)).toEqual(["МБОУ ", "СОШ № 1"]);
  });

  it("places rows and cells without r after the previous ones, and reads lower-case refs", () => {
    const s = read(standard(`<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="c2"><v>3</v></c><c><v>4</v></c></row>` +
      `<row r="5"><c r="b5"><v>5</v></c></row>`)).sheets[0]!;
    expect([s.value(1, 1), s.value(1, 2), s.value(2, 3), s.value(2, 4), s.value(5, 2)]).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads t=\"str\" formula results, booleans, errors and single-quoted attributes", () => {
    const s = read(standard(`<row r='1'><c r='A1' t='str'><f>CONCATENATE("a";"b")</f><v>ab</v></c><c r="B1" t="b"><v>1</v></c>` +
      `<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>SUM(1,2)</f></c></row>`)).sheets[0]!;
    expect(s.cell(1, 1)).toEqual({value: "ab", formula: "CONCATENATE(\"a\";\"b\")"});
    expect(s.value(1, 2)).toBe(true);
    expect(s.cell(1, 3)).toEqual({value: null, formula: "1/0", error: "#DIV/0!"});
    expect(s.cell(1, 4)).toEqual({value: null, formula: "SUM(1,2)"});
  });

  it("reads t=\"d\" ISO dates and date-times, and keeps anything else as the text it is (never an Invalid Date)", () => {
    const s = read(standard(`<row r="1"><c r="A1" t="d"><v>2024-09-01</v></c><c r="B1" t="d"><v>2024-09-16T00:38:36</v></c>` +
      `<c r="C1" t="d"><v>31.02.2024</v></c><c r="D1" t="d"><v>2024-02-30</v></c><c r="E1" t="d"><v>завтра</v></c><c r="F1" t="d"><v>2024-13-01T25:00</v></c></row>`)).sheets[0]!;
    expect(s.rowValues(1)).toEqual([new Date(Date.UTC(2024, 8, 1)), new Date(Date.UTC(2024, 8, 16, 0, 38, 36)),
      "31.02.2024", "2024-02-30", "завтра", "2024-13-01T25:00"]);
    for (let c = 1; c <= 6; c++) {
      const v = s.value(1, c);
      if (v instanceof Date) expect(Number.isNaN(v.getTime())).toBe(false);
    }
  });

  it("reads dates by number format in the 1900 and the 1904 date systems, and percents", () => {
    const styles = `<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-419]DD.MM.YYYY"/></numFmts>` +
      `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>`;
    const row = `<row r="1"><c r="A1" s="1"><v>45536</v></c><c r="B1" s="2"><v>45536</v></c><c r="C1" s="3"><v>0.452</v></c><c r="D1" s="1"><v>-5</v></c></row>`;
    const s1900 = read(standard(row, {styles})).sheets[0]!;
    expect(s1900.rowValues(1)).toEqual([new Date(Date.UTC(2024, 8, 1)), new Date(Date.UTC(2024, 8, 1)), 0.452, -5]);
    expect(s1900.cell(1, 3)).toEqual({value: 0.452, percent: true});
    const s1904 = read(standard(row, {styles, workbookPr: "<workbookPr date1904=\"1\"/>"})).sheets[0]!;
    expect(s1904.value(1, 1)).toEqual(new Date(Date.UTC(2028, 8, 2)));
  });

  it("reads a macro-enabled workbook (.xlsm) like any other, and skips a chart sheet", () => {
    const bytes = ooxml({
      "[Content_Types].xml": "<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\"/></Types>",
      "_rels/.rels": rels([{id: "rId1", type: DOC, target: "xl/workbook.xml"}]),
      "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Данные" sheetId="1" r:id="rId1"/><sheet name="Диаграмма" sheetId="2" r:id="rId2"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": rels([{id: "rId1", type: WS, target: "worksheets/sheet1.xml"},
        {id: "rId2", type: `${REL}/chartsheet`, target: "chartsheets/sheet1.xml"}, {id: "rId3", type: `${REL}/vbaProject`, target: "vbaProject.bin"}]),
      "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData></worksheet>`,
      "xl/chartsheets/sheet1.xml": `<chartsheet xmlns="${MAIN}"/>`,
      "xl/vbaProject.bin": Buffer.from([0xd0, 0xcf, 0x11, 0xe0])
    });
    const wb = read(bytes, "отчёт.xlsm");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Данные"]);
    expect(wb.sheets[0]!.value(1, 1)).toBe(7);
  });

  it("decodes entities and OOXML's escaped control characters in strings", () => {
    const s = read(standard(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, {strings: "<si><t>«СОШ» &amp; лицей_x000D_&#10;№ 1</t></si>"})).sheets[0]!;
    expect(s.value(1, 1)).toBe("«СОШ» & лицей\r\n№ 1");
  });
});
