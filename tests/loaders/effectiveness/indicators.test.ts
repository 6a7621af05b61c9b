import {describe, expect, it} from "vitest";
import {examineFile, ingestBytes} from "../../../loaders/ingest.ts";
import {knownIssueKinds} from "../../../loaders/messages/index.ts";
import type {IndicatorTableData} from "../../../loaders/effectiveness/indicators.ts";
import {all, Store} from "../../../store/database.ts";
import {xlsx, type Rows} from "./helpers.ts";

const rows: Rows = [
  ["Целевые показатели программы наставничества"],
  ["Муниципальный район: Саргатский"],
  ["Образовательная организация: МБОУ «Саргатская СОШ № 1»"],
  ["2024/2025 учебный год"],
  ["№", "Показатель", "Количество педагогов, чел.", "Всего педагогов, чел.", "Целевое значение, %"],
  [1, "Педагоги, имеющие публикации", 6, 20, null],
  [2, "Педагоги первой и высшей категории", "12 человек", 20, "65 %"],
  [3, "Посещаемость мероприятий", "около 15", 20, null],
  [4, "Участие в инновационных проектах", 25, 20, null],
  [5, "Количество победителей олимпиад", 2, 20, null],
  [null, null, null, null, null]
];

describe("indicator table loader", () => {
  it("reads indicator rows with the school, district and year of the title lines", async () => {
    const ex = await examineFile("показатели.xlsx", await xlsx("Показатели", rows));
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    expect(ex.kind.name).toBe("indicators");
    const data = ex.parsed.data as IndicatorTableData;
    expect(data.rows.map((r) => [r.name, r.numerator, r.denominator, r.target, r.year])).toEqual([
      ["Педагоги, имеющие публикации", 6, 20, null, 2025],
      ["Педагоги первой и высшей категории", 12, 20, 65, 2025],
      ["Количество победителей олимпиад", 2, 20, null, 2025]
    ]);
    expect(data.rows[0]!.school).toEqual({municipality: "Саргатский", name: "МБОУ «Саргатская СОШ № 1»"});
  });

  it("skips a hedged count and a count above the total, saying so", async () => {
    const ex = await examineFile("показатели.xlsx", await xlsx("Показатели", rows));
    if (!ex.ok) throw new Error("rejected");
    expect(ex.parsed.issues).toContainEqual(expect.objectContaining({kind: "indicators/bad-count", row: 8, column: 3, value: "около 15"}));
    expect(ex.parsed.issues).toContainEqual(expect.objectContaining({kind: "indicators/count-exceeds-total", row: 9, severity: "error"}));
    for (const i of ex.parsed.issues) expect(knownIssueKinds).toContain(i.kind);
  });

  it("reads a regional table with district, school and year columns for two years", async () => {
    const store = await Store.open(":memory:");
    try {
      const o = await ingestBytes(store, "регион.xlsx", await xlsx("Лист1", [
        ["Муниципальный район", "ОО", "Учебный год", "Показатель", "Количество педагогов", "Всего педагогов"],
        ["Тарский", "МБОУ \"Тарская СОШ № 1\"", "2023/2024", "Педагоги, имеющие публикации", 3, 15],
        [null, null, "2024/2025", "Педагоги, имеющие публикации", 5, 16],
        [null, "МБОУ \"Тарская СОШ № 2\"", "2024/2025", "Педагоги, имеющие публикации", 4, 10]]));
      expect(o.status).toBe("accepted");
      const v = await store.read((c) => all(c, `SELECT s.name, v.year, v.numerator, v.denominator FROM indicator_values v
        JOIN schools s USING (school_id) ORDER BY s.name, v.year`));
      expect(v).toEqual([
        {name: "МБОУ \"Тарская СОШ № 1\"", year: 2024, numerator: 3, denominator: 15},
        {name: "МБОУ \"Тарская СОШ № 1\"", year: 2025, numerator: 5, denominator: 16},
        {name: "МБОУ \"Тарская СОШ № 2\"", year: 2025, numerator: 4, denominator: 10}]);
    } finally {
      await store.close();
    }
  });
});
