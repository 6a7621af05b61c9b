// The curator's pre/post report (issue 4 §2–3): per competence area, over teachers with both an
// entry and an exit result, the paired statistics of lib/pairedComparison plus the share of the
// deficit removed and a plain-Russian reading; the teachers with one wave only; per teacher the
// entry and exit deficits. The single source of truth for `report prepost` and its --json.
import type {DuckDBConnection} from "@duckdb/node-api";
import {listValue} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import type {Settings} from "../settings/index.ts";
import {pairedComparison, type PairedComparison} from "../lib/pairedComparison.ts";
import {normalizedGain} from "../lib/normalizedGain.ts";
import {prepostReading} from "../lib/prepostReading.ts";
import {ALPHA, SMALL_SAMPLE} from "../lib/chosenTest.ts";
import {EFFECT_SIZE_THRESHOLDS} from "../lib/effectSizeLabel.ts";
import {formatSchoolYear} from "../lib/format.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export interface DiagnosticsScope {
  /**
   * The part of the region by the directory (reports/scope.ts): a municipality's schools or one
   * school, every spelling resolved in SQL. The text filters below narrow it further.
   */
  scope?: ReportScope;
  /** A school's name (case, quotes, «№» spacing ignored; a part of the name is enough when unique). */
  school?: string;
  municipality?: string;
  /** A custom group: these pseudonymous teacher ids only. */
  teacherIds?: number[];
  /**
   * Only one school year (numbered by the year it ends in): the exit diagnostics of that year with
   * their teachers' entry results (of that year or before), and entry results of that year without
   * an exit yet. Results of sheets whose school year is unknown are left out (counted in `undated`).
   */
  schoolYear?: number;
}

export interface PrepostOptions extends DiagnosticsScope {
  /** Also compute every municipality's and every school's figures. */
  by?: "school" | "municipality" | "all";
  /** Put teachers' full names into teachers[], entryOnly[] and exitOnly[] (the named-person part). */
  names?: boolean;
}

export interface AreaFigures extends Omit<PairedComparison, "n" | "meanBefore" | "meanAfter"> {
  area: string;
  label: string;
  /** Teachers with both an entry and an exit result in this area. */
  nPairs: number;
  /** Teachers measured at entry / at exit in this area (paired or not). */
  nEntry: number;
  nExit: number;
  /** Mean results (0–100) of the pairs at entry and exit; deficits are 100 − these. */
  meanEntry: number | null;
  meanExit: number | null;
  meanEntryDeficit: number | null;
  meanExitDeficit: number | null;
  /** «Доля устранённого дефицита» of the group: (meanExit − meanEntry) / (100 − meanEntry). */
  normalizedGain: number | null;
  /** The plain-Russian reading (lib/prepostReading). */
  reading: string;
}

export interface TeacherRef {
  id: number;
  school: string;
  municipality: string;
  name?: string;
}

export interface TeacherAreaFigures {
  entryDeficit: number | null;
  exitDeficit: number | null;
  /** Result change, exit − entry, in percentage points (= entry deficit − exit deficit); null without both. */
  change: number | null;
  /** Individual share of the deficit removed; null without both waves or with no entry deficit. */
  gain: number | null;
}

export interface PrepostTeacher extends TeacherRef {
  waves: Array<"entry" | "exit">;
  /** Shares a name with someone in the same school without an ID: never matched across waves. */
  ambiguous: boolean;
  areas: Record<string, TeacherAreaFigures>;
}

export interface PrepostGroup {
  level: "region" | "municipality" | "school";
  municipality: string | null;
  school: string | null;
  nTeachers: number;
  areas: AreaFigures[];
}

export interface PrepostReport {
  /** `level`: the directory scope asked for (the region by default); `school`, `municipality`: the text filters. */
  scope: {level: ReportScope; school: string | null; municipality: string | null; teacherIds: number[] | null; schools: string[];
    /** The school year asked for («2025/26»), null for all results. */
    schoolYear: string | null};
  /** `undated`: teachers left out of a school year's report because their sheet names no school year. */
  counts: {teachers: number; paired: number; entryOnly: number; exitOnly: number; ambiguous: number; undated: number};
  areas: AreaFigures[];
  groups: PrepostGroup[];
  entryOnly: TeacherRef[];
  exitOnly: TeacherRef[];
  teachers: PrepostTeacher[];
  method: {alpha: number; smallSample: number; effectSize: typeof EFFECT_SIZE_THRESHOLDS; text: string};
}

