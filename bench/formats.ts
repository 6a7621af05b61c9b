// Benchmark of issue 11 §5: reading .xls, .ods and .csv takes at most 2× the time of the same
// content as .xlsx, and the 1,000-file forms batch's examineFile is not slower than before the
// readers of other formats came in (main, measured in the same run).
//
//   npx tsx bench/formats.ts [--files 1000] [--runs 5] [--no-main] [--no-write]
//
// Content, generated into a temporary folder (deleted afterwards):
//   - 1,000 school workbooks from bench/forms.ts's generator (scripts/formsWorkbook.ts), as .xlsx,
//     and the same cells written in-process as .ods, .xls and (single-sheet ones) .csv
//     (bench/sameContent.ts: converting 1,000 files with LibreOffice takes ~15 min per format here);
//   - the sample's I quarter reports as LibreOffice wrote them (tests/fixtures/formats), read 20
//     times over, against their Excel-format originals;
//   - one stacked workbook with a 50,000-row Form 2 (BIFF8 holds 65,536 rows a sheet), in each format.
// Each measurement runs in its own child process (its maxRSS is its own); figures are medians.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {basename, join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, "../..");
const FORMATS = ["xlsx", "ods", "xls", "csv"] as const;
type Format = typeof FORMATS[number];

// ── content ──────────────────────────────────────────────────────────────────────────────────

async function sameContent(xlsx: Buffer, name: string, dir: string, formats: Format[]): Promise<Format[]> {
  const {readSpreadsheet} = await import("../loaders/formats/readSpreadsheet.ts");
  const {toCsv, toOds, toXls} = await import("./sameContent.ts");
  const r = readSpreadsheet(name, xlsx);
  if (!r.ok) throw new Error(`${name}: ${r.refusal.kind}`);
  const written: Format[] = [];
  for (const f of formats) {
    if (f === "csv" && r.workbook.sheets.length !== 1) continue;
    const bytes = f === "ods" ? toOds(r.workbook) : f === "xls" ? toXls(r.workbook) : f === "csv" ? toCsv(r.workbook) : xlsx;
    mkdirSync(join(dir, f), {recursive: true});
    writeFileSync(join(dir, f, `${name}.${f}`), bytes);
    // The same cells, read back (CSV keeps text as text: checked by its row count).
    const back = readSpreadsheet(`${name}.${f}`, bytes);
    if (!back.ok) throw new Error(`${name}.${f}: ${back.refusal.kind}`);
    const merges = (s: typeof r.workbook.sheets[number]) => [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left);
    // The formula's text is not compared: the in-process BIFF writer stores every formula as `1+1`.
    const cells = (w: typeof r.workbook) => JSON.stringify(w.sheets.map((s) => [s.rowCount, f === "csv" ? [] : s.rows, f === "csv" ? [] : merges(s)]),
      (k, v) => (k === "formula" ? "=" : v));
    if (cells(back.workbook) !== cells(r.workbook)) throw new Error(`${name}.${f} does not hold the same cells`);
    written.push(f);
  }
  return written;
}

async function generate(dir: string, files: number): Promise<void> {
  const {schoolFile} = await import("./forms.ts");
  const {defaultLayout, formsWorkbookBuffer} = await import("../scripts/formsWorkbook.ts");
  const {prng} = await import("../scripts/prng.ts");
  for (let i = 0; i < files; i++) {
    const {spec, layout} = schoolFile(i);
    const name = `school_${String(i).padStart(4, "0")}`;
    const xlsx = await formsWorkbookBuffer(spec, layout);
    const written = await sameContent(xlsx, name, join(dir, "batch"), [...FORMATS]);
    if (written.includes("csv")) {
      mkdirSync(join(dir, "batch-csv-xlsx"), {recursive: true});
      writeFileSync(join(dir, "batch-csv-xlsx", `${name}.xlsx`), xlsx);
    }
  }
  // One stacked workbook: Form 1 with 500 schools, a Form 2 of 50,000 programme rows.
  const rnd = prng(11);
  const schools = Array.from({length: 500}, (_, i) => ({
    municipality: `Район ${i % 32}`, school: `МБОУ "СОШ № ${i + 1}"`, contacts: "Директор", students: 300 + Math.floor(rnd() * 600),
    teachers: 20 + Math.floor(rnd() * 40), young: Math.floor(rnd() * 8),
    forms: {2: Array.from({length: 100}, (_, k) => ({programme: `Программа ${k}`, mentors: 1 + Math.floor(rnd() * 9),
      mentees: 1 + Math.floor(rnd() * 19), result: "Повышение успеваемости наставляемых"}))}
  }));
  const big = await formsWorkbookBuffer({schools, period: {text: "за I квартал 2024 г.", placement: "form1-title"}},
    {...defaultLayout, arrangement: "stacked", sheetNames: ["свод"], district: "first-row", emptyForms: "absent"});
  await sameContent(big, "form2-50000-rows", join(dir, "big"), [...FORMATS]);
}

