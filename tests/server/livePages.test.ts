// The live pages' data endpoint (issue 16 §2–3): GET /api/pages/<page>.json as each role, in service
// mode on the sample region. A curator receives her scope's rows only; management and the school's
// representative receive no teacher's name, no file name and no issue text; the named page is the
// service's own; no session, no data; the cache answers again after an upload with the new figure.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestSample} from "../../loaders/sample.ts";
import {all} from "../../store/database.ts";
import {prepostReport} from "../../reports/prepost.ts";
import {issuesReport} from "../../reports/issues.ts";
import {engagementReport} from "../../reports/engagement.ts";
import type {TestServer} from "./helpers.ts";
import {upload} from "./helpers.ts";
import {addAccount, clock, csrfOf, serviceServer, session} from "./auth/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";
import type {Role, Scope} from "../../server/auth/roles.ts";
import {PageCache} from "../../server/pageCache.ts";
import {SnapshotPool} from "../../server/readSnapshot.ts";
import {Store} from "../../store/database.ts";
import {changedReport, CHANGED_REPORT} from "../helpers/liveUpload.ts";

let s: TestServer;
const cookies = new Map<string, string>();
let teacherNames: string[] = [], fileNames: string[] = [];
let school: {id: number; name: string; municipalityId: number; municipality: string};
let otherSchools: string[] = [], otherMunicipalitySchools: string[] = [];
const PAGES = ["overview", "engagement", "diagnostics", "teachers", "effectiveness"];

const getPage = async (login: string | null, page: string, query = "") => {
  const r = await fetch(`${s.url}/api/pages/${page}.json${query}`, {headers: {Accept: "application/json", ...(login ? {Cookie: cookies.get(login)!} : {})}});
  return {status: r.status, text: await r.text()};
};

beforeAll(async () => {
  s = await serviceServer(clock());
  await ingestSample(s.store);
  // A school of the sample with quarterly reports and diagnostics, in a municipality with other schools.
  const schools = await s.store.read((c) => all<{id: number; name: string; municipality_id: number; municipality: string}>(c, `
    SELECT d.directory_school_id AS id, d.name, d.municipality_id, d.municipality FROM current_directory_schools d
    WHERE d.directory_school_id IN (SELECT directory_school_id FROM school_directory JOIN current_school_periods USING (school_id))
    ORDER BY d.municipality, d.name`));
  const settings = projectSettings();
  const prepost = await prepostReport(s.store, settings, {names: true});
  const withTeachers = new Set(prepost.teachers.map((t) => t.school));
  const pick = schools.find((x) => withTeachers.has(x.name) && schools.filter((y) => y.municipality_id === x.municipality_id).length > 2)!;
  school = {id: pick.id, name: pick.name, municipalityId: pick.municipality_id, municipality: pick.municipality};
  otherSchools = schools.filter((x) => x.id !== school.id).map((x) => x.name);
  otherMunicipalitySchools = schools.filter((x) => x.municipality_id !== school.municipalityId).map((x) => x.name);
  teacherNames = [...new Set(prepost.teachers.map((t) => t.name!).filter((n) => n && n.length > 8))];
  fileNames = (await issuesReport(s.store)).files.map((f) => f.file);
  const accounts: Array<[string, Role, Scope]> = [
    ["metod", "methodologist", {level: "region"}],
    ["mun", "municipal-curator", {level: "municipality", id: String(school.municipalityId)}],
    ["cur", "school-curator", {level: "school", id: String(school.id)}],
    ["rep", "school-representative", {level: "school", id: String(school.id)}],
    ["boss", "management", {level: "region"}]
  ];
  for (const [login, role, scope] of accounts) {
    await addAccount(s, login, role, scope);
    cookies.set(login, await session(s.url, login));
  }
}, 600_000);
afterAll(async () => { await s?.close(); });