export const METHOD_TEXT = `Сравниваются только педагоги, у которых есть и входная, и итоговая диагностика по области. ` +
  `Значимость: при числе пар меньше ${SMALL_SAMPLE} — критерий Уилкоксона, иначе парный t-критерий; значимо при p < 0,05. ` +
  `Величина эффекта d_z = среднее изменение / стандартное отклонение изменений: |d| < 0,2 — пренебрежимо малый, ` +
  `0,2–0,5 — малый, 0,5–0,8 — средний, от 0,8 — большой (пороги Коэна). ` +
  `Доля устранённого дефицита = (итоговый − входной результат) / (100 − входной результат).`;

interface SchoolRow { school_id: number; name: string; municipality: string }

/** School ids in scope, or null for all; throws a plain Error naming what matched nothing. */
export async function scopeSchools(conn: DuckDBConnection, scope: DiagnosticsScope): Promise<SchoolRow[] | null> {
  const byDirectory = scope.scope !== undefined && scope.scope.level !== "region";
  if (!scope.school && !scope.municipality && !byDirectory) return null;
  const schools = await all<SchoolRow>(conn, `SELECT school_id, name, municipality FROM schools s
    WHERE ${spellingInScope("s.school_id")} ORDER BY school_id`, scopeParams(scope.scope));
  let pool = schools;
  if (scope.municipality) {
    const m = normalizeKey(scope.municipality);
    pool = pool.filter((s) => normalizeKey(s.municipality) === m || normalizeKey(s.municipality).startsWith(m));
  }
  if (scope.school) {
    const k = normalizeKey(scope.school);
    const exact = pool.filter((s) => normalizeKey(s.name) === k);
    pool = exact.length ? exact : pool.filter((s) => normalizeKey(s.name).includes(k));
  }
  return pool;
}

interface TeacherInfo {
  id: number; schoolId: number; school: string; municipality: string; ambiguous: boolean;
  entry: boolean; exit: boolean; name?: string;
}

/** Which waves of a teacher count in a school year (see DiagnosticsScope.schoolYear). */
function wavesInYear(year: number, entry: boolean, exit: boolean, entryYear: number | null, exitYear: number | null) {
  const exitCounts = exit && exitYear === year;
  const entryCounts = entry && entryYear !== null && (exitCounts ? entryYear <= year : entryYear === year);
  const undated = (entry && entryYear === null) || (exit && exitYear === null);
  return {entry: entryCounts, exit: exitCounts, undated: undated && !exitCounts && !entryCounts};
}

/** Teachers with a current diagnostic in scope and, per teacher and area, the entry and exit results. */
export type ResultsByTeacher = Map<number, Map<string, {entry: number | null; exit: number | null}>>;

/**
 * Teachers with a current diagnostic in scope and, per teacher and area (of `codes`), the entry and
 * exit results. Read column-wise with numbers only (school names joined in JS): converting
 * 500,000 strings out of DuckDB costs more than the query.
 */
