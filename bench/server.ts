// `npx tsx bench/server.ts [files] [runs]`: a 1,000-file batch through the HTTP API of a real
// `mentoring serve` (child process, fresh database each run), one file per request as the upload
// page sends them, 4 in flight. Reports total time, p50/p95 per file, the server's peak memory
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
const IN_FLIGHT = 4;

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

function startServer(db: string): Promise<{url: string; pid: number; stop: () => Promise<void>}> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards"],
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
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function run(files: Buffer[]): Promise<{totalS: number; p50: number; p95: number; max: number; peak: number; tree: number; accepted: number}> {
  const dir = mkdtempSync(join(tmpdir(), "mentoring-bench-server-"));
  const server = await startServer(join(dir, "m.duckdb"));
  try {
    const {csrf} = (await (await fetch(`${server.url}/api/session`)).json()) as {csrf: string};
    const latencies: number[] = [];
    let next = 0, accepted = 0, tree = 0;
    const sampler = setInterval(() => { tree = Math.max(tree, treeMb(server.pid)); }, 100);
    const started = performance.now();
    await Promise.all(Array.from({length: IN_FLIGHT}, async () => {
      for (let i; (i = next++) < files.length;) {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(files[i]!)]), `school-${i + 1}.xlsx`);
        const t = performance.now();
        const res = await fetch(`${server.url}/api/uploads?batch=bench`, {method: "POST", body: form, headers: {"X-CSRF-Token": csrf}});
        const body = (await res.json()) as {files: Array<{status: string}>};
        latencies.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        if (body.files[0]!.status === "accepted") accepted++;
      }
    }));
    const totalS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    return {totalS, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies), peak: peakMb(server.pid), tree, accepted};
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
    `(с процессами разбора ${res.tree.toFixed(0)} МБ), принято ${res.accepted}\n`);
  results.push(res);
}
const median = [...results].sort((a, b) => a.totalS - b.totalS)[Math.floor(results.length / 2)]!;
const ok = (v: boolean) => (v ? "✓" : "✗");
const section = `## Server: ${FILES}-file batch through the HTTP API

Command: \`npx tsx bench/server.ts ${FILES} ${RUNS}\` — a real \`mentoring serve --no-dashboards\` in a child process on a fresh
database per run; one quarterly report (one school, Forms 1–5, ${Math.round(files.reduce((a, b) => a + b.length, 0) / files.length / 1024)} KB) per
request, ${IN_FLIGHT} requests in flight, as the upload page sends them. Parsing in child processes (2 kept ready, a third on demand), writes
through the one write queue, files parsed meanwhile stored in the same transaction (group commit).
Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; load average (1 min) ${loadStart.toFixed(1)} at start,
${loadavg()[0]!.toFixed(1)} at end (the machine is shared: compare with a run of the previous version at the same time). Median of ${RUNS} runs (by total time).

| measure | result | target |
|---|---|---|
| total time, ${FILES} files | ${median.totalS.toFixed(1)} s | < ${(10 * FILES / 1000).toFixed(0)} s (issue 13; 10 s per 1,000) ${ok(median.totalS < 10 * FILES / 1000)} |
| per file, p50 | ${median.p50.toFixed(0)} ms | |
| per file, p95 | ${median.p95.toFixed(0)} ms | < 500 ms ${ok(median.p95 < 500)} |
| per file, max | ${median.max.toFixed(0)} ms | |
| server peak memory (VmHWM of the server process) | ${median.peak.toFixed(0)} MB | < 400 MB ${ok(median.peak < 400)} |
| server and parse children, highest sampled resident size | ${median.tree.toFixed(0)} MB | |
| files accepted | ${median.accepted} of ${FILES} | all |

All runs: ${results.map((r) => `${r.totalS.toFixed(1)} s / p95 ${r.p95.toFixed(0)} ms / ${r.peak.toFixed(0)} MB (${r.tree.toFixed(0)} MB with children)`).join("; ")}.
The dashboards' rebuild (Observable Framework, ~20–25 s) is not in these figures: the server runs it once after the batch settles.
`;
mkdirSync("bench/results", {recursive: true});
writeFileSync("bench/results/server.md", section);
process.stdout.write(section);
