// Three regions, each on its own machine, exported and rolled up: against the figures worked out by
// hand in three-regions.md, and against each region's own engagement report.
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {Store, all} from "../../../store/database.ts";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {engagementReport, type EngagementReport} from "../../../reports/engagement.ts";
import {exportAggregates, type ExportResult} from "../../../reports/federal/exportAggregates.ts";
import {rollupReport, runRollupStatement, RollupInputError, type CoveredFigures, type RollupReport} from "../../../reports/federal/rollup.ts";
import {ManifestSchema, SCHEMA_VERSION, TABLES} from "../../../reports/federal/schema.ts";
import type {GroupSummary} from "../../../lib/engagementSummary.ts";
import {diagnosticsWorkbook, quarterWorkbook, REGIONS, type RegionFixture} from "./threeRegions.ts";
import {projectSettings} from "../../helpers/settings.ts";

const NOW = new Date(Date.UTC(2024, 6, 1, 9, 30));
let root: string;
const dirOf = (code: string) => join(root, `region-${code}`);
const exports = new Map<string, ExportResult>();
const own = new Map<string, Record<string, EngagementReport>>();
let q2: RollupReport;
let q1: RollupReport;

async function loadRegion(fx: RegionFixture): Promise<Store> {
  const store = await Store.open(":memory:");
  for (const [period, schools] of Object.entries(fx.quarters)) {
    const o = await ingestBytes(store, `${fx.code}-${period}.xlsx`, await quarterWorkbook(period as "2024-Q1", schools!));
    if (o.status === "rejected") throw new Error(`${fx.code} ${period}: ${JSON.stringify(o.issues.slice(0, 2))}`);
  }
  if (fx.diagnostics) {
    const o = await ingestBytes(store, `${fx.code}-entry.xlsx`, await diagnosticsWorkbook(fx.diagnostics));
    if (o.status === "rejected") throw new Error(`${fx.code} diagnostics: ${JSON.stringify(o.issues.slice(0, 2))}`);
  }
  return store;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "federal-"));
  for (const fx of REGIONS) {
    const store = await loadRegion(fx);
    try {
      exports.set(fx.code, await exportAggregates(store, projectSettings(), {region: {code: fx.code, name: fx.name}, out: dirOf(fx.code), now: NOW}));
      const reports: Record<string, EngagementReport> = {};
      for (const p of Object.keys(fx.quarters)) reports[p] = await engagementReport(store, projectSettings(), {period: p});
      own.set(fx.code, reports);
    } finally {
      await store.close();
    }
  }
  const dirs = REGIONS.map((r) => dirOf(r.code));
  q2 = await rollupReport(dirs, {targets: {students: 70, teachers: 70}});
  q1 = await rollupReport(dirs, {period: "2024-Q1", targets: {students: 70, teachers: 70}});
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** [engaged, population] × students, teachers, and [counted, expected]. */
function expectCovered(f: CoveredFigures, [se, sp, te, tp]: [number, number, number, number], [counted, expected]: [number, number]): void {
  expect([f.studentsEngaged, f.studentsPopulation, f.teachersEngaged, f.teachersPopulation]).toEqual([se, sp, te, tp]);
  expect(f.studentsPct).toBeCloseTo((100 * se) / sp, 10);
  expect(f.teachersPct).toBeCloseTo((100 * te) / tp, 10);
  expect([f.schoolsCounted, f.schoolsExpected]).toEqual([counted, expected]);
}
const region = (r: RollupReport, code: string) => r.regions.find((x) => x.code === code)!;
const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("the country in the II quarter, worked out by hand (three-regions.md)", () => {
  it("takes the latest quarter and names every region present", () => {
    expect(q2.period).toBe("2024-Q2");
    expect(q2.periods).toEqual(["2024-Q1", "2024-Q2"]);
    expect(q2.regions.map((r) => [r.code, r.name, r.hasPeriod])).toEqual([
      ["54", "Новосибирская область", true], ["55", "Омская область", true], ["72", "Тюменская область", true]]);
  });

  it("sums engaged and population over counted schools, never a mean of percentages", () => {
    expectCovered(q2.country, [373, 580, 70, 100], [6, 8]);
    expect(q2.country).toMatchObject({schoolsReported: 7, regionsPresent: 3, regionsWithPeriod: 3, regionsCounted: 3, regionsComplete: 1,
      complete: false, meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: false, teachers: true}});
  });

  it("teachers at exactly 70 % over 6 of 8 schools: met, and said only with its coverage", () => {
    expect(plain(q2.country.verdict.teachers)).toBe("данные неполные (по 6 из 8 школ, 3 из 3 регионов): цель не оценивается");
    expect(plain(q2.country.verdict.students)).toBe("данные неполные (по 6 из 8 школ, 3 из 3 регионов): цель не оценивается");
  });

  it("each region as worked out", () => {
    expectCovered(region(q2, "55"), [89, 160, 24, 35], [3, 4]);
    expect(region(q2, "55").verdict).toEqual({students: "данные неполные (по 3 из 4 школ): цель не оценивается", teachers: "данные неполные (по 3 из 4 школ): цель не оценивается"});
    expectCovered(region(q2, "72"), [200, 300, 32, 45], [2, 2]);
    expect(region(q2, "72")).toMatchObject({complete: true, verdict: {students: "цель не достигнута", teachers: "цель достигнута"}});
    expectCovered(region(q2, "54"), [84, 120, 14, 20], [1, 2]);
    expect(region(q2, "54")).toMatchObject({schoolsReported: 2, meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: true, teachers: true},
      verdict: {students: "данные неполные (по 1 из 2 школ): цель не оценивается", teachers: "данные неполные (по 1 из 2 школ): цель не оценивается"}});
  });

  it("municipalities, with no decision where more are engaged than the school has", () => {
    const m = (r: string, name: string) => q2.municipalities.find((x) => x.region === r && x.name === name)!;
    expect(q2.municipalities.map((x) => `${x.region} ${x.name}`)).toEqual(["54 Бердский", "55 Омский", "55 Тарский", "72 Ишимский"]);
    expectCovered(m("55", "Тарский"), [75, 150, 20, 30], [2, 3]);
    expectCovered(m("55", "Омский"), [14, 10, 4, 5], [1, 1]);
    expect(m("55", "Омский")).toMatchObject({meetsTarget: {students: null, teachers: true}, verdict: {students: "цель не оценивается", teachers: "цель достигнута"}});
  });

  it("names the incomplete regions and why", () => {
    expect(q2.incomplete).toEqual([
      {code: "54", name: "Новосибирская область", note: "в сумме 1 из 2 школ; без формы 1: 1"},
      {code: "55", name: "Омская область", note: "в сумме 3 из 4 школ; не отчитались: 1"}]);
  });

  it("engagement per form adds up to the totals", () => {
    expect(q2.byForm.country.map((f) => [f.form, f.label, f.programmes, f.mentors, f.mentees, f.studentsEngaged, f.teachersEngaged])).toEqual([
      [2, "ученик – ученик", 6, 158, 175, 333, 0],
      [3, "учитель – учитель", 6, 35, 35, 0, 70],
      [4, "студент – ученик", 2, 10, 25, 25, 0],
      [5, "работодатель – ученик", 2, 8, 15, 15, 0]]);
    for (const r of q2.regions) {
      const forms = q2.byForm.regions.find((x) => x.code === r.code)!.forms;
      expect(forms.reduce((a, f) => a + f.studentsEngaged, 0), r.code).toBe(r.studentsEngaged);
      expect(forms.reduce((a, f) => a + f.teachersEngaged, 0), r.code).toBe(r.teachersEngaged);
    }
  });

  it("diagnostics per area over the regions that show it; a group of 4 stays hidden", () => {
    expect(q2.diagnostics.map((d) => [d.wave, d.area, d.regions, d.regionsHidden, d.teachers])).toEqual([
      ["entry", "methodological", 2, 0, 11], ["entry", "digital", 1, 1, 6]]);
    expect(q2.diagnostics[0]!.meanResult).toBeCloseTo(630 / 11, 10);
    expect(q2.diagnostics[0]!.meanDeficit).toBeCloseTo(100 - 630 / 11, 10);
    expect(q2.diagnostics[1]).toMatchObject({label: "Цифровые (ИКТ)", meanResult: 60, meanDeficit: 40});
  });
});

