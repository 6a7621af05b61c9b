// Retention of young specialists: of those hired in a school year, how many were still there a
// year after they started.
import {academicYear} from "./academicYear.ts";

export interface TeacherSpell {
  id: string;
  hired: Date;
  /** Last working day, null while employed. */
  left: Date | null;
  /** The last date the data speaks for this teacher (the roster's «as of» date). */
  observedUntil: Date;
  /** Young specialist («молодой специалист», 0–3 years of experience) when hired. */
  young: boolean;
}

export interface RetentionCohort {
  /** School year of hiring (see academicYear). */
  year: number;
  hired: number;
  /** Still employed on the first anniversary of hiring. */
  retained: number;
  /** Left before the first anniversary. */
  left: number;
  /** Anniversary not reached by the data yet: neither retained nor left. */
  pending: number;
  /** retained / (retained + left) × 100; null when nobody can be judged yet. */
  share: number | null;
}

function anniversary(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()));
}

/**
 * «Закрепляемость молодых специалистов»: per school year of hiring, the young specialists hired
 * that year and the share still employed one year after their hiring date:
 * retained = left is empty or on/after the anniversary, while the data reaches the anniversary
 * (or the teacher is known to have stayed past it); left = left before the anniversary;
 * share = retained / (retained + left) × 100. Teachers whose anniversary is beyond the data are
 * `pending` and not in the share. Only young teachers count; cohorts are sorted by year.
 * Source: seed 001, programme passport «90 % молодых педагогов закрепились … после 1 года работы»;
 * seed 002 «сохранность контингента молодых специалистов».
 * @example
 * // hired 01.09.2023: A still there, B left 15.03.2024, C left 10.09.2024 (after its anniversary);
 * // hired 01.09.2024: D still there, data until 31.05.2025 → pending.
 * retention(…) // [{year: 2024, hired: 3, retained: 2, left: 1, pending: 0, share: 66.67}, {year: 2025, hired: 1, retained: 0, left: 0, pending: 1, share: null}]
 */
export function retention(teachers: readonly TeacherSpell[]): RetentionCohort[] {
  const cohorts = new Map<number, RetentionCohort>();
  for (const t of teachers) {
    if (!t.young) continue;
    const year = academicYear(t.hired);
    const c = cohorts.get(year) ?? {year, hired: 0, retained: 0, left: 0, pending: 0, share: null};
    cohorts.set(year, c);
    c.hired++;
    const a = anniversary(t.hired);
    if (t.left !== null && t.left < a) c.left++;
    else if (t.left !== null || t.observedUntil >= a) c.retained++;
    else c.pending++;
  }
  return [...cohorts.values()].sort((x, y) => x.year - y.year).map((c) => {
    const judged = c.retained + c.left;
    return {...c, share: judged > 0 ? (100 * c.retained) / judged : null};
  });
}
