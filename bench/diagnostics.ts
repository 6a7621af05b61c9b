// Benchmark of issue 4 §4: diagnostics of 100,000 teachers × 5 areas × 2 waves, as two
// 100,000-row workbooks (entry and exit).
//
//   npx tsx bench/diagnostics.ts [--teachers 100000] [--runs 3] [--no-write]
//
// Generates both workbooks into a temporary folder (exceljs's streaming writer, seeded PRNG;
// deleted afterwards), then, each measurement in its own child process so that its peak memory
// (maxRSS) is its own: `ingestBytes` of both files into a fresh DuckDB file, and the pre/post
// report for every school and municipality (prepostReport with by: "all": every group, every
// area, t-test and Wilcoxon included) over that database. Targets (issue 4): ingest under 10 s
// with peak memory under 500 MB; the report under 2 s. Prints a Markdown section and writes it to
// bench/results/diagnostics.md.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {prng} from "../scripts/prng.ts";

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, "../..");
const AREAS = ["Методические", "Предметные", "Психолого-педагогические", "Коммуникативные", "Цифровые (ИКТ)"];


const DISTRICTS = ["Азовский", "Большереченский", "Горьковский", "Знаменский", "Исилькульский", "Калачинский", "Колосовский",
  "Кормиловский", "Крутинский", "Любинский", "Марьяновский", "Москаленский", "Муромцевский", "Называевский", "Нижнеомский",
  "Одесский", "Омский", "Павлоградский", "Полтавский", "Саргатский", "Таврический", "Тарский", "Тюкалинский", "Черлакский"];
const SURNAMES = ["Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Васильева", "Соколова", "Михайлова", "Новикова"];
const NAMES = ["Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Юлия", "Екатерина"];
const PATRONYMICS = ["Александровна", "Сергеевна", "Викторовна", "Николаевна", "Ивановна", "Петровна"];

/** Writes one wave: 100,000 rows, ~50 teachers per school, IDs, a mix of numbers, «52%» and «52,5». */
export async function writeWave(path: string, teachers: number, wave: "entry" | "exit"): Promise<void> {
  const rnd = prng(wave === "entry" ? 11 : 11);  // the same people and base results in both waves
  const noise = prng(wave === "entry" ? 101 : 202);
  // Loaded here, not at the top: the measuring child processes import this module and must carry
  // only what ingestion itself loads.
  const {default: ExcelJS} = await import("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: path, useStyles: false, useSharedStrings: true});
  const ws = wb.addWorksheet(wave === "entry" ? "Входная диагностика" : "Итоговая диагностика");
  ws.addRow(["ID", "ФИО педагога", "ОО", "Муниципалитет", ...AREAS]).commit();
  for (let i = 0; i < teachers; i++) {
    const school = Math.floor(i / 50);
    const district = DISTRICTS[school % DISTRICTS.length]!;
    const name = `${SURNAMES[Math.floor(rnd() * 10)]} ${NAMES[Math.floor(rnd() * 10)]} ${PATRONYMICS[Math.floor(rnd() * 6)]}`;
    const base = AREAS.map(() => 30 + Math.floor(rnd() * 50));
    const values = base.map((b, k) => {
      const v = wave === "entry" ? b : Math.min(100, Math.max(0, b + (k === 3 ? 0 : 8) + Math.round((noise() - 0.5) * 20)));
      const style = (i + k) % 4;
      return style === 1 ? `${v}%` : style === 2 ? `${v},5` : v;
    });
    ws.addRow([`T${String(i + 1).padStart(6, "0")}`, name, `МБОУ «СОШ № ${school + 1}»`, district, ...values]).commit();
  }
  ws.commit();
  await wb.commit();
}

interface ChildResult { ms: number; maxRssMb: number; detail: Record<string, number> }

async function child(mode: string, args: string[]): Promise<void> {
  // Ingestion as the CLI and the server run it (bin/cli.ts applies the same policy).
  (await import("../bin/memoryPolicy.ts")).applyMemoryPolicy();
  const t0 = performance.now();
  const {Store} = await import("../store/database.ts");
  if (mode === "ingest") {
    const {ingestBytes} = await import("../loaders/ingest.ts");
    const {readSettingsFiles} = await import("../settings/load.ts");
    const {settings} = readSettingsFiles();
    const [db, ...files] = args;
    const store = await Store.open(db!);
    const start = performance.now();
    const detail: Record<string, number> = {};
    for (const [k, f] of files.entries()) {
      const o = await ingestBytes(store, `wave${k}.xlsx`, readFileSync(f), {settings});
      if (o.status !== "accepted") throw new Error(`${f}: ${o.status} ${JSON.stringify(o.issues.slice(0, 3))}`);
      detail[`rows${k}`] = o.stats.rows ?? 0;
    }
    const ms = performance.now() - start;
    await store.close();
    out({ms, maxRssMb: process.resourceUsage().maxRSS / 1024, detail: {...detail, withImportsMs: performance.now() - t0}});
  } else if (mode === "report") {
    const {prepostReport} = await import("../reports/prepost.ts");
    const {loadSettings} = await import("../settings/load.ts");
    const store = await Store.open(args[0]!);
    const {settings} = await loadSettings(store);
    const start = performance.now();
    const r = await prepostReport(store, settings, {by: "all"});
    const ms = performance.now() - start;
    await store.close();
    out({ms, maxRssMb: process.resourceUsage().maxRSS / 1024, detail: {groups: r.groups.length, pairs: r.counts.paired,
      wilcoxonExactGroups: r.groups.filter((g) => g.areas.some((a) => a.wilcoxon?.method === "exact")).length}});
  }
}

function out(r: ChildResult) { process.stdout.write(JSON.stringify(r) + "\n"); }

function runChild(mode: string, args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, ...args], {encoding: "utf8", maxBuffer: 1 << 24});
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (x: number, d = 1) => x.toFixed(d);

