// The routes' reports on the hand-worked region (region.ts; every figure worked out in region.md).
import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Store} from "../../../store/database.ts";
import {routesReport} from "../../../reports/routes.ts";
import {routeDraft, teacherRouteDrafts} from "../../../reports/routeDraft.ts";
import {routeEffectReport} from "../../../reports/routeEffect.ts";
import {studentResultsReport} from "../../../reports/studentResults.ts";
import {needsMentorReport} from "../../../reports/needsMentor.ts";
import {AS_OF, A, B, regionStore} from "./region.ts";
import {projectSettings} from "../../helpers/settings.ts";

const settings = projectSettings();

interface RefProportion { name: string; before: [number, number]; after: [number, number]; test: string; p: number; ci95: [number, number] }
interface RefWelch { name: string; difference: number; p: number; ci95: [number, number]; df: number }
const ref = JSON.parse(readFileSync(new URL("../../fixtures/scipy/students_reference.json", import.meta.url), "utf8")) as
  {region: {proportions: RefProportion[]; welch: RefWelch[]}};
const refP = (name: string) => ref.region.proportions.find((c) => c.name === name)!;
const refW = (name: string) => ref.region.welch.find((c) => c.name === name)!;

let store: Store;
beforeAll(async () => { store = await regionStore(); });
afterAll(async () => { await store.close(); });

describe("routesReport: a route followed", () => {
  it("sums completion per school, municipality and region as Σ done / Σ activities", async () => {
    const r = await routesReport(store, settings, {asOf: AS_OF});
    expect(r.region).toEqual({routes: 7, routesComplete: 3, activities: 12, done: 8, overdue: 3, planned: 1, undated: 0, share: 8 / 12,
      hoursPlanned: 316, hoursDone: 284, complete: false});
    expect(r.schools.map((s) => [s.school, s.totals.routes, s.totals.activities, s.totals.done, s.totals.overdue, s.totals.share, s.withoutRoute]))
      .toEqual([[A, 5, 7, 5, 1, 5 / 7, 1], [B, 2, 5, 3, 2, 3 / 5, 1]]);
    expect(r.municipalities.map((m) => [m.municipality, m.totals.done, m.totals.activities])).toEqual([["Саргатский", 5, 7], ["Тарский", 3, 5]]);
    expect(r.counts).toEqual({routes: 7, linked: 6, unlinked: 1, withoutRoute: 2, withoutRouteHigh: 2});
    expect(r.catalogue).toEqual({items: 6, programmes: 2});
  });

  it("judges each activity on the date: done, overdue, planned — a month without a year placed in the route's school year", async () => {
    const r = await routesReport(store, settings, {asOf: AS_OF, names: true});
    const kuznetsova = r.routes.find((x) => x.name === "Кузнецова Елена Викторовна")!;
    expect(kuznetsova.activities.map((a) => [a.title, a.plannedEnd, a.state])).toEqual([["Курс Д", "2025-12-31", "done"], ["Семинар М", "2026-08-31", "planned"]]);
    expect(kuznetsova.completion).toMatchObject({activities: 2, done: 1, share: 0.5, hoursPlanned: 44, hoursDone: 36});
    expect(kuznetsova.mentee).toBe("mentee");
    expect(r.routes.find((x) => x.name === "Смирнова Елена")).toMatchObject({teacherId: null, mentee: "unknown"});
  });

  it("lists the overdue activities, the longest overdue first", async () => {
    const r = await routesReport(store, settings, {asOf: AS_OF, names: true});
    expect(r.overdue.map((o) => [o.name, o.title, o.plannedEnd, o.daysOverdue])).toEqual([
      ["Кузнецов Иван", "Цифровая образовательная среда", "2026-02-28", 93],
      ["Иванова Анна Петровна", "Вебинар Д", "2026-03-31", 62],
      ["Смирнова Елена", "Коммуникация с родителями", "2026-04-30", 32]]);
    // On the planned end itself nothing is overdue yet.
    expect((await routesReport(store, settings, {asOf: "2026-02-28"})).overdue).toEqual([]);
  });

  it("lists the teachers with a deficit that needs a route and no route, without names unless asked", async () => {
    const r = await routesReport(store, settings, {asOf: AS_OF});
    expect(r.withoutRoute.map((w) => [w.school, w.wave, w.deficits.map((d) => [d.area, d.deficit, d.level]), w.high, "name" in w])).toEqual([
      [A, "entry", [["methodological", 80, "high"]], true, false],
      [B, "exit", [["methodological", 60, "high"], ["digital", 30, "medium"]], true, false]]);
    expect(r.routes.every((x) => !("name" in x))).toBe(true);
  });

  it("scopes to a municipality", async () => {
    const r = await routesReport(store, settings, {asOf: AS_OF, municipality: "Тарский"});
    expect(r.region).toMatchObject({routes: 2, activities: 5, done: 3});
    expect(r.withoutRoute).toHaveLength(1);
  });
});

