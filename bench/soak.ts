// `npx tsx bench/soak.ts [--minutes 30]`: a soak test of `mentoring serve` (issue 13 «Done when»).
// For the given time a real server (child process, fresh database) gets what a quarter's last day
// brings: three schools' senders uploading one file per request — new reports, the same bytes
// again, files with issues, files that are no workbook —, one sender of hostile files (a merge over
// the whole sheet, 200,000 merges, unclosed tags, a 10 KB string quoted by 4,000 issues, a zip
// bomb), and two readers viewing the pages, the history, the JSON API and the exports (the annual
// PDF once a minute). Every few seconds the server's resident memory (and with its parse children),
// the database's size and the originals' folder are recorded. Writes bench/results/soak.md: memory
// over time, latency p50/p95/max per kind of request, failures, database size, and a check of the
// database after a clean stop.
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {quarterFile} from "../tests/helpers/region.ts";
import {manyMerges, sharedStringAmplifier, unclosedTags, wholeSheetMerge} from "../tests/helpers/hostile.ts";
import {makeZip, workbookEntries} from "../tests/helpers/zip.ts";
import {prng} from "../scripts/prng.ts";
import {projectSettings} from "../tests/helpers/settings.ts";

const {values} = parseArgs({options: {minutes: {type: "string", default: "30"}, "no-write": {type: "boolean", default: false}}});
const MINUTES = Number(values.minutes);
const rnd = prng(2026);
const log = (s: string) => process.stderr.write(`${s}\n`);

// ── the server ──────────────────────────────────────────────────────────────────────────────

function startServer(db: string): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards"],
    {stdio: ["ignore", "pipe", "ignore"]});
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /Сервер запущен: (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({url: m[1]!, child});
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const rssMb = (pid: number) => {
  try { return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024; } catch { return 0; }
};
const kids = (pid: number): number[] => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch { return []; }
};
const isChromium = (pid: number) => {
  try { return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chromium"); } catch { return false; }
};
/** Resident size of the server and its parse children; Chromium (while a PDF renders) apart. */
function treeMb(pid: number): {parse: number; chromium: number} {
  const out = {parse: 0, chromium: 0};
  for (const queue = [pid]; queue.length;) {
    const p = queue.pop()!;
    if (p !== pid && isChromium(p)) out.chromium += rssMb(p); else out.parse += rssMb(p);
    queue.push(...kids(p));
  }
  return out;
}
const sizeMb = (paths: string[]) => paths.reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0) / 1048576;
const dirMb = (dir: string) => (existsSync(dir) ? sizeMb(readdirSync(dir).map((f) => join(dir, f))) : 0);

// ── what is sent ────────────────────────────────────────────────────────────────────────────

const QUARTERS = ["I", "II", "III", "IV"];
let nextSchool = 0;
const sentGood: Buffer[] = [];

/** A new school report: one school of one district, a quarter of 2024 or 2025. */
async function newReport(): Promise<Buffer> {
  const i = nextSchool++;
  const q = QUARTERS[i % 4]!, year = 2024 + (Math.floor(i / 4) % 2);
  return quarterFile(`за ${q} квартал ${year} г.`, [{m: ["Тарский", "Омский", "Саргатский"][i % 3]!, name: `СОШ № ${Math.floor(i / 8) + 1}`,
    students: 80 + (i % 400), teachers: 10 + (i % 50), forms: {2: [3 + (i % 9), 10 + (i % 17)], 3: [2 + (i % 5), 2 + (i % 4)]}}]);
}

/** A report with issues: a count that is not a number and a total that does not add up. */
function withIssues(i: number): Promise<Buffer> {
  return quarterFile("за II квартал 2025 г.", [{m: "Омский", name: `Лицей № ${i}`, students: 200, teachers: 30,
    forms: {2: [`около ${i % 40}`, 12], 3: ["пять", 2]}}]);
}

const BAD = [
  () => Buffer.from("Муниципальный район;ОО;Численность\nТарский;СОШ № 1;85\n"),
  () => Buffer.from(`%PDF-1.4 ${"x".repeat(2000)}`),
  () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)])
];