async function main() {
  const {values} = parseArgs({options: {teachers: {type: "string"}, runs: {type: "string"}, "no-write": {type: "boolean"},
    child: {type: "string"}}, allowPositionals: true});
  if (values.child) return child(values.child, process.argv.slice(process.argv.indexOf(values.child) + 1));
  const teachers = Number(values.teachers ?? 100_000), runs = Number(values.runs ?? 3);
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), "bench-diagnostics-"));
  try {
    const entry = join(dir, "entry.xlsx"), exit = join(dir, "exit.xlsx");
    const g0 = performance.now();
    await writeWave(entry, teachers, "entry");
    await writeWave(exit, teachers, "exit");
    const genS = (performance.now() - g0) / 1000;
    const sizes = [statSync(entry).size, statSync(exit).size].map((b) => b / 2 ** 20);
    process.stderr.write(`generated 2 × ${teachers} rows in ${fmt(genS)} s (${sizes.map((s) => fmt(s)).join(" + ")} MB)\n`);
    const ingest: ChildResult[] = [], report: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      const db = join(dir, `run${i}.duckdb`);
      ingest.push(runChild("ingest", [db, entry, exit]));
      report.push(runChild("report", [db]));
      process.stderr.write(`run ${i + 1}: ingest ${fmt(ingest[i]!.ms / 1000, 2)} s, ${fmt(ingest[i]!.maxRssMb, 0)} MB; ` +
        `report ${fmt(report[i]!.ms / 1000, 2)} s, ${fmt(report[i]!.maxRssMb, 0)} MB\n`);
    }
    const ingestS = median(ingest.map((r) => r.ms)) / 1000, reportS = median(report.map((r) => r.ms)) / 1000;
    const ingestMb = Math.max(...ingest.map((r) => r.maxRssMb)), reportMb = Math.max(...report.map((r) => r.maxRssMb));
    const nproc = spawnSync("nproc", {encoding: "utf8"}).stdout.trim() || String(cpus().length);
    const md = `## Diagnostics (issue 4)

Command: \`npx tsx bench/diagnostics.ts --teachers ${teachers} --runs ${runs}\` · machine: \`nproc\` = ${nproc}, \`node -v\` = ${process.version}
(${cpus()[0]?.model ?? "?"}). Input: two generated workbooks of ${teachers.toLocaleString("en-US")} rows each
(entry and exit; ID, name, school, municipality, 5 areas written as numbers, «52%» and «52,5»; ${fmt(sizes[0]!)} + ${fmt(sizes[1]!)} MB;
${Math.ceil(teachers / 50).toLocaleString("en-US")} schools in ${DISTRICTS.length} municipalities). Each measurement runs in its own
child process; time is the median of ${runs} runs, memory the highest maxRSS of that process. Load average when
the benchmark started: ${fmt(load, 2)} (the machine is shared: timings vary by ±40 % between runs).

| step | median time | target | peak memory (maxRSS) | target |
|---|---|---|---|---|
| ingest both files (zip guard, read, parse, match by ID, store in one transaction each) into a fresh DuckDB file | ${fmt(ingestS, 2)} s | < 10 s | ${fmt(ingestMb, 0)} MB | < 500 MB |
| pre/post report for the region, every municipality and every school (${report[0]!.detail.groups} groups × 5 areas, t-test and Wilcoxon) | ${fmt(reportS, 2)} s | < 2 s | ${fmt(reportMb, 0)} MB | — |

Runs: ${ingest.map((r, i) => `${fmt(r.ms / 1000, 2)} s / ${fmt(report[i]!.ms / 1000, 2)} s`).join("; ")} (ingest / report).
Paired teachers: ${(report[0]!.detail.pairs ?? 0).toLocaleString("en-US")}.
`;
    process.stdout.write(md);
    if (!values["no-write"]) {
      mkdirSync(join(ROOT, "bench/results"), {recursive: true});
      writeFileSync(join(ROOT, "bench/results/diagnostics.md"), md);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

// Runs when executed, not when imported (a profiling script may import writeWave).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
