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
  it("reads the history of her municipality's schools only, and may not upload from her account yet", async () => {
    await addAccount(s, "omsk", "municipal-curator", {level: "municipality", id: String(omskiy)});
    const mine = await session(s.url, "omsk");
    const h = JSON.parse((await get(s.url, "/api/history", mine, {Accept: "application/json"})).body) as {total: number; uploads: Array<{file: string}>};
    expect([h.total, h.uploads.map((u) => u.file)]).toEqual([1, ["omskiy_sosh_12.xlsx"]]);
    const r = await upload(s.url, await csrfOf(s.url, mine), [sample("forms/2024-Q2/omskiy_sosh_12.xlsx")], {}, {Cookie: mine});
    expect([r.status, r.body.error]).toEqual([403, "Загрузка файлов муниципалитета с этой учётной записи пока недоступна: передайте файлы методисту РНЦ."]);
  }, 60_000);
});
