// `npx tsx bench/live.ts [seconds] [viewers] [uploaders]`: the live dashboards under load (issue 16
// «Benchmarks»). A real `mentoring serve --sample` (child process, fresh database) on the sample
// region; 50 viewers each keep one page open as the page's script does (GET /api/pages/<page>.json,
// then /api/status every 2 s and the page again when the data version changes, a stale answer asked
// again after 0.4 s), while 10 uploaders send new quarterly reports one after another. Reports the
// p50/p95 of page-data requests, the time from an accepted upload to page data of that version on
// each open engagement page, and the server's peak memory; writes bench/results/live.md.
// Targets: p95 of page data ≤ 300 ms; a new upload in page data ≤ 5 s; server memory bounded.
import {spawn} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {quarterFile, type SchoolSpec} from "../tests/helpers/region.ts";

const SECONDS = Number(process.argv[2] ?? 60);
const VIEWERS = Number(process.argv[3] ?? 50);
const UPLOADERS = Number(process.argv[4] ?? 10);
const PAGES = ["engagement", "overview", "diagnostics", "effectiveness"];

function startServer(db: string): Promise<{url: string; pid: number; stop: () => Promise<void>}> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards", "--sample"],
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

const status = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-live-"));
  const started0 = Date.now();
  const server = await startServer(join(dir, "m.duckdb"));
  const startS = (Date.now() - started0) / 1000;
  const {url, pid} = server;
  const csrf = ((await (await fetch(`${url}/api/session`)).json()) as {csrf: string}).csrf;
  // Warm: every page once (the first computation of each is not what a viewer waits for after that).
  const warm: Record<string, number> = {};
  for (const p of PAGES) {
    const t = Date.now();
    await (await fetch(`${url}/api/pages/${p}.json`)).text();
    warm[p] = Date.now() - t;
  }
  const requestMs: number[] = [];
  const requestMsByPage = new Map<string, number[]>(PAGES.map((p) => [p, []]));
  const accepted: Array<{at: number; version: number}> = [];
  const visible: number[] = [];
  let stop = false;
  let errors = 0;
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, status(pid, "VmRSS")); }, 200);

  async function viewer(i: number): Promise<void> {
    const page = PAGES[i % PAGES.length]!;
    let shown = -1;
    const seen = new Set<number>();
    const fetchPage = async () => {
      const t = Date.now();
      const body = JSON.parse(await (await fetch(`${url}/api/pages/${page}.json`)).text()) as {version: number};
      const ms = Date.now() - t;
      requestMs.push(ms);
      requestMsByPage.get(page)!.push(ms);
      if (page === "engagement") {
        for (const [k, a] of accepted.entries()) if (!seen.has(k) && a.version <= body.version) { seen.add(k); visible.push(Date.now() - a.at); }
      }
      return body.version;
    };
    await sleep(Math.random() * 2000);
    while (!stop && shown < 0) {
      try { shown = await fetchPage(); } catch { errors++; await sleep(2000); }
    }
    while (!stop) {
      await sleep(2000);
      try {
        const {dataVersion} = (await (await fetch(`${url}/api/status`)).json()) as {dataVersion: number};
        while (!stop && dataVersion !== shown) {
          shown = await fetchPage();
          if (shown !== dataVersion) await sleep(400);
          else break;
        }
      } catch {
        // A refused connection is counted, and the page polls again (as the page's script does).
        errors++;
      }
    }
  }

  let n = 0;
  async function uploader(u: number): Promise<void> {
    while (!stop) {
      const i = n++;
      const school: SchoolSpec = {m: ["Тарский", "Омский", "Саргатский"][i % 3]!, name: `МБОУ "Новая СОШ № ${100 + i}"`, students: 100 + i, teachers: 20 + (i % 9),
        forms: {2: [3, 10 + (i % 13)], 3: [2, 3]}};
      const bytes = await quarterFile("за I квартал 2024 г.", [school]);
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)]), `новая_${u}_${i}.xlsx`);
      let body: {files?: Array<{status: string}>} = {};
      try {
        body = (await (await fetch(`${url}/api/uploads`, {method: "POST", body: form, headers: {"X-CSRF-Token": csrf, Accept: "application/json"}})).json()) as typeof body;
      } catch {
        errors++;
      }
      const at = Date.now();
      if (body.files?.[0] && body.files[0].status !== "rejected") {
        const {dataVersion} = (await (await fetch(`${url}/api/status`)).json()) as {dataVersion: number};
        accepted.push({at, version: dataVersion});
      }
      await sleep(1000 + Math.random() * 2000);
    }
  }

  const load0 = loadavg()[0]!;
  const runs = [...Array.from({length: VIEWERS}, (_, i) => viewer(i)), ...Array.from({length: UPLOADERS}, (_, u) => uploader(u))];
  await sleep(SECONDS * 1000);
  stop = true;
  // Uploads accepted in the last seconds still get their chance to show.
  await Promise.all(runs);
  clearInterval(sampler);
  const hwm = status(pid, "VmHWM");
  await server.stop();
  rmSync(dir, {recursive: true, force: true});

  const f = (x: number) => Number.isFinite(x) ? x.toLocaleString("ru-RU", {maximumFractionDigits: 0}) : "—";
  const s = (x: number) => Number.isFinite(x) ? (x / 1000).toLocaleString("ru-RU", {maximumFractionDigits: 1}) : "—";
  const perPage = PAGES.map((p) => `| ${p} | ${requestMsByPage.get(p)!.length} | ${f(pct(requestMsByPage.get(p)!, 50))} | ${f(pct(requestMsByPage.get(p)!, 95))} | ${f(warm[p]!)} |`).join("\n");
  const md = `## Live dashboards: ${VIEWERS} viewers, ${UPLOADERS} uploaders (\`npx tsx bench/live.ts ${SECONDS} ${VIEWERS} ${UPLOADERS}\`)

A real \`mentoring serve --sample\` (child process, fresh database with the sample region; first start to listening ${s(startS * 1000)} s,
no dashboards build). ${VIEWERS} viewers keep a page open as its script does (page data, then /api/status every 2 s and the page data again on
a new data version); ${UPLOADERS} uploaders send new quarterly reports one after another for ${SECONDS} s (${accepted.length} accepted).
Machine: ${cpus().length} cores, load average ${load0.toFixed(1)} at the start (shared with other work).

| measure | value | target |
|---|---|---|
| page data requests (failed requests) | ${requestMs.length} (${errors}) | |
| p50 / p95 of page data, ms | ${f(pct(requestMs, 50))} / ${f(pct(requestMs, 95))} | p95 ≤ 300 |
| accepted upload → its version in an open engagement page's data, p50 / p95 / max, s | ${s(pct(visible, 50))} / ${s(pct(visible, 95))} / ${s(Math.max(...visible))} | ≤ 5 |
| server peak memory (VmHWM), MB | ${f(hwm)} (sampled RSS max ${f(peakRss)}) | bounded |

| page | requests | p50, ms | p95, ms | first computation, ms |
|---|---|---|---|---|
${perPage}

Page data is cached per data version, view and parameters (server/pageCache.ts): while a newer version is computed, viewers get the
previous answer at once and ask again 0.4 s later, so the upload-to-page time is about one poll interval plus one computation of the page.
`;
  mkdirSync("bench/results", {recursive: true});
  writeFileSync("bench/results/live.md", md);
  process.stdout.write(md);
}

await main();
