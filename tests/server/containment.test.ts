// Issue 13 §1, §4: parsing that cannot take the server with it. Hostile files against a running
// `mentoring serve` (a child process, so its memory is its own): the parse child that runs out of
// memory dies, the server goes on answering, the file is rejected «слишком сложен для разбора», and
// a good file sent afterwards is accepted promptly. kill -9 of a parse child mid-file, a child that
// cannot start, and where the child's script comes from.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {childServer, descendants, peakRssMb, rssMb, sample, testServer, upload, watchHealth, type ChildServer} from "./helpers.ts";
import {manyMerges, slowSheet, wholeSheetMerge} from "../helpers/hostile.ts";
import {all} from "../../store/database.ts";

const good = () => sample("forms/2024-Q1/omskiy_sosh_12.xlsx");

describe("files that exhaust a parser's memory, against a running server", () => {
  let dir: string, server: ChildServer, csrf: string;
  // Made before any request: building them blocks this process for seconds, and a kept-alive
  // connection idle that long is closed by the server under the client.
  const files = new Map<string, Buffer>();
  beforeAll(async () => {
    files.set("merge", await wholeSheetMerge());
    files.set("merges", await manyMerges(700_000));
    dir = mkdtempSync(join(tmpdir(), "mentoring-contain-"));
    server = await childServer(join(dir, "m.duckdb"));
    csrf = await server.csrf();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, {recursive: true, force: true});
  });

  // Since the readers check a sheet's geometry before allocating (loaders/formats, issue 13 §1),
  // neither file exhausts a parser any more: the sheet-wide merge is clamped to the sheet's cells and
  // the report is read as it is; 700,000 merges are past the merge budget and refused at once. A
  // child that does run out of memory is the kill -9 case below (the supervisor's side).
  for (const [what, make, size, after, expected] of [
    ["the 11 KB report with one merged range A1:XFD1048576", "merge", [5, 20], "forms/2024-Q1/omskiy_sosh_12.xlsx", "read"],
    ["a report with 700,000 small merges", "merges", [2500, 6000], "forms/2024-Q1/omskiy_druzhinskaya.xlsx", "refused"]
  ] as const) {
    it(`${what}: answered (${expected === "read" ? "read as the report it is" : "refused as too large"}), /healthz answers throughout, a good file right after is accepted`, async () => {
      const bytes = files.get(make)!;
      expect(bytes.length / 1024).toBeGreaterThan(size[0]);
      expect(bytes.length / 1024).toBeLessThan(size[1]);
      const health = watchHealth(server.url, 50);
      const r = await upload(server.url, csrf, [{name: "отчёт.xlsx", bytes}]);
      const seen = await health.stop();
      expect(r.status).toBe(200);
      if (expected === "read") {
        expect(r.body.files[0]).toMatchObject({kind: "forms", period: "2024-Q1", uploadId: expect.any(Number)});
        expect(["accepted", "accepted_with_remarks"]).toContain(r.body.files[0].status);
      } else {
        expect(r.body.files[0]).toMatchObject({status: "rejected", uploadId: expect.any(Number)});
        expect(r.body.files[0].issues).toHaveLength(1);
        expect(r.body.files[0].issues[0].kind).toBe("file/sheet-too-large");
      }
      // The server answered every health check while the file was parsed.
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((h) => h.status !== 200)).toEqual([]);
      // Promptly: a good file right after is parsed by a ready child. Bound generous for a shared machine.
      const started = performance.now();
      const next = await upload(server.url, csrf, [sample(after)]);
      expect(next.body.files[0].status).toBe("accepted");
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(peakRssMb(server.child.pid!)).toBeLessThan(300);
    }, 90_000);
  }

  it("keeps no original of the refused file", async () => {
    const kept = readdirSync(join(dir, "uploads"));
    // The report read with its clamped merge and the two good files; nothing of the refused one.
    expect(kept).toHaveLength(3);
  });
});

