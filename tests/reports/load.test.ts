import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Store} from "../../store/database.ts";
import {loadReport} from "../../reports/load.ts";
import {sampleRegistryStore} from "./registrySample.ts";
import {projectSettings} from "../helpers/settings.ts";

let store: Store;
beforeAll(async () => { store = await sampleRegistryStore(); });
afterAll(async () => { await store.close(); });

describe("loadReport on the sample registries at 24.11.2026", () => {
  it("counts mentors, mentees and the load per school", async () => {
    const r = await loadReport(store, projectSettings(), {date: "2026-11-24"});
    expect(r.yearFrom).toBe("2025-11-24");
    expect(r.schools.map((s) => [s.school, s.mentors, s.mentees, s.pairs, s.current.max, s.year.max,
      s.current.mentorsWithoutMentees.length, s.menteesWithoutMentor.length])).toEqual([
      // Лузино: 10 pairs; 4 ended on 29.05.2026, so 6 mentors mentor now; one mentor has none at all.
      ["МБОУ \"Лузинская СОШ № 1\"", 11, 11, 10, 1, 1, 5, 1],
      // Саргатка: Иванова had 4 mentees within the year, none of them runs now.
      ["МБОУ \"Саргатская СОШ № 1\"", 5, 13, 13, 2, 4, 3, 0],
      ["МКОУ \"Тарская ООШ № 5\"", 3, 8, 8, 3, 3, 1, 0]]);
    expect(r.total.current.distribution).toEqual([{mentees: 0, mentors: 9}, {mentees: 1, mentors: 8}, {mentees: 2, mentors: 1},
      {mentees: 3, mentors: 1}]);
    expect(r.total.current.mean).toBeCloseTo(13 / 19, 10);
  });

  it("counts pairs per form of mentoring and the completion marks of ended programmes", async () => {
    const r = await loadReport(store, projectSettings(), {date: "2026-11-24"});
    expect(r.total.byForm.map((f) => [f.label, f.pairs])).toEqual([["учитель – учитель", 14], ["ученик – ученик", 5],
      ["студент – ученик", 3], ["работодатель – ученик", 3], ["педагог – ученик", 4], ["руководитель – педагог", 1], ["не указана", 1]]);
    expect(r.total.completion).toEqual({ended: 18, completed: 13, notCompleted: 4, unmarked: 1, share: 13 / 17});
  });

  it("an empty database gives empty figures with nulls, never NaN", async () => {
    const {Store} = await import("../../store/database.ts");
    const empty = await Store.open(":memory:");
    const r = await loadReport(empty, projectSettings(), {date: "2026-11-24"});
    expect(r.schools).toEqual([]);
    expect(r.total.current.mean).toBeNull();
    expect(r.total.completion.share).toBeNull();
    await empty.close();
  });
});
