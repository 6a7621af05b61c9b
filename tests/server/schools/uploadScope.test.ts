// What a school representative's upload request can and cannot do (issue 16 §4), over HTTP as the
// upload page sends it: the school is forced by the server whatever the query says; bytes another
// school already sent are not answered «already loaded» from that school's upload; a kind of file
// her role may not upload is refused and nothing is stored.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {SAMPLE_DIR} from "../../../loaders/sample.ts";
import {all} from "../../../store/database.ts";
import {sample, upload, type TestServer} from "../helpers.ts";
import {addAccount, clock, csrfOf, get, serviceServer, session} from "../auth/helpers.ts";

let s: TestServer, cookie: string, csrf: string;
let tara3: number, omsk12: number, omskiy: number;
const send = (path: string, query: Record<string, string> = {}) => upload(s.url, csrf, [sample(path)], query, {Cookie: cookie});
const uploads = () => s.store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM uploads")).then((r) => r[0]!.n);

beforeAll(async () => {
  s = await serviceServer(clock());
  for (const f of ["forms/2024-Q1/tarskiy_sosh_3.xlsx", "forms/2024-Q1/omskiy_sosh_12.xlsx"]) {
    await ingestBytes(s.store, f.split("/").pop()!, readFileSync(join(SAMPLE_DIR, f)), {});
  }
  const ids = await s.store.read((c) => all<{id: number; name: string; municipality: number}>(c,
    "SELECT directory_school_id AS id, name, municipality_id AS municipality FROM current_directory_schools"));
  omskiy = ids.find((x) => x.name.includes("Омская СОШ № 12"))!.municipality;
  tara3 = ids.find((x) => x.name.includes("Тарская СОШ № 3"))!.id;
  omsk12 = ids.find((x) => x.name.includes("Омская СОШ № 12"))!.id;
  await addAccount(s, "tara3", "school-representative", {level: "school", id: String(tara3)});
  cookie = await session(s.url, "tara3");
  csrf = await csrfOf(s.url, cookie);
}, 120_000);
afterAll(async () => { await s?.close(); });

describe("a school representative's upload request", () => {
  it("is for her school even when the query names another", async () => {
    const r = await send("forms/2024-Q2/tarskiy_sosh_3.xlsx", {school: String(omsk12)});
    expect(r.status).toBe(200);
    expect(r.body.files.map((f: {status: string; period: string}) => [f.status === "rejected", f.period])).toEqual([[false, "2024-Q2"]]);
    const linked = await s.store.read((c) => all<{id: number}>(c, `SELECT DISTINCT d.directory_school_id AS id FROM school_periods sp
      JOIN school_directory d USING (school_id) WHERE sp.upload_id = $u`, {u: r.body.files[0].uploadId}));
    expect(linked).toEqual([{id: tara3}]);
  }, 60_000);

  it("with another school's bytes already loaded gets a refusal, not that school's upload", async () => {
    const before = await uploads();
    const r = await send("forms/2024-Q1/omskiy_sosh_12.xlsx");
    expect(r.status).toBe(200);
    const [f] = r.body.files;
    expect([f.status, f.sameAs ?? null, f.issues.map((i: {kind: string}) => i.kind)]).toEqual(["rejected", null, ["school/option-differs"]]);
    // Stored as her refused upload (her history lists it), counting against no quarter.
    expect(await uploads()).toBe(before + 1);
    const claims = await s.store.read((c) => all(c, "SELECT period, school_id IS NOT NULL AS linked FROM upload_claims WHERE upload_id = $u", {u: f.uploadId}));
    expect(claims).toEqual([{period: null, linked: true}]);
  }, 60_000);

  it("of a kind her role may not upload is refused, and nothing is stored", async () => {
    const before = await uploads();
    const r = await send("diagnostics/Тарский_диагностика_2025-2026.xlsx");
    expect(r.status).toBe(200);
    const [f] = r.body.files;
    expect([f.status, f.uploadId, f.issues.map((i: {kind: string}) => i.kind)]).toEqual(["rejected", null, ["upload/kind-not-allowed"]]);
    expect(f.issues[0].message).toMatch(/^Файл не принят: это .+, а с вашей учётной записи загружается только квартальный отчёт по формам 1–5\. Передайте этот файл методисту РНЦ\.$/);
    expect(await uploads()).toBe(before);
  }, 60_000);
});