describe("the country in the I quarter", () => {
  it("a region without the quarter is present, not counted, and said", () => {
    expect(q1.period).toBe("2024-Q1");
    expectCovered(q1.country, [100, 270, 30, 50], [3, 3]);
    expect(q1.country).toMatchObject({regionsPresent: 3, regionsWithPeriod: 2, regionsCounted: 2, complete: false});
    expect(plain(q1.country.verdict.students)).toBe("данные неполные (по 3 из 3 школ, 2 из 3 регионов): цель не оценивается");
    expect(region(q1, "72")).toMatchObject({hasPeriod: false, schoolsExpected: 0, studentsPct: null, verdict: {students: "нет данных", teachers: "нет данных"}});
    expect(q1.incomplete).toEqual([{code: "72", name: "Тюменская область", note: "нет данных за этот квартал"}]);
    expectCovered(region(q1, "55"), [40, 150, 20, 30], [2, 2]);
    expect(region(q1, "55").verdict.teachers).toBe("цель не достигнута");
  });
});

describe("the roll-up of one region is that region's own engagement report", () => {
  const same = (rolled: CoveredFigures, mine: GroupSummary, expected: number) => {
    expect([rolled.studentsEngaged, rolled.studentsPopulation, rolled.teachersEngaged, rolled.teachersPopulation])
      .toEqual([mine.studentsEngaged, mine.studentsPopulation, mine.teachersEngaged, mine.teachersPopulation]);
    expect(rolled.studentsPct).toBe(mine.studentsPct);
    expect(rolled.teachersPct).toBe(mine.teachersPct);
    expect(rolled.meetsTarget).toEqual(mine.meetsTarget);
    expect(rolled.schoolsCounted).toBe(mine.schoolsIncluded.length);
    expect(rolled.schoolsExpected).toBe(expected);
    expect(rolled.schoolsExpected - rolled.schoolsReported).toBe(mine.schoolsNotReported.length);
  };
  for (const fx of REGIONS) {
    for (const period of Object.keys(fx.quarters)) {
      it(`${fx.name}, ${period}: region and every municipality`, async () => {
        const mine = own.get(fx.code)![period]!;
        const r = await rollupReport([dirOf(fx.code)], {period});
        same(r.country, mine.region, mine.schools.length);
        same(region(r, fx.code), mine.region, mine.schools.length);
        expect(r.municipalities.map((m) => m.name)).toEqual(mine.municipalities.map((m) => m.name));
        for (const m of mine.municipalities) {
          same(r.municipalities.find((x) => x.name === m.name)!, m, mine.schools.filter((s) => s.municipality === m.name).length);
        }
      });
    }
  }
});

