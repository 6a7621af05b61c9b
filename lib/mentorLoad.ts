// Mentees per mentor: now, over the last year, and how that load is distributed.
import {median} from "simple-statistics";
import {termEnd} from "./termEnd.ts";

export interface LoadPair {
  /** null: a mentee the registry lists without a mentor. */
  mentorId: number | null;
  /** null: a mentor the registry lists without mentees. */
  menteeId: number | null;
  start: Date | null;
  /** Last day (inclusive); null while running. */
  end: Date | null;
}

export interface LoadSummary {
  /** Mentors with this many mentees → how many mentors; k from 0 to the maximum. */
  distribution: Array<{mentees: number; mentors: number}>;
  /** Mean / median / max mentees per mentor; null when there is no mentor. */
  mean: number | null;
  median: number | null;
  max: number | null;
  /** Mentors with no mentee in the window. */
  mentorsWithoutMentees: number[];
}

export interface MentorLoad {
  asOf: Date;
  /** First day of the year window: asOf − 12 calendar months. */
  yearFrom: Date;
  /** Distinct mentors and mentees anywhere in the pairs. */
  mentors: number;
  mentees: number;
  /** Mentees mentored on asOf (a pair without start counts as current unless it ended). */
  current: LoadSummary;
  /** Mentees mentored at some day of [yearFrom, asOf]. */
  year: LoadSummary;
  /** Mentees with no mentor in any pair. */
  menteesWithoutMentor: number[];
  /** Current mentees per mentor, by mentor id ascending. */
  perMentor: Array<{mentorId: number; current: number; year: number}>;
}

function summary(perMentor: Map<number, Set<number>>): LoadSummary {
  const counts = [...perMentor.values()].map((s) => s.size);
  const top = counts.length ? Math.max(...counts) : 0;
  const distribution = counts.length
    ? Array.from({length: top + 1}, (_, k) => ({mentees: k, mentors: counts.filter((c) => c === k).length}))
    : [];
  return {
    distribution,
    mean: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : null,
    median: counts.length ? median(counts) : null,
    max: counts.length ? top : null,
    mentorsWithoutMentees: [...perMentor].filter(([, s]) => s.size === 0).map(([id]) => id).sort((a, b) => a - b)
  };
}

/**
 * «Нагрузка наставника»: distinct mentees per mentor on a date and over the 12 months before it.
 *
 * Formula: a pair is current when start ≤ asOf (or start unknown) and (no end or end ≥ asOf); it
 * belongs to the year when its [start, end] meets [asOf − 12 months, asOf]. A mentee is counted
 * once per mentor however many rows name the pair. Mentors come from every pair that names one,
 * so a mentor the base lists without mentees has load 0. Source: DOMAIN.md «Registries» and the
 * issue «Mentor load»; seed 001, appendix 3 (the two bases).
 *
 * @example mentorLoad([
 *   {mentorId: 1, menteeId: 10, start: new Date("2025-09-01"), end: null},
 *   {mentorId: 1, menteeId: 11, start: new Date("2025-01-10"), end: new Date("2025-05-31")},
 *   {mentorId: 2, menteeId: null, start: null, end: null},
 *   {mentorId: null, menteeId: 12, start: new Date("2026-09-01"), end: null}], new Date("2026-11-24"))
 * // current: mentor 1 → 1, mentor 2 → 0 (mean 0.5); year: mentor 1 → 1 (11 ended before 24.11.2025);
 * // menteesWithoutMentor [12]
 */
export function mentorLoad(pairs: LoadPair[], asOf: Date): MentorLoad {
  const yearFrom = termEnd(asOf, {months: -12});
  const now = new Map<number, Set<number>>(), year = new Map<number, Set<number>>();
  const mentees = new Set<number>(), mentored = new Set<number>();
  for (const p of pairs) {
    if (p.menteeId !== null) mentees.add(p.menteeId);
    if (p.mentorId === null) continue;
    if (!now.has(p.mentorId)) { now.set(p.mentorId, new Set()); year.set(p.mentorId, new Set()); }
    if (p.menteeId === null) continue;
    mentored.add(p.menteeId);
    const started = !p.start || p.start <= asOf;
    if (started && (!p.end || p.end >= asOf)) now.get(p.mentorId)!.add(p.menteeId);
    if (started && (!p.end || p.end >= yearFrom)) year.get(p.mentorId)!.add(p.menteeId);
  }
  return {
    asOf, yearFrom,
    mentors: now.size,
    mentees: mentees.size,
    current: summary(now),
    year: summary(year),
    menteesWithoutMentor: [...mentees].filter((id) => !mentored.has(id)).sort((a, b) => a - b),
    perMentor: [...now.keys()].sort((a, b) => a - b)
      .map((id) => ({mentorId: id, current: now.get(id)!.size, year: year.get(id)!.size}))
  };
}
