// Benchmark of issue 14: a region of N teachers (default 10,000 in 200 schools) with entry and exit
// diagnostics, the sample catalogue, everyone's route as one list of road maps (5 activities each,
// marks of every kind) and two years of students' results (2 classes per teacher).
//
//   npx tsx bench/routes.ts [--teachers 10000] [--no-write]
//
// Generates the workbooks in memory (seeded PRNG), then in this one process: ingests them into a
// fresh DuckDB file, runs the routes report, what changed, the students' report, who needs a mentor,
// every teacher's drafted route, and writes 20 routes as XLSX and DOCX. No targets are set by the
// issue: the figures say what a region of that size costs. Writes bench/results/routes.md.
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import ExcelJS from "exceljs";
import {prng} from "../scripts/prng.ts";
import {Store} from "../store/database.ts";
import {ingestBytes} from "../loaders/ingest.ts";
import {routesReport} from "../reports/routes.ts";
import {routeEffectReport} from "../reports/routeEffect.ts";
import {studentResultsReport} from "../reports/studentResults.ts";
import {needsMentorReport} from "../reports/needsMentor.ts";
import {teacherRouteDrafts} from "../reports/routeDraft.ts";
import {routeXlsx} from "../reports/exports/routeXlsx.ts";
import {routeDocx} from "../reports/exports/routeDocx.ts";
import {readSettingsFiles} from "../settings/load.ts";

const {values} = parseArgs({options: {teachers: {type: "string", default: "10000"}, "no-write": {type: "boolean"}}});
const N = Number(values.teachers);
const rnd = prng(14);
const AREAS = ["Методические", "Предметные", "Психолого-педагогические", "Коммуникативные", "Цифровые (ИКТ)"];
const school = (i: number) => `МБОУ «СОШ № ${Math.floor(i / 50) + 1}»`;
const name = (i: number) => `Педагогова${i} Анна Сергеевна`;

async function book(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("Лист1"));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inputs() {
  const diagnostics = await book((ws) => {
    ws.addRow(["ФИО педагога", "ОО", "Муниципалитет", "Этап", ...AREAS]);
    for (const wave of ["входная", "итоговая"]) for (let i = 0; i < N; i++) {
      ws.addRow([name(i), school(i), "Бенчмарковский", wave, ...AREAS.map(() => 30 + Math.floor(rnd() * 55) + (wave === "итоговая" ? 6 : 0))].map((v) =>
        typeof v === "number" ? Math.min(100, v) : v));
    }
  });
  const routes = await book((ws) => {
    ws.addRow(["Дорожные карты ИОМ, 2025/2026 учебный год"]);
    ws.addRow(["Муниципалитет", "ОО", "ФИО педагога", "Название программы (мероприятия)", "Кол-во часов", "Перечень дефицитов", "Сроки прохождения", "Отметка о прохождении"]);
    const marks = ["пройдено", "да", "+", "15.12.2025", "удостоверение № 552401 от 20.12.2025", "не пройдено", null];
    for (let i = 0; i < N; i++) for (let k = 0; k < 5; k++) {
      ws.addRow([i % 50 === 0 && k === 0 ? "Бенчмарковский" : null, k === 0 ? school(i) : null, k === 0 ? name(i) : null, `Программа ${k + 1}`, 36,
        AREAS[k]!.toLowerCase(), ["октябрь", "ноябрь – декабрь", "01.02.2026 – 28.02.2026", "март", "апрель 2026"][k], marks[Math.floor(rnd() * marks.length)]]);
    }
  });
  const students = await book((ws) => {
    ws.addRow(["ФИО учителя", "ОО", "Муниципалитет", "Учебный год", "Класс", "Предмет", "Численность класса", "ВПР: писали", "ВПР: справились",
      "Средняя отметка", "Олимпиады: участники", "Олимпиады: победители и призёры"]);
    for (let i = 0; i < N; i++) for (const year of ["2024/2025", "2025/2026"]) for (const g of [5, 7]) {
      const size = 20 + Math.floor(rnd() * 8), taken = size - 1, passed = Math.floor(taken * (0.6 + rnd() * 0.3));
      ws.addRow([name(i), school(i), "Бенчмарковский", year, `${g}А`, "математика", size, taken, passed, 3.5 + rnd(), 4, 1]);
    }
  });
  return {diagnostics, routes, students, catalogue: readFileSync("data/sample/routes/каталог_мероприятий_ИОМ_2025-2026.xlsx")};
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => { const t = performance.now(); const r = await fn(); return [r, performance.now() - t]; };

const load = loadavg()[0]!;
const files = await inputs();
const dir = mkdtempSync(join(tmpdir(), "bench-routes-"));
const store = await Store.open(join(dir, "b.duckdb"));
const {settings} = readSettingsFiles();
const rows: Array<[string, number]> = [];
try {
  for (const [label, file, bytes] of [["diagnostics (2 waves)", "d.xlsx", files.diagnostics], ["catalogue", "c.xlsx", files.catalogue],
    ["routes list", "r.xlsx", files.routes], ["students' results", "s.xlsx", files.students]] as const) {
    const [o, ms] = await time(() => ingestBytes(store, file, bytes));
    if (o.status === "rejected") throw new Error(`${label} rejected`);
    rows.push([`ingest ${label} (${(bytes.length / 1048576).toFixed(1)} MB)`, ms]);
  }
  rows.push(["routes report (completion, overdue, deficits without a route)", (await time(() => routesReport(store, settings, {asOf: "2026-06-01"})))[1]]);
  rows.push(["what changed (per area: route groups, mentoring groups)", (await time(() => routeEffectReport(store, settings)))[1]]);
  rows.push(["students' results (two years, tests for shares)", (await time(() => studentResultsReport(store, settings)))[1]]);
  rows.push(["who needs a mentor", (await time(() => needsMentorReport(store, settings)))[1]]);
  const [drafts, draftMs] = await time(() => teacherRouteDrafts(store, settings, {names: true, start: "2025-09-01"}));
  rows.push([`every teacher's drafted route (${drafts.size})`, draftMs]);
  const some = [...drafts.values()].slice(0, 20);
  const xs: number[] = [], ds: number[] = [];
  for (const d of some) { xs.push((await time(() => routeXlsx(d)))[1]); ds.push((await time(() => routeDocx(d)))[1]); }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  rows.push(["one route as XLSX (median of 20)", median(xs)]);
  rows.push(["one route as DOCX (median of 20)", median(ds)]);
} finally {
  await store.close();
  rmSync(dir, {recursive: true, force: true});
}
const rss = process.resourceUsage().maxRSS / 1024;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const md = `## Routes, their effect, students' results (issue 14)

Command: \`npx tsx bench/routes.ts --teachers ${N}\` · machine: \`nproc\` = ${cpus().length}, \`node -v\` = ${process.version}. Input: ${N} teachers in
${Math.ceil(N / 50)} schools, entry and exit diagnostics (5 areas), the sample catalogue (30 activities), everyone's route as one list
(${N * 5} activities), students' results of two years (${N * 4} rows). One process; peak memory (maxRSS) ${rss.toFixed(0)} MB. Load average
when the benchmark started: ${load.toFixed(2)} (the machine is shared: timings vary between runs). No target is set by the issue.

| step | time |
|---|---|
${rows.map(([l, ms]) => `| ${l} | ${fmt(ms)} |`).join("\n")}
`;
process.stdout.write(md);
if (!values["no-write"]) { mkdirSync("bench/results", {recursive: true}); writeFileSync("bench/results/routes.md", md); }