describe("kill -9 of a parse child in the middle of a file", () => {
  it("answers that file as rejected, replaces the child, and parses the next file", async () => {
    const s = await testServer({workers: 1, maxWorkers: 1, parseTimeoutMs: 60_000});
    try {
      const big = slowSheet(45_000);
      const pending = upload(s.url, s.csrf, [{name: "большой.xlsx", bytes: big}]);
      let victim: number | undefined;
      for (let i = 0; i < 400 && victim === undefined; i++) {
        victim = s.pool.busyPids[0];
        if (victim === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      expect(victim).toBeDefined();
      process.kill(victim!, "SIGKILL");
      const r = await pending;
      expect(r.body.files[0]).toMatchObject({status: "rejected"});
      expect(r.body.files[0].issues[0]).toMatchObject({kind: "file/too-complex"});
      expect(r.body.files[0].issues[0].message).toContain("его разбор был прерван");
      expect(s.pool.restarts).toBe(1);
      expect(s.pool.pids).not.toContain(victim);
      const next = await upload(s.url, s.csrf, [good()]);
      expect(next.body.files[0].status).toBe("accepted");
      // A killed child says nothing lasting about the bytes: sent again, they are parsed again.
      const parsedBefore = s.pool.parsed;
      await upload(s.url, s.csrf, [{name: "большой.xlsx", bytes: big}]);
      expect(s.pool.parsed).toBe(parsedBefore + 1);
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe("a parse child that dies at start", () => {
  it("is not restarted in a loop: files are refused at once, nothing is stored, the server answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-dying-"));
    const script = join(dir, "dies.mjs");
    writeFileSync(script, "process.exit(3);\n");
    const s = await testServer({childEntry: {path: script, tsx: false, version: "dies", dir: null}});
    try {
      const started = performance.now();
      const r = await upload(s.url, s.csrf, [good()]);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(r.body.files[0]).toMatchObject({status: "rejected", uploadId: null});
      expect(r.body.files[0].issues[0]).toMatchObject({kind: "file/parse-failed"});
      expect(r.body.files[0].issues[0].message).toContain("не может разбирать файлы");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const spawned = s.pool.started;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(s.pool.started).toBe(spawned);
      expect(spawned).toBeLessThanOrEqual(4);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect(await s.store.read((c) => all(c, "SELECT * FROM uploads"))).toEqual([]);
    } finally {
      await s.close();
      rmSync(dir, {recursive: true, force: true});
    }
  }, 60_000);
});

describe("the parse child's script", () => {
  it("is written fresh to a private folder (0700, file 0600) made at start and removed at close, never taken from a shared path", async () => {
    // A file at the path the old worker used would have been executed if it existed.
    const trap = join(tmpdir(), "mentoring-parse-worker-0000000000000000.mjs");
    const marker = join(tmpdir(), `mentoring-trap-${process.pid}`);
    writeFileSync(trap, `import {writeFileSync} from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
    const [a, b] = [await testServer(), await testServer()];
    try {
      for (const s of [a, b]) {
        const entry = s.pool.entry;
        expect(entry.tsx).toBe(false);
        expect(entry.dir).not.toBeNull();
        expect(entry.path.startsWith(entry.dir! + "/")).toBe(true);
        expect(statSync(entry.dir!).mode & 0o777).toBe(0o700);
        expect(statSync(entry.path).mode & 0o777).toBe(0o600);
        expect(statSync(entry.dir!).uid).toBe(process.getuid!());
      }
      expect(a.pool.entry.dir).not.toBe(b.pool.entry.dir);
      const r = await upload(a.url, a.csrf, [good()]);
      expect(r.body.files[0].status).toBe("accepted");
      expect(existsSync(marker)).toBe(false);
      // The children run that file, under their memory limits.
      for (const pid of a.pool.pids) expect(rssMb(pid)).toBeGreaterThan(0);
    } finally {
      const dirs = [a.pool.entry.dir!, b.pool.entry.dir!];
      await a.close();
      await b.close();
      for (const d of dirs) expect(existsSync(d)).toBe(false);
      rmSync(trap, {force: true});
    }
  }, 60_000);
});