describe("routeDraft: a route drafted from the diagnostics", () => {
  it("ranks Волкова's deficits and takes the one catalogue programme offered in the window", async () => {
    const drafts = await teacherRouteDrafts(store, settings, {start: "2025-09-01", names: true});
    const d = [...drafts.values()].find((x) => x.teacher?.name === "Волкова Ольга")!;
    expect(d.ranked.map((x) => [x.area, x.deficit, x.level, x.rank])).toEqual([["methodological", 60, "high", 1], ["digital", 30, "medium", 2]]);
    expect(d.activities.map((a) => [a.id, a.hours, a.addresses, a.start, a.end])).toEqual([[1, 36, ["methodological", "digital"], "2025-10-01", "2025-11-30"]]);
    expect(d.areas).toEqual([
      {area: "methodological", label: "Методические", level: "high", targetHours: 72, plannedHours: 36, activities: 1, met: false},
      {area: "digital", label: "Цифровые (ИКТ)", level: "medium", targetHours: 36, plannedHours: 36, activities: 1, met: true}]);
    expect(d).toMatchObject({kind: "teacher", wave: "exit", totalHours: 36, overallLevel: {code: "high", label: "высокий"},
      window: {start: "2025-09-01", end: "2026-05-31"}, nextDiagnostics: "май 2026", catalogueItems: 6});
    expect(d.deficits.map((x) => [x.label, x.deficit, x.result])).toEqual([["Методические", 60, 40], ["Цифровые (ИКТ)", 30, 70]]);
  });

  it("drafts a group's route from the mean deficits and says how many teachers need each area", async () => {
    const d = await routeDraft(store, settings, {municipality: "Тарский", start: "2025-09-01"});
    // Latest deficits in Тарский: M 40, 15, 60 (mean 38,3); D 50, 18, 30 (mean 32,7).
    expect(d.group).toEqual({label: "Тарский муниципальный район", teachers: 3});
    expect(d.deficits.map((x) => [x.area, x.deficit, x.level, x.teachersNeeding, x.teachers])).toEqual([
      ["methodological", 38.3, "medium", 2, 3], ["digital", 32.7, "medium", 2, 3]]);
    expect(d.activities.map((a) => a.id)).toEqual([1]);
  });
});

describe("routeEffectReport: what changed", () => {
  it("compares the change of teachers whose completed route addressed an area with those whose route did not", async () => {
    const r = await routeEffectReport(store, settings);
    expect(r.counts).toEqual({paired: 8, withRoute: 6, mentees: 3, outside: 2, unknownMentoring: 3});
    const m = r.areas.find((a) => a.area === "methodological")!;
    expect(m.route).toMatchObject({nWith: 3, nWithout: 2, meanWith: 11, meanWithout: 9.5, entryDeficitWith: 155 / 3, entryDeficitWithout: 62.5, small: true});
    expect(m.addressedNotDone).toBe(1);
    const w = refW("region: route effect, methodological");
    expect(m.route.difference).toBeCloseTo(w.difference, 10);
    expect(m.route.p).toBeCloseTo(w.p, 9);
    expect(m.route.ci95![0]).toBeCloseTo(w.ci95[0], 8);
    expect(m.route.ci95![1]).toBeCloseTo(w.ci95[1], 8);
    expect(m.route.reading).toBe("Методические: педагоги, чей пройденный маршрут был направлен на эту область (3 чел.) — в среднем дефицит снизился на 11\u00a0п.\u00a0п.; " +
      "педагоги, чей маршрут её не затрагивал (2 чел.) — дефицит снизился на 9,5\u00a0п.\u00a0п. Разница +1,5 п. п. (95 % ДИ \u221220,3 … +23,3) — " +
      "интервал включает 0, разницы может и не быть. На входе дефицит был 51,7 % и 62,5 %.");
    const d = r.areas.find((a) => a.area === "digital")!;
    expect(d.route).toMatchObject({nWith: 4, nWithout: 1, meanWith: 10.75, meanWithout: 2, difference: 8.75, ci95: null});
    expect(d.addressedNotDone).toBe(1);
  });

  it("compares mentees with teachers of the same schools outside the programme", async () => {
    const r = await routeEffectReport(store, settings);
    for (const [area, name, meanWith, meanWithout] of [["methodological", "region: mentees vs outside, methodological", 8, 12.5],
      ["digital", "region: mentees vs outside, digital", 28 / 3, 3]] as const) {
      const c = r.areas.find((a) => a.area === area)!.mentoring;
      const w = refW(name);
      expect(c.nWith).toBe(3);
      expect(c.nWithout).toBe(2);
      expect(c.meanWith).toBeCloseTo(meanWith, 10);
      expect(c.meanWithout).toBeCloseTo(meanWithout, 10);
      expect(c.p).toBeCloseTo(w.p, 9);
      expect(c.ci95![0]).toBeCloseTo(w.ci95[0], 8);
      expect(c.ci95![1]).toBeCloseTo(w.ci95[1], 8);
    }
    expect(r.caution).toContain("наблюдение, а не доказательство");
  });
});

