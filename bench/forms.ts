// Benchmark of issue 3 §8: quarterly reports (Forms 1–5) read and stored end to end.
//
//   npx tsx bench/forms.ts [--files 1000] [--runs 3] [--big-runs 3] [--no-write]
//
// Generates into a temporary folder (deleted afterwards) 1,000 school workbooks in the layouts of
// scripts/formsWorkbook.ts, one stacked workbook with 5,000 table rows and one with a 200,000-row
// Form 2 sheet; then times, each measurement in its own child process so that its peak memory
// (maxRSS) is its own: exceljs's `xlsx.load` alone over the 1,000 files (the parser-only reference),
// `ingestBytes` of the same files into a fresh DuckDB file, and `examineFile` and `ingestBytes` of
// each large workbook. Prints a Markdown section and writes it to bench/results/forms.md.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {basename, join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {prng} from "../scripts/prng.ts";
import {
  defaultLayout, formsWorkbookBuffer, writeFormsWorkbookFile,
  type Count, type CountStyle, type FormNo, type FormsLayout, type FormsWorkbookSpec, type ProgrammeRow, type SchoolEntry
} from "../scripts/formsWorkbook.ts";

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, "../..");

// ── deterministic generation ────────────────────────────────────────────────────────────────


const DISTRICTS = ["Азовский", "Большереченский", "Большеуковский", "Горьковский", "Знаменский", "Исилькульский",
  "Калачинский", "Колосовский", "Кормиловский", "Крутинский", "Любинский", "Марьяновский", "Москаленский",
  "Муромцевский", "Называевский", "Нижнеомский", "Нововаршавский", "Одесский", "Оконешниковский", "Омский",
  "Павлоградский", "Полтавский", "Русско-Полянский", "Саргатский", "Седельниковский", "Таврический", "Тарский",
  "Тевризский", "Тюкалинский", "Усть-Ишимский", "Черлакский", "Шербакульский"];
const VILLAGES = ["Алексеевская", "Берёзовская", "Васильевская", "Георгиевская", "Дмитриевская", "Ивановская", "Каргалинская",
  "Лесная", "Михайловская", "Никольская", "Озёрная", "Петровская", "Рощинская", "Степная", "Троицкая", "Успенская"];
const PROGRAMMES = ["Программа «Лидер»", "«Читаем вместе»", "«Школа молодого педагога»", "Программа «Время работать вместе»",
  "Программа «Точный старт»", "Программа «Шаг в профессию»", "«Мы вместе»", "«Профи»", "«Вектор»", "«ПрофСтарт»", "«Ровесник»"];
const RESULTS = [
  "Улучшение психоэмоциональных показателей наставляемого. Наставляемый принимает участие в творческих конкурсах. Наставляемый сам хочет стать наставником в будущем",
  "Расширены представления начинающих преподавателей о педагогических технологиях. Продемонстрировано владение технологиями ведения учебных занятий. Удовлетворены образовательные потребности начинающих преподавателей.",
  "Улучшение гибких навыков наставляемого и наставника (тестирование, анкетирование, опрос). Наставляемый записался на курсы, активно принимает участие во внеурочной деятельности, успешно представляет совместный с наставником проект",
  "Повышение успеваемости и улучшение психоэмоционального фона наставляемого; прошёл профориентационный тест, уверенно выбирая 1-2 направления. Наставляемые планируют трудоустройство на предприятиях наставников"
];
const DESCR: Record<4 | 5, string[]> = {
  4: ["Студент 2 курса Технологического колледжа", "студентов 3 курса БПОУ «Омский колледж № 1»"],
  5: ["Маркетолог торговой организации; Менеджер по рекламе; Менеджер по продажам", "Агроном ООО «Колос»; Механизатор"]
};
const STYLES: CountStyle[] = ["number", "number", "number", "decimal", "people", "people-a", "chel", "padded", "comma", "text", "word", "Word"];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}
function int(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}
function count(rnd: () => number, n: number): Count {
  const as = pick(rnd, STYLES);
  return (as === "word" || as === "Word") && n > 20 ? n : {n, as};
}