/** The LibreOffice-written sample: each format's files and, for CSV, the originals they came from. */
function fixtureSets(): Record<Format | "xlsx-original" | "csv-original", string[]> {
  const manifest = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/formats/manifest.json"), "utf8")) as Array<{file: string; original: string; format: Format; group: string}>;
  const q1 = manifest.filter((m) => m.group === "forms-2024-Q1");
  const firstCsv = new Map<string, string>();
  for (const m of q1.filter((x) => x.format === "csv")) if (!firstCsv.has(m.original)) firstCsv.set(m.original, m.file);
  const of = (f: Format) => q1.filter((m) => m.format === f).map((m) => join(ROOT, "tests/fixtures/formats", m.file));
  return {
    "xlsx-original": [...new Set(q1.filter((m) => m.format === "ods").map((m) => join(ROOT, m.original)))],
    xlsx: of("xlsx"), ods: of("ods"), xls: of("xls"),
    csv: [...firstCsv.values()].map((f) => join(ROOT, "tests/fixtures/formats", f)),
    "csv-original": [...firstCsv.keys()].map((f) => join(ROOT, f))
  };
}

// ── measurements, each in a child process ────────────────────────────────────────────────────

interface ChildResult {
  /** Wall time of the measured loop. */
  wallMs: number;
  /** CPU time (user + system) of the measured loop: what the ratios use, as the shared machine's load moves wall time a lot. */
  ms: number;
  files: number;
  maxRssMb: number;
  note?: string;
}

/**
 * main's examineFile and this branch's in one process, alternating `rounds` times over the same
 * buffers: the fairest comparison on a shared machine (same process, same moment's load).
 */
async function abChild(listFile: string, rounds: number, mainRoot: string): Promise<{main: number[]; branch: number[]}> {
  (await import(`${ROOT}/bin/memoryPolicy.ts`)).applyMemoryPolicy();
  const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const buffers = files.map((f) => readFileSync(f));
  const trees = {main: (await import(`${mainRoot}/loaders/ingest.ts`)).examineFile, branch: (await import(`${ROOT}/loaders/ingest.ts`)).examineFile};
  const out = {main: [] as number[], branch: [] as number[]};
  for (let k = 0; k < rounds; k++) {
    for (const tree of (k % 2 ? ["main", "branch"] : ["branch", "main"]) as Array<"main" | "branch">) {
      const c = process.cpuUsage();
      for (const [i, b] of buffers.entries()) await trees[tree](basename(files[i]!), b);
      const u = process.cpuUsage(c);
      out[tree].push((u.user + u.system) / 1000);
    }
  }
  return out;
}

