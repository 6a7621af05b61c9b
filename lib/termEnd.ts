// The end of a term counted in calendar units, as Russian law counts it.

export interface Term {
  years?: number;
  months?: number;
  days?: number;
}

/**
 * «Окончание срока»: the date a term of years, months or days that starts on `start` expires.
 *
 * Formula: a term in years or months expires on the same day of the month in its last month;
 * when that month has no such day, on its last day (31.01.2024 + 1 month → 29.02.2024); a term in
 * days expires `days` calendar days after its start. Negative terms count backwards the same way.
 * Source: Civil Code of the Russian Federation, art. 191–192 (the regulation of seed 001, step 5,
 * sets terms «от одного месяца до одного года» and «не позднее 30 календарных дней»).
 * Throws on an invalid date (a programmer error).
 *
 * @example termEnd(new Date("2024-09-01"), {months: 1}) // 2024-10-01
 * @example termEnd(new Date("2024-01-31"), {months: 1}) // 2024-02-29
 * @example termEnd(new Date("2024-02-29"), {years: 1})  // 2025-02-28
 * @example termEnd(new Date("2024-09-01"), {days: 30})  // 2024-10-01
 */
export function termEnd(start: Date, term: Term): Date {
  if (Number.isNaN(start.getTime())) throw new Error("termEnd: invalid start date");
  const months = (term.years ?? 0) * 12 + (term.months ?? 0);
  const y = start.getUTCFullYear(), m = start.getUTCMonth() + months, d = start.getUTCDate();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m, Math.min(d, lastDay)));
  return new Date(end.getTime() + (term.days ?? 0) * 86400000);
}

/** Whole calendar days from `a` to `b` (negative when b is earlier); both UTC midnights. */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 86400000);
}
