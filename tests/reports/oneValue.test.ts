// One computation, one value (issue 12 §2): every figure shown in more than one place is compared
// across the CLI's --json, the dashboards' data (the src/data/*.json.ts loaders' output), the XLSX
// exports read back, and the annual report object — on the whole sample region.
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../bin/main.ts";
import {bufferIo} from "../../bin/io.ts";
import {Store} from "../../store/database.ts";
import {writeSnapshot} from "../../store/snapshot.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {loadSettings} from "../../settings/load.ts";
import {annualReport, type AnnualReport} from "../../reports/exports/annualReport.ts";
import {annualWorkbook} from "../../reports/exports/annualXlsx.ts";
import {engagementExport} from "../../reports/exports/engagementXlsx.ts";
import {periodFromId} from "../../lib/period.ts";

let dir: string, db: string;
const annual: Record<string, AnnualReport> = {};
const xlsx: Record<string, ExcelJS.Workbook> = {};
const dashboards: Record<string, any> = {};

const cli = async (...argv: string[]) => {
  const io = bufferIo();
  expect(await main([...argv, "--db", db, "--json"], io)).toBe(0);
  return JSON.parse(io.stdout.join("\n"));
};

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's data rows as objects keyed by the header row (row 2 of our exports). */
function rows(wb: ExcelJS.Workbook, sheet: string): Array<Record<string, unknown>> {
  const ws = wb.getWorksheet(sheet)!;
  const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? ""));
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n < 3) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i] ?? null]).filter(([h]) => h)));
  });
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-one-value-"));
  db = join(dir, "m.duckdb");
  const snapshot = join(dir, "snapshot.duckdb");
  const store = await Store.open(db);
  await ingestSample(store);
  const {settings} = await loadSettings(store);
  for (const id of ["2023/24", "2024/25", "2025/26", "2024"]) {
    // The methodologist's report (exact counts), as her command line and her exports give it.
    annual[id] = await annualReport(store, settings, {period: periodFromId(id), today: "2026-11-24", audience: "service"});
    xlsx[id] = await workbook(await annualWorkbook(annual[id]!));
  }
  xlsx.engagement = await workbook((await engagementExport(store, settings, {period: "2024-Q2"})).bytes);
  await writeSnapshot(store, snapshot);
  await store.close();
  for (const loader of ["effectiveness", "diagnostics", "engagement"]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", `src/data/${loader}.json.ts`], {encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
      env: {...process.env, MENTORING_SNAPSHOT: snapshot, MENTORING_PUBLIC: "0"}});
    if (r.status !== 0) throw new Error(`${loader}: ${r.stderr}`);
    dashboards[loader] = JSON.parse(r.stdout);
  }
}, 240_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("p of the pre/post comparison and the name of its test", () => {
  it("«Коммуникативные», 136 pairs in 2025/26: the paired t-test's p = 0,267 everywhere, never Wilcoxon's 0,191", async () => {
    const r = await cli("report", "prepost", "--year", "2025/26");
    const area = r.areas.find((a: {area: string}) => a.area === "communicative");
    expect(area.nPairs).toBe(136);
    expect(area.test).toMatchObject({test: "paired-t", label: "парный t-критерий"});
    expect(area.test.p).toBeCloseTo(0.2671, 3);
    expect(area.wilcoxon.p).toBeCloseTo(0.1913, 3);
    expect(area.reading).toContain("(парный t-критерий, p = 0,267)");
  });

  it("every area's test and p are the same in the CLI, the annual report, its XLSX and the management dashboard", async () => {
    const r = await cli("report", "prepost", "--year", "2025/26");
    const report = annual["2025/26"]!;
    if (!report.prepost.available) throw new Error(report.prepost.note);
    const sheet = rows(xlsx["2025/26"]!, "До и после");
    const page = dashboards.effectiveness.reports["2025/26"].prepost.data;
    for (const a of r.areas) {
      const inAnnual = report.prepost.data.areas.find((x) => x.label === a.label)!;
      const inXlsx = sheet.find((x) => x["Область"] === a.label)!;
      const inPage = page.areas.find((x: {label: string}) => x.label === a.label);
      expect(inAnnual.test).toEqual(a.test);
      expect(inPage.test).toEqual(a.test);
      expect(inXlsx["p"]).toBeCloseTo(a.test.p, 12);
      expect(inXlsx["Критерий"]).toBe(a.test.label);
      expect([inAnnual.nPairs, inPage.nPairs, inXlsx["Пар"]]).toEqual([a.nPairs, a.nPairs, a.nPairs]);
      expect(inAnnual.meanEntryDeficit).toBeCloseTo(a.meanEntryDeficit, 12);
      expect(inXlsx["Доля устранённого дефицита"]).toBeCloseTo(a.normalizedGain, 12);
      expect(inPage.reading).toBe(a.reading);
    }
  });

  it("the curator's dashboard (all school years) shows the CLI's tests and p for every group", async () => {
    const r = await cli("report", "prepost", "--by", "all");
    // The «Диагностика» page's data holds several parts since issue 14 (reports/diagnosticsPage.ts); pre/post is `diagnostics`.
    const region = dashboards.diagnostics.diagnostics.data.groups.find((g: {level: string}) => g.level === "region");
    for (const a of r.areas) expect(region.areas.find((x: {area: string}) => x.area === a.area).test).toEqual(a.test);
    for (const g of r.groups.filter((x: {nTeachers: number}) => x.nTeachers >= 5)) {
      const same = dashboards.diagnostics.diagnostics.data.groups.find((x: {level: string; school: string | null; municipality: string}) =>
        x.level === g.level && x.school === g.school && x.municipality === g.municipality);
      expect(same.areas.map((x: {test: unknown}) => x.test)).toEqual(g.areas.map((x: {test: unknown}) => x.test));
    }
  });
});