function randomLayout(rnd: () => number): FormsLayout {
  const stacked = rnd() < 0.4;
  return {
    ...defaultLayout,
    arrangement: stacked ? "stacked" : "sheets",
    sheetNames: stacked ? [pick(rnd, ["Лист1", "свод", "Отчёт"])] : pick(rnd, [["Лист1", "Лист2", "Лист3", "Лист4", "Лист5"],
      ["Sheet1", "Sheet3", "Sheet2", "свод", "Лист7"]]),
    formLine: pick(rnd, ["own-line", "missing", "in-title"] as const),
    mergedHeader: rnd() < 0.7,
    headerLineBreaks: rnd() < 0.3,
    district: pick(rnd, ["every-row", "first-row", "merged"] as const),
    blankRowInTable: rnd() < 0.3,
    notes: rnd() < 0.5,
    title: {dash: pick(rnd, ["–", " – ", "—", "-", " - "]), quotes: pick(rnd, [["«", "»"], ["\"", "\""], ["“", "”"]] as [string, string][]),
      yo: rnd() < 0.3, letterCase: pick(rnd, ["as-is", "as-is", "upper", "lower"] as const), extraSpaces: rnd() < 0.3},
    emptyForms: rnd() < 0.5 ? "empty" : "absent",
    totals: rnd() < 0.3 ? "formula" : "numbers",
    totalLabel: pick(rnd, ["Итого, чел", "Итого, чел.", "ИТОГО", "Итого:"]),
    leftColumn: rnd() < 0.2 ? 2 : 1
  };
}

function programmes(rnd: () => number, form: FormNo, rows: number, scale: number): ProgrammeRow[] {
  return Array.from({length: rows}, () => {
    const mentors = int(rnd, 1, form === 3 ? 6 : 12 * scale), mentees = int(rnd, 1, form === 3 ? 8 : 20 * scale);
    return {programme: pick(rnd, PROGRAMMES),
      mentors: form === 4 || form === 5 ? {n: mentors, as: "described", text: pick(rnd, DESCR[form])} : count(rnd, mentors),
      mentees: count(rnd, mentees), result: pick(rnd, RESULTS)};
  });
}

function school(rnd: () => number, i: number, rowsPerForm: (f: FormNo) => number): SchoolEntry {
  const students = int(rnd, 40, 900);
  return {
    municipality: DISTRICTS[i % DISTRICTS.length]!,
    school: `${pick(rnd, ["МБОУ", "МКОУ", "БОУ"])} "${pick(rnd, VILLAGES)} СОШ № ${i + 1}"`,
    contacts: `Директор ${i + 1}, тел. +7 (900) 000-00-00, school${i + 1}@example.org`,
    students: count(rnd, students), teachers: count(rnd, int(rnd, 10, 70)), young: count(rnd, int(rnd, 0, 9)),
    forms: Object.fromEntries(([2, 3, 4, 5] as FormNo[]).map((f) => [f, programmes(rnd, f, rowsPerForm(f), Math.max(1, students / 300))]))
  };
}

/** One school's quarterly report, as a school sends it. */
function schoolFile(i: number): {spec: FormsWorkbookSpec; layout: FormsLayout} {
  const rnd = prng(1000 + i);
  const layout = randomLayout(rnd);
  const s = school(rnd, i, (f) => (f === 2 ? int(rnd, 1, 4) : f === 3 ? int(rnd, 1, 3) : int(rnd, 0, 2)));
  return {spec: {schools: [s], period: {text: pick(rnd, ["за I квартал 2024 г.", "за 1 квартал 2024 года"]),
    placement: rnd() < 0.5 ? "form1-title" : "top-line"}}, layout};
}

async function generate(dir: string, files: number): Promise<{dir: string; stacked: string; huge: string}> {
  const batch = join(dir, "batch");
  mkdirSync(batch, {recursive: true});
  for (let i = 0; i < files; i++) {
    const {spec, layout} = schoolFile(i);
    writeFileSync(join(batch, `school_${String(i).padStart(4, "0")}.xlsx`), await formsWorkbookBuffer(spec, layout));
  }
  // A municipality's consolidated file: 1,000 schools in Form 1 and one programme each in Forms 2–5.
  const rnd = prng(7);
  const stackedSchools = Array.from({length: 1000}, (_, i) => school(rnd, i, () => 1));
  const stacked = join(dir, "stacked-5000-rows.xlsx");
  writeFileSync(stacked, await formsWorkbookBuffer(
    {schools: stackedSchools, period: {text: "за I квартал 2024 г.", placement: "form1-title"}},
    {...defaultLayout, arrangement: "stacked", sheetNames: ["свод"], notes: true, district: "first-row"}));
  // 2,000 schools × 100 programmes: a Form 2 sheet of 200,000 rows (streamed: exceljs's regular
  // writer would need gigabytes for it).
  const hugeSchools = Array.from({length: 2000}, (_, i) => school(rnd, i, (f) => (f === 2 ? 100 : 0)));
  const huge = join(dir, "form2-200000-rows.xlsx");
  await writeFormsWorkbookFile(huge, {schools: hugeSchools, period: {text: "за I квартал 2024 г.", placement: "form1-title"}},
    {...defaultLayout, district: "first-row", emptyForms: "absent"});
  return {dir: batch, stacked, huge};
}