describe("GET /api/pages/<page>.json by role", () => {
  it("refuses without a session (service mode), and names an unknown page «not found»", async () => {
    for (const p of PAGES) expect((await getPage(null, p)).status).toBe(401);
    expect((await getPage("metod", "nothing")).status).toBe(404);
  });

  it("the methodologist gets the region with names where the page needs them", async () => {
    const eng = JSON.parse((await getPage("metod", "engagement")).text);
    expect(eng.data.scope).toEqual({level: "region", name: null});
    expect(new Set(eng.data.periods.at(-1).schools.map((x: {name: string}) => x.name)).size).toBeGreaterThan(10);
    const teachers = (await getPage("metod", "teachers")).text;
    expect(teacherNames.some((n) => teachers.includes(n))).toBe(true);
  }, 300_000);

  it("a school curator gets her school's rows and her school's teachers only", async () => {
    const eng = JSON.parse((await getPage("cur", "engagement")).text).data;
    expect(eng.scope).toEqual({level: "school", name: school.name});
    for (const p of eng.periods) {
      expect(p.schools.map((x: {id: number}) => x.id)).toEqual([school.id]);
      expect(p.municipalities).toEqual([]);
      expect(p.region.schoolsIncluded.every((n: string) => n === school.name)).toBe(true);
    }
    const teachers = JSON.parse((await getPage("cur", "teachers")).text).data;
    const listed = teachers.teachers.data.teachers as Array<{school: string}>;
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((t) => t.school))).toEqual(new Set([school.name]));
    for (const p of ["engagement", "diagnostics", "teachers"]) {
      const text = (await getPage("cur", p)).text;
      expect(otherSchools.filter((n) => text.includes(`"${n}"`)), p).toEqual([]);
    }
  }, 300_000);

  it("a municipal curator gets her municipality's schools only", async () => {
    const eng = JSON.parse((await getPage("mun", "engagement")).text).data;
    expect(eng.scope).toEqual({level: "municipality", name: school.municipality});
    for (const p of eng.periods) {
      expect(new Set(p.schools.map((x: {municipalityId: number}) => x.municipalityId))).toEqual(new Set([school.municipalityId]));
      expect(p.municipalities.map((m: {id: number}) => m.id)).toEqual([school.municipalityId]);
    }
    for (const p of ["engagement", "diagnostics", "teachers"]) {
      const text = (await getPage("mun", p)).text;
      expect(otherMunicipalitySchools.filter((n) => text.includes(`"${n}"`)), p).toEqual([]);
    }
    const eff = JSON.parse((await getPage("mun", "effectiveness")).text).data;
    expect(eff.levels.map((l: {level: string}) => l.level)).not.toContain("region");
    expect(eff.levels[0]).toMatchObject({level: "municipality", id: school.municipalityId});
  }, 300_000);

  it("management and the school's representative get aggregates only: no name, no file name, no issue text; never the named page", async () => {
    for (const login of ["boss", "rep"]) {
      expect((await getPage(login, "teachers")).status).toBe(403);
      for (const p of PAGES.filter((x) => x !== "teachers")) {
        const r = await getPage(login, p);
        expect(r.status).toBe(200);
        expect(teacherNames.filter((n) => r.text.includes(n)), `${login} ${p}`).toEqual([]);
        expect(fileNames.filter((n) => r.text.includes(n)), `${login} ${p}`).toEqual([]);
      }
      const eng = JSON.parse((await getPage(login, "engagement")).text).data;
      expect(eng.files.every((f: {file: string; issues: unknown[]}) => f.file === "" && f.issues.length === 0)).toBe(true);
    }
  }, 300_000);

  it("the effectiveness level picked is one of the session's: a school's curator cannot ask for the region", async () => {
    const own = JSON.parse((await getPage("cur", "effectiveness", "?level=region")).text).data;
    expect(own.level).toMatchObject({level: "school", id: school.id});
    const metod = JSON.parse((await getPage("metod", "effectiveness", `?level=school&id=${school.id}`)).text).data;
    expect(metod.level).toMatchObject({level: "school", id: school.id});
  }, 300_000);

  it("answers 304 Not Modified, no body, to a page that already shows the newest answer (its ETag)", async () => {
    const first = await fetch(`${s.url}/api/pages/overview.json`, {headers: {Cookie: cookies.get("metod")!}});
    const etag = first.headers.get("ETag");
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${s.url}/api/pages/overview.json`, {headers: {Cookie: cookies.get("metod")!, "If-None-Match": etag!}});
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another view's answer has another tag: management's data is not the methodologist's.
    const boss = await fetch(`${s.url}/api/pages/overview.json`, {headers: {Cookie: cookies.get("boss")!, "If-None-Match": etag!}});
    expect(boss.status).toBe(200);
    expect(boss.headers.get("ETag")).not.toBe(etag);
  }, 300_000);

  it("after an accepted upload the page data carries the new version and figure", async () => {
    const before = JSON.parse((await getPage("metod", "overview")).text);
    const csrf = await csrfOf(s.url, cookies.get("metod")!);
    const teachersPct = async () => JSON.parse((await getPage("metod", "engagement")).text).data.periods.find((p: {period: string}) => p.period === "2024-Q1").region.teachersPct;
    const pctBefore = await teachersPct();
    const r = await upload(s.url, csrf, [{name: CHANGED_REPORT, bytes: await changedReport()}], {}, {Cookie: cookies.get("metod")!});
    expect(r.status).toBe(200);
    expect(r.body.files[0].status).not.toBe("rejected");
    let after = before;
    for (let i = 0; i < 100 && after.data.files.total === before.data.files.total; i++) {
      after = JSON.parse((await getPage("metod", "overview")).text);
      if (after.data.files.total === before.data.files.total) await new Promise((done) => setTimeout(done, 100));
    }
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.data.files.total).toBe(before.data.files.total + 1);
    expect(after.data.lastUpload.file).toBe(CHANGED_REPORT);
    // The engagement page's figure is the report's on the new data (once the newer version is computed).
    const region = (await engagementReport(s.store, projectSettings(), {period: "2024-Q1"})).region;
    expect(region.teachersPct).not.toBe(pctBefore);
    let pct = pctBefore;
    for (let i = 0; i < 300 && pct !== region.teachersPct; i++) {
      pct = await teachersPct();
      if (pct !== region.teachersPct) await new Promise((done) => setTimeout(done, 100));
    }
    expect(pct).toBe(region.teachersPct);
  }, 300_000);
});

describe("PageCache", () => {
  it("computes once per key and version, answers the old version while the new one computes, and keeps a bounded number", async () => {
    const cache = new PageCache({maxEntries: 2, maxBytes: 1e6});
    let calls = 0;
    let release: () => void = () => undefined;
    const slow = (v: number) => async () => { calls++; await new Promise<void>((r) => { release = r; }); return {data: {v}, named: []}; };
    const first = cache.get("a", 1, slow(1));
    const second = cache.get("a", 1, slow(1));
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect((await first).body).toBe(JSON.stringify({version: 1, data: {v: 1}}));
    expect(await second).toBe(await first);
    expect(calls).toBe(1);
    // Version 2: the old answer at once, the new one computed once.
    const stale = await cache.get("a", 2, slow(2));
    expect(stale.version).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect((await cache.get("a", 2, slow(2))).version).toBe(2);
    expect(calls).toBe(2);
    for (const k of ["b", "c"]) await cache.get(k, 2, async () => ({data: k, named: []}));
    expect(cache.size.entries).toBe(2);
  });

  it("recomputes a key at most once per interval: uploads in quick succession share one recomputation", async () => {
    const cache = new PageCache({maxEntries: 8, maxBytes: 1e6, minIntervalMs: 60_000});
    let calls = 0;
    const compute = async () => ({data: ++calls, named: []});
    expect((await cache.get("a", 1, compute)).version).toBe(1);
    expect((await cache.get("a", 2, compute)).version).toBe(1);
    expect((await cache.get("a", 3, compute)).version).toBe(1);
    expect(calls).toBe(1);
  });
});

describe("PageCache: coalescing, recomputation on commit", () => {
  const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

  it("while a computation runs, newer versions make one more computation, at the newest, skipping those between", async () => {
    const cache = new PageCache({maxEntries: 8, maxBytes: 1e6, alignMs: 0});
    let current = 1;
    const computed: number[] = [];
    const releases: Array<() => void> = [];
    const compute = async () => {
      const version = current;
      await new Promise<void>((r) => { releases.push(r); });
      computed.push(version);
      return {data: {version}, named: [], version};
    };
    const until = async (ok: () => boolean) => { for (let i = 0; i < 2000 && !ok(); i++) await tick(5); };
    const first = cache.get("a", 1, compute);
    await until(() => releases.length === 1);
    for (const v of [2, 3, 4]) {
      current = v;
      // Still computing version 1: nothing to answer yet, so each of these waits too.
      void cache.get("a", v, compute);
    }
    await tick(20);
    // One computation in flight, nothing queued behind it per version.
    expect(releases).toHaveLength(1);
    releases[0]!();
    expect((await first).version).toBe(1);
    await until(() => releases.length === 2);
    releases[1]!();
    await until(() => computed.length === 2);
    expect(computed).toEqual([1, 4]);
    expect((await cache.get("a", 4, compute)).version).toBe(4);
    expect(cache.stats.summary()).toMatchObject({a: {computations: 2, versionsSkipped: {max: 2}}});
  });

  it("recomputes a key read lately as soon as the data changes, before it is asked; a key not read lately waits to be asked", async () => {
    const cache = new PageCache({maxEntries: 8, maxBytes: 1e6, activeMs: 60_000});
    let current = 1;
    let calls = 0;
    const compute = async () => { calls++; return {data: current, named: [], version: current}; };
    await cache.get("a", 1, compute);
    current = 2;
    cache.changed(2);
    await tick(20);
    expect(calls).toBe(2);
    const hitsBefore = cache.hits;
    expect((await cache.get("a", 2, compute)).version).toBe(2);
    expect(cache.hits).toBe(hitsBefore + 1);
    const idle = new PageCache({maxEntries: 8, maxBytes: 1e6, activeMs: 0});
    let idleCalls = 0;
    await idle.get("a", 1, async () => { idleCalls++; return {data: 1, named: []}; });
    await tick(2);
    idle.changed(2);
    await tick(20);
    expect(idleCalls).toBe(1);
  });

  it("a slow key does not hold up the others: they start without it once it has run alignMs", async () => {
    const cache = new PageCache({maxEntries: 8, maxBytes: 1e6, alignMs: 30});
    let current = 1;
    let slowRelease: () => void = () => undefined;
    const slow = async () => { const version = current; if (version > 1) await new Promise<void>((r) => { slowRelease = r; }); return {data: "slow", named: [], version}; };
    let fastCalls = 0;
    const fast = async () => { fastCalls++; return {data: "fast", named: [], version: current}; };
    await cache.get("slow", 1, slow);
    await cache.get("fast", 1, fast);
    current = 2;
    cache.changed(2);
    await tick(20);
    // Both started together at version 2; the slow one is still running.
    expect(fastCalls).toBe(2);
    current = 3;
    cache.changed(3);
    await tick(100);
    expect(fastCalls).toBe(3);
    expect((await cache.get("fast", 3, fast)).version).toBe(3);
    expect((await cache.get("slow", 3, slow)).version).toBe(1);
    slowRelease();
    await tick(20);
    slowRelease();
    await tick(20);
    expect((await cache.get("slow", 3, slow)).version).toBe(3);
  });
});

describe("SnapshotPool", () => {
  it("one computation reads one snapshot: a commit meanwhile is not seen by it, the next snapshot sees it; a query asked again is answered once", async () => {
    const store = await Store.open(":memory:");
    try {
      await store.write((c) => c.run("CREATE TABLE t (x INTEGER)"));
      await store.write((c) => c.run("INSERT INTO t VALUES (1)"));
      const pool = new SnapshotPool(store);
      const count = (st: Store) => st.read(async (c) => (await all<{n: number}>(c, "SELECT count(*) AS n FROM t"))[0]!.n);
      const seen = await pool.use(1, async (snap, use) => {
        const before = await count(snap);
        await store.write((c) => c.run("INSERT INTO t VALUES (2)"));
        // A second computation at the same version joins this snapshot: it does not see the commit either.
        const joined = await pool.use(1, (other) => count(other));
        const after = await count(snap);
        return {before, joined, after, hits: use.memoHits, queries: use.queries};
      });
      expect(seen).toEqual({before: 1, joined: 1, after: 1, hits: 1, queries: 2});
      expect(pool.joined).toBe(1);
      expect(await pool.use(2, (snap) => count(snap))).toBe(2);
      await expect(pool.use(3, (snap) => snap.write(async () => undefined))).rejects.toThrow(/read-only/);
    } finally {
      await store.close();
    }
  });

  it("on a shared snapshot a quick page's reads go before a slow page's waiting reads", async () => {
    const store = await Store.open(":memory:");
    try {
      const pool = new SnapshotPool(store);
      const order: string[] = [];
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => { release = r; });
      await pool.use(1, async (first) => {
        const busy = first.read(async () => { await held; order.push("busy"); });
        const slow = pool.use(1, (snap) => snap.read(async () => { order.push("slow"); }), 1800);
        const quick = pool.use(1, (snap) => snap.read(async () => { order.push("quick"); }), 400);
        await new Promise((r) => setTimeout(r, 10));
        release();
        await Promise.all([busy, slow, quick]);
      });
      expect(order).toEqual(["busy", "quick", "slow"]);
    } finally {
      await store.close();
    }
  });
});