describe("partitions and manifest, as documented", () => {
  const files = (dir: string) => readdirSync(dir, {recursive: true, encoding: "utf8"}).filter((f) => f.endsWith(".parquet") || f.endsWith(".json")).sort();

  it("Hive layout: <table>/region=<code>/year=<y>/quarter=<q>/part_0.parquet, diagnostics per region, a manifest per region", () => {
    expect(files(dirOf("55"))).toEqual([
      "_manifests/55.json",
      "diagnostic_areas/region=55/part_0.parquet",
      "engagement_by_form/region=55/year=2024/quarter=1/part_0.parquet",
      "engagement_by_form/region=55/year=2024/quarter=2/part_0.parquet",
      "school_quarters/region=55/year=2024/quarter=1/part_0.parquet",
      "school_quarters/region=55/year=2024/quarter=2/part_0.parquet"]);
    expect(files(dirOf("54"))).toEqual([
      "_manifests/54.json",
      "engagement_by_form/region=54/year=2024/quarter=1/part_0.parquet",
      "engagement_by_form/region=54/year=2024/quarter=2/part_0.parquet",
      "school_quarters/region=54/year=2024/quarter=1/part_0.parquet",
      "school_quarters/region=54/year=2024/quarter=2/part_0.parquet"]);
    expect(exports.get("72")!.files).toEqual([
      "school_quarters/region=72/year=2024/quarter=2/part_0.parquet",
      "engagement_by_form/region=72/year=2024/quarter=2/part_0.parquet",
      "diagnostic_areas/region=72/part_0.parquet"]);
  });

  it("the manifest: schema version, region, time, tool version, periods and row counts that match the files", async () => {
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dirOf("55"), "_manifests/55.json"), "utf8")));
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as {version: string}).version;
    expect(manifest).toMatchObject({schema_version: SCHEMA_VERSION, region: {code: "55", name: "Омская область"}, generated_at: "2024-07-01T09:30:00.000Z",
      tool: {name: "mentoring-analytics", version}, periods: ["2024-Q1", "2024-Q2"], engagement_targets_pct: {students: 70, teachers: 70}});
    expect(manifest.tables).toEqual({
      school_quarters: {path: "school_quarters/region=55", partitioned_by: ["region", "year", "quarter"], rows: 6, files: 2, rows_by_period: {"2024-Q1": 2, "2024-Q2": 4}},
      engagement_by_form: {path: "engagement_by_form/region=55", partitioned_by: ["region", "year", "quarter"], rows: 12, files: 2, rows_by_period: {"2024-Q1": 4, "2024-Q2": 8}},
      diagnostic_areas: {path: "diagnostic_areas/region=55", partitioned_by: ["region"], rows: 2, files: 1}
    });
    // The counts are the files' own, and each file says its schema version.
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    try {
      for (const [name, t] of Object.entries(manifest.tables)) {
        const [row] = await all<{n: number}>(c, `SELECT count(*) AS n FROM read_parquet('${join(dirOf("55"), t.path)}/**/*.parquet')`);
        expect(row!.n, name).toBe(t.rows);
      }
      const kv = await all<{key: Uint8Array; value: Uint8Array}>(c, `SELECT key, value FROM parquet_kv_metadata('${dirOf("55")}/*/**/*.parquet')`);
      expect(kv.length).toBe(5);
      for (const r of kv) expect([Buffer.from(r.key).toString(), Buffer.from(r.value).toString()]).toEqual(["schema_version", String(SCHEMA_VERSION)]);
      // Inside a file: its columns without the partition columns (they are in the path).
      const cols = await all<{column_name: string}>(c, `DESCRIBE SELECT * FROM read_parquet('${dirOf("55")}/school_quarters/region=55/year=2024/quarter=2/part_0.parquet', hive_partitioning = false)`);
      expect(cols.map((x) => x.column_name)).toEqual(TABLES.school_quarters.columns.map(([n]) => n).filter((n) => !["region", "year", "quarter"].includes(n)));
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it("every statement of rollup.sql runs over all quarters as another engine would, and agrees", async () => {
    const dirs = REGIONS.map((r) => dirOf(r.code));
    const periods = await runRollupStatement(dirs, "periods");
    expect(periods.map((p) => `${p.year}-Q${p.quarter}:${p.regions}`).sort()).toEqual(["2024-Q1:2", "2024-Q2:3"]);
    const present = await runRollupStatement(dirs, "regions_present");
    expect(present.map((p) => [p.region, p.region_name]).sort()).toEqual([["54", "Новосибирская область"], ["55", "Омская область"], ["72", "Тюменская область"]]);
    const regions = (await runRollupStatement(dirs, "regions")).filter((r) => r.quarter === 2).sort((a, b) => String(a.region).localeCompare(String(b.region)));
    expect(regions.map((r) => [r.region, r.schools_counted, r.students_engaged, r.students_population])).toEqual([
      ["54", 1, 84, 120], ["55", 3, 89, 160], ["72", 2, 200, 300]]);
    const country = (await runRollupStatement(dirs, "country")).find((r) => r.quarter === 1)!;
    expect(country).toMatchObject({regions_with_period: 2, regions_counted: 2, schools_counted: 3, students_engaged: 100, teachers_population: 50});
  });

  it("one shared folder for all regions gives the same roll-up; a re-export replaces only its own region", async () => {
    const shared = join(root, "shared");
    for (const fx of REGIONS) cpSync(dirOf(fx.code), shared, {recursive: true});
    const fromShared = await rollupReport([shared], {targets: {students: 70, teachers: 70}});
    expect({...fromShared, manifests: []}).toEqual({...q2, manifests: []});
    // Омская область again, now with the II quarter only: its I quarter disappears, the others stay.
    const store = await Store.open(":memory:");
    try {
      await ingestBytes(store, "55-q2.xlsx", await quarterWorkbook("2024-Q2", REGIONS[0]!.quarters["2024-Q2"]!));
      await exportAggregates(store, projectSettings(), {region: {code: "55", name: "Омская область"}, out: shared, now: NOW});
    } finally {
      await store.close();
    }
    expect(existsSync(join(shared, "school_quarters/region=55/year=2024/quarter=1"))).toBe(false);
    expect(existsSync(join(shared, "diagnostic_areas/region=55"))).toBe(false);
    expect(existsSync(join(shared, "school_quarters/region=54/year=2024/quarter=1/part_0.parquet"))).toBe(true);
    expect(readdirSync(shared).filter((f) => f.startsWith("."))).toEqual([]);
    const again = await rollupReport([shared], {period: "2024-Q1", targets: {students: 70, teachers: 70}});
    expect(again.regions.filter((r) => r.hasPeriod).map((r) => r.code)).toEqual(["54"]);
  });
});

