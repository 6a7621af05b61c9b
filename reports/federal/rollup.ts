// `mentoring rollup`: the country from any number of regions' exports (issue 15 §6). The folders'
// Hive layout says which quarters and regions there are; DuckDB reads the chosen quarter's Parquet
// files (only the columns rollup.sql uses) and runs the plain SQL of rollup.sql over them; the
// percentages and target decisions are made here from the integer sums with the same lib/
// functions as the region's own report.
import {existsSync, readFileSync, readdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {all} from "../../store/database.ts";
import {engagementPercent} from "../../lib/engagementPercent.ts";
import {meetsTarget} from "../../lib/meetsTarget.ts";
import {coverageVerdict, isComplete, type FigureCoverage as Coverage} from "../../lib/coverageVerdict.ts";
import {isSmallGroup} from "../../lib/smallGroup.ts";
import {deficit} from "../../lib/deficit.ts";
import type {Settings} from "../../settings/index.ts";
import {readSettingsFiles} from "../../settings/load.ts";
import {russianRegion} from "../../lib/russianRegion.ts";
import {HIVE_TYPES, MANIFEST_DIR, ManifestSchema, SCHEMA_VERSION, TABLES, sqlString, type Manifest, type TableName} from "./schema.ts";

/** A problem with the folders given (missing, not an export, a newer schema, a region twice): said in Russian. */
export class RollupInputError extends Error {}

export const ROLLUP_SQL_PATH = fileURLToPath(new URL("./rollup.sql", import.meta.url));

/** The statements of rollup.sql by name («-- name: regions» opens one). */
export function rollupStatements(sql: string = readFileSync(ROLLUP_SQL_PATH, "utf8")): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of sql.split(/^-- name: /m).slice(1)) {
    const [name, ...body] = part.split("\n");
    out.set(name!.trim(), body.join("\n").trim().replace(/;\s*$/, ""));
  }
  return out;
}

export interface Targets {
  students: number;
  teachers: number;
}

/** One group's engagement with its coverage: the region's report figures plus what they stand on. */
export interface CoveredFigures {
  schoolsExpected: number;
  schoolsReported: number;
  schoolsCounted: number;
  /** Every expected school counted (for the country: and every region present has one counted). */
  complete: boolean;
  /** Null where hidden (fewer than 5 people). */
  studentsEngaged: number | null;
  studentsPopulation: number | null;
  studentsPct: number | null;
  teachersEngaged: number | null;
  teachersPopulation: number | null;
  teachersPct: number | null;
  /** The target decision, null over incomplete coverage (as the region's own report). */
  meetsTarget: {students: boolean | null; teachers: boolean | null};
  /** The decision over the counted schools alone, whatever the coverage. */
  meetsTargetCounted: {students: boolean | null; teachers: boolean | null};
  /** «цель достигнута», or «цель достигнута по 9 из 12 школ» over incomplete coverage, «нет данных», «скрыто: меньше 5 человек». */
  verdict: {students: string; teachers: string};
  /** A side of fewer than 5 people: its figures hidden (lib/smallGroup.ts). */
  suppressed: {students: boolean; teachers: boolean};
}

export interface RegionRollup extends CoveredFigures {
  code: string;
  name: string;
  /** The region's export has this quarter. */
  hasPeriod: boolean;
}

export interface MunicipalityRollup extends CoveredFigures {
  region: string;
  name: string;
}

export interface FormRollup {
  form: number;
  label: string;
  programmes: number;
  mentors: number;
  mentees: number;
  studentsEngaged: number;
  teachersEngaged: number;
}

export interface DiagnosticsRollup {
  wave: "entry" | "exit";
  area: string;
  label: string;
  teachers: number;
  regions: number;
  /** Regions where the area had fewer than 5 teachers: not in the figures. */
  regionsHidden: number;
  meanResult: number | null;
  meanDeficit: number | null;
}

export interface RollupReport {
  schemaVersion: number;
  /** The quarter rolled up (YYYY-QN), null when the exports hold none. */
  period: string | null;
  periods: string[];
  targets: Targets;
  country: CoveredFigures & {regionsPresent: number; regionsWithPeriod: number; regionsCounted: number; regionsComplete: number};
  regions: RegionRollup[];
  municipalities: MunicipalityRollup[];
  /** Regions whose figure is not complete for the quarter, with why, in Russian. */
  incomplete: Array<{code: string; name: string; note: string}>;
  byForm: {country: FormRollup[]; regions: Array<{code: string; forms: FormRollup[]}>};
  diagnostics: DiagnosticsRollup[];
  /** The manifests read, one per region. */
  manifests: Manifest[];
}

