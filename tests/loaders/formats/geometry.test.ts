// Issue 13 §1, reader side: a sheet's geometry is checked before anything is allocated per cell.
// One merged range `A1:XFD1048576` (17 billion cells if expanded) and 700,000 small merges, in every
// format that can hold them, are read in a child process with a small V8 heap: if the reader
// expanded them, the child would die of it.
import {spawn} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {MergeIndex, Sheet, clampMerges, type Range} from "../../../loaders/xlsx/workbook.ts";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {examineFile} from "../../../loaders/ingest.ts";
import {hugeMergeOds, hugeMergeXls, hugeMergeXlsx, manyMergesOds, manyMergesXls, manyMergesXlsx, sheetXlsx} from "../../helpers/hostile.ts";
import {odsFile} from "../../helpers/ods.ts";
import {xlsFile} from "../../helpers/xls.ts";

const CHILD = join(import.meta.dirname, "../../helpers/examineChild.ts");

interface ChildOut {
  outcome: string;
  format?: string;
  merges?: number;
  cells?: number;
  details?: {what?: string; limit?: number} | null;
  ms: number;
  rssMb: number;
}

/** Runs the child with a V8 heap of `heapMb`; rejects if it dies (out of memory) or prints nothing. */
function child(heapMb: number, mode: "read" | "examine", file: string, limits?: object): Promise<ChildOut> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--import", "tsx", CHILD, mode, file, ...(limits ? [JSON.stringify(limits)] : [])],
      {stdio: ["ignore", "pipe", "pipe"]});
    let out = "", err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as ChildOut)
      : reject(new Error(`child exited ${code}: ${err.slice(-2000)}`))));
  });
}