/**
 * Hostile files, two of each kind (made before the run: building them blocks this process for
 * seconds, and a connection idle that long is closed under the client). Sent in turn, so from the
 * third round on each is answered from the server's memory of rejected bytes.
 */
async function hostile(k: number): Promise<{what: string; bytes: Buffer}> {
  switch (k % 5) {
    case 0: return {what: "merge A1:XFD1048576", bytes: await wholeSheetMerge()};
    case 1: return {what: "200,000 merges", bytes: await manyMerges(200_000 + k)};
    case 2: return {what: "unclosed tags", bytes: unclosedTags(k)};
    case 3: return {what: "10 KB string × 4,000 issues", bytes: sharedStringAmplifier(k)};
    default: return {what: "zip bomb", bytes: makeZip(workbookEntries("<worksheet><sheetData/></worksheet>",
      [{name: `xl/worksheets/sheet${k}.xml`, data: Buffer.alloc(40 * 1024 * 1024, 0x20)}]))};
  }
}

// ── measurements ────────────────────────────────────────────────────────────────────────────

interface Sample { op: string; ms: number; status: number }
const samples: Sample[] = [];
const statuses = new Map<string, number>();
let failures = 0, refused = 0;

async function timed(op: string, f: () => Promise<Response>): Promise<Response | null> {
  const t = performance.now();
  try {
    const res = await f();
    await res.arrayBuffer();
    samples.push({op, ms: performance.now() - t, status: res.status});
    statuses.set(`${res.status}`, (statuses.get(`${res.status}`) ?? 0) + 1);
    if (res.status >= 500 && res.status !== 503) failures++;
    if (res.status === 503) refused++;
    return res;
  } catch {
    failures++;
    samples.push({op, ms: performance.now() - t, status: 0});
    statuses.set("network error", (statuses.get("network error") ?? 0) + 1);
    return null;
  }
}

