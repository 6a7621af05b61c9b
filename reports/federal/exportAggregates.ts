// `mentoring export aggregates`: a region's aggregate tables as Parquet, Hive-partitioned by region,
// year and quarter, with a manifest (issue 15 §6; docs/federal.md). Per school and quarter from the
// current_* views; the engaged counts by lib/engagedCounts.ts and the «in the sums» rule by
// lib/engagementSummary.ts — the same code the region's own engagement report uses — then written
// by DuckDB's COPY … (FORMAT parquet, PARTITION_BY …) into a staging folder and moved into place,
// so a region's earlier export is replaced whole and other regions' folders are left alone.
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBInstance, type DuckDBAppender, type DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../../store/database.ts";
import {engagedCounts} from "../../lib/engagedCounts.ts";
import {isIncluded} from "../../lib/engagementSummary.ts";
import {isSmallGroup} from "../../lib/smallGroup.ts";
import type {RussianRegion} from "../../lib/russianRegion.ts";
import type {Settings} from "../../settings/index.ts";
import {MANIFEST_DIR, SCHEMA_VERSION, TABLES, TABLE_NAMES, sqlString, type Manifest, type TableName} from "./schema.ts";

export interface ExportOptions {
  region: RussianRegion;
  /** The export folder; several regions may share it (each writes only its own region=… folders). */
  out: string;
  /** For tests: the time written into the manifest. */
  now?: Date;
}

export interface ExportResult {
  manifest: Manifest;
  manifestPath: string;
  /** Every Parquet file written, relative to `out`. */
  files: string[];
}

type Row = Record<string, string | number | boolean | null>;

interface StoredSchoolQuarter {
  period: string;
  school_id: number;
  municipality: string;
  in_form1: boolean;
  students: number | null;
  teachers: number | null;
  young_teachers: number | null;
  forms: Array<{form: number; programmes: number; mentors: number; mentees: number}> | null;
}

/**
 * Every school expected in every period, as reports/engagement.ts defines it: the schools a current
 * upload speaks about in the period, plus those known from an earlier period (a school first seen
 * in P is expected from P on). Population from its Form 1 row, totals per form from Forms 2–5.
 */
async function readSchoolQuarters(store: Store): Promise<StoredSchoolQuarter[]> {
  return store.read((c) => all<StoredSchoolQuarter>(c, `
    WITH periods AS (SELECT DISTINCT period FROM current_school_periods),
    first_seen AS (SELECT school_id, min(period) AS first_period FROM current_school_periods GROUP BY school_id),
    expected AS (SELECT p.period, f.school_id FROM periods p JOIN first_seen f ON f.first_period <= p.period),
    pop AS (
      SELECT school_id, period, arg_min(students, row_no) AS students, arg_min(teachers, row_no) AS teachers,
             arg_min(young_teachers, row_no) AS young_teachers
      FROM current_populations GROUP BY school_id, period
    ),
    per_form AS (
      SELECT school_id, period, form, count(*)::INTEGER AS programmes,
             sum(coalesce(mentors, 0))::INTEGER AS mentors, sum(coalesce(mentees, 0))::INTEGER AS mentees
      FROM current_engagement GROUP BY school_id, period, form
    ),
    forms AS (
      SELECT school_id, period, list({'form': form, 'programmes': programmes, 'mentors': mentors, 'mentees': mentees} ORDER BY form) AS forms
      FROM per_form GROUP BY school_id, period
    )
    SELECT e.period, e.school_id, s.municipality, (pop.school_id IS NOT NULL) AS in_form1,
           pop.students, pop.teachers, pop.young_teachers, forms.forms
    FROM expected e JOIN schools s USING (school_id)
    LEFT JOIN pop USING (school_id, period) LEFT JOIN forms USING (school_id, period)
    ORDER BY e.period, e.school_id`));
}

const yearQuarter = (period: string) => ({year: Number(period.slice(0, 4)), quarter: Number(period.slice(6))});