/** mode read|examine over the files listed in a file, `repeat` times; `root` is the tree whose loaders run. */
async function child(mode: string, listFile: string, repeat: number, root: string): Promise<ChildResult> {
  (await import(`${root}/bin/memoryPolicy.ts`)).applyMemoryPolicy();
  const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const buffers = files.map((f) => readFileSync(f));
  const {examineFile} = await import(`${root}/loaders/ingest.ts`);
  const readSpreadsheet = mode === "read" ? (await import(`${root}/loaders/formats/readSpreadsheet.ts`)).readSpreadsheet : null;
  let failed = 0;
  const t0 = performance.now(), c0 = process.cpuUsage();
  for (let k = 0; k < repeat; k++) {
    for (const [i, b] of buffers.entries()) {
      if (readSpreadsheet) { if (!readSpreadsheet(basename(files[i]!), b).ok) failed++; }
      else if (!(await examineFile(basename(files[i]!), b)).ok) failed++;
    }
  }
  const wallMs = performance.now() - t0, cpu = process.cpuUsage(c0);
  return {wallMs, ms: (cpu.user + cpu.system) / 1000, files: files.length * repeat, maxRssMb: process.resourceUsage().maxRSS / 1024,
    note: failed ? `${failed} not ok` : undefined};
}

function runChild(mode: string, files: string[], repeat: number, tmp: string, root = ROOT): ChildResult {
  const list = join(tmp, `list-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(list, files.join("\n"));
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, list, String(repeat), root],
    {cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024});
  if (r.status !== 0) throw new Error(`child ${mode} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ChildResult;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (x: number, d = 1) => x.toLocaleString("en-US", {minimumFractionDigits: d, maximumFractionDigits: d});
const list = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(`.${ext}`)).sort().map((f) => join(dir, f));

/** Median over runs, the runs of all the sets interleaved so that the machine's load hits each alike. */
function measure(sets: Array<{key: string; mode: string; files: string[]; repeat: number; root?: string}>, runs: number, tmp: string,
  log: (s: string) => void): Map<string, {ms: number; wallMs: number; perFileMs: number; maxRssMb: number; note?: string; all: number[]}> {
  const results = new Map<string, ChildResult[]>();
  for (let i = 0; i < runs; i++) {
    for (const s of sets) {
      log(`${s.key} run ${i + 1}/${runs}`);
      const r = runChild(s.mode, s.files, s.repeat, tmp, s.root);
      results.set(s.key, [...(results.get(s.key) ?? []), r]);
    }
  }
  return new Map([...results].map(([k, rs]) => {
    const ms = median(rs.map((r) => r.ms));
    return [k, {ms, wallMs: median(rs.map((r) => r.wallMs)), perFileMs: ms / rs[0]!.files, maxRssMb: Math.max(...rs.map((r) => r.maxRssMb)),
      note: rs[0]!.note, all: rs.map((r) => r.ms)}];
  }));
}

/** main's tree (the code before these readers), for the same-run comparison of the forms batch. */
function mainTree(tmp: string): string | null {
  const dir = join(tmp, "main");
  mkdirSync(dir);
  const archive = spawnSync("sh", ["-c", `git -C "${ROOT}" archive main | tar -x -C "${dir}"`], {encoding: "utf8"});
  if (archive.status !== 0) return null;
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function main(): Promise<void> {
  const {values} = parseArgs({options: {files: {type: "string", default: "1000"}, runs: {type: "string", default: "5"},
    "no-main": {type: "boolean", default: false}, "no-write": {type: "boolean", default: false}}});
  const nFiles = Number(values.files), runs = Number(values.runs);
  const tmp = mkdtempSync(join(tmpdir(), "mentoring-bench-formats-"));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    log(`generating ${nFiles} workbooks in every format in ${tmp} …`);
    await generate(tmp, nFiles);
    const batch = join(tmp, "batch");
    const fx = fixtureSets();
    const loadStart = loadavg()[0]!;
    const sets: Array<{key: string; mode: string; files: string[]; repeat: number; root?: string}> = [];
    for (const f of FORMATS) sets.push({key: `batch ${f}`, mode: "read", files: list(join(batch, f), f), repeat: 1});
    sets.push({key: "batch csv-xlsx", mode: "read", files: list(join(tmp, "batch-csv-xlsx"), "xlsx"), repeat: 1});
    for (const f of FORMATS) sets.push({key: `big ${f}`, mode: "read", files: list(join(tmp, "big", f), f), repeat: 1});
    for (const [k, files] of Object.entries(fx)) sets.push({key: `sample ${k}`, mode: "read", files, repeat: 20});
    for (const f of FORMATS) sets.push({key: `examine batch ${f}`, mode: "examine", files: list(join(batch, f), f), repeat: 1});
    const main = values["no-main"] ? null : mainTree(tmp);
    if (main) sets.push({key: "examine batch xlsx on main", mode: "examine", files: list(join(batch, "xlsx"), "xlsx"), repeat: 1, root: main});
    const m = measure(sets, runs, tmp, log);
    let ab: {main: number[]; branch: number[]} | null = null;
    if (main) {
      log("main and this branch alternating in one process …");
      const listFile = join(tmp, "ab.txt");
      writeFileSync(listFile, list(join(batch, "xlsx"), "xlsx").join("\n"));
      const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--ab", listFile, String(2 * runs), main], {cwd: ROOT, encoding: "utf8"});
      if (r.status !== 0) throw new Error(`ab child failed: ${r.stderr}`);
      ab = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as {main: number[]; branch: number[]};
    }
    const get = (k: string) => m.get(k)!;
    const ratio = (k: string, ref: string) => get(k).ms / get(ref).ms;
    const verdict = (x: number) => (x <= 2 ? "met" : "**not met**");
    const sizeOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0) / 1024;

    const out: string[] = [];
    out.push("## Formats: reading .xls, .ods and .csv against the same content as .xlsx", "");
    out.push(`Command: \`npx tsx bench/formats.ts --files ${nFiles} --runs ${runs}\` · machine: ${cpus().length} cores (\`nproc\`), ` +
      `${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version} · ${new Date().toISOString().slice(0, 10)} · each figure is the median of ` +
      `${runs} runs, each run in a fresh child process, the runs of all rows interleaved; peak memory is the child's maxRSS. ` +
      `Times are CPU time (user + system) of the measured loop, wall time in brackets: the machine is shared, and its load ` +
      `(1 min average ${fmt(loadStart)} at start, ${fmt(loadavg()[0]!)} at end) moves wall time by 2× between runs, CPU time far less. ` +
      "Compare the ratios, measured in the same run.", "");
    out.push("Target (issue 11 §5): each format ≤ 2× the time of the same content as .xlsx.", "");
    out.push("| content | format | files | size | `readSpreadsheet` CPU (wall) | per file | × .xlsx | peak memory |", "|---|---|---|---|---|---|---|---|");
    const row = (label: string, f: string, key: string, ref: string | null, files: string[]) => {
      const r = get(key);
      const x = ref ? ratio(key, ref) : null;
      out.push(`| ${label} | ${f} | ${files.length} | ${fmt(sizeOf(files), 0)} KB | ${fmt(r.ms, 0)} ms (${fmt(r.wallMs, 0)} ms) | ${fmt(r.perFileMs, 3)} ms | ` +
        `${x === null ? "—" : `${fmt(x, 2)}× (${verdict(x)})`} | ${fmt(r.maxRssMb, 0)} MB |`);
    };
    const batchLabel = `${nFiles} school workbooks (generated; other formats written in-process)`;
    for (const f of FORMATS) {
      if (f === "csv") row(batchLabel, "xlsx (the single-sheet ones)", "batch csv-xlsx", null, list(join(tmp, "batch-csv-xlsx"), "xlsx"));
      row(batchLabel, f, `batch ${f}`, f === "xlsx" ? null : f === "csv" ? "batch csv-xlsx" : "batch xlsx", list(join(batch, f), f));
    }
    for (const f of FORMATS) row("stacked workbook, Form 2 of 50,000 rows", f, `big ${f}`, f === "xlsx" ? null : "big xlsx", list(join(tmp, "big", f), f));
    const sampleLabel = "the sample's I quarter as LibreOffice wrote it (tests/fixtures/formats), read 20×";
    row(sampleLabel, "xlsx (original, exceljs)", "sample xlsx-original", null, fx["xlsx-original"]);
    for (const f of ["xlsx", "ods", "xls"] as const) row(sampleLabel, f === "xlsx" ? "xlsx (LibreOffice)" : f, `sample ${f}`, "sample xlsx-original", fx[f]);
    row(sampleLabel, "xlsx (originals of the CSV ones)", "sample csv-original", null, fx["csv-original"]);
    row(sampleLabel, "csv", "sample csv", "sample csv-original", fx.csv);
    out.push("");
    out.push("### The 1,000-file forms batch: `examineFile` (read and parse), before and after", "");
    out.push("| tree | format | CPU time (wall) | per file | peak memory |", "|---|---|---|---|---|");
    if (main) {
      const r = get("examine batch xlsx on main");
      out.push(`| main (before: .xlsx only) | xlsx | ${fmt(r.ms / 1000, 2)} s (${fmt(r.wallMs / 1000, 2)} s) | ${fmt(r.perFileMs, 2)} ms | ${fmt(r.maxRssMb, 0)} MB |`);
    }
    for (const f of FORMATS) {
      const r = get(`examine batch ${f}`);
      out.push(`| this branch | ${f} | ${fmt(r.ms / 1000, 2)} s (${fmt(r.wallMs / 1000, 2)} s) | ${fmt(r.perFileMs, 2)} ms | ${fmt(r.maxRssMb, 0)} MB |`);
    }
    out.push("");
    if (ab) {
      const x = median(ab.branch) / median(ab.main);
      out.push(`- Same process, main's and this branch's \`examineFile\` alternating over the ${nFiles} .xlsx files ${ab.main.length} times each ` +
        `(CPU time; the fairest comparison here): main ${fmt(median(ab.main) / 1000, 2)} s, this branch ${fmt(median(ab.branch) / 1000, 2)} s ` +
        `(medians) → **${fmt(x, 3)}×**, best runs ${fmt(Math.min(...ab.branch) / Math.min(...ab.main), 3)}× ` +
        `(target: not slower, within 5 %: ${x <= 1.05 ? "met" : "**not met**"}). All rounds, CPU s: main ${ab.main.map((v) => fmt(v / 1000, 2)).join(" / ")}; ` +
        `this branch ${ab.branch.map((v) => fmt(v / 1000, 2)).join(" / ")}.`);
    }
    if (main) {
      const x = ratio("examine batch xlsx", "examine batch xlsx on main");
      out.push(`- Separate child processes (the table above): this branch / main ${fmt(x, 2)}×. All runs, CPU s: main ${get("examine batch xlsx on main").all.map((v) => fmt(v / 1000, 2)).join(" / ")}; ` +
        `this branch ${get("examine batch xlsx").all.map((v) => fmt(v / 1000, 2)).join(" / ")}.`);
    }
    out.push(`- For reference, bench/results/forms.md gives \`examineFile\` of the same batch 2.43 s of wall time on main (another day, another load).`);
    const notes = [...m].filter(([, r]) => r.note).map(([k, r]) => `${k}: ${r.note}`);
    out.push(`- Files not read: ${notes.length ? notes.join("; ") : "none (every file of every format was read)"}.`, "");
    const md = out.join("\n");
    process.stdout.write(`${md}\n`);
    if (!values["no-write"]) {
      mkdirSync(join(ROOT, "bench/results"), {recursive: true});
      writeFileSync(join(ROOT, "bench/results/formats.md"), `${md}\n`);
      log("written to bench/results/formats.md");
    }
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
}

const childAt = process.argv.indexOf("--child");
const abAt = process.argv.indexOf("--ab");
if (abAt >= 0) {
  const [listFile, rounds, mainRoot] = process.argv.slice(abAt + 1) as [string, string, string];
  abChild(listFile, Number(rounds), mainRoot)
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
} else if (childAt >= 0) {
  const [mode, listFile, repeat, root] = process.argv.slice(childAt + 1) as [string, string, string, string];
  child(mode, listFile, Number(repeat), existsSync(root) ? root : ROOT)
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
} else {
  main().catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
}