export const FORM_LABELS: Record<number, string> = {2: "ученик – ученик", 3: "учитель – учитель", 4: "студент – ученик", 5: "работодатель – ученик"};

// ── reading the folders ──

type QuarterTable = "school_quarters" | "engagement_by_form";

/** What the folders hold, read from their directory names (the Hive layout) without opening a file. */
interface Layout {
  /** YYYY-QN → the partition folders region=…/year=…/quarter=… holding it, relative to their table folder. */
  quarters: Map<string, Array<{root: string; partition: string}>>;
  diagnostics: string[];
  /** Region codes with at least one school_quarters partition. */
  regions: Set<string>;
}

const subdirs = (dir: string, pattern: RegExp): Array<[string, RegExpExecArray]> => !existsSync(dir) ? [] :
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const m = e.isDirectory() ? pattern.exec(e.name) : null;
    return m ? [[e.name, m] as [string, RegExpExecArray]] : [];
  });
/** The Parquet files directly in a partition folder (the exporter writes part_0.parquet, part_1.parquet …). */
const parquetIn = (dir: string): string[] => !existsSync(dir) ? [] :
  readdirSync(dir).filter((f) => f.endsWith(".parquet")).sort().map((f) => join(dir, f));

/**
 * Walks DIR/school_quarters/region=…/year=…/quarter=… of every folder (names only: a country is ~700
 * partitions); refuses a folder that is not an export and a region found in two folders.
 */
function scanLayout(dirs: string[]): Layout {
  const layout: Layout = {quarters: new Map(), diagnostics: [], regions: new Set()};
  const dirOfRegion = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RollupInputError(`папка ${dir} не найдена.`);
    let found = 0;
    for (const [regionName, r] of subdirs(join(dir, "school_quarters"), /^region=(\d{2})$/)) {
      const code = r[1]!;
      const other = dirOfRegion.get(code);
      if (other !== undefined && other !== dir) {
        throw new RollupInputError(`регион ${russianRegion(code)?.name ?? code} (${code}) выгружен дважды: в ${other} и в ${dir}. Оставьте одну выгрузку.`);
      }
      dirOfRegion.set(code, dir);
      for (const [yearName, y] of subdirs(join(dir, "school_quarters", regionName), /^year=(\d{4})$/)) {
        for (const [quarterName, q] of subdirs(join(dir, "school_quarters", regionName, yearName), /^quarter=([1-4])$/)) {
          const period = `${y[1]}-Q${q[1]}`;
          if (!layout.quarters.has(period)) layout.quarters.set(period, []);
          layout.quarters.get(period)!.push({root: dir, partition: join(regionName, yearName, quarterName)});
          layout.regions.add(code);
          found++;
        }
      }
    }
    if (!found) {
      throw new RollupInputError(`в папке ${dir} нет выгрузки сводных таблиц (нет school_quarters/region=…/year=…/quarter=…). Её делает команда mentoring export aggregates --out ${dir}.`);
    }
    for (const [regionName] of subdirs(join(dir, "diagnostic_areas"), /^region=(\d{2})$/)) layout.diagnostics.push(...parquetIn(join(dir, "diagnostic_areas", regionName)));
  }
  return layout;
}

/** The files of a quarterly table for some quarters. */
function quarterFiles(layout: Layout, table: QuarterTable, periods: string[]): string[] {
  return periods.flatMap((p) => (layout.quarters.get(p) ?? []).flatMap(({root, partition}) => parquetIn(join(root, table, partition))));
}