/** The rows of school_quarters and engagement_by_form, with the region's code and name. */
function aggregateRows(stored: StoredSchoolQuarter[], region: RussianRegion): {schools: Row[]; forms: Row[]} {
  const schools: Row[] = [], forms: Row[] = [];
  for (const s of stored) {
    const head = {region: region.code, region_name: region.name, ...yearQuarter(s.period), schema_version: SCHEMA_VERSION,
      municipality: s.municipality, school_id: s.school_id};
    const reported = s.forms !== null;
    const totals = engagedCounts(s.forms ?? []);
    const included = isIncluded({name: "", municipality: s.municipality, inForm1: s.in_form1, hasEngagement: reported,
      studentsEngaged: totals.students, studentsPopulation: s.students, teachersEngaged: totals.teachers, teachersPopulation: s.teachers});
    schools.push({...head, in_form1: s.in_form1, reported, included, students_population: s.students, teachers_population: s.teachers,
      young_teachers: s.young_teachers, students_engaged: reported ? totals.students : null, teachers_engaged: reported ? totals.teachers : null});
    for (const f of s.forms ?? []) {
      const engaged = engagedCounts([f]);
      forms.push({...head, included, form: f.form, programmes: f.programmes, mentors: f.mentors, mentees: f.mentees,
        students_engaged: engaged.students, teachers_engaged: engaged.teachers});
    }
  }
  return {schools, forms};
}

/**
 * Teachers measured and the sum of their results per wave and competence area (current uploads),
 * for the whole region; an area of fewer than 5 teachers is exported without its figures.
 */
async function diagnosticRows(store: Store, region: RussianRegion, min: number): Promise<Row[]> {
  const rows = await store.read((c) => all<{wave: string; area: string; teachers: number; result_sum: number; result_sum_squares: number}>(c, `
    SELECT wave, area, count(*)::INTEGER AS teachers, sum(result) AS result_sum, sum(result * result) AS result_sum_squares
    FROM current_diagnostic_results GROUP BY wave, area ORDER BY wave, area`));
  return rows.map((r) => {
    const hidden = isSmallGroup(r.teachers, min);
    return {region: region.code, region_name: region.name, wave: r.wave, schema_version: SCHEMA_VERSION, area: r.area,
      teachers: hidden ? null : r.teachers, result_sum: hidden ? null : r.result_sum,
      result_sum_squares: hidden ? null : r.result_sum_squares, suppressed: hidden};
  });
}

function append(appender: DuckDBAppender, type: string, v: Row[string]): void {
  if (v === null) return appender.appendNull();
  switch (type) {
    case "VARCHAR": return appender.appendVarchar(String(v));
    case "INTEGER": return appender.appendInteger(Number(v));
    case "SMALLINT": return appender.appendSmallInt(Number(v));
    case "DOUBLE": return appender.appendDouble(Number(v));
    case "BOOLEAN": return appender.appendBoolean(Boolean(v));
    default: throw new Error(`no appender for ${type}`);
  }
}


/** Creates the table in the writing instance, appends the rows and COPYs them, partitioned, under dir. */
async function writeTable(conn: DuckDBConnection, name: TableName, rows: Row[], dir: string): Promise<void> {
  const spec = TABLES[name];
  await conn.run(`CREATE TABLE ${name} (${spec.columns.map(([c, t]) => `${c} ${t}`).join(", ")})`);
  const appender = await conn.createAppender(name);
  for (const r of rows) {
    for (const [c, t] of spec.columns) append(appender, t, r[c] ?? null);
    appender.endRow();
  }
  appender.closeSync();
  if (rows.length === 0) return;
  await conn.run(`COPY (SELECT * FROM ${name} ORDER BY ALL) TO ${sqlString(join(dir, name))}
    (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${spec.partitionBy.join(", ")}), FILENAME_PATTERN 'part_{i}',
     KV_METADATA {schema_version: '${SCHEMA_VERSION}'})`);
}

