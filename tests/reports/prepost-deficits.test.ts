import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {deficitsReport, LEVELS_NOTE} from "../../reports/deficits.ts";
import {DeficitLevelsSchema} from "../../lib/deficitLevel.ts";
import {entryFile, exitFile} from "../loaders/diagnostics/fixture.ts";
import {projectSettings} from "../helpers/settings.ts";

// Fixture deficits (methodological, digital), latest wave of each teacher:
// Иванова 36/50, Петров 50/40, Сидорова 43/30, Кузнецов 55/60 (exit); Смирнова 30/— (entry only); Новикова 20/10.
let store: Store;
beforeAll(async () => {
  store = await Store.open(":memory:");
  await ingestBytes(store, "входная.xlsx", await entryFile());
  await ingestBytes(store, "итоговая.xlsx", await exitFile());
});
afterAll(async () => { await store.close(); });

describe("deficitsReport", () => {
  it("counts each area's teachers by level on their latest wave, with the mean deficit", async () => {
    const r = await deficitsReport(store, projectSettings());
    expect(r.wave).toBe("latest");
    expect(r.levelsNote).toBe(LEVELS_NOTE);
    expect(r.levels).toEqual([{code: "high", label: "высокий", from: 50, to: null},
      {code: "medium", label: "средний", from: 25, to: 50}, {code: "low", label: "низкий", from: 0, to: 25}]);
    // 36 + 50 + 43 + 55 + 30 + 20 = 234, / 6 = 39; high 50, 55; medium 36, 43, 30; low 20
    expect(r.areas[0]).toEqual({area: "methodological", label: "Методические", n: 6, meanDeficit: 39, levels: {high: 2, medium: 3, low: 1}});
    expect(r.areas.find((a) => a.area === "subject")).toEqual({area: "subject", label: "Предметные", n: 0, meanDeficit: null,
      levels: {high: 0, medium: 0, low: 0}});
  });

  it("lists each teacher's deficits with levels and the high ones first as route priorities", async () => {
    const r = await deficitsReport(store, projectSettings(), {names: true});
    expect(r.teachers.find((t) => t.id === 4)).toEqual({id: 4, name: "Кузнецов Иван", school: "МБОУ \"Тарская СОШ № 2\"",
      municipality: "Тарский", wave: "exit", priorities: ["digital", "methodological"], deficits: [
        {area: "methodological", label: "Методические", deficit: 55, level: "high"},
        {area: "digital", label: "Цифровые (ИКТ)", deficit: 60, level: "high"}]});
    expect(r.teachers.find((t) => t.id === 5)!.wave).toBe("entry");
  });

  it("ranks a school's most common deficits by teachers at the high level, then by mean deficit", async () => {
    const r = await deficitsReport(store, projectSettings());
    const tarsky = r.schools.find((s) => s.municipality === "Тарский")!;
    // methodological: 55 (high), 30, 20 → 1 high, mean 35; digital: 60 (high), 10 → 1 high, mean 35
    expect(tarsky.nTeachers).toBe(3);
    expect(tarsky.top).toEqual([{area: "methodological", label: "Методические", nTopLevel: 1, meanDeficit: 35},
      {area: "digital", label: "Цифровые (ИКТ)", nTopLevel: 1, meanDeficit: 35}]);
  });

  it("reads the entry wave when asked, and follows configured levels", async () => {
    const levels = DeficitLevelsSchema.parse({levels: [{code: "big", label: "значительный", from: 45}, {code: "small", label: "небольшой", from: 0}]});
    const r = await deficitsReport(store, {...projectSettings(), deficitLevels: levels}, {wave: "entry"});
    // entry deficits: 48, 60, 40, 70, 30 (Новикова has no entry)
    expect(r.areas[0]).toMatchObject({n: 5, meanDeficit: 49.6, levels: {big: 3, small: 2}});
    expect(r.teachers.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads the committed levels configuration", () => {
    expect(projectSettings().deficitLevels.levels.map((l) => l.from)).toEqual([50, 25, 0]);
  });
});
