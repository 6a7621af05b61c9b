// Purging personal data (issue 16 §5): names and contacts go, every aggregate stays. The sample
// region is loaded, every report is computed, personal data are purged, the reports are computed
// again and compared leaf by leaf: the only differences allowed are names replaced by the purge's
// marker. Then every text column of every table, and the raw bytes of the database file after
// compaction, are searched for the names that were there.
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store, all, one} from "../../store/database.ts";
import {ingestSample} from "../../scripts/build.ts";
import {compactDatabase, compactionPending, findPeople, nameHashKey, namePattern, planPurge, purgePersonalData, PURGED_NAME} from "../../store/personalData.ts";
import {readAudit} from "../../store/audit.ts";
import {personId} from "../../loaders/effectiveness/common.ts";
import {engagementReport, engagementPeriods} from "../../reports/engagement.ts";
import {prepostReport} from "../../reports/prepost.ts";
import {deficitsReport} from "../../reports/deficits.ts";
import {violationsReport} from "../../reports/violations.ts";
import {loadReport} from "../../reports/load.ts";
import {swotReport} from "../../reports/swot.ts";
import {targetsReport} from "../../reports/targets.ts";
import {retentionReport} from "../../reports/retention.ts";
import {issuesReport} from "../../reports/issues.ts";
import {annualReport} from "../../reports/exports/annualReport.ts";
import {projectSettings} from "../helpers/settings.ts";

// Every report of the sample region, computed several times: slow on a loaded machine.
vi.setConfig({testTimeout: 180_000});

const TODAY = "2026-06-01";

/** Every report the product shows, with names wherever a report can give them. */
async function everyReport(store: Store): Promise<Record<string, unknown>> {
  const settings = projectSettings();
  const periods = await engagementPeriods(store);
  const annual = await annualReport(store, settings, {today: TODAY});
  const {generatedAt: _, ...annualFigures} = annual;
  return {
    engagement: await Promise.all(periods.map((period) => engagementReport(store, settings, {period}))),
    prepost: await prepostReport(store, settings, {by: "all", names: true}),
    deficits: await deficitsReport(store, settings, {names: true}),
    violations: await violationsReport(store, settings, {names: true, date: TODAY}),
    load: await loadReport(store, settings, {date: TODAY}),
    swot: await swotReport(store, settings),
    targets: await targetsReport(store, settings),
    retention: await retentionReport(store),
    issues: (await issuesReport(store)).files.map((f) => ({...f, issues: f.issues.length})),
    annual: annualFigures
  };
}

/** Paths whose leaves differ between two values of the same shape (a changed shape is a difference too). */
function differences(a: unknown, b: unknown, path = "$", out: Array<{path: string; before: unknown; after: unknown}> = []) {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    if (Array.isArray(a) !== Array.isArray(b)) out.push({path, before: a, after: b});
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (!Object.is(a, b) && !(a instanceof Date && b instanceof Date && a.getTime() === b.getTime())) {
    out.push({path, before: a, after: b});
  }
  return out;
}

/** A difference a purge may make: a name became the marker, or a quoted text was blotted out. */
const purgedText = (after: unknown) => typeof after === "string" && (after === PURGED_NAME || after.includes("[удалено]") || after.includes("(имя удалено)"));

async function textColumns(store: Store): Promise<Array<{table: string; column: string}>> {
  return store.read((c) => all<{table: string; column: string}>(c, `SELECT table_name AS "table", column_name AS "column"
    FROM information_schema.columns JOIN information_schema.tables USING (table_schema, table_name)
    WHERE table_type = 'BASE TABLE' AND data_type = 'VARCHAR' ORDER BY 1, 2`));
}

/** Every distinct text in every VARCHAR column of every table, lower case. */
async function everyText(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const {table, column} of await textColumns(store)) {
    for (const r of await store.read((c) => all<{v: string}>(c, `SELECT DISTINCT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`))) {
      out.push(r.v.toLowerCase().replace(/ё/g, "е"));
    }
  }
  return out;
}

