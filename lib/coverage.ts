// How complete a figure is (DOMAIN.md «Who must report, and when a figure is complete»; issue 11
import {formatNumber} from "./format.ts";
// §2): which schools were expected, which are in the sums, what share of the population those hold,
// and the words every surface uses for it («по 9 из 12 школ»). Pure.

/** A school's standing in one period's collection of reports. */
export type SchoolState = "accepted" | "accepted_with_remarks" | "partial" | "rejected" | "missing";

/** The states as the methodologist reads them. */
export const STATE_LABELS: Record<SchoolState, string> = {
  accepted: "принят",
  accepted_with_remarks: "принят с замечаниями",
  partial: "прочитан не полностью",
  rejected: "файл не принят",
  missing: "не прислал"
};

/** One expected school, as coverage sees it. */
export interface CoverageSchool {
  /** In the sums (its report read in full, with Form 1 and Forms 2–5). */
  counted: boolean;
  /** Its population for weighing (knownPopulation); null when never reported. */
  students: number | null;
  teachers: number | null;
}

export interface PopulationShare {
  /** Σ known population of the counted schools. */
  counted: number;
  /** Σ known population of every expected school whose population is known. */
  expected: number;
  /** counted / expected, 0 to 1; null when nothing is known. */
  share: number | null;
}

export interface Coverage {
  schoolsExpected: number;
  schoolsCounted: number;
  /** Expected schools whose population was never reported (left out of the population shares). */
  schoolsWithoutPopulation: number;
  students: PopulationShare;
  teachers: PopulationShare;
  /** Files refused for the period whose school is unknown, not replaced or dismissed. */
  rejectedFiles: number;
  /** Every expected school counted and no refused file outstanding. */
  complete: boolean;
  /** «по 9 из 12 школ». */
  label: string;
}

/**
 * «Известная численность школы» for weighing coverage: the Form 1 population of the period itself,
 * else of the latest earlier period that has one, else of the earliest later one; null when the
 * school never reported it. `history` is the school's Form 1 per period (any order).
 * @example knownPopulation([{period: "2024-Q1", students: 412, teachers: 38}, {period: "2024-Q3", students: 420, teachers: 40}], "2024-Q2")
 * // {students: 412, teachers: 38}
 */
export function knownPopulation(history: Array<{period: string; students: number | null; teachers: number | null}>, period: string):
  {students: number | null; teachers: number | null} {
  const pick = (who: "students" | "teachers"): number | null => {
    const known = history.filter((h) => h[who] !== null).sort((a, b) => a.period.localeCompare(b.period));
    const same = known.find((h) => h.period === period);
    const before = known.filter((h) => h.period < period).at(-1);
    const after = known.find((h) => h.period > period);
    return (same ?? before ?? after)?.[who] ?? null;
  };
  return {students: pick("students"), teachers: pick("teachers")};
}

/** «из 1 школы», «из 12 школ», «из 21 школы»: the genitive after «из». */
function schoolsGenitive(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? "школы" : "школ";
}

/**
 * «по N из M школ»: how many expected schools a figure is over.
 * @example coverageLabel(9, 12) // "по 9 из 12 школ"
 * @example coverageLabel(1, 21) // "по 1 из 21 школы"
 */
export function coverageLabel(counted: number, expected: number): string {
  // Thousands grouped as everywhere in ru-RU («по 40 120 из 44 500 школ»).
  return `по ${formatNumber(counted)} из ${formatNumber(expected)} ${schoolsGenitive(expected)}`;
}

function share(schools: CoverageSchool[], who: "students" | "teachers"): PopulationShare {
  const known = schools.filter((s) => s[who] !== null);
  const expected = known.reduce((a, s) => a + s[who]!, 0);
  const counted = known.filter((s) => s.counted).reduce((a, s) => a + s[who]!, 0);
  return {counted, expected, share: expected > 0 ? counted / expected : null};
}

/**
 * «Полнота данных» of an aggregate: expected schools, counted schools, and the share of the
 * population the counted ones hold — Σ known population (knownPopulation) of the counted schools
 * over Σ known population of all expected schools; a school that never reported its population
 * is left out of both sums and counted in `schoolsWithoutPopulation`. Complete when every expected
 * school is counted and no refused file of the period is outstanding.
 * @example coverage([{counted: true, students: 100, teachers: 10}, {counted: false, students: 300, teachers: 30}, {counted: true, students: null, teachers: null}])
 * // schoolsExpected 3, schoolsCounted 2, students {counted: 100, expected: 400, share: 0.25}, complete false, label "по 2 из 3 школ"
 */
export function coverage(schools: CoverageSchool[], rejectedFiles = 0): Coverage {
  const counted = schools.filter((s) => s.counted).length;
  return {
    schoolsExpected: schools.length,
    schoolsCounted: counted,
    schoolsWithoutPopulation: schools.filter((s) => s.students === null && s.teachers === null).length,
    students: share(schools, "students"),
    teachers: share(schools, "teachers"),
    rejectedFiles,
    complete: counted === schools.length && rejectedFiles === 0,
    label: coverageLabel(counted, schools.length) + (rejectedFiles ? `; не принято файлов без указания школы: ${rejectedFiles}` : "")
  };
}

/**
 * «Вывод о цели» as every surface words it: over complete data the decision itself; over
 * incomplete data never «достигнута» — the target is not judged, and the words say over how many
 * schools the figure is.
 * @example targetVerdict(true, {complete: true, label: "по 12 из 12 школ"}) // "цель достигнута"
 * @example targetVerdict(true, {complete: false, label: "по 9 из 12 школ"}) // "данные неполные (по 9 из 12 школ): цель не оценивается"
 */
export function targetVerdict(decision: boolean | null, c: Pick<Coverage, "complete" | "label">): string {
  if (!c.complete) return `данные неполные (${c.label}): цель не оценивается`;
  return decision === null ? "цель не оценивается" : decision ? "цель достигнута" : "цель не достигнута";
}
