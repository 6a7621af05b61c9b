// Purging a teacher who is also named in routes (ИОМ) and in her students' results (issue 14,
// 152-ФЗ): her name goes from named_teachers too, and the routes', the students' and the annual
// report's figures stay as they were, because the links the reports made by her name are kept by
// id (person_links) before the name goes. Purged people, all named PURGED_NAME, are never linked
// to each other by that name.
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store, all} from "../../store/database.ts";
import {ingestSample} from "../../scripts/build.ts";
import {findPeople, planPurge, purgePersonalData, PURGED_NAME} from "../../store/personalData.ts";
import {linkRows, personLinks} from "../../store/personLinks.ts";
import {routesReport} from "../../reports/routes.ts";
import {studentResultsReport} from "../../reports/studentResults.ts";
import {annualReport} from "../../reports/exports/annualReport.ts";
import {personKey} from "../../lib/normalizeText.ts";
import {projectSettings} from "../helpers/settings.ts";

vi.setConfig({testTimeout: 180_000});

const TODAY = "2026-06-01";

/** The figures of the routes, the students' results and the annual report's students section (no names). */
async function figures(store: Store) {
  const settings = projectSettings();
  const annual = await annualReport(store, settings, {today: TODAY});
  return {
    routes: await routesReport(store, settings, {asOf: TODAY}),
    students: await studentResultsReport(store, settings),
    annualStudents: annual.students
  };
}

const links = async (store: Store) => linkRows(await store.read((c) => personLinks(c)))
  .map((l) => `${l.kind}:${l.from}→${l.to}`).sort();

/** Every distinct text in every VARCHAR column of every table, lower case, ё as е. */
async function everyText(store: Store): Promise<string[]> {
  const columns = await store.read((c) => all<{t: string; c: string}>(c, `SELECT table_name AS t, column_name AS c
    FROM information_schema.columns JOIN information_schema.tables USING (table_schema, table_name)
    WHERE table_type = 'BASE TABLE' AND data_type = 'VARCHAR'`));
  const out: string[] = [];
  for (const {t, c} of columns) {
    for (const r of await store.read((conn) => all<{v: string}>(conn, `SELECT DISTINCT "${c}" AS v FROM "${t}" WHERE "${c}" IS NOT NULL`))) {
      out.push(r.v.toLowerCase().replace(/ё/g, "е"));
    }
  }
  return out;
}

/** Named teachers of routes and of students' results both, with the diagnostics' teacher the reports link them to. */
async function namedInBoth(store: Store): Promise<Array<{named: number; teacher: number; school: number; name: string; registry: number | null}>> {
  const l = await store.read((c) => personLinks(c));
  const both = await store.read((c) => all<{id: number; school: number}>(c, `SELECT person_id AS id, school_id AS school FROM named_teachers
    WHERE person_id IN (SELECT person_id FROM routes) AND person_id IN (SELECT person_id FROM student_results) ORDER BY person_id`));
  const names = new Map((await store.read((c) => all<{id: number; name: string}>(c, "SELECT teacher_id AS id, full_name AS name FROM teacher_identities")))
    .map((r) => [r.id, r.name]));
  const registryOf = new Map([...l.registryToTeacher].map(([r, t]) => [t, r]));
  return both.filter((b) => l.namedToTeacher.has(b.id)).map((b) => {
    const teacher = l.namedToTeacher.get(b.id)!;
    return {named: b.id, teacher, school: b.school, name: names.get(teacher)!, registry: registryOf.get(teacher) ?? null};
  });
}