describe("folders named as people name them", () => {
  it("a quote and spaces in the path are written and read", async () => {
    const odd = join(root, "выгрузка д'Артаньяна 2024");
    cpSync(dirOf("72"), odd, {recursive: true});
    const r = await rollupReport([odd], {targets: {students: 70, teachers: 70}});
    expectCovered(r.country, [200, 300, 32, 45], [2, 2]);
    const store = await Store.open(":memory:");
    try {
      await ingestBytes(store, "q2.xlsx", await quarterWorkbook("2024-Q2", REGIONS[1]!.quarters["2024-Q2"]!));
      const result = await exportAggregates(store, projectSettings(), {region: {code: "72", name: "Тюменская область"}, out: odd});
      expect(result.files).toEqual(["school_quarters/region=72/year=2024/quarter=2/part_0.parquet", "engagement_by_form/region=72/year=2024/quarter=2/part_0.parquet"]);
    } finally {
      await store.close();
    }
  });
});

describe("groups of fewer than 5 people are hidden in what the roll-up shows", () => {
  it("a municipality with 3 teachers: its teachers' figures hidden, its students' shown; the region's sums keep them", async () => {
    const store = await Store.open(":memory:");
    const out = join(root, "small");
    try {
      await ingestBytes(store, "q2.xlsx", await quarterWorkbook("2024-Q2", [
        {m: "Малый", name: "ООШ № 9", students: 40, teachers: 3, forms: {2: [10, 10], 3: [1, 1]}},
        {m: "Большой", name: "СОШ № 1", students: 100, teachers: 20, forms: {2: [30, 30], 3: [7, 7]}}]));
      await exportAggregates(store, projectSettings(), {region: {code: "70", name: "Томская область"}, out});
    } finally {
      await store.close();
    }
    const r = await rollupReport([out], {targets: {students: 70, teachers: 70}});
    const small = r.municipalities.find((m) => m.name === "Малый")!;
    expect(small).toMatchObject({studentsEngaged: 20, studentsPopulation: 40, studentsPct: 50, teachersEngaged: null, teachersPopulation: null,
      teachersPct: null, meetsTarget: {students: false, teachers: null}, suppressed: {students: false, teachers: true},
      verdict: {students: "цель не достигнута", teachers: "скрыто: меньше 5 человек"}});
    // 2 + 14 of 3 + 20 teachers: the region shows them all.
    expectCovered(region(r, "70"), [80, 140, 16, 23], [2, 2]);
    expect(region(r, "70").suppressed).toEqual({students: false, teachers: false});
  });
});

