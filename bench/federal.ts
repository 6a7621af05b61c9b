// Benchmark of issue 15 §6: the country roll-up of 89 simulated regions × 500 schools × 8 quarters.
//
//   npx tsx bench/federal.ts [--regions 89] [--schools 500] [--quarters 8] [--runs 5] [--no-write]
//
// Generates the regions' exports directly with DuckDB (the layout and columns of
// reports/federal/schema.ts, values from hash() of a fixed seed, so every run writes the same files)
// into one folder, as the ministry would collect them, with a manifest per region. Then, each run in
// its own child process so that its peak memory (maxRSS) is its own: `rollupReport` of the latest
// quarter (the default of `mentoring rollup`), with its CPU time; and three times the whole command
// as bin/cli.ts runs it (`mentoring rollup DIR --json`, Node start and imports included, wall time).
// Target (issue 15 §6): ≤ 2 s.
// Prints a Markdown section and writes it to bench/results/federal.md.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, "../..");
const SEED = 15;

export interface FederalBenchSize {
  regions: number;
  schools: number;
  quarters: number;
}

/** Writes `size.regions` regions' exports (school_quarters, engagement_by_form, diagnostic_areas, manifests) under dir. */
export async function generateFederalExports(dir: string, size: FederalBenchSize): Promise<{schoolRows: number; formRows: number}> {
  const {DuckDBInstance} = await import("@duckdb/node-api");
  const {RUSSIAN_REGIONS} = await import("../lib/russianRegion.ts");
  const {TABLES, SCHEMA_VERSION, MANIFEST_DIR} = await import("../reports/federal/schema.ts");
  const regions = RUSSIAN_REGIONS.slice(0, size.regions);
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  const run = (sql: string) => c.run(sql);
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS();
  // u(k): a pseudo-random integer 0–999 for this school and quarter, the same on every run.
  const u = (k: number, extra = "") => `(hash(${SEED}, ri, s, q, ${k}${extra}) % 1000)::INTEGER`;
  await run(`CREATE TABLE reg AS SELECT * FROM (VALUES ${regions.map((r, i) => `(${i}, '${r.code}', '${r.name}')`).join(", ")}) t(ri, code, name)`);
  // Every school in every quarter; every 30th region has not exported its last quarter yet.
  await run(`CREATE TABLE sq AS
    SELECT ri, code, name, s, q, 2023 + q // 4 AS year, q % 4 + 1 AS quarter,
      'Район ' || (s % 25 + 1) AS municipality, s + 1 AS school_id,
      ${u(1)} >= 20 AS in_form1, ${u(2)} >= 50 AS reported,
      100 + ${u(3)} AS students_population, 15 + ${u(4)} % 70 AS teachers_population, ${u(5)} % 10 AS young_teachers
    FROM reg, range(${size.schools}) t(s), range(${size.quarters}) v(q)
    WHERE NOT (ri % 30 = 7 AND q = ${size.quarters - 1})`);
  // Forms 2–5 of reporting schools: counts a few percent of the population each.
  await run(`CREATE TABLE f AS
    SELECT sq.*, form, 1 + ${u(10, ", form")} % 3 AS programmes,
      CASE form WHEN 3 THEN teachers_population * (5 + ${u(11, ", form")} % 30) // 100
                WHEN 2 THEN students_population * (5 + ${u(11, ", form")} % 20) // 100 ELSE 1 + ${u(11, ", form")} % 5 END AS mentors,
      CASE form WHEN 3 THEN teachers_population * (5 + ${u(12, ", form")} % 30) // 100
                ELSE students_population * (3 + ${u(12, ", form")} % 15) // 100 END AS mentees
    FROM sq, (VALUES (2), (3), (4), (5)) w(form)
    WHERE reported AND (form = 2 OR ${u(13, ", form")} < CASE form WHEN 3 THEN 900 WHEN 4 THEN 500 ELSE 400 END)`);
  // The counting rule of lib/engagedCounts.ts, for generated data only.
  await run(`CREATE TABLE fe AS SELECT *, CASE form WHEN 2 THEN mentors + mentees WHEN 3 THEN 0 ELSE mentees END AS students_engaged,
    CASE form WHEN 3 THEN mentors + mentees ELSE 0 END AS teachers_engaged FROM f`);
  await run(`CREATE TABLE tot AS SELECT ri, s, q, sum(students_engaged) AS se, sum(teachers_engaged) AS te FROM fe GROUP BY ALL`);

  const select = (name: keyof typeof TABLES, source: string, values: Record<string, string>) =>
    `SELECT ${TABLES[name].columns.map(([col, type]) => `CAST(${values[col] ?? col} AS ${type}) AS ${col}`).join(", ")} FROM ${source}`;
  const copy = async (name: keyof typeof TABLES, query: string) => run(`COPY (${query}) TO '${join(dir, name)}'
    (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${TABLES[name].partitionBy.join(", ")}), FILENAME_PATTERN 'part_{i}',
     KV_METADATA {schema_version: '${SCHEMA_VERSION}'})`);
  const common = {region: "code", region_name: "name", schema_version: String(SCHEMA_VERSION)};
  await copy("school_quarters", select("school_quarters", "sq LEFT JOIN tot USING (ri, s, q)", {...common,
    included: "in_form1 AND reported", students_engaged: "CASE WHEN reported THEN coalesce(se, 0) END",
    teachers_engaged: "CASE WHEN reported THEN coalesce(te, 0) END"}));
  await copy("engagement_by_form", select("engagement_by_form", "fe", {...common, included: "in_form1 AND reported"}));
  await copy("diagnostic_areas", select("diagnostic_areas",
    `reg, (VALUES ('entry'), ('exit')) w(wave), (VALUES ('methodological'), ('subject'), ('psych_pedagogical'), ('communicative'), ('digital')) a(area),
     LATERAL (SELECT 200 + hash(${SEED}, ri, wave, area) % 800 AS n, 40 + hash(${SEED}, ri, area) % 30 + CASE wave WHEN 'exit' THEN 8 ELSE 0 END AS mean)`,
    {...common, teachers: "n", result_sum: "n * mean", result_sum_squares: "n * mean * mean + n * 100", suppressed: "false"}));

  const counts = await rows(`SELECT (SELECT count(*) FROM sq) AS s, (SELECT count(*) FROM fe) AS f`);
  mkdirSync(join(dir, MANIFEST_DIR), {recursive: true});
  for (const r of regions) {
    const periods = (await rows(`SELECT DISTINCT year || '-Q' || quarter AS p FROM sq WHERE code = '${r.code}' ORDER BY p`)).map((x) => String(x.p));
    writeFileSync(join(dir, MANIFEST_DIR, `${r.code}.json`), JSON.stringify({schema_version: SCHEMA_VERSION, region: r,
      generated_at: new Date(Date.UTC(2025, 0, 1)).toISOString(), tool: {name: "mentoring-analytics (bench/federal.ts)", version: "0.1.0"},
      periods, tables: {}, engagement_targets_pct: {students: 70, teachers: 70}, content: "сгенерировано для замера"}, null, 2));
  }
  c.closeSync();
  instance.closeSync();
  return {schoolRows: Number(counts[0]!.s), formRows: Number(counts[0]!.f)};
}

