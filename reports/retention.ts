// Retention of young specialists and staff turnover from the stored rosters (issue 6, part 2):
// the single source of `mentoring report retention` and its --json. Also exports the roster
// reading the targets report shares.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {retention, type RetentionCohort} from "../lib/retention.ts";
import {turnover, type Turnover} from "../lib/turnover.ts";
import {formatSchoolYear} from "../lib/format.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export interface RosterTeacherRow {
  upload_id: number; teacher_no: number; school_id: number; year: number; as_of: Date;
  teacher_key: string; hired: Date | null; left_on: Date | null; young: boolean | null;
}

export interface SchoolRow { school_id: number; municipality: string; name: string }

/** Teachers of the current roster of each school and year (of the scope's schools only, when given). */
export async function currentRosterTeachers(conn: DuckDBConnection, scope?: ReportScope): Promise<RosterTeacherRow[]> {
  const rows = await all<Omit<RosterTeacherRow, "as_of" | "hired" | "left_on"> & {as_of: string; hired: string | null; left_on: string | null}>(conn, `
    SELECT t.upload_id, t.teacher_no, t.school_id, c.year, CAST(s.as_of AS VARCHAR) AS as_of, t.teacher_key,
           CAST(t.hired AS VARCHAR) AS hired, CAST(t.left_on AS VARCHAR) AS left_on, t.young
    FROM current_roster_snapshots c
    JOIN roster_snapshots s ON s.upload_id = c.upload_id AND s.school_id = c.school_id AND s.year = c.year
    JOIN roster_teachers t ON t.upload_id = c.upload_id AND t.school_id = c.school_id AND t.year = c.year
    WHERE ${spellingInScope("c.school_id")}
    ORDER BY t.school_id, c.year, t.teacher_no`, scopeParams(scope));
  const date = (s: string | null) => (s === null ? null : new Date(`${s}T00:00:00Z`));
  return rows.map((r) => ({...r, as_of: date(r.as_of)!, hired: date(r.hired), left_on: date(r.left_on)}));
}

export async function schoolsById(conn: DuckDBConnection): Promise<Map<number, SchoolRow>> {
  const rows = await all<SchoolRow>(conn, "SELECT school_id, municipality, name FROM schools");
  return new Map(rows.map((r) => [r.school_id, r]));
}

/**
 * One record per teacher of a school over all its rosters: dates and the young flag from the
 * latest roster that lists the teacher, observed until that roster's date. A teacher missing from a
 * later roster without a leaving date stays observed only until the last roster listing them.
 */
export function teacherSpells(rows: RosterTeacherRow[]) {
  const latest = new Map<string, RosterTeacherRow>();
  for (const r of rows) {
    const k = `${r.school_id}|${r.teacher_key}`;
    const prev = latest.get(k);
    if (!prev || r.as_of > prev.as_of) latest.set(k, r);
  }
  return [...latest.values()];
}

/**
 * «Закрепляемость по кадровым спискам» of one school: for each school year C its rosters cover, the
 * young specialists hired in C and whether they stayed a year, as known from the rosters up to
 * the school year after it (C + 1, when the cohort is judged) — the one computation behind the
 * retention report and the «young_retention» target indicator (reports/targets.ts), so both show
 * one value for one cohort.
 */
export function schoolCohorts(rows: RosterTeacherRow[]): RetentionCohort[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return years.flatMap((year) => {
    const known = teacherSpells(rows.filter((r) => r.year <= year + 1)).filter((t) => t.hired !== null);
    const cohort = retention(known.map((t) => ({id: t.teacher_key, hired: t.hired!, left: t.left_on, observedUntil: t.as_of, young: t.young === true})))
      .find((c) => c.year === year);
    return cohort ? [cohort] : [];
  });
}

export interface RetentionReport {
  /** The school year asked for («2024/25»): rosters of later years are not used. Null: every roster. */
  schoolYear: string | null;
  /** The latest roster date: nothing after it is known. */
  observedUntil: string | null;
  /** Whose rosters: the region, a municipality or a school (directory ids). */
  scope: ReportScope;
  /** The scope's totals (the region's when no scope is given): Σ over its schools. */
  region: {cohorts: RetentionCohort[]; turnover: Turnover[]; youngUnknown: number};
  schools: Array<{schoolId: number; municipality: string; name: string; years: number[];
    cohorts: RetentionCohort[]; turnover: Turnover[]; youngUnknown: number}>;
}

