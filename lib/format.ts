// ru-RU formats for everything a person reads: «67,4 %», «1 234», «01.09.2024».

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
 * A quarter «2024-Q1» as people write it: «I квартал 2024».
 * @example formatPeriod("2024-Q2") // "II квартал 2024"
 */
export function formatPeriod(period: string | null | undefined): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period ?? "");
  if (!m) return period ?? "—";
  return `${["I", "II", "III", "IV"][Number(m[2]) - 1]} квартал ${m[1]}`;
}