let dir: string;
let store: Store;
let before: Awaited<ReturnType<typeof figures>>;
let linksBefore: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-purge-routes-"));
  store = await Store.open(join(dir, "m.duckdb"));
  await ingestSample(store);
  before = await figures(store);
  linksBefore = await links(store);
}, 180_000);

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("a teacher named in a route and in her students' results, purged on request", () => {
  it("the sample links her records, and the reports count her", async () => {
    expect(before.routes.counts.linked).toBeGreaterThan(0);
    expect(before.annualStudents.available).toBe(true);
    const groups = before.annualStudents.available ? before.annualStudents.data.groups : [];
    expect(groups.some((g) => g.teachers > 0)).toBe(true);
    expect((await namedInBoth(store)).filter((x) => x.registry !== null).length).toBeGreaterThan(0);
  });

  it("her name goes from every table, her named record included; the routes', students' and annual figures stay", async () => {
    const target = (await namedInBoth(store)).find((x) => x.registry !== null)!;
    // As the methodologist does it: find her by name, remove every record found.
    const matches = await findPeople(store, target.name);
    const request = {mode: "person" as const, teacherIds: matches.filter((m) => m.kind === "teacher").map((m) => m.id),
      participantIds: matches.filter((m) => m.kind === "participant").map((m) => m.id)};
    expect(request.teacherIds).toContain(target.teacher);
    expect(request.participantIds).toContain(target.registry);
    const plan = await planPurge(store, request);
    expect(plan.namedIds).toContain(target.named);
    await purgePersonalData(store, request, {actor: {kind: "console"}});

    const lowered = target.name.toLowerCase().replace(/ё/g, "е");
    expect((await everyText(store)).filter((t) => t.includes(lowered))).toEqual([]);
    expect(await store.read((c) => all(c, "SELECT full_name, name_key, external_id, position FROM named_teachers WHERE person_id = $id",
      {id: target.named}))).toEqual([{full_name: PURGED_NAME, name_key: `purged:${target.named}`, external_id: null, position: null}]);
    // Her links are kept by id only.
    const kept = await store.read((c) => all<{kind: string; from_id: number; to_id: number}>(c,
      "SELECT kind, from_id, to_id FROM person_links ORDER BY kind"));
    expect(kept).toEqual(expect.arrayContaining([
      {kind: "named-teacher", from_id: target.named, to_id: target.teacher},
      {kind: "registry-named", from_id: target.registry, to_id: target.named},
      {kind: "registry-teacher", from_id: target.registry, to_id: target.teacher}]));

    expect(await figures(store)).toEqual(before);
    expect(await links(store)).toEqual(linksBefore);
  });

  it("a second purged teacher of the same school is not linked to the first by their common marker", async () => {
    const purged = new Set((await store.read((c) => all<{id: number}>(c, "SELECT person_id AS id FROM named_teachers WHERE full_name = $p",
      {p: PURGED_NAME}))).map((r) => r.id));
    const left = await namedInBoth(store);
    const first = (await store.read((c) => all<{school: number}>(c, "SELECT school_id AS school FROM named_teachers WHERE full_name = $p", {p: PURGED_NAME})))[0]!;
    const second = left.find((x) => !purged.has(x.named) && x.school === first.school) ?? left.find((x) => !purged.has(x.named))!;
    // By id alone: her named record is found through the link the reports make.
    const plan = await planPurge(store, {mode: "person", teacherIds: [second.teacher], participantIds: []});
    expect(plan.namedIds).toEqual([second.named]);
    await purgePersonalData(store, {mode: "person", teacherIds: [second.teacher], participantIds: []}, {actor: {kind: "console"}});
    expect(await figures(store)).toEqual(before);
    expect(await links(store)).toEqual(linksBefore);
  });
});

describe("a namesake purged", () => {
  it("a name two teachers of a school shared links nobody before, and still nobody after one of them is purged", async () => {
    const purged = new Set((await store.read((c) => all<{id: number}>(c, "SELECT person_id AS id FROM named_teachers WHERE full_name = $p",
      {p: PURGED_NAME}))).map((r) => r.id));
    const target = (await namedInBoth(store)).find((x) => !purged.has(x.named) && x.registry !== null)!;
    const linksWithout = await links(store);
    // A second teacher of her school with her name (a staff list names teachers of no diagnostics this way).
    const namesake = await store.write(async (c) => {
      const id = (await all<{id: number}>(c, "SELECT max(teacher_id)::INTEGER + 1 AS id FROM diagnostic_teachers"))[0]!.id;
      const school = (await all<{s: number; u: number}>(c, "SELECT school_id AS s, first_upload_id AS u FROM diagnostic_teachers WHERE teacher_id = $t",
        {t: target.teacher}))[0]!;
      await c.run("INSERT INTO diagnostic_teachers (teacher_id, school_id, ambiguous, first_upload_id) VALUES ($id, $s, false, $u)", {id, s: school.s, u: school.u});
      await c.run("INSERT INTO teacher_identities (teacher_id, full_name, name_key) VALUES ($id, $n, $k)", {id, n: target.name, k: personKey(target.name)});
      return id;
    });
    const figuresWith = await figures(store), linksWith = await links(store);
    // The shared name links her registry record to nobody now.
    expect(linksWith).not.toContain(`registry-teacher:${target.registry}→${target.teacher}`);
    expect(linksWith).not.toEqual(linksWithout);

    await purgePersonalData(store, {mode: "person", teacherIds: [namesake], participantIds: []}, {actor: {kind: "console"}});
    expect(await links(store)).toEqual(linksWith);
    expect(await figures(store)).toEqual(figuresWith);
    expect(await store.read((c) => all(c, "SELECT to_id FROM person_links WHERE kind = 'registry-teacher' AND from_id = $r", {r: target.registry})))
      .toEqual([{to_id: -1}]);
    // What the next tests compare with.
    before = figuresWith;
    linksBefore = linksWith;
  });
});

describe("everything past the retention period", () => {
  it("wipes every named teacher, and the figures and links stay", async () => {
    const plan = await planPurge(store, {mode: "older-than", days: 0, now: Date.now() + 1000});
    const named = await store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM named_teachers WHERE full_name <> $p", {p: PURGED_NAME}));
    expect(plan.namedIds.length).toBe(named[0]!.n);
    expect(plan.namedIds.length).toBeGreaterThan(0);
    await purgePersonalData(store, {mode: "older-than", days: 0, now: Date.now() + 1000}, {actor: {kind: "console"}});
    expect(await store.read((c) => all(c, `SELECT count(*)::INTEGER AS n FROM named_teachers
      WHERE full_name <> $p OR name_key NOT LIKE 'purged:%' OR external_id IS NOT NULL OR position IS NOT NULL`, {p: PURGED_NAME}))).toEqual([{n: 0}]);
    expect(await figures(store)).toEqual(before);
    expect(await links(store)).toEqual(linksBefore);
    expect((await planPurge(store, {mode: "older-than", days: 0, now: Date.now() + 1000})).namedIds).toEqual([]);
  });
});