function sumCohorts(list: RetentionCohort[][]): RetentionCohort[] {
  const by = new Map<number, RetentionCohort>();
  for (const c of list.flat()) {
    const s = by.get(c.year) ?? {year: c.year, hired: 0, retained: 0, left: 0, pending: 0, share: null};
    s.hired += c.hired; s.retained += c.retained; s.left += c.left; s.pending += c.pending;
    by.set(c.year, s);
  }
  return [...by.values()].sort((a, b) => a.year - b.year)
    .map((c) => ({...c, share: c.retained + c.left > 0 ? (100 * c.retained) / (c.retained + c.left) : null}));
}

function sumTurnover(list: Turnover[][]): Turnover[] {
  const by = new Map<number, Turnover>();
  for (const t of list.flat()) {
    const s = by.get(t.year) ?? {year: t.year, headcountStart: 0, headcountEnd: 0, averageHeadcount: 0, hires: 0, leavers: 0, rate: null};
    s.headcountStart += t.headcountStart; s.headcountEnd += t.headcountEnd; s.averageHeadcount += t.averageHeadcount;
    s.hires += t.hires; s.leavers += t.leavers;
    by.set(t.year, s);
  }
  return [...by.values()].sort((a, b) => a.year - b.year)
    .map((t) => ({...t, rate: t.averageHeadcount > 0 ? (100 * t.leavers) / t.averageHeadcount : null}));
}

/**
 * Per school and for the region: cohorts of young specialists by school year of hiring with the
 * share still employed one year later, and turnover for each school year a roster covers. Region
 * figures add up schools' counts (never average their percentages).
 */
export async function retentionReport(store: Store, options: {school?: string; schoolYear?: number; scope?: ReportScope} = {}): Promise<RetentionReport> {
  const scope: ReportScope = options.scope ?? {level: "region"};
  const [allRows, schools] = await store.read(async (c) => [await currentRosterTeachers(c, scope), await schoolsById(c)] as const);
  // As known at the end of the school year asked for: no roster of a later year.
  const rows = options.schoolYear === undefined ? allRows : allRows.filter((r) => r.year <= options.schoolYear!);
  const wanted = options.school ? normalizeKey(options.school) : null;
  const bySchool = new Map<number, RosterTeacherRow[]>();
  for (const r of rows) {
    const s = schools.get(r.school_id)!;
    if (wanted && !normalizeKey(s.name).includes(wanted)) continue;
    bySchool.set(r.school_id, [...(bySchool.get(r.school_id) ?? []), r]);
  }
  const out: RetentionReport["schools"] = [];
  let observedUntil: Date | null = null;
  for (const [schoolId, list] of bySchool) {
    const s = schools.get(schoolId)!;
    const spells = teacherSpells(list);
    const years = [...new Set(list.map((r) => r.year))].sort();
    for (const r of list) if (!observedUntil || r.as_of > observedUntil) observedUntil = r.as_of;
    const dated = spells.filter((t) => t.hired !== null);
    // Only school years a roster covers: an older cohort would count only those who stayed.
    const cohorts = schoolCohorts(list);
    out.push({schoolId, municipality: s.municipality, name: s.name, years,
      cohorts, turnover: turnover(dated.map((t) => ({hired: t.hired!, left: t.left_on})), years),
      youngUnknown: spells.filter((t) => t.young === null).length});
  }
  out.sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.name.localeCompare(b.name, "ru"));
  return {
    schoolYear: options.schoolYear === undefined ? null : formatSchoolYear(options.schoolYear),
    observedUntil: observedUntil ? observedUntil.toISOString().slice(0, 10) : null,
    scope,
    region: {cohorts: sumCohorts(out.map((s) => s.cohorts)), turnover: sumTurnover(out.map((s) => s.turnover)),
      youngUnknown: out.reduce((n, s) => n + s.youngUnknown, 0)},
    schools: out
  };
}