describe("retention of young specialists", () => {
  it("the cohort hired in 2023/24 and judged in 2024/25 is 83,3 % in the retention report, the target indicator, the annual report, its XLSX and the dashboard", async () => {
    const retention = await cli("report", "retention", "--year", "2024/25");
    const cohort = retention.region.cohorts.find((c: {year: number}) => c.year === 2024);
    expect(cohort).toMatchObject({hired: 7, retained: 5, left: 1, pending: 1});
    expect(cohort.share).toBeCloseTo(500 / 6, 10);
    const targets = await cli("report", "targets", "--year", "2024/25");
    const indicator = targets.region[0].indicators.find((i: {code: string}) => i.code === "young_retention");
    expect(indicator.bySource.roster.actual).toBeCloseTo(cohort.share, 12);
    // The schools' own tables are the second, legitimate definition: named apart, never mixed up.
    expect(indicator.bySource.table.actual).toBeCloseTo(100, 12);
    const report = annual["2024/25"]!;
    if (!report.retention.available || !report.targets.available) throw new Error("sections missing");
    expect(report.retention.data.judged).toMatchObject({year: 2024, label: "2023/24", retained: 5, left: 1});
    expect(report.retention.data.judged!.share).toBeCloseTo(cohort.share, 12);
    const line = report.targets.data.indicators.find((i) => i.code === "young_retention")!;
    expect(line.bySource).toEqual(indicator.bySource);
    expect(line.actual).toBeCloseTo(indicator.actual, 12);
    const sheet = rows(xlsx["2024/25"]!, "Закрепление").find((x) => x["Учебный год приёма"] === "2023/24")!;
    expect(sheet["Закрепление"]).toBeCloseTo(cohort.share / 100, 12);
    const page = dashboards.effectiveness.reports["2024/25"];
    expect(page.retention.data.judged.share).toBeCloseTo(cohort.share, 12);
    expect(page.retention.data.judged.label).toBe("2023/24");
  });
});

describe("engagement", () => {
  it("II квартал 2024 is the same in the CLI, the dashboard and the engagement XLSX; the annual reports stand on the last complete quarter", async () => {
    const r = await cli("report", "engagement", "--period", "2024-Q2");
    const page = dashboards.engagement.periods.find((p: {period: string}) => p.period === "2024-Q2");
    expect(page.region.studentsPct).toBeCloseTo(r.region.studentsPct, 12);
    expect(page.region.teachersPct).toBeCloseTo(r.region.teachersPct, 12);
    const region = rows(xlsx.engagement!, "Муниципалитеты").find((x) => x["Регион / муниципалитет"] === "Регион")!;
    expect(region["Доля обучающихся"]).toBeCloseTo(r.region.studentsPct / 100, 12);
    // The sample's II quarter counts 20 of 22 schools (engagement-figures.md): 2023/24 and 2024 are
    // represented by I квартал 2024, their last complete quarter (issue 11 §2), the same figure everywhere.
    expect(r.region.coverage.complete).toBe(false);
    const q1 = await cli("report", "engagement", "--period", "2024-Q1");
    expect(q1.region.coverage.complete).toBe(true);
    for (const id of ["2023/24", "2024"]) {
      const e = annual[id]!.engagement;
      if (!e.available) throw new Error(e.note);
      expect([e.data.current.period, e.data.current.complete]).toEqual(["2024-Q1", true]);
      expect(e.data.current.studentsPct).toBeCloseTo(q1.region.studentsPct, 12);
      expect(e.data.current.teachersEngaged).toBe(q1.region.teachersEngaged);
      const sheet = rows(xlsx[id]!, "Вовлечённость").at(-1)!;
      expect(sheet["Доля педагогов"]).toBeCloseTo(q1.region.teachersPct / 100, 12);
    }
    expect(dashboards.effectiveness.reports["2023/24"].engagement.data.current.studentsPct).toBeCloseTo(q1.region.studentsPct, 12);
  });
});

