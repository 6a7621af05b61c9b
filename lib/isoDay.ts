// Calendar dates as JSON carries them.

/**
 * «Дата» as YYYY-MM-DD: the UTC calendar day of a date stored at UTC midnight.
 * Source: STYLE.md (dates are stored without time). Throws on an invalid date.
 * @example isoDay(new Date(Date.UTC(2024, 8, 1))) // "2024-09-01"
 */
export function isoDay(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error("isoDay: invalid date");
  return date.toISOString().slice(0, 10);
}
