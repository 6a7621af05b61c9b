// The curator's pages scoped inside their reports (issue 16 §2), on the hand-worked region of
// region.ts (school A in Саргатский, school B in Тарский; figures in region.md): a school's or a
// municipality's diagnosticsPage and curatorPage equal the region's pages restricted by hand to
// that school — its rows kept, its own totals in place of the region's — and, while they are
// built, no query returns a row of another school (every SQL read goes through the scope).
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import {DuckDBConnection} from "@duckdb/node-api";
import type {Store} from "../../../store/database.ts";
import {diagnosticsPage, type DiagnosticsPage} from "../../../reports/diagnosticsPage.ts";
import {curatorPage, type CuratorPage} from "../../../reports/curatorPage.ts";
import {routeEffectReport} from "../../../reports/routeEffect.ts";
import {studentResultsReport} from "../../../reports/studentResults.ts";
import type {ReportScope} from "../../../reports/scope.ts";
import type {PagePart} from "../../../reports/pageSection.ts";
import {AS_OF, A, B, TEACHERS, regionStore} from "./region.ts";
import {projectSettings} from "../../helpers/settings.ts";

const settings = projectSettings();
const START = "2025-09-01";

let store: Store;
let region: {diagnostics: DiagnosticsPage; curator: CuratorPage};
beforeAll(async () => {
  store = await regionStore();
  region = {diagnostics: await diagnosticsPage(store, settings, {asOf: AS_OF}), curator: await curatorPage(store, settings, {asOf: AS_OF, start: START})};
});
afterAll(async () => { await store.close(); });

/** Each school is alone in its municipality: its school scope and its municipality scope cover the same rows. */
const CASES: Array<{label: string; scope: ReportScope; school: string; municipality: string; other: string}> = [
  {label: "school A", scope: {level: "school", id: 1}, school: A, municipality: "Саргатский", other: B},
  {label: "school B", scope: {level: "school", id: 2}, school: B, municipality: "Тарский", other: A},
  {label: "the municipality Тарский", scope: {level: "municipality", id: 2}, school: B, municipality: "Тарский", other: A}
];

const data = <T>(p: PagePart<T>): T => {
  if (!p.available) throw new Error(`part expected: ${p.message}`);
  return p.data;
};
const mine = (school: string) => <T extends {school: string}>(rows: T[]) => rows.filter((r) => r.school === school);

