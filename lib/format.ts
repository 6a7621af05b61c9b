// ru-RU formats for everything a person reads: «67,4 %», «1 234», «01.09.2024», «III квартал 2024».
import {parsePeriod, periodId, periodLabel} from "./period.ts";

const NBSP = "\u00a0";

/**
 * A percentage in percent units, ru-RU, one decimal by default, no-break space before «%».
 * Given a target, a value just below it gets more decimals rather than being rounded up onto it,
 * so a reader never sees «70,0 %» next to «not met».
 * @example formatPercent(67.3641) // "67,4 %"
 * @example formatPercent(69.9588, 1, 70) // "69,96 %"
 */
export function formatPercent(value: number | null | undefined, digits = 1, target?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  let d = digits;
  while (target !== undefined && value < target && d < 6 && Number(value.toFixed(d)) >= target) d++;
  return `${formatNumber(value, d)}${NBSP}%`;
}

/**
 * A number with a fixed count of decimals, comma as decimal separator, spaces between thousands.
 * @example formatNumber(1234.5, 1) // "1 234,5"
 */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  // toLocaleString builds a new formatter on every call (~50 µs); a cached one gives the same text.
  let f = FORMATTERS.get(digits);
  if (!f) FORMATTERS.set(digits, (f = new Intl.NumberFormat("ru-RU", {minimumFractionDigits: digits, maximumFractionDigits: digits})));
  return f.format(value).replace(/\s/g, NBSP);
}
const FORMATTERS = new Map<number, Intl.NumberFormat>();

/**
 * A calendar date as dd.mm.yyyy (UTC parts, as dates are stored without time).
 * @example formatDate(new Date(Date.UTC(2024, 8, 1))) // "01.09.2024"
 */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;
}

/**
 * A period id as people write it (lib/period.ts): «2024-Q1» → «I квартал 2024», «2024/25» →
 * «2024/25 учебный год», «2024» → «2024 год»; anything else unchanged.
 * @example formatPeriod("2024-Q2") // "II квартал 2024"
 * @example formatPeriod("2024/25") // "2024/25 учебный год"
 */
export function formatPeriod(period: string | null | undefined): string {
  if (period === null || period === undefined) return "—";
  const parsed = parsePeriod(period);
  return parsed.ok && periodId(parsed.period) === period ? periodLabel(parsed.period) : period;
}

/**
 * A school year given by the number it is stored under (the year it ends in) as written: «2024/25».
 * @example formatSchoolYear(2025) // "2024/25"
 */
export function formatSchoolYear(endYear: number | null | undefined): string {
  if (endYear === null || endYear === undefined || !Number.isInteger(endYear)) return "—";
  return periodId({kind: "school-year", year: endYear});
}

/**
 * A p-value as every surface writes it: «< 0,001» below a thousandth, else three decimals
 * («0,267»); never «0,000». «—» for none.
 * @example formatPValue(0.26712) // "0,267"
 * @example formatPValue(0.0004) // "< 0,001"
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "< 0,001" : formatNumber(p, 3);
}

/**
 * The same with its letter: «p < 0,001», «p = 0,034»; «—» for none.
 * @example formatP(0.0341) // "p = 0,034"
 */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "p < 0,001" : `p = ${formatNumber(p, 3)}`;
}
