// `npx tsx bench/server.ts [files] [runs]`: a 1,000-file batch through the HTTP API of a real
// `mentoring serve` (child process, fresh database each run), sent as the upload page sends them
// (server/pages/assets/upload.js: small files several to a request, a few requests in flight; the
// numbers are read from that script). Reports total time, p50/p95 per file, the server's peak memory
// (VmHWM of its process) and the highest sampled resident size of the server with its parse
// children, and writes bench/results/server.md.
// Targets: issue 8 — under 3 minutes, p95 under 500 ms per file, under 400 MB; issue 13 §5 — 1,000
// files under 10 s, server memory under 400 MB.
import {spawn} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {loadavg} from "node:os";
import {cpus, tmpdir} from "node:os";
import {join} from "node:path";
import {quarterFile, type SchoolSpec} from "../tests/helpers/region.ts";

const FILES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);
/** How the upload page groups files: read from its script, so the benchmark sends as a person's browser does. */
function pageGrouping(): {files: number; bytes: number; inFlight: number} {
  const script = readFileSync("server/pages/assets/upload.js", "utf8");
  const constant = (name: string) => {
    const m = new RegExp(`const ${name} = ([\\d *]+);`).exec(script);
    if (!m) throw new Error(`${name} not found in upload.js`);
    return m[1]!.split("*").reduce((a, b) => a * Number(b.trim()), 1);
  };
  return {files: constant("GROUP_FILES"), bytes: constant("GROUP_BYTES"), inFlight: constant("REQUESTS_AT_ONCE")};
}
const GROUPING = pageGrouping();
const IN_FLIGHT = GROUPING.inFlight;

/** Files in the page's groups: up to GROUP_FILES and GROUP_BYTES each (a larger file alone), in order. */
function groups(files: Buffer[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [], bytes = 0;
  files.forEach((f, i) => {
    if (cur.length && (cur.length >= GROUPING.files || bytes + f.length > GROUPING.bytes)) { out.push(cur); cur = []; bytes = 0; }
    cur.push(i);
    bytes += f.length;
  });
  if (cur.length) out.push(cur);
  return out;
}

const municipalities = ["Саргатский", "Тарский", "Омский"];

/** One school's quarterly report per file, as schools send them (Form 1 and Forms 2–5). */
async function makeFiles(n: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const school: SchoolSpec = {m: municipalities[i % 3]!, name: `МБОУ "СОШ № ${i + 1}"`, students: 80 + (i % 300), teachers: 12 + (i % 40),
      forms: {2: [3 + (i % 7), 10 + (i % 13)], 3: [2 + (i % 5), 2 + (i % 4)], 4: [`${1 + (i % 3)} студента 2 курса`, 4], 5: [`${1 + (i % 2)} Менеджер`, 3]}};
    out.push(await quarterFile(`за ${["I", "II", "III", "IV"][i % 4]} квартал 2024 г.`, [school]));
  }
  return out;
}

/** BENCH_SERVER_NODE_ARGS: extra Node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it). */
function startServer(db: string): Promise<{url: string; pid: number; stop: () => Promise<void>}> {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), "--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards"],
    {stdio: ["ignore", "pipe", "ignore"]});
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /Сервер запущен: (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({url: m[1]!, pid: child.pid!, stop: () => new Promise((done) => { child.once("exit", () => done()); child.kill("SIGTERM"); })});
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Resident size of a process and all it started (the parse children), MB. */
function treeMb(pid: number): number {
  const rss = (p: number) => { try { return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) / 1024; } catch { return 0; } };
  const kids = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch { return []; }
  };
  let total = 0;
  for (const queue = [pid]; queue.length;) { const p = queue.pop()!; total += rss(p); queue.push(...kids(p)); }
  return total;
}
/** CPU seconds (user + system) of a process and, separately, of everything it started (live or reaped). */
function cpuSeconds(pid: number): {own: number; children: number} {
  const tick = 100; // USER_HZ on Linux
  const fields = (p: number) => { try { return readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ").map(Number); } catch { return null; } };
  const kids = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch { return []; }
  };
  const f = fields(pid);
  if (!f) return {own: 0, children: 0};
  // After the command and state, field 14 of stat is the 12th: utime, stime, cutime, cstime.
  let children = (f[13]! + f[14]!) / tick;
  for (const queue = kids(pid); queue.length;) {
    const p = queue.pop()!;
    const g = fields(p);
    if (g) children += (g[11]! + g[12]! + g[13]! + g[14]!) / tick;
    queue.push(...kids(p));
  }
  return {own: (f[11]! + f[12]!) / tick, children};
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

interface RunResult {
  totalS: number; p50: number; p95: number; max: number; peak: number; tree: number; accepted: number;
  /** Parse children started during the run, the first ones included. */
  childrenStarted: number;
  /** CPU seconds during the batch: the server's own, its parse children's, this client's. */
  cpu: {server: number; children: number; client: number};
}

async function run(files: Buffer[]): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), "mentoring-bench-server-"));
  const server = await startServer(join(dir, "m.duckdb"));
  try {
    const {csrf} = (await (await fetch(`${server.url}/api/session`)).json()) as {csrf: string};
    const latencies: number[] = [];
    let next = 0, accepted = 0, tree = 0;
    const sampler = setInterval(() => { tree = Math.max(tree, treeMb(server.pid)); }, 100);
    const cpuBefore = cpuSeconds(server.pid), clientBefore = process.cpuUsage();
    const started = performance.now();
    const requests = groups(files);
    await Promise.all(Array.from({length: IN_FLIGHT}, async () => {
      for (let g; (g = next++) < requests.length;) {
        const form = new FormData();
        for (const i of requests[g]!) form.append("file", new Blob([new Uint8Array(files[i]!)]), `school-${i + 1}.xlsx`);
        const t = performance.now();
        const res = await fetch(`${server.url}/api/uploads?batch=bench`, {method: "POST", body: form, headers: {"X-CSRF-Token": csrf}});
        const body = (await res.json()) as {files: Array<{status: string}>};
        // Each file's answer comes with its request's.
        for (const _ of requests[g]!) latencies.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        accepted += body.files.filter((f) => f.status === "accepted").length;
      }
    }));
    const totalS = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(server.pid), client = process.cpuUsage(clientBefore);
    const status = (await (await fetch(`${server.url}/api/status`)).json()) as {parsing: {childrenStarted: number}};
    clearInterval(sampler);
    return {totalS, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies), peak: peakMb(server.pid), tree, accepted,
      childrenStarted: status.parsing.childrenStarted,
      cpu: {server: cpuAfter.own - cpuBefore.own, children: cpuAfter.children - cpuBefore.children, client: (client.user + client.system) / 1e6}};
  } finally {
    await server.stop();
    rmSync(dir, {recursive: true, force: true});
  }
}