describe("SWOT, target indicators, violations and load of 2024/25", () => {
  it("SWOT shares of respondents are the same in the CLI, the annual report, its XLSX and the dashboard", async () => {
    const r = await cli("report", "swot", "--year", "2024/25");
    const report = annual["2024/25"]!;
    if (!report.swot.available) throw new Error(report.swot.note);
    const sheet = rows(xlsx["2024/25"]!, "SWOT");
    const page = dashboards.effectiveness.reports["2024/25"].swot.data;
    expect(report.swot.data.respondents).toBe(r.respondents.total);
    for (const q of r.quadrants) {
      const a = report.swot.data.quadrants.find((x) => x.quadrant === q.quadrant)!;
      expect([a.mentions, a.share]).toEqual([q.mentions, q.share]);
      expect(sheet.find((x) => x["Квадрант"] === q.label)!["Доля ответивших"]).toBeCloseTo(q.share / 100, 12);
      expect(page.quadrants.find((x: {quadrant: string}) => x.quadrant === q.quadrant).share).toBe(q.share);
    }
  });

  it("target indicators are the same in the CLI, the annual report, its XLSX and the dashboard", async () => {
    const r = await cli("report", "targets", "--year", "2024/25");
    const report = annual["2024/25"]!;
    if (!report.targets.available) throw new Error(report.targets.note);
    const sheet = rows(xlsx["2024/25"]!, "Целевые показатели");
    const page = dashboards.effectiveness.reports["2024/25"].targets.data;
    for (const i of r.region[0].indicators) {
      expect(report.targets.data.indicators.find((x) => x.code === i.code)!.actual).toBeCloseTo(i.actual, 12);
      expect(page.indicators.find((x: {code: string}) => x.code === i.code).met).toBe(i.met);
      expect(sheet.find((x) => x["Показатель"] === i.name)!["Факт"]).toBeCloseTo(i.actual / 100, 12);
    }
  });

  it("violations and load at the school year's last day are the same in the CLI, the annual report, its XLSX and the dashboard", async () => {
    const v = await cli("report", "violations", "--date", "2025-08-31");
    const l = await cli("report", "load", "--date", "2025-08-31");
    const report = annual["2024/25"]!;
    if (!report.violations.available || !report.load.available) throw new Error("sections missing");
    expect(report.asOf).toBe("2025-08-31");
    expect(report.violations.data.rules.map((x) => [x.rule, x.count])).toEqual(v.summary.map((x: {rule: string; count: number}) => [x.rule, x.count]));
    expect(rows(xlsx["2024/25"]!, "Нарушения").map((x) => x["Случаев"])).toEqual(v.summary.map((x: {count: number}) => x.count));
    expect(dashboards.effectiveness.reports["2024/25"].violations.data.rules).toEqual(report.violations.data.rules);
    expect([report.load.data.mentors, report.load.data.mentees, report.load.data.maxMentees]).toEqual([l.total.mentors, l.total.mentees, l.maxMentees]);
    expect(report.load.data.current).toEqual(l.total.current.distribution);
  });
});

describe("every section is filtered to its period", () => {
  it("the 2023/24 report holds no later data: no 2025/26 diagnostics, no 2024/25 turnover, load at 31.08.2024", () => {
    const r = annual["2023/24"]!;
    expect(r.period).toEqual({kind: "school-year", id: "2023/24", label: "2023/24 учебный год", start: "2023-09-01", end: "2024-08-31"});
    expect(r.asOf).toBe("2024-08-31");
    expect(r.prepost.available).toBe(false);
    if (r.retention.available) {
      expect(r.retention.data.turnover.map((t) => t.label)).toEqual(["2023/24"]);
      expect(r.retention.data.cohorts.every((c) => c.year <= 2024)).toBe(true);
    }
    if (r.engagement.available) expect(r.engagement.data.years.map((y) => y.periodId)).toEqual(["2023/24"]);
    if (r.load.available) expect(r.load.data.date).toBe("2024-08-31");
  });

  it("each school year's report differs where its data differ: pre/post only in 2025/26", () => {
    expect(annual["2024/25"]!.prepost.available && annual["2024/25"]!.prepost.data.paired).toBe(0);
    expect(annual["2025/26"]!.prepost.available && annual["2025/26"]!.prepost.data.paired).toBe(139);
    expect(annual["2024"]!.schoolYear.id).toBe("2023/24");
  });
});
