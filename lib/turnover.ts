// Staff turnover per school year from hiring and leaving dates.
import {academicYearBounds} from "./academicYear.ts";

export interface StaffSpell {
  hired: Date;
  /** Last working day, null while employed. */
  left: Date | null;
}

export interface Turnover {
  year: number;
  /** Employed on 1 September (start of the school year). */
  headcountStart: number;
  /** Employed on 31 August (end of the school year). */
  headcountEnd: number;
  /** (start + end) / 2, the «среднесписочная численность» approximated from two dates. */
  averageHeadcount: number;
  hires: number;
  leavers: number;
  /** leavers / averageHeadcount × 100; null when the average is 0. */
  rate: number | null;
}

function employedOn(s: StaffSpell, day: Date): boolean {
  return s.hired <= day && (s.left === null || s.left >= day);
}

/**
 * «Коэффициент текучести кадров» for school year Y (1 September Y − 1 … 31 August Y):
 * leavers during the year / average headcount × 100, the average headcount being
 * (employed on the first day + employed on the last day) / 2. A teacher is employed on a day from
 * the hiring date through the last working day. Every leaver counts (the reason of leaving is not
 * in the data). Source: seed 002 «отрицательная динамика „текучести“ кадров».
 * @example
 * // year 2025: A hired 2010, B hired 2015 left 31.12.2024, C hired 01.09.2024, D hired 2020 left 20.06.2025
 * turnover([A, B, C, D], [2025])
 * // start: A, B, C, D = 4 (C starts that day); end: A, C = 2; average 3; leavers B, D = 2; rate 66.67 %
 */
export function turnover(staff: readonly StaffSpell[], years: readonly number[]): Turnover[] {
  return [...new Set(years)].sort((a, b) => a - b).map((year) => {
    const {start, end} = academicYearBounds(year);
    let headcountStart = 0, headcountEnd = 0, hires = 0, leavers = 0;
    for (const s of staff) {
      if (employedOn(s, start)) headcountStart++;
      if (employedOn(s, end)) headcountEnd++;
      if (s.hired >= start && s.hired <= end) hires++;
      if (s.left !== null && s.left >= start && s.left <= end) leavers++;
    }
    const averageHeadcount = (headcountStart + headcountEnd) / 2;
    return {year, headcountStart, headcountEnd, averageHeadcount, hires, leavers,
      rate: averageHeadcount > 0 ? (100 * leavers) / averageHeadcount : null};
  });
}