describe.each(CASES)("$label: the pages scoped in SQL equal the region's restricted by hand", ({scope, school, municipality}) => {
  const own = mine(school);

  it("diagnosticsPage: the scope's groups, one-wave counts, routes and young specialists are the region's rows of the school", async () => {
    const p = await diagnosticsPage(store, settings, {asOf: AS_OF, scope});
    const all = region.diagnostics;
    const d = data(p.diagnostics), rd = data(all.diagnostics);
    const schoolGroup = rd.groups.find((g) => g.level === "school" && g.school === school)!;
    // The widest group is the scope's own total: the region's group of that school.
    expect(d.groups[0]).toEqual({...schoolGroup, level: "region", municipality: null, school: null});
    expect(d.groups.slice(1)).toEqual(rd.groups.filter((g) => g.level !== "region" && (g.school === school || (g.school === null && g.municipality === municipality))));
    expect(d.oneWave).toEqual(own(rd.oneWave));
    expect(d.counts.teachers).toBe(TEACHERS.filter((t) => t[1] === school).length);
    const r = data(p.routes), rr = data(all.routes);
    expect(r.schools).toEqual(own(rr.schools));
    expect(r.region).toEqual(own(data(region.curator.routes).schools)[0]!.totals);
    expect(r.withoutRoute).toBe(own(rr.schools).reduce((n, s) => n + s.withoutRoute, 0));
    const y = data(p.young), ry = data(all.young);
    expect(y.schools).toEqual(own(ry.schools));
    expect(y.young).toBe(own(data(region.curator.young).young).length);
  });

  it("diagnosticsPage: what changed and the mentees' students are the figures of the reports filtered by the school's name", async () => {
    const p = await diagnosticsPage(store, settings, {asOf: AS_OF, scope});
    // The old path: the region read whole and filtered in JS by the school's name.
    const effect = await routeEffectReport(store, settings, {school});
    if (p.effect.available) expect(p.effect.data.counts).toEqual({paired: effect.counts.paired, withRoute: effect.counts.withRoute,
      mentees: effect.counts.mentees, outside: effect.counts.outside});
    else expect(effect.counts.paired === 0 || (!effect.counts.withRoute && !effect.counts.mentees)).toBe(true);
    const students = await studentResultsReport(store, settings, {school});
    if (p.students.available) expect(p.students.data.groups.map((g) => [g.group, g.teachers])).toEqual(students.groups.map((g) => [g.group, g.teachers]));
    else expect(students.before === null || students.after === null).toBe(true);
  });

  it("curatorPage: the scope's teachers, routes, overdue activities, young specialists and students are the region's of the school", async () => {
    const p = await curatorPage(store, settings, {asOf: AS_OF, start: START, scope});
    const all = region.curator;
    expect(data(p.teachers).teachers).toEqual(own(data(all.teachers).teachers));
    expect(data(p.teachers).teachers.length).toBeGreaterThan(0);
    const r = data(p.routes), rr = data(all.routes);
    expect(r.routes).toEqual(own(rr.routes));
    expect(r.overdue).toEqual(own(rr.overdue));
    expect(r.withoutRoute).toEqual(own(rr.withoutRoute));
    expect(r.schools).toEqual(own(rr.schools));
    expect(r.municipalities).toEqual(rr.municipalities.filter((m) => m.municipality === municipality));
    expect(r.region).toEqual(own(rr.schools)[0]!.totals);
    const y = data(p.young), ry = data(all.young);
    expect(y.young).toEqual(own(ry.young));
    expect(y.schools).toEqual(own(ry.schools));
    expect(y.region).toEqual(own(ry.schools)[0]!.coverage);
    expect(y.highDeficitNoRoute).toEqual(own(ry.highDeficitNoRoute));
    if (p.students.available) expect(p.students.data.teachers).toEqual(own(data(all.students).teachers));
    const effect = await routeEffectReport(store, settings, {school});
    if (p.effect.available) expect(p.effect.data).toEqual(effect);
  });
});

describe("no query of a scoped page returns a row of another school", () => {
  const original = DuckDBConnection.prototype.runAndReadAll;
  afterEach(() => { DuckDBConnection.prototype.runAndReadAll = original; });

  /** Every row every query returned while `run` ran. */
  async function rowsRead(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const seen: Array<Record<string, unknown>> = [];
    DuckDBConnection.prototype.runAndReadAll = async function (this: DuckDBConnection, ...args: Parameters<typeof original>) {
      const reader = await original.apply(this, args);
      seen.push(...reader.getRowObjectsJS());
      return reader;
    };
    try { await run(); } finally { DuckDBConnection.prototype.runAndReadAll = original; }
    return seen;
  }

  it.each(CASES)("$label: no other school's id, name or teacher's name in any row read", async ({scope, school, other}) => {
    const rows = await rowsRead(async () => {
      await diagnosticsPage(store, settings, {asOf: AS_OF, scope});
      await curatorPage(store, settings, {asOf: AS_OF, start: START, scope});
    });
    expect(rows.length).toBeGreaterThan(20);
    const otherId = school === A ? 2 : 1;
    const text = JSON.stringify(rows, (_k, v) => typeof v === "bigint" ? Number(v) : v);
    expect(rows.filter((r) => Object.entries(r).some(([k, v]) => k.endsWith("school_id") && Number(v) === otherId))).toEqual([]);
    expect(text).not.toContain(other.replace(/"/g, "\\\""));
    for (const [name, s] of TEACHERS) if (s === other) expect(text).not.toContain(name);
    // The check sees the rows: the scope's own teachers are read.
    expect(TEACHERS.filter(([name, s]) => s === school && text.includes(name)).length).toBeGreaterThan(0);
  });

  it("the region's pages do read both schools (the check above would see them)", async () => {
    const text = JSON.stringify(await rowsRead(async () => { await curatorPage(store, settings, {asOf: AS_OF, start: START}); }),
      (_k, v) => typeof v === "bigint" ? Number(v) : v);
    expect(text).toContain("Волкова Ольга");
    expect(text).toContain("Иванова Анна Петровна");
  });
});