describe("studentResultsReport: the students of the mentees", () => {
  it("sums the classes of the teachers with both years and compares each share with the test its counts call for", async () => {
    const r = await studentResultsReport(store, settings);
    expect([r.years, r.before, r.after]).toEqual([[2025, 2026], 2025, 2026]);
    expect(r.counts).toEqual({teachers: 6, mentees: 3, outside: 2, unknown: 1, onlyOneYear: 1});
    const mentees = r.groups.find((g) => g.group === "mentees")!;
    expect(mentees).toMatchObject({teachers: 2, small: true});
    expect(mentees.before.shares).toEqual({vpr: {x: 15, n: 24}, oge: {x: 12, n: 18}, ege: {x: 0, n: 0}, olympiad: {x: 10, n: 45}, winners: {x: 1, n: 10}});
    expect(mentees.after.shares).toEqual({vpr: {x: 20, n: 25}, oge: {x: 19, n: 21}, ege: {x: 0, n: 0}, olympiad: {x: 14, n: 47}, winners: {x: 3, n: 14}});
    expect(mentees.before.meanGrade).toBeCloseTo(160 / 45, 12);
    expect(mentees.after.meanGrade).toBeCloseTo(178.9 / 47, 12);
    for (const [key, name] of [["vpr", "region: mentees' VPR"], ["oge", "region: mentees' OGE"], ["olympiad", "region: mentees' olympiad participation"],
      ["winners", "region: mentees' olympiad prize-winners"]] as const) {
      const c = mentees.shares.find((s) => s.key === key)!.comparison, e = refP(name);
      expect(c.test).toBe(e.test);
      expect(c.p).toBeCloseTo(e.p, 9);
      expect(c.ci95![0]).toBeCloseTo(e.ci95[0], 9);
      expect(c.ci95![1]).toBeCloseTo(e.ci95[1], 9);
    }
    expect(mentees.shares.find((s) => s.key === "ege")!.comparison).toMatchObject({difference: null, p: null});
  });

  it("gives the classes of the teachers outside the programme beside them", async () => {
    const r = await studentResultsReport(store, settings);
    const outside = r.groups.find((g) => g.group === "outside")!;
    expect(outside.before.shares).toEqual({vpr: {x: 14, n: 22}, oge: {x: 0, n: 0}, ege: {x: 9, n: 10}, olympiad: {x: 3, n: 24}, winners: {x: 0, n: 3}});
    expect(outside.after.meanGrade).toBeCloseTo(148.6 / 38, 12);
    for (const [key, name] of [["ege", "region: outside EGE"], ["olympiad", "region: outside olympiad participation"],
      ["winners", "region: outside olympiad prize-winners"]] as const) {
      const c = outside.shares.find((s) => s.key === key)!.comparison;
      expect(c.p).toBeCloseTo(refP(name).p, 9);
      expect(c.test).toBe(refP(name).test);
    }
  });
});

describe("needsMentorReport: who needs a mentor", () => {
  it("finds the young specialists without a mentor and the share covered against seed 001's 100 %", async () => {
    const r = await needsMentorReport(store, settings, {names: true});
    expect(r.region).toEqual({young: 6, withMentor: 3, withoutMentor: 2, unknown: 1, share: 60, meetsTarget: false});
    expect(r.schools.map((s) => [s.school, s.rosterYear, s.asOf, s.coverage.share])).toEqual([[A, 2026, "2026-05-31", 60], [B, 2026, "2026-05-31", null]]);
    expect(r.young.filter((y) => y.status !== "with-mentor").map((y) => [y.name, y.status, y.reason, y.row])).toEqual([
      [null, "unknown", "no-mentee-base", 3],
      ["Орлова Наталья Сергеевна", "without-mentor", null, 6],
      ["Белов Кирилл Константинович", "without-mentor", null, 7]]);
    expect(r.highDeficitNoRoute.map((w) => w.name)).toEqual(["Смирнов Павел Павлович", "Волкова Ольга"]);
  });

  it("names nobody unless asked", async () => {
    const r = await needsMentorReport(store, settings);
    expect(r.young.every((y) => !("name" in y))).toBe(true);
    expect(r.highDeficitNoRoute.every((w) => !("name" in w))).toBe(true);
  });
});
