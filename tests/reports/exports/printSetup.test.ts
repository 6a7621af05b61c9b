// Every XLSX export prints well (issue 15 §5), checked from the workbooks' own print properties (CI
// has no LibreOffice; scripts/print-check.ts converts them to PDF and counts pages, docs/print-check.md):
// A4, fitted to one page wide and as many down as needed, landscape when wide, a print area over the
// whole table, the header row repeated on every page, page numbers, rows tall enough for wrapped text.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import {Store} from "../../../store/database.ts";
import {ingestSample} from "../../../loaders/sample.ts";
import {sampleExports, type SampleExport} from "../../../scripts/sampleExports.ts";
import {LANDSCAPE_WIDTH, linesNeeded} from "../../../reports/exports/xlsxStyle.ts";

let store: Store, exports: SampleExport[];
const books = new Map<string, ExcelJS.Workbook>();

beforeAll(async () => {
  store = await Store.open(":memory:");
  await ingestSample(store);
  exports = await sampleExports(store);
  for (const e of exports) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(e.bytes as unknown as ArrayBuffer);
    books.set(e.name, wb);
  }
}, 240_000);
afterAll(async () => store?.close());

const width = (ws: ExcelJS.Worksheet) => {
  let total = 0;
  for (let c = 1; c <= ws.columnCount; c++) total += ws.getColumn(c).width ?? 9;
  return total;
};

describe("print properties of the XLSX exports", () => {
  it("covers the six exports", () => {
    expect(exports.map((e) => e.name)).toEqual(["annual", "engagement", "issues", "route", "catalogue", "settings"]);
  });

  it.each(["annual", "engagement", "issues", "catalogue", "settings"])("%s: every sheet A4, one page wide, header row repeated, print area over the table", (name) => {
    const wb = books.get(name)!;
    expect(wb.worksheets.length).toBeGreaterThan(0);
    for (const ws of wb.worksheets) {
      const p = ws.pageSetup;
      expect([ws.name, p.paperSize, p.fitToPage, p.fitToWidth, p.fitToHeight]).toEqual([ws.name, 9, true, 1, 0]);
      expect([ws.name, p.orientation]).toEqual([ws.name, width(ws) > LANDSCAPE_WIDTH ? "landscape" : "portrait"]);
      expect([ws.name, p.printTitlesRow]).toEqual([ws.name, "2:2"]);
      expect([ws.name, p.printArea]).toEqual([ws.name, `A1:${ws.getColumn(ws.columnCount).letter}${ws.rowCount}`]);
      expect(ws.headerFooter.oddFooter).toBe("&C&P / &N");
    }
  });

  it.each(["annual", "engagement", "issues", "catalogue", "settings"])("%s: a row is as tall as its longest wrapped text, the title spans the table", (name) => {
    let tall = 0;
    for (const ws of books.get(name)!.worksheets) {
      expect(ws.getCell("A1").isMerged || ws.columnCount === 1).toBe(true);
      ws.eachRow((row, n) => {
        if (n < 2) return;
        let lines = 1;
        for (let c = 1; c <= ws.columnCount; c++) {
          const v = row.getCell(c).value;
          if (typeof v !== "string") continue;
          const need = linesNeeded(v, ws.getColumn(c).width ?? 9);
          if (need > 1) expect([ws.name, n, c, row.getCell(c).alignment?.wrapText]).toEqual([ws.name, n, c, true]);
          lines = Math.max(lines, need);
        }
        if (lines > 1) {
          tall++;
          expect([ws.name, n, row.height]).toEqual([ws.name, n, lines * 15]);
        }
      });
    }
    // Every export has at least its wrapped header row.
    expect(tall).toBeGreaterThan(0);
  });

  it("the route form keeps its portrait A4 page, one page wide, with a print area and page numbers", () => {
    const ws = books.get("route")!.worksheets[0]!;
    expect([ws.pageSetup.paperSize, ws.pageSetup.orientation, ws.pageSetup.fitToPage, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight])
      .toEqual([9, "portrait", true, 1, 0]);
    expect(ws.pageSetup.printArea).toBe(`A1:F${ws.rowCount}`);
    expect(ws.headerFooter.oddFooter).toBe("&C&P / &N");
  });

  it("counts lines as the layout does: explicit breaks, then the column's width less two characters", () => {
    expect(linesNeeded("Педагоги с высшим образованием", 12)).toBe(3);
    expect(linesNeeded("короткий", 12)).toBe(1);
    expect(linesNeeded("", 12)).toBe(1);
    expect(linesNeeded("один\nдва", 40)).toBe(2);
  });
});