interface ChildResult { ms: number; maxRssMb: number; detail: Record<string, number | string> }

async function child(mode: string, args: string[]): Promise<void> {
  if (mode === "rollup") {
    const {rollupReport} = await import("../reports/federal/rollup.ts");
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const r = await rollupReport(args);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    out({ms, maxRssMb: process.resourceUsage().maxRSS / 1024, detail: {cpuMs: (cpu.user + cpu.system) / 1000, period: r.period ?? "",
      regions: r.country.regionsPresent, regionsWithPeriod: r.country.regionsWithPeriod, schoolsExpected: r.country.schoolsExpected,
      schoolsCounted: r.country.schoolsCounted, municipalities: r.municipalities.length}});
  } else if (mode === "command") {
    // The command as bin/cli.ts runs it; time from this process's start (Node start and imports included).
    (await import("../bin/memoryPolicy.ts")).applyMemoryPolicy();
    const {main} = await import("../bin/main.ts");
    let bytes = 0;
    const code = await main(["rollup", ...args, "--json"], {out: (s) => { bytes += Buffer.byteLength(s); }, err: () => undefined});
    if (code !== 0) throw new Error(`mentoring rollup exited with ${code}`);
    const cpu = process.cpuUsage();
    out({ms: performance.now(), maxRssMb: process.resourceUsage().maxRSS / 1024, detail: {bytes, cpuMs: (cpu.user + cpu.system) / 1000}});
  }
}

function out(r: ChildResult) { process.stdout.write(JSON.stringify(r) + "\n"); }

function runChild(mode: string, args: string[]): ChildResult & {wallMs: number} {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, ...args], {encoding: "utf8", maxBuffer: 1 << 24, cwd: ROOT});
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return {...JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult, wallMs};
}