export async function loadDiagnostics(conn: DuckDBConnection, scope: DiagnosticsScope, names: boolean, codes: string[]) {
  const schools = await scopeSchools(conn, scope);
  const results: ResultsByTeacher = new Map();
  let undated = 0;
  if (schools && schools.length === 0) return {schools, teachers: [] as TeacherInfo[], results, undated};
  const filter = schools ? "WHERE list_contains($schools, t.school_id)" : "";
  const params = schools ? {schools: listValue(schools.map((s) => s.school_id))} : undefined;
  const schoolInfo = new Map((schools ?? await all<SchoolRow>(conn, "SELECT school_id, name, municipality FROM schools"))
    .map((s) => [s.school_id, s]));
  const teacherReader = await conn.runAndReadAll(
    `SELECT t.teacher_id, t.school_id, t.ambiguous,
       bool_or(e.wave = 'entry') AS has_entry, bool_or(e.wave = 'exit') AS has_exit,
       max(CASE WHEN e.wave = 'entry' THEN y.school_year END) AS entry_year,
       max(CASE WHEN e.wave = 'exit' THEN y.school_year END) AS exit_year
     FROM current_diagnostic_entries e JOIN diagnostic_teachers t USING (teacher_id)
     LEFT JOIN diagnostic_sheet_years y ON y.upload_id = e.upload_id AND y.sheet = e.sheet
     ${filter}
     GROUP BY t.teacher_id, t.school_id, t.ambiguous`, params);
  const tc = teacherReader.getColumnsObject() as unknown as {teacher_id: number[]; school_id: number[]; ambiguous: boolean[];
    has_entry: boolean[]; has_exit: boolean[]; entry_year: Array<number | null>; exit_year: Array<number | null>};
  /** Waves counted per teacher in the asked school year. */
  const counted = new Map<number, {entry: boolean; exit: boolean}>();
  const fullNames = new Map<number, string>();
  if (names) {
    for (const r of await all<{teacher_id: number; full_name: string}>(conn,
      `SELECT i.teacher_id, i.full_name FROM teacher_identities i JOIN diagnostic_teachers t USING (teacher_id) ${filter}`, params)) {
      fullNames.set(r.teacher_id, r.full_name);
    }
  }
  const only = scope.teacherIds ? new Set(scope.teacherIds) : null;
  const teachers: TeacherInfo[] = [];
  // An empty result has no columns at all.
  for (let i = 0; i < (tc.teacher_id?.length ?? 0); i++) {
    const id = tc.teacher_id[i]!;
    if (only && !only.has(id)) continue;
    const school = schoolInfo.get(tc.school_id[i]!)!;
    let entry = tc.has_entry[i]!, exit = tc.has_exit[i]!;
    if (scope.schoolYear !== undefined) {
      const w = wavesInYear(scope.schoolYear, entry, exit, tc.entry_year[i] ?? null, tc.exit_year[i] ?? null);
      if (w.undated) undated++;
      if (!w.entry && !w.exit) continue;
      ({entry, exit} = w);
      counted.set(id, w);
    }
    teachers.push({id, schoolId: school.school_id, school: school.name, municipality: school.municipality,
      ambiguous: tc.ambiguous[i]!, entry, exit, ...(names ? {name: fullNames.get(id) ?? ""} : {})});
  }
  const ru = new Intl.Collator("ru");
  teachers.sort((a, b) => a.schoolId === b.schoolId ? a.id - b.id : ru.compare(a.municipality, b.municipality) || ru.compare(a.school, b.school) || a.schoolId - b.schoolId);
  if (codes.length === 0) return {schools, teachers, results, undated};
  const reader = await conn.runAndReadAll(
    `SELECT r.teacher_id, list_position($codes, r.area)::INTEGER AS k,
       max(CASE WHEN r.wave = 'entry' THEN r.result END) AS entry,
       max(CASE WHEN r.wave = 'exit' THEN r.result END) AS exit
     FROM current_diagnostic_results r JOIN diagnostic_teachers t USING (teacher_id)
     WHERE list_position($codes, r.area) IS NOT NULL ${schools ? "AND list_contains($schools, t.school_id)" : ""}
     GROUP BY ALL`, {...(params ?? {}), codes: listValue(codes)});
  const cols = reader.getColumnsObject() as unknown as {teacher_id: number[]; k: number[]; entry: Array<number | null>; exit: Array<number | null>};
  for (let i = 0; i < (cols.teacher_id?.length ?? 0); i++) {
    const id = cols.teacher_id[i]!;
    const w = scope.schoolYear === undefined ? null : counted.get(id);
    if (w === undefined) continue;
    let m = results.get(id);
    if (!m) results.set(id, (m = new Map()));
    m.set(codes[cols.k[i]! - 1]!, {entry: w && !w.entry ? null : cols.entry[i] ?? null, exit: w && !w.exit ? null : cols.exit[i] ?? null});
  }
  return {schools, teachers, results, undated};
}

/** Entry and exit results per area as typed columns over the teachers (NaN = not measured). */
interface ResultColumns { entry: Float64Array[]; exit: Float64Array[] }

function resultColumns(codes: string[], teachers: TeacherInfo[], results: ResultsByTeacher): ResultColumns {
  const entry = codes.map(() => new Float64Array(teachers.length).fill(Number.NaN));
  const exit = codes.map(() => new Float64Array(teachers.length).fill(Number.NaN));
  teachers.forEach((t, i) => {
    const m = results.get(t.id);
    if (!m) return;
    codes.forEach((code, k) => {
      const r = m.get(code);
      if (r?.entry != null) entry[k]![i] = r.entry;
      if (r?.exit != null) exit[k]![i] = r.exit;
    });
  });
  return {entry, exit};
}

function areaFigures(k: number, code: string, label: string, members: ArrayLike<number>, teachers: TeacherInfo[],
  cols: ResultColumns): AreaFigures {
  const before: number[] = [], after: number[] = [];
  let nEntry = 0, nExit = 0;
  const entry = cols.entry[k]!, exit = cols.exit[k]!;
  for (let j = 0; j < members.length; j++) {
    const i = members[j]!;
    const e = entry[i]!, x = exit[i]!;
    if (e === e) nEntry++;
    if (x === x) nExit++;
    // A teacher who cannot be told from a namesake was never matched: their results are not a pair.
    if (e === e && x === x && !teachers[i]!.ambiguous) { before.push(e); after.push(x); }
  }
  const c = pairedComparison(before, after);
  const {n, meanBefore, meanAfter, ...rest} = c;
  const figures = {area: code, label, nPairs: n, nEntry, nExit, meanEntry: meanBefore, meanExit: meanAfter,
    meanEntryDeficit: meanBefore === null ? null : 100 - meanBefore, meanExitDeficit: meanAfter === null ? null : 100 - meanAfter,
    ...rest, normalizedGain: meanBefore === null || meanAfter === null ? null : normalizedGain(meanBefore, meanAfter)};
  return {...figures, reading: prepostReading({label, nPairs: n, meanEntry: meanBefore, meanExit: meanAfter, pT: c.pT,
    wilcoxon: c.wilcoxon, dz: c.dz})};
}

