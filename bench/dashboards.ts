// Benchmark of issue 7 §2: the dashboards' build time on the sample and each page's time to
// interactive in Chromium.
//
//   npx tsx bench/dashboards.ts [--runs 3] [--no-write]
//
// Loads data/sample into a fresh temporary database and snapshots it (not timed), then runs the
// build `--runs` times, each in a child process under /usr/bin/time so that the peak memory is
// that of the build (Framework and its data loaders); loader outputs are cleared before each run,
// so every run executes every loader. Then opens each page `--runs` times in Chromium and times
// from navigation to its last chart or table being in the page. Prints a Markdown section and
// writes it to bench/results/dashboards.md.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {createServer} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {cpus, tmpdir} from "node:os";
import {extname, join, normalize} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {chromium} from "playwright-core";
import {Store} from "../store/database.ts";
import {writeSnapshot} from "../store/snapshot.ts";
import {ingestSample} from "../loaders/sample.ts";

const ROOT = join(fileURLToPath(import.meta.url), "../..");
const {values} = parseArgs({options: {runs: {type: "string", default: "3"}, "no-write": {type: "boolean"}}});
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => (ms / 1000).toFixed(1).replace(".", ",");

const work = mkdtempSync(join(tmpdir(), "bench-dashboards-"));
const db = join(work, "mentoring.duckdb"), snapshot = join(work, "snapshot.duckdb"), out = join(work, "dist");
const store = await Store.open(db);
await ingestSample(store);
await writeSnapshot(store, snapshot);
await store.close();

// The build, each run in its own process: wall time and peak RSS (GNU time's «Maximum resident set size»).
const builds: Array<{ms: number; rssMb: number}> = [];
for (let i = 0; i < runs; i++) {
  const started = Date.now();
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, "--import", "tsx", "scripts/build.ts", "--out", out],
    {cwd: ROOT, env: {...process.env, MENTORING_SNAPSHOT: snapshot}, encoding: "utf8"});
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr.slice(-2000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  builds.push({ms: Date.now() - started, rssMb: kb / 1024});
}

// Pages in Chromium: navigation → the page's last chart or table present.
const PAGES: Array<[string, string]> = [["/", ".card .big"], ["/engagement", "#schools table"], ["/diagnostics", "main .card:last-of-type table"],
  ["/effectiveness", "#prepost-summary"], ["/private/teacher", "main .card:last-of-type table"]];
const server = createServer(async (req, res) => {
  let p = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  if (p.endsWith("/")) p += "index";
  for (const c of [p, `${p}.html`]) {
    if ((await stat(join(out, c)).catch(() => null))?.isFile()) {
      res.writeHead(200, {"content-type": {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}[extname(c)] ?? "application/octet-stream"});
      res.end(await readFile(join(out, c)));
      return;
    }
  }
  res.writeHead(404).end();
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const origin = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
const browser = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"]});
const pages: Array<{path: string; ms: number}> = [];
for (const [path, ready] of PAGES) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({viewport: {width: 1200, height: 900}});
    const started = Date.now();
    await page.goto(origin + path);
    await page.waitForSelector(ready, {timeout: 30_000});
    times.push(Date.now() - started);
    await page.close();
  }
  pages.push({path, ms: median(times)});
}
await browser.close();
server.close();
rmSync(work, {recursive: true, force: true});

const nodeVersion = process.version;
const section = `## Dashboards (issue 7)

\`npx tsx bench/dashboards.ts --runs ${runs}\` on ${cpus().length} cores (\`nproc\`), Node ${nodeVersion}, Debian Chromium; the sample
(data/sample, all kinds) in a fresh database. Median of ${runs} runs.

| measurement | median | peak RSS |
|---|---|---|
| \`npm run build\` from a snapshot (vendoring done, every loader re-run) | ${seconds(median(builds.map((b) => b.ms)))} s | ${Math.round(Math.max(...builds.map((b) => b.rssMb)))} MB |
${pages.map((p) => `| page \`${p.path}\` interactive in Chromium (navigation → last chart/table) | ${seconds(p.ms)} s | — |`).join("\n")}

Targets (issue 7 §2): build under 60 s, each page under 2 s.
`;
process.stdout.write(section);
if (!values["no-write"]) {
  mkdirSync(join(ROOT, "bench", "results"), {recursive: true});
  writeFileSync(join(ROOT, "bench", "results", "dashboards.md"), section);
}
