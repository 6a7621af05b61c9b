// A calendar date as people write it in registries and reports: a real Excel date, «01.09.2024»,
// «1.9.24», «01/09/2024», «2024-09-01», «1 сентября 2024 г.», «сентябрь 2024», «09.2024», with
// stray spaces anywhere. A month without a day is kept as a month (`precision: "month"`) so the
// caller decides whether it means the month's first day (a start) or its last (an end). What cannot
// be read as exactly one date («осень 2024», «01.09.2024–01.10.2024», «31.02.2024») is refused
// with a reason, never guessed.
import type {Cell} from "../xlsx/workbook.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";

export type DateResult =
  | {ok: true; /** UTC midnight; for a month, its first day. */ date: Date; precision: "day" | "month"}
  | {ok: false; reason: "empty" | "not-a-date" | "impossible" | "ambiguous" | "formula-no-result" | "error"};

/** Genitive, nominative and abbreviated month names → month number (1–12). */
const MONTHS: Array<[RegExp, number]> = [
  [/^янв(арь|аря|\.)?$/, 1], [/^фев(раль|раля|р\.|\.)?$/, 2], [/^мар(т|та|\.)?$/, 3], [/^апр(ель|еля|\.)?$/, 4],
  [/^ма(й|я)$/, 5], [/^июн(ь|я|\.)?$/, 6], [/^июл(ь|я|\.)?$/, 7], [/^авг(уст|уста|\.)?$/, 8],
  [/^сен(т|тябрь|тября|\.|т\.)?$/, 9], [/^окт(ябрь|ября|\.)?$/, 10], [/^ноя(брь|бря|б\.|\.)?$/, 11],
  [/^дек(абрь|абря|\.)?$/, 12]
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/ё/g, "е");
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

/** Two-digit years: 00–69 are 2000s, 70–99 are 1900s (as Excel reads them). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** A real calendar date, or null for «31.02.2024». */
export function utcDate(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d;
}

function day(year: number, month: number, d: number): DateResult {
  const date = utcDate(year, month, d);
  return date ? {ok: true, date, precision: "day"} : {ok: false, reason: "impossible"};
}

function month(year: number, m: number): DateResult {
  const date = utcDate(year, m, 1);
  return date ? {ok: true, date, precision: "month"} : {ok: false, reason: "impossible"};
}

/** Reads a date from text; pure and exported for tests. */
export function parseDateText(raw: string): DateResult {
  // «г.», «года», «гг» after the year and a trailing dot are decoration.
  let s = collapseSpaces(raw).toLowerCase().replace(/ё/g, "е")
    .replace(/\s*(г\.?|года?|гг\.?)\s*$/, "").replace(/\.$/, "").trim();
  if (s === "" || /^[-–—]$/.test(s)) return {ok: false, reason: "empty"};
  // Two dates in one cell is a range, not a date.
  if (/\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{2,4}.*\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{2,4}/.test(s)) {
    return {ok: false, reason: "ambiguous"};
  }
  s = s.replace(/(\d)\s*([./-])\s*(?=\d)/g, "$1$2");
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$/.exec(s);
  if (m) return day(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./](\d{4})$/.exec(s);
  if (m) return month(Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  // «1 сентября 2024», «01 сент. 2024»
  m = /^(\d{1,2}) ([а-я]+\.?) (\d{4}|\d{2})$/.exec(s);
  if (m) {
    const n = monthNumber(m[2]!);
    return n ? day(fullYear(m[3]!), n, Number(m[1])) : {ok: false, reason: "not-a-date"};
  }
  // «сентябрь 2024», «сент. 2024»
  m = /^([а-я]+\.?) (\d{4})$/.exec(s);
  if (m) {
    const n = monthNumber(m[1]!);
    return n ? month(Number(m[2]), n) : {ok: false, reason: "not-a-date"};
  }
  return {ok: false, reason: "not-a-date"};
}

/** Excel's serial day number (1900 system) as a UTC date. */
function fromSerial(serial: number): Date {
  const days = serial < 60 ? serial + 1 : serial;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days) * 86400000);
}

/**
 * Reads a date from a cell: a date-formatted cell (a JS Date), a bare serial number between 1990
 * and 2100 (a date cell whose format was lost), or text.
 */
export function parseDate(cell: Cell | undefined): DateResult {
  if (!cell) return {ok: false, reason: "empty"};
  if (cell.error) return {ok: false, reason: "error"};
  const v = cell.value;
  if (v === null) return cell.formula ? {ok: false, reason: "formula-no-result"} : {ok: false, reason: "empty"};
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return {ok: false, reason: "not-a-date"};
    return {ok: true, date: new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate())), precision: "day"};
  }
  // 32874 = 01.01.1990, 73051 = 01.01.2100: a plausible serial, not a year or a count.
  if (typeof v === "number") {
    return Number.isInteger(v) && v >= 32874 && v < 73051 ? {ok: true, date: fromSerial(v), precision: "day"}
      : {ok: false, reason: "not-a-date"};
  }
  if (typeof v === "string") return parseDateText(v);
  return {ok: false, reason: "not-a-date"};
}

/** Last day of the month a date falls in (for «май 2025» read as an end date). */
export function endOfMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
}

/** The date as YYYY-MM-DD (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