process.stderr.write(`Готовлю ${FILES} файлов…\n`);
const files = await makeFiles(FILES);
const loadStart = loadavg()[0]!;
const results = [];
for (let r = 0; r < RUNS; r++) {
  const res = await run(files);
  process.stderr.write(`прогон ${r + 1}: ${res.totalS.toFixed(1)} с, p50 ${res.p50.toFixed(0)} мс, p95 ${res.p95.toFixed(0)} мс, пик ${res.peak.toFixed(0)} МБ ` +
    `(с процессами разбора ${res.tree.toFixed(0)} МБ), принято ${res.accepted}; процессор: сервер ${res.cpu.server.toFixed(1)} с, ` +
    `разбор ${res.cpu.children.toFixed(1)} с, клиент ${res.cpu.client.toFixed(1)} с; процессов разбора запущено ${res.childrenStarted}\n`);
  results.push(res);
}
const median = [...results].sort((a, b) => a.totalS - b.totalS)[Math.floor(results.length / 2)]!;
const ok = (v: boolean) => (v ? "✓" : "✗");
const section = `## Server: ${FILES}-file batch through the HTTP API

Command: \`npx tsx bench/server.ts ${FILES} ${RUNS}\` — a real \`mentoring serve --no-dashboards\` in a child process on a fresh
database per run; one quarterly report per school (Forms 1–5, ${Math.round(files.reduce((a, b) => a + b.length, 0) / files.length / 1024)} KB), sent as the upload page
sends them (server/pages/assets/upload.js): up to ${GROUPING.files} files and ${GROUPING.bytes / 1048576} MB per request, ${IN_FLIGHT} requests in flight. Parsing in child processes (2 kept ready, a third on demand), writes
through the one write queue, files parsed meanwhile stored in the same transaction (group commit).
Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; load average (1 min) ${loadStart.toFixed(1)} at start,
${loadavg()[0]!.toFixed(1)} at end (the machine is shared: compare with a run of the previous version at the same time). Median of ${RUNS} runs (by total time).

| measure | result | target |
|---|---|---|
| total time, ${FILES} files | ${median.totalS.toFixed(1)} s | < ${(10 * FILES / 1000).toFixed(0)} s (issue 13; 10 s per 1,000) ${ok(median.totalS < 10 * FILES / 1000)} |
| per file (its request's answer), p50 | ${median.p50.toFixed(0)} ms | |
| per file, p95 | ${median.p95.toFixed(0)} ms | < 500 ms ${ok(median.p95 < 500)} |
| per file, max | ${median.max.toFixed(0)} ms | |
| server peak memory (VmHWM of the server process) | ${median.peak.toFixed(0)} MB | < 400 MB ${ok(median.peak < 400)} |
| server and parse children, highest sampled resident size | ${median.tree.toFixed(0)} MB | |
| files accepted | ${median.accepted} of ${FILES} | all |
| CPU time: server process (its main thread and DuckDB's threads) | ${median.cpu.server.toFixed(1)} s (${(median.cpu.server / FILES * 1000).toFixed(1)} ms per file) | |
| CPU time: parse children | ${median.cpu.children.toFixed(1)} s (${(median.cpu.children / FILES * 1000).toFixed(1)} ms per file) | |
| parse children started (the first 2 included; extra ones on demand, replacements) | ${median.childrenStarted} | |
| CPU time: this benchmark's client (building requests, reading answers) | ${median.cpu.client.toFixed(1)} s | |

All runs: ${results.map((r) => `${r.totalS.toFixed(1)} s / p95 ${r.p95.toFixed(0)} ms / ${r.peak.toFixed(0)} MB (${r.tree.toFixed(0)} MB with children)`).join("; ")}.
The dashboards' rebuild (Observable Framework, ~20–25 s) is not in these figures: the server runs it once after the batch settles.
`;
mkdirSync("bench/results", {recursive: true});
writeFileSync("bench/results/server.md", section);
process.stdout.write(section);
