// Schools count years from 1 September: the 2024/2025 school year is «2025» in every effectiveness figure.

/**
 * «учебный год»: the school year a date falls in, named by the calendar year it ends in
 * (1 September of Y − 1 … 31 August of Y is year Y).
 * @example academicYear(new Date(Date.UTC(2024, 8, 1))) // 2025
 * @example academicYear(new Date(Date.UTC(2025, 7, 31))) // 2025
 */
export function academicYear(date: Date): number {
  return date.getUTCMonth() >= 8 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}

/** First and last day of school year Y: 1 September Y − 1 and 31 August Y (UTC). */
export function academicYearBounds(year: number): {start: Date; end: Date} {
  return {start: new Date(Date.UTC(year - 1, 8, 1)), end: new Date(Date.UTC(year, 7, 31))};
}
