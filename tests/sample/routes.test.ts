// The bundled sample of issue 14 (scripts/make-sample-routes.ts) loads whole and tells the story the
// script writes: every route belongs to a teacher of the sample diagnostics, the gymnasium's staff
// list has five young specialists of whom three have a mentor, and the mentees are found.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFile} from "node:fs/promises";
import {basename, join} from "node:path";
import {Store} from "../../store/database.ts";
import {ingestBytes, type FileOutcome} from "../../loaders/ingest.ts";
import {collectFiles} from "../../bin/commands/ingest.ts";
import {routesReport} from "../../reports/routes.ts";
import {needsMentorReport} from "../../reports/needsMentor.ts";
import {studentResultsReport} from "../../reports/studentResults.ts";
import {routeEffectReport} from "../../reports/routeEffect.ts";
import {projectSettings} from "../helpers/settings.ts";

const settings = projectSettings();

const SAMPLE = join(import.meta.dirname, "../../data/sample");
let store: Store;
const outcomes: FileOutcome[] = [];

beforeAll(async () => {
  store = await Store.open(":memory:");
  for (const dir of ["diagnostics", "effectiveness", "routes"]) {
    for (const path of await collectFiles([join(SAMPLE, dir)])) outcomes.push(await ingestBytes(store, basename(path), await readFile(path)));
  }
});
afterAll(async () => { await store.close(); });

describe("the routes sample", () => {
  it("loads every file of data/sample/routes as its kind, without errors", () => {
    const routes = outcomes.filter((o) => !/диагностика|анкета|кадры-|показатели/.test(o.file));
    expect(routes.map((o) => [o.kind, o.status]).filter(([, s]) => s !== "accepted")).toEqual([]);
    expect(new Set(routes.map((o) => o.kind))).toEqual(new Set(["routes", "route-catalogue", "registry-mentees", "roster", "student-results"]));
  });

  it("links every route to a teacher of the sample diagnostics and finds overdue activities on 01.06.2026", async () => {
    const r = await routesReport(store, settings, {asOf: "2026-06-01"});
    expect(r.counts.routes).toBeGreaterThan(30);
    expect(r.counts.unlinked).toBe(0);
    expect(r.catalogue?.items).toBe(30);
    expect(r.region.done).toBeGreaterThan(0);
    expect(r.overdue.length).toBeGreaterThan(0);
    expect(r.withoutRoute.length).toBeGreaterThan(0);
  });

  it("has the gymnasium's five young specialists, three with a mentor", async () => {
    const r = await needsMentorReport(store, settings);
    const g = r.schools.find((s) => s.school === "МБОУ «Саргатская гимназия»")!;
    expect(g.coverage).toEqual({young: 5, withMentor: 3, withoutMentor: 2, unknown: 0, share: 60, meetsTarget: false});
  });

  it("finds the eight mentees of the diagnostics among the students' results and the changes", async () => {
    const s = await studentResultsReport(store, settings);
    expect(s.groups.find((g) => g.group === "mentees")).toMatchObject({teachers: 8, small: false});
    // The changes need both diagnostics: some mentees of the sample have one wave only.
    const e = await routeEffectReport(store, settings);
    expect(e.counts.mentees).toBeGreaterThanOrEqual(5);
    expect(e.counts.mentees).toBeLessThanOrEqual(8);
  });
});