// ── measurements, each in a child process ────────────────────────────────────────────────────

interface ChildResult {
  totalMs: number;
  perFileMs: number[];
  maxRssMb: number;
  statuses?: Record<string, number>;
  note?: string;
}

function listXlsx(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort().map((f) => join(dir, f));
}

async function child(mode: string, args: string[]): Promise<ChildResult> {
  // Ingestion as the CLI and the server run it (bin/cli.ts applies the same policy).
  (await import("../bin/memoryPolicy.ts")).applyMemoryPolicy();
  const now = () => performance.now();
  const done = (r: Omit<ChildResult, "maxRssMb">): ChildResult => ({...r, maxRssMb: process.resourceUsage().maxRSS / 1024});
  if (mode === "baseline") {
    // What the runtime and our modules cost before any file is read.
    await import("../loaders/ingest.ts");
    await import("exceljs");
    return done({totalMs: 0, perFileMs: []});
  }
  if (mode === "parser") {
    const {default: ExcelJS} = await import("exceljs");
    const buffers = listXlsx(args[0]!).map((f) => readFileSync(f));
    const perFileMs: number[] = [];
    const t0 = now();
    for (const b of buffers) {
      const t = now();
      await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
      perFileMs.push(now() - t);
    }
    return done({totalMs: now() - t0, perFileMs});
  }
  const {Store} = await import("../store/database.ts");
  const {ingestBytes, examineFile} = await import("../loaders/ingest.ts");
  if (mode === "examine-batch") {
    // Our guard, reader and parser without the database: separates parsing from storing.
    const files = listXlsx(args[0]!);
    const buffers = files.map((f) => readFileSync(f));
    const perFileMs: number[] = [];
    const t0 = now();
    for (const [i, b] of buffers.entries()) {
      const t = now();
      await examineFile(basename(files[i]!), b);
      perFileMs.push(now() - t);
    }
    return done({totalMs: now() - t0, perFileMs});
  }
  if (mode === "ingest") {
    const files = listXlsx(args[0]!);
    const buffers = files.map((f) => readFileSync(f));
    const perFileMs: number[] = [];
    const statuses: Record<string, number> = {};
    const t0 = now();
    const store = await Store.open(args[1]!);
    // Loaded once per batch, as `mentoring ingest` does.
    const {settings} = await (await import("../settings/load.ts")).loadSettings(store);
    for (const [i, b] of buffers.entries()) {
      const t = now();
      const o = await ingestBytes(store, basename(files[i]!), b, {settings});
      perFileMs.push(now() - t);
      statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    }
    await store.close();
    return done({totalMs: now() - t0, perFileMs, statuses});
  }
  if (mode === "examine") {
    const b = readFileSync(args[0]!);
    const t = now();
    const e = await examineFile(basename(args[0]!), b);
    const ms = now() - t;
    const note = e.ok ? `kind ${e.kind.name}, ${JSON.stringify(e.parsed.stats ?? {})}, ${e.parsed.issues.length} issues`
      : `not ok: ${e.issues.map((i) => i.kind).join(", ")}`;
    return done({totalMs: ms, perFileMs: [ms], note});
  }
  if (mode === "ingest-one") {
    const b = readFileSync(args[0]!);
    const t = now();
    const store = await Store.open(args[1]!);
    const o = await ingestBytes(store, basename(args[0]!), b);
    await store.close();
    const ms = now() - t;
    return done({totalMs: ms, perFileMs: [ms], statuses: {[o.status]: 1}, note: `${o.issues.length} issues`});
  }
  throw new Error(`unknown mode ${mode}`);
}

function runChild(mode: string, args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", mode, ...args],
    {cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024});
  if (r.status !== 0) throw new Error(`child ${mode} failed (${r.status}): ${r.stderr}`);
  const line = r.stdout.trim().split("\n").at(-1)!;
  return JSON.parse(line) as ChildResult;
}

