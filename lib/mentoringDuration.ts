// Whether one mentoring pair lasts as long as the model regulation allows.
import {daysBetween, termEnd} from "./termEnd.ts";

export interface DurationLimits {
  /** Shortest allowed term, in calendar months (regulation: 1). */
  minMonths: number;
  /** Longest allowed term, in calendar months (regulation: 12, one year). */
  maxMonths: number;
}

export const defaultDurationLimits: DurationLimits = {minMonths: 1, maxMonths: 12};

export type DurationStatus =
  | "ok" | "too-short" | "too-long" | "running" | "running-past-limit" | "not-started" | "no-start" | "end-before-start";

export interface MentoringDuration {
  status: DurationStatus;
  /** Calendar days from start to end (or to `asOf` while running); null without a start. */
  days: number | null;
  /** The earliest end the rule allows: start + minMonths. */
  minEnd: Date | null;
  /** The latest end the rule allows: start + maxMonths. */
  maxEnd: Date | null;
}

/**
 * «Продолжительность наставничества»: checks a pair's term against «от одного месяца до одного года».
 *
 * Formula: with minEnd = start + 1 calendar month and maxEnd = start + 1 calendar year (termEnd,
 * Civil Code art. 192), an ended pair is too short when end < minEnd and too long when
 * end > maxEnd; so exactly one month (01.09.2024 → 01.10.2024) and exactly one year (01.09.2024 →
 * 01.09.2025) are both allowed. A pair without an end date is running; at `asOf` later than maxEnd
 * it is «running past the limit». A start after `asOf` is not started; a missing start cannot be
 * checked. Source: seed 001, model regulation (step 5); DOMAIN.md «Registries».
 *
 * @example mentoringDuration(new Date("2024-09-01"), new Date("2024-09-15"), new Date("2026-11-24"))
 * // {status: "too-short", days: 14, minEnd: 2024-10-01, maxEnd: 2025-09-01}
 */
export function mentoringDuration(start: Date | null, end: Date | null, asOf: Date,
  limits: DurationLimits = defaultDurationLimits): MentoringDuration {
  if (!start) return {status: "no-start", days: null, minEnd: null, maxEnd: null};
  const minEnd = termEnd(start, {months: limits.minMonths});
  const maxEnd = termEnd(start, {months: limits.maxMonths});
  if (end) {
    const days = daysBetween(start, end);
    if (days < 0) return {status: "end-before-start", days, minEnd, maxEnd};
    const status = end < minEnd ? "too-short" : end > maxEnd ? "too-long" : "ok";
    return {status, days, minEnd, maxEnd};
  }
  if (start > asOf) return {status: "not-started", days: 0, minEnd, maxEnd};
  return {status: asOf > maxEnd ? "running-past-limit" : "running", days: daysBetween(start, asOf), minEnd, maxEnd};
}