/** The manifests of the folders; a region met twice across folders is refused. */
function readManifests(dirs: string[]): Manifest[] {
  const seen = new Map<string, string>();
  const manifests: Manifest[] = [];
  for (const dir of dirs) {
    const folder = join(dir, MANIFEST_DIR);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
      let json: unknown;
      try { json = JSON.parse(readFileSync(join(folder, file), "utf8")); } catch { json = null; }
      const parsed = ManifestSchema.safeParse(json);
      if (!parsed.success) throw new RollupInputError(`описание выгрузки ${join(folder, file)} не читается: это не описание, записанное командой mentoring export aggregates.`);
      const m = parsed.data;
      if (m.schema_version > SCHEMA_VERSION) {
        throw new RollupInputError(`выгрузка региона ${m.region.name} (${join(folder, file)}) в формате версии ${m.schema_version}, а программа знает версии до ${SCHEMA_VERSION}: обновите программу.`);
      }
      const other = seen.get(m.region.code);
      if (other) throw new RollupInputError(`регион ${m.region.name} (${m.region.code}) выгружен дважды: в ${other} и в ${dir}. Оставьте одну выгрузку.`);
      seen.set(m.region.code, dir);
      manifests.push(m);
    }
  }
  return manifests;
}

/**
 * read_parquet over the files: the table's columns in their documented order (partition columns
 * from the paths), or only those `used` (reading a column costs per file, and a country has ~90).
 */
function readParquet(name: TableName, files: string[], used?: string): string {
  const spec = TABLES[name];
  const types = spec.partitionBy.map((c) => `'${c}': ${HIVE_TYPES[c]}`).join(", ");
  const columns = spec.columns.filter(([c]) => used === undefined || new RegExp(`\\b${c}\\b`).test(used));
  return `SELECT ${columns.map(([c, t]) => `CAST(${c} AS ${t}) AS ${c}`).join(", ")}
    FROM read_parquet([${files.map((f) => sqlString(resolve(f))).join(", ")}], hive_partitioning = true, hive_types = {${types}})`;
}

/** Loads a table from its files into the in-memory database (an empty table when there are none). */
async function loadTable(conn: DuckDBConnection, name: TableName, files: string[], options: {as?: "TABLE" | "VIEW"; used?: string} = {}): Promise<void> {
  if (files.length) await conn.run(`CREATE ${options.as ?? "TABLE"} ${name} AS ${readParquet(name, files, options.used)}`);
  else await conn.run(`CREATE TABLE ${name} (${TABLES[name].columns.map(([c, t]) => `${c} ${t}`).join(", ")})`);
}

/**
 * One statement of rollup.sql over every quarter of the exports, as another engine would run it
 * (the roll-up itself reads only the quarter it needs). For tests and for checking an engine's output.
 */