let dir: string;
let db: string;
let store: Store;
let names: string[];
let before: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-purge-"));
  db = join(dir, "m.duckdb");
  store = await Store.open(db);
  await ingestSample(store);
  // Names written to the file itself (not only to its write-ahead log), as in a database used for months.
  await store.serial((c) => c.run("CHECKPOINT"));
  // Two kept originals (as the server keeps them), to see them deleted.
  mkdirSync(join(dir, "uploads"));
  for (const [id, name] of [[1, "11111111-1111-1111-1111-111111111111.xlsx"], [50, "22222222-2222-2222-2222-222222222222.xlsx"]] as const) {
    writeFileSync(join(dir, "uploads", name), "original bytes");
    await store.write((c) => c.run("INSERT INTO upload_files (upload_id, stored_name) VALUES ($u, $n)", {u: id, n: name}));
  }
  names = (await store.read((c) => all<{n: string}>(c, "SELECT full_name AS n FROM teacher_identities UNION SELECT full_name FROM registry_people")))
    .map((r) => r.n);
  before = await everyReport(store);
}, 120_000);

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("the name hash a purge looks for", () => {
  it("is the key the loaders give a person known by name only", () => {
    for (const n of ["Иванова Мария Петровна", "  фёдорова  Е.П. ", "Смирнов Иван"]) expect(nameHashKey(n)).toBe(personId("", n, ""));
  });

  it("a name pattern finds the name written in full, with initials and in reverse order, never inside another word", () => {
    const re = namePattern("Фёдорова Елена Павловна")!;
    // RE2's inline (?i) is JavaScript's "i" flag; the rest reads the same in both.
    const js = new RegExp(re.replace("(?i)", ""), "iu");
    for (const hit of ["Фёдорова Елена Павловна", "спасибо федоровой? нет: Федорова Е.П. помогла", "Е. П. Фёдорова", "ФЕДОРОВА ЕЛЕНА П."]) expect(js.test(hit)).toBe(true);
    for (const miss of ["Фёдоровская СОШ", "Фёдорова", "Елена Павловна"]) expect(js.test(miss)).toBe(false);
    expect(namePattern("Фёдорова")).toBeNull();
  });
});

describe("one person's data on request", () => {
  it("removes her name, her hashed keys and her name in free text; the others and every aggregate stay", async () => {
    const [target] = await store.read((c) => all<{id: number; name: string}>(c,
      "SELECT teacher_id AS id, full_name AS name FROM teacher_identities ORDER BY teacher_id LIMIT 1 OFFSET 7"));
    // Her name also keyed a staff list row and written in a questionnaire answer (the sample has neither).
    const key = nameHashKey(target!.name);
    const roster = (await store.read((c) => one<{u: number; s: number}>(c, "SELECT upload_id AS u, school_id AS s FROM roster_snapshots LIMIT 1")))!;
    await store.write(async (c) => {
      await c.run("INSERT INTO roster_teachers (upload_id, teacher_no, school_id, teacher_key, hired) VALUES ($u, 9999, $s, $k, DATE '2020-09-01')",
        {u: roster.u, s: roster.s, k: key});
      await c.run("UPDATE questionnaire_answers SET answer = answer || ' Спасибо, ' || $n || '!' WHERE rowid = (SELECT min(rowid) FROM questionnaire_answers)",
        {n: target!.name});
    });
    const reportsBefore = await everyReport(store);
    const others = (await store.read((c) => all<{n: string}>(c, "SELECT full_name AS n FROM teacher_identities WHERE teacher_id <> $id", {id: target!.id})));

    const matches = await findPeople(store, target!.name.toUpperCase());
    expect(matches.map((m) => m.id)).toContain(target!.id);
    const plan = await planPurge(store, {mode: "person", teacherIds: [target!.id], participantIds: []});
    expect(plan).toMatchObject({teacherIds: [target!.id], keys: 1, texts: 1});
    await purgePersonalData(store, {mode: "person", teacherIds: [target!.id], participantIds: []}, {actor: {kind: "console"}});

    const texts = await everyText(store);
    const lowered = target!.name.toLowerCase().replace(/ё/g, "е");
    expect(texts.filter((t) => t.includes(lowered))).toEqual([]);
    expect(texts).not.toContain(key);
    const newKey = (await store.read((c) => one<{k: string}>(c, "SELECT teacher_key AS k FROM roster_teachers WHERE teacher_no = 9999")))!.k;
    expect(newKey).toMatch(/^p:[0-9a-f]{16}$/);
    expect((await store.read((c) => all<{n: string}>(c, "SELECT full_name AS n FROM teacher_identities WHERE teacher_id <> $id", {id: target!.id}))))
      .toEqual(others);

    const diffs = differences(reportsBefore, await everyReport(store));
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.filter((d) => !purgedText(d.after))).toEqual([]);
    const purge = (await readAudit(store, {action: "purge"})).events[0]!;
    expect(purge).toMatchObject({actor: "console", subjectKind: "teacher", subjectIds: [target!.id]});
    expect(JSON.stringify(purge)).not.toContain(target!.name.split(" ")[0]);
  });
});

