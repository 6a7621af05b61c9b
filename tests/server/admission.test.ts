// Issue 13 §3: admission control. One sender's slow files do not hold up another sender; the same
// rejected bytes are answered from the stored outcome, not parsed again; a hundred concurrent 10 MB
// uploads are answered (or refused «сервер занят» with Retry-After) while /healthz stays fast and
// memory stays bounded, and no rejected original is kept.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Admission} from "../../server/admission.ts";
import {childServer, peakRssMb, sample, streamUpload, testServer, treeRssMb, upload, watchHealthApart, type ChildServer,
  type TestServer} from "./helpers.ts";
import {unclosedTags} from "../helpers/hostile.ts";
import {all} from "../../store/database.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("the admission queue", () => {
  /** A task that finishes when told. */
  const held = () => {
    let finish!: () => void;
    const done = new Promise<void>((r) => { finish = r; });
    return {finish, task: () => done};
  };

  it("serves senders round-robin, one file each in turn", async () => {
    const a = new Admission({maxParsing: 1, perSender: 1, maxHeldBytes: 1e9, maxQueuedPerSender: 100});
    const order: string[] = [];
    const jobs = ["A", "A", "A", "B", "B", "C"].map((s, i) => a.run(s, async () => { order.push(`${s}${i}`); }));
    await Promise.all(jobs);
    expect(order).toEqual(["A0", "B3", "C5", "A1", "B4", "A2"]);
  });

  it("leaves a parser to other senders when one sender has many files waiting", async () => {
    const a = new Admission({maxParsing: 3, perSender: 2, maxHeldBytes: 1e9, maxQueuedPerSender: 100});
    const slow = Array.from({length: 8}, held);
    const started: string[] = [];
    const jobs = slow.map((h, i) => a.run("A", () => { started.push(`A${i}`); return h.task(); }));
    await new Promise((r) => setImmediate(r));
    expect([a.parsing, a.waiting]).toEqual([2, 6]);
    await a.run("B", async () => { started.push("B"); });
    expect(started).toEqual(["A0", "A1", "B"]);
    for (const h of slow) h.finish();
    await Promise.all(jobs);
    expect(a.parsing).toBe(0);
  });

  it("refuses memory past its budget but always admits a request when nothing is held", () => {
    const a = new Admission({maxParsing: 2, perSender: 1, maxHeldBytes: 100, maxQueuedPerSender: 100});
    expect(a.reserve(150)).toBe(true);
    expect(a.reserve(1)).toBe(false);
    a.release(150);
    expect([a.reserve(60), a.reserve(40), a.reserve(1)]).toEqual([true, true, false]);
  });
});

describe("a sender whose files each hold a parser for its whole time limit", () => {
  let s: TestServer;
  beforeAll(async () => { s = await testServer({parseTimeoutMs: 8000}); }, 60_000);
  afterAll(async () => { await s?.close(); });

  it("does not delay another sender's good file: it is answered before any of the slow files runs out of time", async () => {
    const slow = Array.from({length: 8}, (_, i) => ({name: `незакрытый-${i}.xlsx`, bytes: unclosedTags(i)}));
    const good = sample("forms/2024-Q1/omskiy_sosh_12.xlsx");
    const fromA = slow.map((f) => upload(s.url, s.csrf, [f], {}, {Cookie: "mentoring_session=a"}));
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    const fromB = await upload(s.url, s.csrf, [good], {}, {Cookie: "mentoring_session=b"});
    const waited = performance.now() - started;
    expect(fromB.body.files[0].status).toBe("accepted");
    // Stated bound: less than one parse time limit (8 s), i.e. it did not wait behind sender A.
    expect(waited).toBeLessThan(8000);
    const answers = await Promise.all(fromA);
    for (const r of answers) expect(r.body.files[0].status).toBe("rejected");
  }, 180_000);

  it("the same rejected bytes with the same options are answered at once from the stored outcome", async () => {
    const parsed = s.pool.parsed;
    const f = {name: "снова.xlsx", bytes: unclosedTags(0)};
    const first = (await s.store.read((c) => all<{upload_id: number}>(c,
      "SELECT upload_id FROM uploads WHERE file_name = 'незакрытый-0.xlsx'")))[0]!.upload_id;
    const started = performance.now();
    const again = await upload(s.url, s.csrf, [f], {}, {Cookie: "mentoring_session=a"});
    expect(performance.now() - started).toBeLessThan(2000);
    expect(again.body.files[0]).toMatchObject({file: "снова.xlsx", status: "rejected", uploadId: null, sameAs: first});
    expect(again.body.files[0].issues.length).toBeGreaterThan(0);
    expect(s.pool.parsed).toBe(parsed);
    // With another period the options differ: judged afresh.
    await upload(s.url, s.csrf, [f], {period: "2024-Q2"}, {Cookie: "mentoring_session=a"});
    expect(s.pool.parsed).toBe(parsed + 1);
  }, 60_000);
});

describe("a hundred concurrent 10 MB uploads against a running server", () => {
  let dir: string, server: ChildServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mentoring-storm-"));
    server = await childServer(join(dir, "m.duckdb"));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, {recursive: true, force: true});
  });

  it("each is answered or refused «сервер занят» with Retry-After; /healthz stays fast; memory stays bounded; nothing rejected is kept", async () => {
    const csrf = await server.csrf();
    // The same checks on the idle server first: the storm is judged against this machine as it is now.
    const calm = watchHealthApart(server.url, 100);
    await new Promise((r) => setTimeout(r, 3000));
    const baseline = median((await calm.stop()).map((c) => c.ms));
    const health = watchHealthApart(server.url, 100);
    const stormStarted = performance.now();
    let tree = 0;
    const sampler = setInterval(() => { tree = Math.max(tree, treeRssMb(server.child.pid!)); }, 100);
    const answers = await Promise.all(Array.from({length: 100}, (_, i) =>
      streamUpload(server.url, csrf, {name: `файл-${i}.xlsx`, size: 10_000_000, seed: i})));
    clearInterval(sampler);
    const stormSeconds = (performance.now() - stormStarted) / 1000;
    const checks = await health.stop();
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((st) => st !== 200 && st !== 503)).toEqual([]);
    const busy = answers.filter((a) => a.status === 503);
    const done = answers.filter((a) => a.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(6);
    for (const b of busy) {
      expect(b.body.error).toMatch(/^сервер занят, повторите через \d+ с\.$/);
      expect(Number(b.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    for (const d of done) expect(d.body.files[0]).toMatchObject({status: "rejected", issues: [expect.objectContaining({kind: "file/not-spreadsheet"})]});
    // Stated bounds, against this machine as it is (2 cores shared with other work): every check
    // answered; checks kept completing through the storm (at least one per 2 s); their median within
    // 250 ms plus five times the idle median. Memory: the server process under 400 MB, server and
    // parse children together under 800 MB. (Issue 13 measured /healthz at 14 s and 1.7 GB.)
    expect(checks.filter((c) => c.status !== 200)).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(Math.floor(stormSeconds / 2));
    expect(median(checks.map((c) => c.ms))).toBeLessThan(250 + 5 * baseline);
    expect(peakRssMb(server.child.pid!)).toBeLessThan(400);
    expect(tree).toBeLessThan(800);
    expect(readdirSync(join(dir, "uploads"))).toEqual([]);
    // A busy server still takes a good file once the storm has passed.
    const after = await upload(server.url, csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx")]);
    expect(after.body.files[0].status).toBe("accepted");
  }, 180_000);
});