describe("what the roll-up refuses, in Russian", () => {
  it("a region exported twice, a folder that is no export, a quarter not there, a newer format", async () => {
    const twice = join(root, "twice");
    cpSync(dirOf("55"), twice, {recursive: true});
    await expect(rollupReport([dirOf("55"), twice])).rejects.toThrow(/регион Омская область \(55\) выгружен дважды/);
    rmSync(join(twice, "_manifests"), {recursive: true});  // without its manifest the folders still tell
    await expect(rollupReport([dirOf("55"), twice])).rejects.toThrow(/регион Омская область \(55\) выгружен дважды/);
    await expect(rollupReport([join(root, "nowhere")])).rejects.toThrow(/папка .*nowhere не найдена/);
    const empty = mkdtempSync(join(root, "empty-"));
    await expect(rollupReport([empty])).rejects.toThrow(/нет выгрузки сводных таблиц/);
    await expect(rollupReport([dirOf("55")], {period: "2023-Q4"})).rejects.toThrow(/за период 2023-Q4 в выгрузках нет данных. Есть: 2024-Q1, 2024-Q2/);
    const newer = join(root, "newer");
    cpSync(dirOf("72"), newer, {recursive: true});
    const path = join(newer, "_manifests/72.json");
    writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, "utf8")), schema_version: SCHEMA_VERSION + 1}));
    await expect(rollupReport([newer])).rejects.toThrow(RollupInputError);
    await expect(rollupReport([newer])).rejects.toThrow(/в формате версии 2, а программа знает версии до 1/);
  });
});
