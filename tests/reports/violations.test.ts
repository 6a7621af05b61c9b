import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Store} from "../../store/database.ts";
import {violationsReport} from "../../reports/violations.ts";
import {settingFromFile} from "../../settings/load.ts";
import {defaultMentoringRules} from "../../lib/mentoringRules.ts";
import {sampleRegistryStore} from "./registrySample.ts";
import {projectSettings} from "../helpers/settings.ts";

let store: Store;
beforeAll(async () => { store = await sampleRegistryStore(); });
afterAll(async () => { await store.close(); });

describe("violationsReport on the sample registries at 24.11.2026", () => {
  it("finds exactly the sample's violations, by rule and school", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24"});
    expect(r.date).toBe("2026-11-24");
    expect(r.summary.map((s) => [s.rule, s.count, s.schools])).toEqual([
      ["max-mentees", 1, 1], ["duration-too-short", 2, 2], ["duration-too-long", 1, 1], ["duration-running-past-limit", 1, 1],
      ["appointment-late", 2, 1], ["council-possible", 1, 1]]);
    expect(r.violations.map((v) => [v.school, v.rule, v.from, v.to])).toEqual([
      ["МБОУ \"Лузинская СОШ № 1\"", "council-possible", null, "2026-11-24"],
      ["МБОУ \"Саргатская СОШ № 1\"", "max-mentees", "2026-02-02", "2026-05-29"],
      ["МБОУ \"Саргатская СОШ № 1\"", "appointment-late", "2025-08-01", "2025-09-01"],
      ["МБОУ \"Саргатская СОШ № 1\"", "appointment-late", "2025-07-15", "2026-02-02"],
      ["МБОУ \"Саргатская СОШ № 1\"", "duration-too-short", "2025-09-01", "2025-09-15"],
      ["МБОУ \"Саргатская СОШ № 1\"", "duration-too-long", "2024-09-02", "2025-10-31"],
      ["МБОУ \"Саргатская СОШ № 1\"", "duration-running-past-limit", "2025-09-01", null],
      ["МКОУ \"Тарская ООШ № 5\"", "duration-too-short", "2025-09-01", "2025-09-20"]]);
  });

  it("the mentor with four mentees one after another is not a violation; the overlapping one names four mentees", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24", names: true});
    const names = new Map(r.people!.map((p) => [p.id, p.name]));
    const overlap = r.violations.find((v) => v.rule === "max-mentees")!;
    expect(names.get(overlap.mentorId!)).toBe("Иванова Анна Андреевна");
    expect(overlap.menteeIds.map((id) => names.get(id))).toEqual(["Петрова Мария Ивановна", "Сидоров Олег Петрович",
      "Кузнецова Елена Викторовна", "Орлова Наталья Сергеевна"]);
    expect(overlap.details).toEqual({peak: 4, limit: 3, startedBy: String(overlap.menteeIds[3]), ongoing: false});
    expect([...names.values()]).not.toContain("Смирнов Павел Павлович");
  });

  it("shows ids, never names, unless names are asked for", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24"});
    expect(r.people).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/Иванова|Петрова|8-900/);
  });

  it("says where the 30-day rule could not be checked instead of passing it", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24"});
    expect(r.notChecked.map((n) => [n.school, n.reason, n.pairs])).toEqual([
      ["МБОУ \"Лузинская СОШ № 1\"", "no-work-start", 11], ["МБОУ \"Саргатская СОШ № 1\"", "no-work-start", 7],
      ["МКОУ \"Тарская ООШ № 5\"", "no-work-start", 8]]);
  });

  it("lists the pair found in one base only", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24", names: true});
    const names = new Map(r.people!.map((p) => [p.id, p.name]));
    expect(r.dataIssues.map((i) => [i.kind, names.get(i.mentorId!), names.get(i.menteeId!)])).toEqual([
      ["only-in-mentee-base", "Егорова Татьяна Михайловна", "Соколова Вера Андреевна"]]);
  });

  it("on an earlier date a running programme is not yet past a year and the overlap goes on", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-03-01", school: "Саргат"});
    expect(r.schools.map((s) => s.school)).toEqual(["МБОУ \"Саргатская СОШ № 1\""]);
    expect(r.violations.find((v) => v.rule === "max-mentees")).toMatchObject({from: "2026-02-02", to: null, details: {ongoing: true}});
    expect(r.violations.some((v) => v.rule === "duration-running-past-limit")).toBe(false);
  });

  it("every violation carries its rule's Russian text and source", async () => {
    const r = await violationsReport(store, projectSettings(), {date: "2026-11-24"});
    for (const v of r.violations) {
      expect(v.text).toMatch(/наставни/);
      expect(v.source).toMatch(/семя 001, шаг 5/);
    }
  });

  it("reads the committed rules file (the regulation's values); a missing file is an error naming it, never a silent default", async () => {
    expect(projectSettings().mentoringRules).toEqual(defaultMentoringRules);
    expect(() => settingFromFile("mentoringRules", "/nonexistent/rules.json")).toThrow(/нет файла настройки «Правила наставничества»: \/nonexistent\/rules\.json/);
  });
});