function post(url: string, csrf: string, name: string, bytes: Buffer, session: string): Promise<Response> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${url}/api/uploads?batch=soak-${session}`, {method: "POST", body: form,
    headers: {"X-CSRF-Token": csrf, Accept: "application/json", Cookie: `mentoring_session=${session}`}});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── the run ─────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  log("preparing hostile files …");
  const hostiles: Array<{what: string; bytes: Buffer}> = [];
  for (let k = 0; k < 10; k++) hostiles.push(await hostile(k));
  const dir = mkdtempSync(join(tmpdir(), "mentoring-soak-"));
  const db = join(dir, "m.duckdb");
  const loadStart = loadavg()[0]!;
  const {url, child} = await startServer(db);
  const csrf = ((await (await fetch(`${url}/api/session`)).json()) as {csrf: string}).csrf;
  const end = Date.now() + MINUTES * 60_000;
  const started = Date.now();
  const timeline: Array<{minute: number; rss: number; tree: number; dbMb: number; originalsMb: number; uploads: number}> = [];
  let uploads = 0, rssMax = 0, treeMax = 0, chromiumMax = 0;
  const sample = () => {
    const rss = rssMb(child.pid!), t = treeMb(child.pid!);
    rssMax = Math.max(rssMax, rss);
    treeMax = Math.max(treeMax, t.parse);
    chromiumMax = Math.max(chromiumMax, t.chromium);
    return {rss, tree: t.parse};
  };
  const sampler = setInterval(() => {
    const {rss, tree} = sample();
    const minute = (Date.now() - started) / 60_000;
    if (timeline.length === 0 || minute - timeline.at(-1)!.minute >= Math.max(1, MINUTES / 30)) {
      timeline.push({minute, rss, tree, dbMb: sizeMb([db, `${db}.wal`]), originalsMb: dirMb(join(dir, "uploads")), uploads});
    }
  }, 2000);

  const senders = ["school-a", "school-b", "school-c"].map(async (session, s) => {
    for (let n = 0; Date.now() < end; n++) {
      const roll = rnd();
      let op: string, name: string, bytes: Buffer;
      if (roll < 0.55 || sentGood.length === 0) { op = "upload new report"; name = `отчёт-${s}-${n}.xlsx`; bytes = await newReport(); sentGood.push(bytes); }
      else if (roll < 0.7) { op = "upload same bytes again"; name = `копия-${s}-${n}.xlsx`; bytes = sentGood[Math.floor(rnd() * sentGood.length)]!; }
      else if (roll < 0.85) { op = "upload report with issues"; name = `замечания-${s}-${n}.xlsx`; bytes = await withIssues(s * 100000 + n); }
      else { op = "upload not a workbook"; name = `не-книга-${s}-${n}.xlsx`; bytes = BAD[n % BAD.length]!(); }
      const res = await timed(op, () => post(url, csrf, name, bytes, session));
      if (res?.status === 200) uploads++;
      if (res?.status === 503) await sleep(1000 * Number(res.headers.get("retry-after") ?? 1));
      await sleep(100 + rnd() * 400);
    }
  });
  const attacker = (async () => {
    for (let k = 0; Date.now() < end; k++) {
      const h = hostiles[k % hostiles.length]!;
      await timed(`hostile: ${h.what}`, () => post(url, csrf, `h-${k}.xlsx`, h.bytes, "hostile"));
      await sleep(15_000);
    }
  })();
  const PAGES = ["/upload", "/history", "/exports", "/api/history", "/api/status", "/api/history?before=200", "/exports/engagement.xlsx?period=2024-Q1",
    "/api/annual?year=2024"];
  const readers = [0, 1].map(async (r) => {
    for (let k = 0; Date.now() < end; k++) {
      const path = PAGES[(k + r) % PAGES.length]!;
      await timed(`view ${path.replace(/\?.*$/, "")}`, () => fetch(`${url}${path}`, {headers: {"Sec-Fetch-Site": "same-origin"}}));
      await sleep(300 + rnd() * 700);
    }
  });
  const pdf = (async () => {
    while (Date.now() < end) {
      await timed("export annual.pdf", () => fetch(`${url}/exports/annual.pdf?year=2024`, {headers: {"Sec-Fetch-Site": "same-origin"}}));
      await sleep(60_000);
    }
  })();
  const health = (async () => {
    while (Date.now() < end) {
      await timed("healthz", () => fetch(`${url}/healthz`));
      await sleep(1000);
    }
  })();
  const progress = setInterval(() => log(`soak: ${((Date.now() - started) / 60_000).toFixed(1)} min, uploads ${uploads}, ` +
    `RSS ${rssMb(child.pid!).toFixed(0)} MB (with parse children ${treeMb(child.pid!).parse.toFixed(0)} MB), failures ${failures}`), 60_000);
  await Promise.all([...senders, attacker, ...readers, pdf, health]);
  clearInterval(progress);
  clearInterval(sampler);
  const last = sample();
  timeline.push({minute: (Date.now() - started) / 60_000, ...last, dbMb: sizeMb([db, `${db}.wal`]), originalsMb: dirMb(join(dir, "uploads")), uploads});
  const status = (await (await fetch(`${url}/api/status`)).json()) as {parsing: Record<string, number>};
  await new Promise<void>((done) => { child.once("exit", () => done()); child.kill("SIGTERM"); });
  const after = await checkDatabase(db);
  const loadEnd = loadavg()[0]!;
  rmSync(dir, {recursive: true, force: true});
  report({loadStart, loadEnd, timeline, rssMax, treeMax, chromiumMax, status: status.parsing, after});
}

/** After a clean stop: the database opens, its counts, and the engagement report still computes. */
async function checkDatabase(db: string): Promise<Record<string, number | string>> {
  const {Store, all} = await import("../store/database.ts");
  const {engagementReport} = await import("../reports/engagement.ts");
  const store = await Store.open(db);
  try {
    const rows = await store.read((c) => all<{status: string; n: number}>(c, "SELECT status, count(*)::INTEGER AS n FROM uploads GROUP BY 1 ORDER BY 1"));
    const issues = await store.read((c) => all<{n: number; longest: number | null}>(c, "SELECT count(*)::INTEGER AS n, max(length(value))::INTEGER AS longest FROM issues"));
    const report = await engagementReport(store, projectSettings(), {period: "2024-Q1"});
    return {...Object.fromEntries(rows.map((r) => [r.status, r.n])), issues: issues[0]!.n, "longest quoted value": issues[0]!.longest ?? 0,
      "schools in 2024-Q1": report.schools.length, "database size after stop, MB": Number(sizeMb([db, `${db}.wal`]).toFixed(1))};
  } finally {
    await store.close();
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
}

function report(o: {loadStart: number; loadEnd: number; timeline: Array<{minute: number; rss: number; tree: number; dbMb: number; originalsMb: number; uploads: number}>;
  rssMax: number; treeMax: number; chromiumMax: number; status: Record<string, number>; after: Record<string, number | string>}): void {
  const ops = [...new Set(samples.map((s) => s.op))].sort();
  const f0 = (x: number) => x.toFixed(0);
  const lines: string[] = [];
  lines.push("## Server soak: mixed uploads and page views", "");
  lines.push(`Command: \`npx tsx bench/soak.ts --minutes ${MINUTES}\` — a real \`mentoring serve --no-dashboards\` (child process, fresh database) ` +
    `for ${MINUTES} minutes: three senders uploading one file per request (55 % new reports, 15 % the same bytes again, 15 % reports with ` +
    "issues, 15 % files that are no workbook; 0.1–0.5 s apart), one sender of hostile files every 15 s (a merge over the whole sheet, " +
    "200,000 merges, unclosed tags, a 10 KB string quoted by 4,000 issues, a 40 MB zip bomb; two of each, in turn, so after the first " +
    "round they are answered from the memory of rejected bytes), two readers viewing " +
    "pages, the history, the JSON API and the XLSX export (0.3–1 s apart), the annual report's PDF once a minute, /healthz every second.");
  lines.push(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; load average (1 min) ${o.loadStart.toFixed(1)} at ` +
    `start, ${o.loadEnd.toFixed(1)} at end (shared machine). ${new Date().toISOString().slice(0, 10)}.`, "");
  lines.push("| measure | result |", "|---|---|");
  lines.push(`| requests | ${samples.length} (${[...statuses].map(([k, v]) => `${k}: ${v}`).join(", ")}) |`);
  lines.push(`| failures (5xx other than 503, or no answer) | ${failures} |`);
  lines.push(`| refused busy (503 with Retry-After) | ${refused} |`);
  lines.push(`| server resident memory, highest (VmRSS sampled every 2 s) | ${f0(o.rssMax)} MB |`);
  lines.push(`| server with its parse children, highest | ${f0(o.treeMax)} MB |`);
  lines.push(`| Chromium while the PDF renders (one at a time), highest | ${f0(o.chromiumMax)} MB |`);
  lines.push(`| parse children replaced (memory, time, crash) | ${o.status.workerRestarts ?? "?"} |`);
  lines.push(`| files parsed by the children | ${o.status.filesParsed ?? "?"} |`);
  for (const [k, v] of Object.entries(o.after)) lines.push(`| database after a clean stop: ${k} | ${v} |`);
  lines.push("");
  lines.push("| request | count | p50 | p95 | max | not 200 |", "|---|---|---|---|---|---|");
  for (const op of ops) {
    const s = samples.filter((x) => x.op === op);
    const ms = s.map((x) => x.ms);
    lines.push(`| ${op} | ${s.length} | ${f0(quantile(ms, 0.5))} ms | ${f0(quantile(ms, 0.95))} ms | ${f0(Math.max(...ms))} ms | ` +
      `${s.filter((x) => x.status !== 200).length} |`);
  }
  lines.push("", "Over time:", "", "| minute | uploads answered | server RSS | with parse children | database (file + WAL) | kept originals |", "|---|---|---|---|---|---|");
  for (const t of o.timeline) {
    lines.push(`| ${t.minute.toFixed(1)} | ${t.uploads} | ${f0(t.rss)} MB | ${f0(t.tree)} MB | ${t.dbMb.toFixed(1)} MB | ${t.originalsMb.toFixed(1)} MB |`);
  }
  const md = `${lines.join("\n")}\n`;
  process.stdout.write(md);
  if (!values["no-write"]) {
    mkdirSync("bench/results", {recursive: true});
    writeFileSync("bench/results/soak.md", md);
  }
}

main().catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