/** Parquet files under dir, relative to base. */
function parquetFiles(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, encoding: "utf8"}).filter((f) => f.endsWith(".parquet"))
    .map((f) => join(dir, f).slice(base.length + 1)).sort();
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {name: string; version: string};
  return pkg.version;
}

const CONTENT = "Только сводные числа по школам (номер школы в регионе), муниципалитетам и кварталам: численность, " +
  "вовлечённые по формам наставничества, число программ, охват; по диагностике — число педагогов и сумма результатов по " +
  "областям (группы меньше 5 человек скрыты). Нет ФИО, контактов, названий файлов, названий и результатов программ.";

/** Moves each table's region=<code> folder from staging into out, replacing the region's earlier export. */
function moveIntoPlace(staging: string, out: string, code: string): void {
  for (const name of TABLE_NAMES) {
    const target = join(out, name, `region=${code}`);
    rmSync(target, {recursive: true, force: true});
    const staged = join(staging, name, `region=${code}`);
    if (!existsSync(staged)) continue;
    mkdirSync(join(out, name), {recursive: true});
    renameSync(staged, target);
  }
}

/**
 * Writes the region's aggregate tables (school_quarters, engagement_by_form, diagnostic_areas) under
 * `out` as DIR/<table>/region=<code>/year=<y>/quarter=<q>/part_0.parquet (diagnostics:
 * region=<code>/part_0.parquet), and DIR/_manifests/<code>.json. Replaces the same region's earlier export.
 */
export async function exportAggregates(store: Store, settings: Settings, options: ExportOptions): Promise<ExportResult> {
  const {region, out} = options;
  const stored = await readSchoolQuarters(store);
  const {schools, forms} = aggregateRows(stored, region);
  const diagnostics = await diagnosticRows(store, region, settings.groupSize.minGroupSize);
  const tables: Record<TableName, Row[]> = {school_quarters: schools, engagement_by_form: forms, diagnostic_areas: diagnostics};

  mkdirSync(out, {recursive: true});
  const staging = join(out, `.staging-${region.code}-${process.pid}`);
  rmSync(staging, {recursive: true, force: true});
  mkdirSync(staging);
  // A writing instance of its own, in memory: the region's database is only read.
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    for (const name of TABLE_NAMES) await writeTable(conn, name, tables[name], staging);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  try {
    moveIntoPlace(staging, out, region.code);
  } finally {
    rmSync(staging, {recursive: true, force: true});
  }

  const periods = [...new Set(stored.map((s) => s.period))].sort();
  const byPeriod = (rows: Row[]) => Object.fromEntries(periods.map((p) => [p,
    rows.filter((r) => r.year === yearQuarter(p).year && r.quarter === yearQuarter(p).quarter).length]));
  const files = TABLE_NAMES.flatMap((name) => parquetFiles(join(out, name, `region=${region.code}`), out));
  const manifest: Manifest = {
    schema_version: SCHEMA_VERSION,
    region,
    generated_at: (options.now ?? new Date()).toISOString(),
    tool: {name: "mentoring-analytics", version: toolVersion()},
    periods,
    tables: Object.fromEntries(TABLE_NAMES.map((name) => [name, {
      path: `${name}/region=${region.code}`,
      partitioned_by: [...TABLES[name].partitionBy],
      rows: tables[name].length,
      files: files.filter((f) => f.startsWith(`${name}/`)).length,
      ...((TABLES[name].partitionBy as readonly string[]).includes("quarter") ? {rows_by_period: byPeriod(tables[name])} : {})
    }])),
    engagement_targets_pct: settings.targets.engagementTargetPct,
    content: CONTENT
  };
  mkdirSync(join(out, MANIFEST_DIR), {recursive: true});
  const manifestPath = join(out, MANIFEST_DIR, `${region.code}.json`);
  writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + "\n");
  renameSync(`${manifestPath}.tmp`, manifestPath);
  return {manifest, manifestPath, files};
}