export async function runRollupStatement(dirs: string[], name: string): Promise<Array<Record<string, unknown>>> {
  const layout = scanLayout(dirs);
  const statement = rollupStatements().get(name);
  if (!statement) throw new Error(`rollup.sql has no statement «${name}»`);
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const every = [...layout.quarters.keys()];
    await loadTable(conn, "school_quarters", quarterFiles(layout, "school_quarters", every), {as: "VIEW"});
    await loadTable(conn, "engagement_by_form", quarterFiles(layout, "engagement_by_form", every), {as: "VIEW"});
    await loadTable(conn, "diagnostic_areas", layout.diagnostics, {as: "VIEW"});
    return await all(conn, statement);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

// ── from sums to figures ──

interface Sums {
  schools_expected: number;
  schools_reported: number;
  schools_counted: number;
  students_engaged: number;
  students_population: number;
  teachers_engaged: number;
  teachers_population: number;
}

/** Σ engaged / Σ population with the exact target decision and the verdict over the coverage. */
/** One side (students or teachers) of a group: its figures, or hidden when fewer than 5 people (152-ФЗ). */
function side(engaged: number, population: number, targetPct: number, coverage: Coverage, min: number) {
  if (population > 0 && isSmallGroup(population, min)) {
    return {engaged: null, population: null, pct: null, met: null, verdict: `скрыто: меньше ${min} человек`, suppressed: true};
  }
  const met = meetsTarget(engaged, population, targetPct);
  return {engaged, population, pct: engagementPercent(engaged, population), met, verdict: coverageVerdict(met, coverage), suppressed: false};
}

/**
 * Σ engaged / Σ population with the exact target decision and the verdict over the coverage; a side
 * of fewer than 5 people is hidden, as on the dashboards (lib/smallGroup.ts).
 */
function covered(s: Sums, targets: Targets, min: number, regions?: {regionsCounted: number; regionsPresent: number}): CoveredFigures {
  const coverage: Coverage = {schoolsCounted: s.schools_counted, schoolsExpected: s.schools_expected, ...regions};
  const st = side(s.students_engaged, s.students_population, targets.students, coverage, min);
  const te = side(s.teachers_engaged, s.teachers_population, targets.teachers, coverage, min);
  return {
    schoolsExpected: s.schools_expected, schoolsReported: s.schools_reported, schoolsCounted: s.schools_counted,
    complete: isComplete(coverage),
    studentsEngaged: st.engaged, studentsPopulation: st.population, studentsPct: st.pct,
    teachersEngaged: te.engaged, teachersPopulation: te.population, teachersPct: te.pct,
    // As the region's own report (lib/engagementSummary.ts): no decision over incomplete coverage;
    // the decision over the counted schools is kept apart.
    meetsTarget: isComplete(coverage) ? {students: st.met, teachers: te.met} : {students: null, teachers: null},
    meetsTargetCounted: {students: st.met, teachers: te.met},
    verdict: {students: st.verdict, teachers: te.verdict},
    suppressed: {students: st.suppressed, teachers: te.suppressed}
  };
}

const NO_SUMS: Sums = {schools_expected: 0, schools_reported: 0, schools_counted: 0, students_engaged: 0, students_population: 0,
  teachers_engaged: 0, teachers_population: 0};

const formRow = (r: {form: number; programmes: number; mentors: number; mentees: number; students_engaged: number; teachers_engaged: number}): FormRollup =>
  ({form: r.form, label: FORM_LABELS[r.form] ?? String(r.form), programmes: r.programmes, mentors: r.mentors, mentees: r.mentees,
    studentsEngaged: r.students_engaged, teachersEngaged: r.teachers_engaged});


/** Why a region's quarter is not complete, or null when it is. */
function incompleteNote(r: RegionRollup): string | null {
  if (!r.hasPeriod) return "нет данных за этот квартал";
  if (r.schoolsCounted === r.schoolsExpected) return null;
  const notReported = r.schoolsExpected - r.schoolsReported, partial = r.schoolsReported - r.schoolsCounted;
  const parts = [`в сумме ${r.schoolsCounted} из ${r.schoolsExpected} школ`];
  if (notReported) parts.push(`не отчитались: ${notReported}`);
  if (partial) parts.push(`без формы 1: ${partial}`);
  return parts.join("; ");
}

/**
 * «Вовлечённость по стране»: the regions' exports in `dirs` rolled up for one quarter (the latest
 * present unless `period` names one): per region and municipality as the region's own report gives
 * them, and for the country — Σ engaged / Σ population over counted schools, the target decided
 * exactly, the coverage (schools counted of expected, regions counted of regions present) and the
 * incomplete regions named. Engagement per form, and diagnostics per wave and area.
 * @throws RollupInputError when a folder is missing or not an export, a manifest has a newer schema,
 *   a region appears twice, or the period is not in the exports
 */
/**
 * The country's tables from any number of regions' exports. The settings (targets, group size,
 * area names) are the caller's; without them, the project's settings files (data/config).
 */
export async function rollupReport(dirs: string[], options: {period?: string; targets?: Targets; settings?: Settings} = {}): Promise<RollupReport> {
  const settings = options.settings ?? readSettingsFiles().settings;
  const min = settings.groupSize.minGroupSize;
  if (dirs.length === 0) throw new RollupInputError("не указано ни одной папки с выгрузкой.");
  const manifests = readManifests(dirs);
  const layout = scanLayout(dirs);
  const periods = [...layout.quarters.keys()].sort();
  const period = options.period ?? periods.at(-1) ?? null;
  if (options.period && !periods.includes(options.period)) {
    throw new RollupInputError(`за период ${options.period} в выгрузках нет данных. Есть: ${periods.join(", ") || "ничего"}.`);
  }
  const targets = options.targets ?? settings.targets.engagementTargetPct;
  const sql = rollupStatements();
  const q = (name: string) => {
    const s = sql.get(name);
    if (!s) throw new Error(`rollup.sql has no statement «${name}»`);
    return s;
  };

  // One thread per query: a country is ~90 small files per table, and DuckDB's per-file work costs
  // less on one thread than handed between two (bench/federal.ts: about half the CPU time); the
  // three tables load concurrently instead.
  // Each file is read once: DuckDB's cache of file contents only costs allocations (~15 % of the CPU time).
  const instance = await DuckDBInstance.create(":memory:", {threads: "1", enable_external_file_cache: "false"});
  const conn = await instance.connect();
  try {
    // The quarter's files only, and only the columns rollup.sql uses: its tables hold that one quarter.
    const chosen = period ? [period] : [];
    // Columns named by the statements that read each table, comments aside.
    const used = (table: TableName) => [...sql.values()].filter((st) => new RegExp(`\\bFROM ${table}\\b`).test(st))
      .join("\n").replace(/--.*$/gm, "");
    // The three tables load at once, each on a connection of its own (each on one thread).
    const more = [await instance.connect(), await instance.connect()];
    try {
      await Promise.all([
        loadTable(conn, "school_quarters", quarterFiles(layout, "school_quarters", chosen), {used: used("school_quarters")}),
        loadTable(more[0]!, "engagement_by_form", quarterFiles(layout, "engagement_by_form", chosen), {used: used("engagement_by_form")}),
        loadTable(more[1]!, "diagnostic_areas", layout.diagnostics, {used: used("diagnostic_areas")})]);
    } finally {
      for (const c of more) c.closeSync();
    }

    const regionSums = new Map((await all<Sums & {region: string; region_name: string}>(conn, q("regions"))).map((r) => [r.region, r]));
    const manifestName = new Map(manifests.map((m) => [m.region.code, m.region.name]));
    const present = [...layout.regions].sort().map((code) => ({code,
      name: manifestName.get(code) ?? regionSums.get(code)?.region_name ?? russianRegion(code)?.name ?? code}));
    const regions: RegionRollup[] = present.map((p) => ({...p, hasPeriod: regionSums.has(p.code), ...covered(regionSums.get(p.code) ?? NO_SUMS, targets, min)}));
    const municipalities = (await all<Sums & {region: string; municipality: string}>(conn, q("municipalities")))
      .map((m) => ({region: m.region, name: m.municipality, ...covered(m, targets, min)}))
      .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name, "ru"));
    const c = (await all<Sums & {regions_with_period: number; regions_counted: number}>(conn, q("country")))[0];
    const regionsCounted = c?.regions_counted ?? 0;
    const country = {
      ...covered(c ?? NO_SUMS, targets, min, {regionsCounted, regionsPresent: present.length}),
      regionsPresent: present.length, regionsWithPeriod: c?.regions_with_period ?? 0, regionsCounted,
      regionsComplete: regions.filter((r) => r.hasPeriod && r.complete).length
    };
    const incomplete = regions.flatMap((r) => {
      const note = incompleteNote(r);
      return note ? [{code: r.code, name: r.name, note}] : [];
    });

    type FormSums = {region: string; form: number; programmes: number; mentors: number; mentees: number; students_engaged: number; teachers_engaged: number};
    const formsCountry = (await all<FormSums>(conn, q("forms_country"))).map(formRow).sort((a, b) => a.form - b.form);
    const formsRegions = await all<FormSums>(conn, q("forms_by_region"));
    const byForm = {country: formsCountry, regions: present.map((p) => ({code: p.code,
      forms: formsRegions.filter((f) => f.region === p.code).map(formRow).sort((a, b) => a.form - b.form)}))};

    const labels = new Map(settings.areas.areas.map((a) => [a.code, a.label]));
    const order = [...labels.keys()];
    const diagnostics = (await all<{wave: "entry" | "exit"; area: string; regions: number; regions_hidden: number; teachers: number; result_sum: number}>(conn,
      q("diagnostics_country"))).map((d) => {
      const meanResult = d.teachers > 0 ? d.result_sum / d.teachers : null;
      return {wave: d.wave, area: d.area, label: labels.get(d.area) ?? d.area, teachers: d.teachers, regions: d.regions,
        regionsHidden: d.regions_hidden, meanResult, meanDeficit: meanResult === null ? null : deficit(Math.min(100, Math.max(0, meanResult)))};
    }).sort((a, b) => a.wave.localeCompare(b.wave) || order.indexOf(a.area) - order.indexOf(b.area));

    return {schemaVersion: SCHEMA_VERSION, period, periods, targets, country, regions, municipalities, incomplete, byForm, diagnostics, manifests};
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