describe("everything past the retention period", () => {
  // The figures as they are now (the test above added a staff-list row).
  beforeAll(async () => { before = await everyReport(store); }, 60_000);

  it("the dry run changes nothing", async () => {
    const plan = await planPurge(store, {mode: "older-than", days: 0, now: Date.now() + 1000});
    expect(plan.teacherIds.length).toBeGreaterThan(100);
    expect(plan.participantIds.length).toBeGreaterThan(40);
    expect(plan.originals).toEqual([1, 50]);
    expect(differences(before, await everyReport(store)).filter((d) => !purgedText(d.after))).toEqual([]);
    expect(await store.read((c) => one<{n: number}>(c, "SELECT count(*) AS n FROM teacher_identities WHERE full_name <> $p", {p: PURGED_NAME})))
      .toEqual({n: plan.teacherIds.length});
  });

  it("data loaded after the cutoff are kept", async () => {
    const plan = await planPurge(store, {mode: "older-than", days: 30});
    expect(plan).toMatchObject({teacherIds: [], participantIds: [], keys: 0, issues: 0, fileNames: 0, originals: []});
  });

  it("removes every name, contact and person key, the originals of the files, and leaves every report's figures as they were", async () => {
    const formContacts = () => store.read((c) => one<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM school_contacts")).then((r) => r!.n);
    // The sample's 22 schools each wrote a director's contact in Form 1.
    expect(await formContacts()).toBeGreaterThanOrEqual(22);
    const result = await purgePersonalData(store, {mode: "older-than", days: 0, now: Date.now() + 1000},
      {actor: {kind: "account", accountId: 1, login: "metod", role: "methodologist"}, address: "10.0.0.7", uploadsDir: join(dir, "uploads")});
    expect(result.originals).toEqual([1, 50]);
    expect(result.missingOriginals).toBe(0);
    expect(existsSync(join(dir, "uploads", "11111111-1111-1111-1111-111111111111.xlsx"))).toBe(false);

    const after = await everyReport(store);
    const diffs = differences(before, after);
    // Names changed (and quoted texts), nothing else: every count, share, mean, p-value and id is the same.
    expect(diffs.filter((d) => !purgedText(d.after))).toEqual([]);
    expect(diffs.some((d) => d.after === PURGED_NAME)).toBe(true);

    const texts = await everyText(store);
    for (const name of names) {
      const lowered = name.toLowerCase().replace(/ё/g, "е");
      expect(texts.filter((t) => t.includes(lowered)), name).toEqual([]);
    }
    expect(texts.filter((t) => /^(h|code):/.test(t))).toEqual([]);
    const contacts = await store.read((c) => one<{n: number}>(c, "SELECT count(*) AS n FROM registry_people WHERE contacts IS NOT NULL OR birth_year IS NOT NULL"));
    expect(contacts!.n).toBe(0);
    expect(await formContacts()).toBe(0);
    expect(await compactionPending(store)).toBe(true);
  });

  it("a second purge finds nothing left", async () => {
    const plan = await planPurge(store, {mode: "older-than", days: 0, now: Date.now() + 1000});
    expect(plan).toMatchObject({teacherIds: [], participantIds: [], keys: 0, issues: 0, fileNames: 0});
  });

  it("rewriting the file leaves no byte of a removed name in it, and the database works as before", async () => {
    await store.close();
    const raw = () => readFileSync(db).toString("utf8");
    const residue = (text: string) => names.filter((n) => text.includes(n) || text.includes(n.toLowerCase()));
    copyFileSync(db, join(dir, "before-compaction.duckdb"));
    // Updated in place, the old names are still in the file's free blocks: why the file is rewritten.
    expect(residue(readFileSync(join(dir, "before-compaction.duckdb")).toString("utf8")).length).toBeGreaterThan(0);
    expect(await compactDatabase(db)).toBe(true);
    expect(residue(raw())).toEqual([]);
    expect(await compactDatabase(db)).toBe(false);
    store = await Store.open(db);
    expect(await compactionPending(store)).toBe(false);
    expect(differences(before, await everyReport(store)).filter((d) => !purgedText(d.after))).toEqual([]);
    // Sequences carried over: the next upload gets a fresh id.
    const max = (await store.read((c) => one<{m: number}>(c, "SELECT max(upload_id) AS m FROM uploads")))!.m;
    const next = await store.write((c) => one<{id: number}>(c,
      "INSERT INTO uploads (file_name, sha256, size_bytes, status) VALUES ('x.xlsx', 'h', 1, 'rejected') RETURNING upload_id AS id"));
    expect(next!.id).toBeGreaterThan(max);
    const actions = (await readAudit(store)).events.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(["compact", "purge"]);
  });
});