function du(dir: string): {files: number; bytes: number} {
  let files = 0, bytes = 0;
  for (const f of readdirSync(dir, {recursive: true, encoding: "utf8"})) {
    if (!f.endsWith(".parquet")) continue;
    files++;
    bytes += statSync(join(dir, f)).size;
  }
  return {files, bytes};
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (x: number, d = 1) => x.toFixed(d);

async function main() {
  const {values} = parseArgs({options: {regions: {type: "string"}, schools: {type: "string"}, quarters: {type: "string"},
    runs: {type: "string"}, "no-write": {type: "boolean"}, child: {type: "string"}}, allowPositionals: true});
  if (values.child) return child(values.child, process.argv.slice(process.argv.indexOf(values.child) + 1));
  const size = {regions: Number(values.regions ?? 89), schools: Number(values.schools ?? 500), quarters: Number(values.quarters ?? 8)};
  const runs = Number(values.runs ?? 5);
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), "bench-federal-"));
  try {
    const g0 = performance.now();
    const generated = await generateFederalExports(dir, size);
    const genS = (performance.now() - g0) / 1000;
    const disk = du(dir);
    process.stderr.write(`generated ${generated.schoolRows} school-quarters, ${generated.formRows} form rows in ${disk.files} files ` +
      `(${fmt(disk.bytes / 2 ** 20)} MB) in ${fmt(genS)} s\n`);
    const rollups: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      rollups.push(runChild("rollup", [dir]));
      process.stderr.write(`run ${i + 1}: rollup ${fmt(rollups[i]!.ms / 1000, 2)} s (CPU ${fmt(Number(rollups[i]!.detail.cpuMs) / 1000, 2)} s), ${fmt(rollups[i]!.maxRssMb, 0)} MB\n`);
    }
    const commands = [0, 1, 2].map(() => runChild("command", [dir]));
    const rollupS = median(rollups.map((r) => r.ms)) / 1000, rollupMb = Math.max(...rollups.map((r) => r.maxRssMb));
    const rollupCpuS = median(rollups.map((r) => Number(r.detail.cpuMs))) / 1000;
    const commandS = median(commands.map((r) => r.wallMs)) / 1000, commandMb = Math.max(...commands.map((r) => r.maxRssMb));
    const d = rollups[0]!.detail;
    const nproc = spawnSync("nproc", {encoding: "utf8"}).stdout.trim() || String(cpus().length);
    const loadEnd = loadavg()[0]!;
    const md = `## Federal roll-up (issue 15 §6)

Command: \`npx tsx bench/federal.ts --regions ${size.regions} --schools ${size.schools} --quarters ${size.quarters} --runs ${runs}\` ·
machine: \`nproc\` = ${nproc}, \`node -v\` = ${process.version} (${cpus()[0]?.model ?? "?"}). Input: ${size.regions} simulated regions ×
${size.schools} schools × ${size.quarters} quarters written directly by DuckDB (hash of a fixed seed; layout of
reports/federal/schema.ts) into one folder: ${generated.schoolRows.toLocaleString("en-US")} school-quarter rows,
${generated.formRows.toLocaleString("en-US")} form rows, ${disk.files.toLocaleString("en-US")} Parquet files, ${fmt(disk.bytes / 2 ** 20)} MB
(generated in ${fmt(genS)} s). Every 30th region lacks the last quarter; ~2 % of schools have no Form 1, ~5 % did not report.
Each run is its own child process; time is the median of ${runs} runs, memory the highest maxRSS of that process. CPU time
(user + system of the process during the roll-up) shows the work itself: on a shared machine wall time is CPU time plus
waiting for a core. Load average (1 min) at start / end: ${fmt(load, 2)} / ${fmt(loadEnd, 2)} on ${nproc} cores.

| step | median time | target | CPU time | peak memory (maxRSS) |
|---|---|---|---|---|
| \`rollupReport\` of the latest quarter (${d.period}): ${d.regions} regions (${d.regionsWithPeriod} with the quarter), ${Number(d.schoolsExpected).toLocaleString("en-US")} schools expected, ${Number(d.municipalities).toLocaleString("en-US")} municipalities, by form, diagnostics | ${fmt(rollupS, 2)} s | ≤ 2 s | ${fmt(rollupCpuS, 2)} s | ${fmt(rollupMb, 0)} MB |
| the whole command \`mentoring rollup DIR --json\` (Node start, imports, ${fmt(Number(commands[0]!.detail.bytes) / 2 ** 20, 1)} MB of JSON) | ${fmt(commandS, 2)} s | — | ${fmt(median(commands.map((r) => Number(r.detail.cpuMs))) / 1000, 2)} s | ${fmt(commandMb, 0)} MB |

Runs: ${rollups.map((r) => `${fmt(r.ms / 1000, 2)} s`).join(", ")} (roll-up); ${commands.map((r) => `${fmt(r.wallMs / 1000, 2)} s`).join(", ")} (command).
`;
    process.stdout.write(md);
    if (!values["no-write"]) {
      mkdirSync(join(ROOT, "bench/results"), {recursive: true});
      writeFileSync(join(ROOT, "bench/results/federal.md"), md);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