// ── statistics and the report ────────────────────────────────────────────────────────────────

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
const median = (xs: number[]) => quantile(xs, 0.5);
const fmt = (x: number, d = 1) => x.toLocaleString("en-US", {minimumFractionDigits: d, maximumFractionDigits: d});
const secs = (ms: number) => `${fmt(ms / 1000, 2)} s`;

function runs(n: number, f: (i: number) => ChildResult): ChildResult[] {
  return Array.from({length: n}, (_, i) => f(i));
}

/** The run with the median wall time, whose per-file figures are reported. */
function medianRun(rs: ChildResult[]): ChildResult {
  return [...rs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(rs.length / 2)]!;
}

async function main(): Promise<void> {
  const {values} = parseArgs({options: {files: {type: "string", default: "1000"}, runs: {type: "string", default: "3"},
    "big-runs": {type: "string", default: "3"}, "no-write": {type: "boolean", default: false}}});
  const nFiles = Number(values.files), nRuns = Number(values.runs), nBig = Number(values["big-runs"]);
  const tmp = mkdtempSync(join(tmpdir(), "mentoring-bench-forms-"));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    log(`generating ${nFiles} workbooks and two large ones in ${tmp} …`);
    const g0 = performance.now();
    const gen = await generate(tmp, nFiles);
    const sizes = listXlsx(gen.dir).map((f) => statSync(f).size / 1024);
    log(`generated in ${secs(performance.now() - g0)}`);

    const loadStart = loadavg()[0]!;
    const baseline = runChild("baseline", []);
    const parser = runs(nRuns, (i) => { log(`parser-only run ${i + 1}/${nRuns}`); return runChild("parser", [gen.dir]); });
    const examine = runs(nRuns, (i) => { log(`examine-only run ${i + 1}/${nRuns}`); return runChild("examine-batch", [gen.dir]); });
    const ingest = runs(nRuns, (i) => {
      log(`ingest run ${i + 1}/${nRuns}`);
      return runChild("ingest", [gen.dir, join(tmp, `batch-${i}.duckdb`)]);
    });
    const big = [gen.stacked, gen.huge].map((file) => ({
      file,
      examine: runs(nBig, (i) => { log(`examine ${basename(file)} ${i + 1}/${nBig}`); return runChild("examine", [file]); }),
      ingest: runs(nBig, (i) => {
        log(`ingest ${basename(file)} ${i + 1}/${nBig}`);
        return runChild("ingest-one", [file, join(tmp, `${basename(file)}-${i}.duckdb`)]);
      })
    }));

    const pMed = median(parser.map((r) => r.totalMs)), iMed = median(ingest.map((r) => r.totalMs));
    const iRun = medianRun(ingest), pRun = medianRun(parser), eRun = medianRun(examine);
    const eMed = median(examine.map((r) => r.totalMs)), ePeak = Math.max(...examine.map((r) => r.maxRssMb));
    const iPeak = Math.max(...ingest.map((r) => r.maxRssMb)), pPeak = Math.max(...parser.map((r) => r.maxRssMb));
    const ratio = iMed / pMed;
    const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
    const cpu = cpus()[0]?.model ?? "unknown CPU";
    const out: string[] = [];
    out.push("## Quarterly reports (Forms 1–5): ingestion", "");
    out.push(`Command: \`npx tsx bench/forms.ts --files ${nFiles} --runs ${nRuns} --big-runs ${nBig}\` · ` +
      `machine: ${cpus().length} cores (\`nproc\`), ${cpu}, Node ${process.version} · ${new Date().toISOString().slice(0, 10)} · ` +
      `each figure is the median of ${nRuns} runs (large files: ${nBig}), each run in a fresh child process; peak memory is ` +
      `that process's maxRSS (the highest of the runs). Baseline of a child that only loads the modules: ${fmt(baseline.maxRssMb, 0)} MB. ` +
      `Load average (1 min) at start ${fmt(loadStart, 1)}, at end ${fmt(loadavg()[0]!, 1)}: figures taken on a busy shared machine ` +
      `vary between runs; compare the ratio, measured in the same run.`, "");
    out.push(`### ${nFiles.toLocaleString("en-US")} school workbooks`, "");
    out.push(`Generated by \`scripts/formsWorkbook.ts\` with a fixed seed: one school each, Form 1 and Forms 2–5 with 0–4 programmes, ` +
      `layouts mixed (one form per sheet or all stacked, merged or flat headers, merged districts, blank rows, notes, messy counts, ` +
      `formula totals). Size ${fmt(Math.min(...sizes))}–${fmt(Math.max(...sizes))} KB, mean ${fmt(sizes.reduce((a, b) => a + b, 0) / sizes.length)} KB.`, "");
    out.push("| measurement | wall time (median) | files/s | p50 per file | p95 per file | peak memory |", "|---|---|---|---|---|---|");
    out.push(`| exceljs \`new Workbook().xlsx.load(buffer)\` only (parser-only reference) | ${secs(pMed)} | ${fmt(nFiles / (pMed / 1000), 0)} | ` +
      `${fmt(median(pRun.perFileMs), 2)} ms | ${fmt(quantile(pRun.perFileMs, 0.95), 2)} ms | ${fmt(pPeak, 0)} MB |`);
    out.push(`| \`examineFile\` only (our zip guard, reader and forms parser; no database) | ${secs(eMed)} | ${fmt(nFiles / (eMed / 1000), 0)} | ` +
      `${fmt(median(eRun.perFileMs), 2)} ms | ${fmt(quantile(eRun.perFileMs, 0.95), 2)} ms | ${fmt(ePeak, 0)} MB |`);
    out.push(`| \`ingestBytes\` end to end into a fresh DuckDB file (guard, read, parse, validate, one transaction per file) | ${secs(iMed)} | ` +
      `${fmt(nFiles / (iMed / 1000), 0)} | ${fmt(median(iRun.perFileMs), 2)} ms | ${fmt(quantile(iRun.perFileMs, 0.95), 2)} ms | ${fmt(iPeak, 0)} MB |`);
    out.push("");
    out.push(`- Ratio end to end / parser-only: **${fmt(ratio, 2)}×** (target ≤ 3×: ${verdict(ratio <= 3)}).`);
    out.push(`- Whole batch ${secs(iMed)} (target < 15 s: ${verdict(iMed < 15000)}), peak ${fmt(iPeak, 0)} MB (target < 400 MB: ${verdict(iPeak < 400)}).`);
    out.push(`- Outcomes: ${Object.entries(iRun.statuses ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
    out.push(`- All runs, s: parser ${parser.map((r) => fmt(r.totalMs / 1000, 2)).join(" / ")}; ` +
      `examine ${examine.map((r) => fmt(r.totalMs / 1000, 2)).join(" / ")}; ingest ${ingest.map((r) => fmt(r.totalMs / 1000, 2)).join(" / ")}.`, "");
    out.push("### Large workbooks", "");
    out.push("| workbook | size | `examineFile` (median) | peak memory | `ingestBytes` into a fresh database (median) | peak memory | result |", "|---|---|---|---|---|---|---|");
    const labels = ["one stacked sheet, 5,000 table rows (1,000 schools in Form 1, one programme each in Forms 2–5)",
      "a Form 2 sheet of 200,000 programme rows (2,000 schools × 100), Form 1 with 2,000 rows"];
    big.forEach((b, i) => {
      const e = median(b.examine.map((r) => r.totalMs)), n = median(b.ingest.map((r) => r.totalMs));
      out.push(`| ${labels[i]} | ${fmt(statSync(b.file).size / 1024 / 1024, 1)} MB | ${secs(e)} | ${fmt(Math.max(...b.examine.map((r) => r.maxRssMb)), 0)} MB | ` +
        `${secs(n)} | ${fmt(Math.max(...b.ingest.map((r) => r.maxRssMb)), 0)} MB | ${b.examine[0]!.note}; ${Object.keys(b.ingest[0]!.statuses ?? {}).join(", ")} |`);
    });
    out.push("", "Reference figures from the issue, measured on this kind of machine: exceljs reads 1,000 such files in ~4.5 s; its " +
      "streaming reader does 200,000 rows in ~3.3 s at ~115 MB, its whole-workbook reader ~7.4 s and ~1 GB.", "");
    const md = out.join("\n");
    process.stdout.write(`${md}\n`);
    if (!values["no-write"]) {
      mkdirSync(join(ROOT, "bench/results"), {recursive: true});
      writeFileSync(join(ROOT, "bench/results/forms.md"), `${md}\n`);
      log("written to bench/results/forms.md");
    }
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  child(process.argv[childAt + 1]!, process.argv.slice(childAt + 2))
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
} else {
  main().catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
}
