// ru-RU formats for the pages. Framework cannot import lib/ (outside its root), so these mirror
// lib/format.ts, lib/plural.ts and lib/period.ts; tests/dashboards/format.test.ts checks that both
// agree on many values.
import {QUARTER_NUMERALS} from "./glossary.js";
export {severityLabel, waveLabel, SEVERITY_LABELS, RULE_SEVERITY_LABELS, TEST_LABELS} from "./glossary.js";

const NBSP = "\u00a0";

/** «1 234,5»: comma decimals, no-break spaces between thousands; «—» for nothing. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("ru-RU", {minimumFractionDigits: digits, maximumFractionDigits: digits}).replace(/\s/g, NBSP);
}

/** «67,4 %»; just below a target, more decimals rather than rounding up onto it (as lib/format.ts). */
export function formatPercent(value: number | null | undefined, digits = 1, target?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  let d = digits;
  while (target !== undefined && value < target && d < 6 && Number(value.toFixed(d)) >= target) d++;
  return `${formatNumber(value, d)}${NBSP}%`;
}

/** A share 0–1 as a percentage: 0.6736 → «67,4 %». */
export function formatShare(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "—" : formatPercent(value * 100, digits);
}

/** A signed change: «+12,3», «−4,0», «0,0» (a true minus sign). */
export function formatSigned(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = formatNumber(Math.abs(value), digits);
  if (Number(Math.abs(value).toFixed(digits)) === 0) return text;
  return `${value > 0 ? "+" : "\u2212"}${text}`;
}

/** dd.mm.yyyy from a Date or an ISO string (UTC parts). */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;
}

/** «24.11.2026, 14:05» from the database's local timestamp «2026-11-24T14:05:31». */
export function formatDateTime(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? "");
  return m ? `${m[3]}.${m[2]}.${m[1]}, ${m[4]}:${m[5]}` : "—";
}

/** A period id → its Russian name (as lib/format.ts): «2024-Q2» → «II квартал 2024», «2024/25» → «2024/25 учебный год», «2024» → «2024 год». */
export function formatPeriod(period: string | null | undefined): string {
  if (period === null || period === undefined) return "—";
  let m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${QUARTER_NUMERALS[Number(m[2]) - 1]} квартал ${m[1]}`;
  m = /^(\d{4})\/(\d{2})$/.exec(period);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) return `${period} учебный год`;
  if (/^\d{4}$/.test(period) && Number(period) >= 1990 && Number(period) <= 2100) return `${period} год`;
  return period;
}

/** A school year stored as the year it ends in → «2024/25» (as lib/format.ts). */
export function formatSchoolYear(endYear: number | null | undefined): string {
  if (endYear === null || endYear === undefined || !Number.isInteger(endYear)) return "—";
  return `${endYear - 1}/${String(endYear % 100).padStart(2, "0")}`;
}

/** «2024-Q2» → «II кв. 2024», for axes; other periods by their id («2024/25»). */
export function formatPeriodShort(period: string): string {
  return /^\d{4}-Q[1-4]$/.test(period) ? formatPeriod(period).replace(" квартал ", " кв. ") : period;
}

const KINDS: Record<string, string> = {
  forms: "квартальные формы 1–5", diagnostics: "диагностика педагогов", registry: "базы наставников и наставляемых",
  "registry-mentors": "база наставников", "registry-mentees": "база наставляемых",
  questionnaire: "анкеты (SWOT)", roster: "кадровые списки", indicators: "целевые показатели", directory: "справочник школ", settings: "настройки"
};

/** The Russian name of a kind of file. */
export function kindLabel(kind: string | null | undefined): string {
  return kind ? KINDS[kind] ?? kind : "не распознан";
}

/** Plural form by the Russian rule (as lib/plural.ts): plural(3, "школа", "школы", "школ") → «школы». */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = Math.abs(n) % 10, m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** A p-value as lib/format.ts writes it: «< 0,001», «0,267»; «—» for none. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "< 0,001" : formatNumber(p, 3);
}

/** The same with its letter: «p < 0,001», «p = 0,012»; «—» for none. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "p < 0,001" : `p = ${formatNumber(p, 3)}`;
}