describe("merged ranges are indexed by range", () => {
  it("finds the merge covering a cell among many on the same rows, and none outside them", () => {
    const merges: Range[] = [{top: 1, left: 1, bottom: 1, right: 6}, {top: 2, left: 1, bottom: 3, right: 1}, {top: 2, left: 4, bottom: 2, right: 5},
      {top: 2, left: 2, bottom: 2, right: 3}, {top: 3, left: 3, bottom: 5, right: 4}];
    const index = new MergeIndex(merges);
    expect(index.at(1, 6)).toBe(merges[0]);
    expect(index.at(3, 1)).toBe(merges[1]);
    expect(index.at(2, 5)).toBe(merges[2]);
    expect(index.at(2, 2)).toBe(merges[3]);
    expect(index.at(4, 4)).toBe(merges[4]);
    expect([index.at(1, 7), index.at(3, 2), index.at(6, 3), index.at(2, 6)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("keeps a merge's part within the sheet's cells: a sheet-wide merge over a 2×3 sheet is A1:C2", () => {
    const sheet = new Sheet("S", [["a", "b", "c"], ["d"]], [{top: 1, left: 1, bottom: 1_048_576, right: 16_384}, {top: 5, left: 1, bottom: 6, right: 2}]);
    expect(sheet.merges).toEqual([{top: 1, left: 1, bottom: 2, right: 3}]);
    expect(sheet.isMergedFollower(2, 3)).toBe(true);
    expect(sheet.mergeAt(3, 1)).toBeUndefined();
    expect(clampMerges([{top: 1, left: 1, bottom: 1, right: 2}], 1, 1)).toEqual([]);
  });
});

describe("cells and merges outside the sheet's limits are refused, in every format", () => {
  const kinds = (r: ReturnType<typeof readSpreadsheet>) => (r.ok ? "read" : `${r.refusal.kind} ${(r.refusal as {details: {what?: string}}).details.what ?? ""}`.trim());

  it("a cell past column XFD or row 1 048 576, or past the row cap", () => {
    expect(kinds(readSpreadsheet("x.xlsx", sheetXlsx("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")))).toBe("file/sheet-too-large columns");
    expect(kinds(readSpreadsheet("x.xlsx", sheetXlsx("<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>")))).toBe("file/sheet-too-large rows");
    expect(kinds(readSpreadsheet("x.xlsx", sheetXlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", ["A1:XFE2"]))))
      .toBe("file/sheet-too-large columns");
    expect(kinds(readSpreadsheet("x.ods", odsFile("<table:table table:name=\"S\"><table:table-row><table:table-cell table:number-columns-repeated=\"16384\"/>" +
      "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>")))).toBe("file/sheet-too-large columns");
    expect(kinds(readSpreadsheet("x.xls", xlsFile({sheets: [{name: "S", cells: [{row: 0, col: 20000, value: 1}]}]})))).toBe("file/sheet-too-large columns");
    expect(kinds(readSpreadsheet("x.csv", Buffer.from(`${";".repeat(16384)}1\n`)))).toBe("file/sheet-too-large columns");
    expect(kinds(readSpreadsheet("x.csv", Buffer.from(`${"\n".repeat(300_000)}1\n`)))).toBe("file/sheet-too-large rows");
  });

  it("a cell repeated 16 384 × 1 048 576 times in ODS is refused on its count, without expanding it", () => {
    const r = readSpreadsheet("x.ods", odsFile("<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\">" +
      "<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>"));
    expect(kinds(r)).toBe("file/sheet-too-large cells");
  });
});

describe("a sheet-wide merge and 700,000 merges in bounded memory", () => {
  let dir: string;
  const files: Record<string, string> = {};
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mentoring-geometry-"));
    const made: Record<string, Buffer> = {
      "huge.xlsx": hugeMergeXlsx(), "huge.ods": hugeMergeOds(), "huge.xls": hugeMergeXls(),
      "many.xlsx": manyMergesXlsx(700_000), "many.ods": manyMergesOds(700_000), "many.xls": manyMergesXls(700_000)
    };
    for (const [name, bytes] of Object.entries(made)) writeFileSync(files[name] = join(dir, name), bytes);
  }, 120_000);
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("a 9 KB school report with one more merge, A1:XFD1048576, is read and parsed as the report it is", async () => {
    const r = await child(128, "examine", files["huge.xlsx"]!);
    expect(r).toMatchObject({outcome: "forms", format: "xlsx"});
    const plain = await examineFile("r.xlsx", hugeMergeXlsx());
    expect(plain.ok && plain.parsed.period).toBe("2024-Q1");
  }, 120_000);

  it("the same merge in ODS and the largest one BIFF8 can write in XLS are one range each, clamped to the sheet", async () => {
    const [ods, xls] = await Promise.all([child(128, "read", files["huge.ods"]!), child(128, "read", files["huge.xls"]!)]);
    expect(ods).toMatchObject({outcome: "read", format: "ods", merges: 0, cells: 1});
    expect(xls).toMatchObject({outcome: "read", format: "xls", merges: 0, cells: 1});
  }, 120_000);

  it("700,000 merges are refused on the merge budget with what the limit is, in XLSX, ODS and XLS", async () => {
    const out = await Promise.all(["many.xlsx", "many.ods", "many.xls"].map((f) => child(192, "examine", files[f]!)));
    for (const r of out) expect(r).toMatchObject({outcome: "file/sheet-too-large", details: {what: "merges", limit: 500_000}});
  }, 180_000);

  it("with the merge budget raised, the 700,000 merges are read as ranges within a 320 MB heap", async () => {
    const limits = {maxMerges: 1_000_000};
    const out = await Promise.all(["many.xlsx", "many.ods"].map((f) => child(320, "read", files[f]!, limits)));
    for (const r of out) expect(r).toMatchObject({outcome: "read", merges: 700_000, cells: 2});
    expect(await child(320, "read", files["many.xls"]!, limits)).toMatchObject({outcome: "read", format: "xls", merges: 700_000, cells: 2});
  }, 300_000);
});
