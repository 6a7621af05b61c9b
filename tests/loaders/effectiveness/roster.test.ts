import {describe, expect, it} from "vitest";
import {examineFile, ingestBytes} from "../../../loaders/ingest.ts";
import {knownIssueKinds} from "../../../loaders/messages/index.ts";
import type {RosterData} from "../../../loaders/effectiveness/roster.ts";
import {all, Store} from "../../../store/database.ts";
import {D, xlsx, type Rows} from "./helpers.ts";

const rows: Rows = [
  ["Список педагогических работников, 2024/2025 учебный год, по состоянию на 31.05.2025"],
  ["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма на работу", "Дата увольнения",
    "Педагогический стаж, лет", "Квалификационная категория", "Публикации"],
  ["Тарский", "МБОУ \"Тарская СОШ № 1\"", "Т-001", D(2010, 9, 1), null, 20, "высшая", "да"],
  [null, null, "Т-002", "01.09.2023", null, "1,5", "нет", "нет"],
  [null, null, "Т-003", D(2024, 9, 2), "20.12.2024", null, "", ""],
  [null, null, "Т-004", "сентябрь", null, 30, "первая", "статья, 2024"],
  [null, null, "Т-005", D(2024, 9, 1), D(2024, 1, 1), 0, "", ""],
  [null, null, "Т-002", D(2023, 9, 1), null, 2, "", ""],
  ["Итого", null, null, null, null, null, null, null]
];

describe("roster loader", () => {
  it("reads teachers with the year and date of the title, filling the district and school down", async () => {
    const ex = await examineFile("кадры.xlsx", await xlsx("Кадры", rows, ["A3:A8", "B3:B8"]));
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    expect(ex.kind.name).toBe("roster");
    const data = ex.parsed.data as RosterData;
    expect(data.year).toBe(2025);
    expect(data.asOf).toEqual(D(2025, 5, 31));
    expect(data.teachers).toHaveLength(6);
    expect(data.teachers.every((t) => t.school.name === "МБОУ \"Тарская СОШ № 1\"" && t.school.municipality === "Тарский")).toBe(true);
    const [t1, t2, t3] = data.teachers;
    // 20 years at 31.05.2025, hired 14.75 years earlier: 5.25 years at hiring → not young.
    expect(t1).toMatchObject({key: "code:т-001", hired: D(2010, 9, 1), left: null, experience: 20, young: false});
    // 1.5 years at 31.05.2025, hired 01.09.2023 (1.75 years earlier): about 0 at hiring → young.
    expect(t2).toMatchObject({hired: D(2023, 9, 1), experience: 1.5, young: true});
    expect(t3).toMatchObject({hired: D(2024, 9, 2), left: D(2024, 12, 20), young: null});
    expect(t1!.attributes).toEqual([{header: "Квалификационная категория", value: "высшая"}, {header: "Публикации", value: "да"}]);
  });

  it("reports bad and impossible dates and repeated teachers with their cells", async () => {
    const ex = await examineFile("кадры.xlsx", await xlsx("Кадры", rows));
    if (!ex.ok) throw new Error("rejected");
    const kinds = ex.parsed.issues.map((i) => [i.kind, i.row]);
    expect(kinds).toContainEqual(["roster/bad-date", 6]);
    expect(kinds).toContainEqual(["roster/left-before-hired", 7]);
    expect(kinds).toContainEqual(["roster/duplicate-teacher", 8]);
    for (const i of ex.parsed.issues) expect(knownIssueKinds).toContain(i.kind);
  });

  it("rejects a roster without a year", async () => {
    const ex = await examineFile("кадры.xlsx", await xlsx("Лист1", rows.slice(1)));
    expect(ex.ok).toBe(false);
    if (!ex.ok) expect(ex.issues).toContainEqual(expect.objectContaining({kind: "roster/no-year", severity: "error"}));
  });

  it("stores one snapshot per school with teachers and their attributes, no names", async () => {
    const store = await Store.open(":memory:");
    try {
      const o = await ingestBytes(store, "кадры.xlsx", await xlsx("Кадры", [
        ["Муниципальный район: Омский"], ["Образовательная организация: МБОУ \"Омская СОШ № 2\""], ["по состоянию на 31.05.2025"],
        ["ФИО", "Дата приема", "Стаж", "Публикации"],
        ["Иванова Анна Петровна", D(2020, 9, 1), 12, "да"], ["Петров Илья Ильич", D(2024, 9, 1), 0, ""]]));
      expect(o.status).toBe("accepted");
      const snap = await store.read((c) => all(c, "SELECT year, CAST(as_of AS VARCHAR) AS as_of FROM roster_snapshots"));
      expect(snap).toEqual([{year: 2025, as_of: "2025-05-31"}]);
      const t = await store.read((c) => all<{teacher_key: string; young: boolean}>(c, "SELECT teacher_key, young FROM roster_teachers ORDER BY teacher_no"));
      expect(t.map((x) => x.young)).toEqual([false, true]);
      expect(t.every((x) => /^h:[0-9a-f]{16}$/.test(x.teacher_key))).toBe(true);
      const attrs = await store.read((c) => all(c, "SELECT header, value FROM roster_attributes"));
      expect(attrs).toEqual([{header: "Публикации", value: "да"}]);
    } finally {
      await store.close();
    }
  });
});