export async function prepostReport(store: Store, settings: Settings, options: PrepostOptions = {}): Promise<PrepostReport> {
  const config = settings.areas;
  const names = options.names ?? false;
  const {schools, teachers, results, undated} = await store.read((conn) => loadDiagnostics(conn, options, names, config.areas.map((a) => a.code)));
  const ref = (t: TeacherInfo): TeacherRef => ({id: t.id, school: t.school, municipality: t.municipality,
    ...(names ? {name: t.name ?? ""} : {})});
  const codes = config.areas.map((a) => a.code);
  const cols = resultColumns(codes, teachers, results);
  const figuresFor = (members: ArrayLike<number>) => config.areas.map((a, k) => areaFigures(k, a.code, a.label, members, teachers, cols));
  const groups: PrepostGroup[] = [];
  if (options.by) {
    const byMunicipality = new Map<string, number[]>(), bySchool = new Map<number, number[]>();
    teachers.forEach((t, i) => {
      const inM = byMunicipality.get(t.municipality);
      if (inM) inM.push(i); else byMunicipality.set(t.municipality, [i]);
      const inS = bySchool.get(t.schoolId);
      if (inS) inS.push(i); else bySchool.set(t.schoolId, [i]);
    });
    if (options.by !== "school") {
      for (const [m, list] of byMunicipality) {
        groups.push({level: "municipality", municipality: m, school: null, nTeachers: list.length, areas: figuresFor(list)});
      }
    }
    if (options.by !== "municipality") {
      for (const list of bySchool.values()) {
        const first = teachers[list[0]!]!;
        groups.push({level: "school", municipality: first.municipality, school: first.school, nTeachers: list.length,
          areas: figuresFor(list)});
      }
    }
  }
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const teacherFigures: PrepostTeacher[] = new Array(teachers.length);
  for (let i = 0; i < teachers.length; i++) {
    const t = teachers[i]!;
    const areas: Record<string, TeacherAreaFigures> = {};
    for (let k = 0; k < codes.length; k++) {
      const e = cols.entry[k]![i]!, x = cols.exit[k]![i]!;
      const hasE = e === e, hasX = x === x;
      if (!hasE && !hasX) continue;
      areas[codes[k]!] = {
        entryDeficit: hasE ? round6(100 - e) : null,
        exitDeficit: hasX ? round6(100 - x) : null,
        change: hasE && hasX ? round6(x - e) : null,
        gain: hasE && hasX ? normalizedGain(e, x) : null
      };
    }
    const waves: Array<"entry" | "exit"> = t.entry ? (t.exit ? ["entry", "exit"] : ["entry"]) : ["exit"];
    teacherFigures[i] = names
      ? {id: t.id, school: t.school, municipality: t.municipality, name: t.name ?? "", waves, ambiguous: t.ambiguous, areas}
      : {id: t.id, school: t.school, municipality: t.municipality, waves, ambiguous: t.ambiguous, areas};
  }
  const entryOnly = teachers.filter((t) => t.entry && !t.exit).map(ref);
  const exitOnly = teachers.filter((t) => t.exit && !t.entry).map(ref);
  return {
    scope: {level: options.scope ?? {level: "region"}, school: options.school ?? null, municipality: options.municipality ?? null,
      teacherIds: options.teacherIds ?? null,
      schools: schools ? schools.map((s) => s.name) : [],
      schoolYear: options.schoolYear === undefined ? null : formatSchoolYear(options.schoolYear)},
    counts: {teachers: teachers.length, paired: teachers.filter((t) => t.entry && t.exit && !t.ambiguous).length,
      entryOnly: entryOnly.length, exitOnly: exitOnly.length, ambiguous: teachers.filter((t) => t.ambiguous).length, undated},
    areas: figuresFor(Uint32Array.from(teachers.keys())),
    groups,
    entryOnly,
    exitOnly,
    teachers: teacherFigures,
    method: {alpha: ALPHA, smallSample: SMALL_SAMPLE, effectSize: EFFECT_SIZE_THRESHOLDS, text: METHOD_TEXT}
  };
}