describe("a municipal curator", () => {
  let mine: string, token: string;
  const sendAs = (path: string) => upload(s.url, token, [sample(path)], {}, {Cookie: mine});
  beforeAll(async () => {
    await addAccount(s, "omsk", "municipal-curator", {level: "municipality", id: String(omskiy)});
    mine = await session(s.url, "omsk");
    token = await csrfOf(s.url, mine);
  }, 60_000);

  it("reads the history of her municipality's schools only", async () => {
    const h = JSON.parse((await get(s.url, "/api/history", mine, {Accept: "application/json"})).body) as {total: number; uploads: Array<{file: string}>};
    expect([h.total, h.uploads.map((u) => u.file)]).toEqual([1, ["omskiy_sosh_12.xlsx"]]);
  }, 60_000);

  it("uploads her municipality's diagnostics", async () => {
    const r = await sendAs("diagnostics/Омский_диагностика_2025-2026.xlsx");
    expect(r.status).toBe(200);
    const [f] = r.body.files;
    expect([f.kind, f.status === "rejected"]).toEqual(["diagnostics", false]);
    // Her history now lists it too (it speaks about her municipality's schools).
    const h = JSON.parse((await get(s.url, "/api/history", mine, {Accept: "application/json"})).body) as {uploads: Array<{file: string}>};
    expect(h.uploads.map((u) => u.file)).toContain("Омский_диагностика_2025-2026.xlsx");
  }, 60_000);

  it("is refused another municipality's file, with the school it names, and nothing of it is stored", async () => {
    const before = await s.store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM diagnostic_results")).then((x) => x[0]!.n);
    const r = await sendAs("diagnostics/Тарский_диагностика_2025-2026.xlsx");
    const [f] = r.body.files;
    expect([f.status, f.issues.map((i: {kind: string}) => i.kind)]).toEqual(["rejected", ["upload/outside-scope"]]);
    expect(f.issues[0].message).toMatch(/^Файл не принят: в нём указана школа «[^»]+» \(Тарский[^)]*\) — школа не из вашего муниципалитета, а ваш муниципалитет — «Омский[^»]*»\./);
    const after = await s.store.read((c) => all<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM diagnostic_results")).then((x) => x[0]!.n);
    expect(after).toBe(before);
    // Her refusal is hers: the methodologist sending the same bytes has them read and accepted.
    await addAccount(s, "metod", "methodologist", {level: "region"});
    const hers = await session(s.url, "metod");
    const m = await upload(s.url, await csrfOf(s.url, hers), [sample("diagnostics/Тарский_диагностика_2025-2026.xlsx")], {}, {Cookie: hers});
    expect([m.body.files[0].kind, m.body.files[0].status === "rejected"]).toEqual(["diagnostics", false]);
  }, 60_000);

  it("may not upload a quarterly report (her role uploads diagnostics, registries and questionnaires)", async () => {
    const r = await sendAs("forms/2024-Q2/omskiy_sosh_12.xlsx");
    const [f] = r.body.files;
    expect([f.status, f.issues.map((i: {kind: string}) => i.kind)]).toEqual(["rejected", ["upload/kind-not-allowed"]]);
  }, 60_000);
});

describe("a school curator", () => {
  it("is refused a diagnostics file that lists other schools of her municipality", async () => {
    await addAccount(s, "tara3-curator", "school-curator", {level: "school", id: String(tara3)});
    const mine = await session(s.url, "tara3-curator");
    const r = await upload(s.url, await csrfOf(s.url, mine), [sample("diagnostics/Тарский_диагностика_2025-2026.xlsx")], {}, {Cookie: mine});
    const [f] = r.body.files;
    expect([f.status, f.issues.map((i: {kind: string}) => i.kind)]).toEqual(["rejected", ["upload/outside-scope"]]);
    expect(f.issues[0].message).toMatch(/— это не ваша школа, а ваша школа — «[^»]*Тарская СОШ № 3[^»]*»\./);
  }, 60_000);
});
