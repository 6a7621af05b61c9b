// The writer behind the sample, the benchmark and fixtures: counts look as schools write them, and
// the streaming writer (for huge sheets) lays out exactly the cells and merges the regular one does.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {guardZip} from "../../loaders/xlsx/zipGuard.ts";
import {readWorkbook} from "../../loaders/xlsx/readWorkbook.ts";
import type {Workbook} from "../../loaders/xlsx/workbook.ts";
import {
  defaultLayout, formsWorkbookBuffer, writeFormsWorkbookFile, writtenCount, type FormsWorkbookSpec
} from "../../scripts/formsWorkbook.ts";

async function read(bytes: Buffer): Promise<Workbook> {
  const g = await guardZip(bytes);
  if (!g.ok) throw new Error(g.refusal.kind);
  const r = readWorkbook(g.entries);
  if (!r.ok) throw new Error(r.refusal.kind);
  return r.workbook;
}

function texts(wb: Workbook): string[][] {
  return wb.sheets.map((s) => Array.from({length: s.rowCount}, (_, r) =>
    Array.from({length: s.columnCount}, (_, c) => s.text(r + 1, c + 1)).join("|")));
}

const spec: FormsWorkbookSpec = {
  schools: [
    {municipality: "Тарский", school: "МБОУ \"Тарская СОШ № 3\"", contacts: "Директор", students: 540, teachers: 46, young: 7,
      forms: {2: [{programme: "«Лидер»", mentors: 60, mentees: 60, result: ""}, {programme: "«Читаем вместе»", mentors: 30, mentees: 35, result: ""}],
        3: [{programme: "«Профи»", mentors: 12, mentees: 14, result: ""}]}},
    {municipality: "Тарский", school: "МКОУ «Тарская гимназия»", contacts: "Директор", students: 388, teachers: 35, young: 5,
      forms: {2: [{programme: "«Вектор»", mentors: 90, mentees: 110, result: ""}]}}
  ],
  period: {text: "за I квартал 2024 г.", placement: "form1-title"},
  statedTotals: {2: {mentees: 200}}
};

describe("formsWorkbook", () => {
  it("writes each count style the way schools type it", () => {
    expect(writtenCount({n: 85, as: "people"}).value).toBe("85 человек");
    expect(writtenCount({n: 85, as: "people-a"}).value).toBe("85 человека");
    expect(writtenCount({n: 85, as: "chel"}).value).toBe("85 чел.");
    expect(writtenCount({n: 85, as: "padded"}).value).toBe(" 85 ");
    expect(writtenCount({n: 85, as: "comma"}).value).toBe("85,0");
    expect(writtenCount({n: 85, as: "decimal"})).toEqual({value: 85, numFmt: "0.0"});
    expect(writtenCount({n: 3, as: "apostrophe"}).value).toBe("'3");
    expect(writtenCount({n: 5, as: "word"}).value).toBe("пять");
    expect(writtenCount({n: 10, as: "Word"}).value).toBe("Десять");
    expect(writtenCount({n: 4, as: "described", text: "Студент 2 курса"}).value).toBe("4 Студент 2 курса");
    expect(() => writtenCount({n: 21, as: "word"})).toThrow("no number word for 21");
  });

  it("puts the stated «Итого» where it differs from the rows, and the rows' sum elsewhere", async () => {
    const wb = await read(await formsWorkbookBuffer(spec, {...defaultLayout, arrangement: "stacked", sheetNames: ["свод"]}));
    const rows = texts(wb)[0]!.filter((r) => r.startsWith("Итого"));
    // Form 2: mentors 60+30+90 = 180 (right), mentees stated 200 instead of 60+35+110 = 205.
    expect(rows[0]).toBe("Итого, чел|||180|200|");
    expect(rows[1]).toBe("Итого, чел|||12|14|");
  });

  it("lays out the same cells and merges with the streaming writer as with the regular one", async () => {
    const layout = {...defaultLayout, district: "merged" as const, blankRowInTable: true, notes: true, leftColumn: 2 as const};
    const dir = mkdtempSync(join(tmpdir(), "forms-wb-"));
    try {
      const path = join(dir, "streamed.xlsx");
      await writeFormsWorkbookFile(path, spec, layout);
      const streamed = await read(readFileSync(path));
      const regular = await read(await formsWorkbookBuffer(spec, layout));
      expect(texts(streamed)).toEqual(texts(regular));
      expect(streamed.sheets.map((s) => s.merges)).toEqual(regular.sheets.map((s) => s.merges));
      // The district «Тарский» spans both schools' three Form 2 rows.
      expect(regular.sheets[1]!.merges).toContainEqual({top: 5, left: 2, bottom: 7, right: 2});
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
