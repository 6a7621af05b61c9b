// Cells of the route files and the catalogue as people fill them: hours («36», «36 ч.», «16 часов»),
// planned dates («01.04.2022», «май», «ноябрь – декабрь», «01.02.2026–28.02.2026») and completion
// marks («пройдено», «да», «+», a date, «удостоверение № 552401234567 от 20.12.2025»).
import {collapseSpaces} from "../../lib/normalizeText.ts";
import {endOfMonth, isoDate, parseDate, parseDateText, utcDate} from "../cells/parseDate.ts";
import type {Cell} from "../xlsx/workbook.ts";
import {cellText} from "../xlsx/workbook.ts";

export type HoursResult = {ok: true; hours: number | null} | {ok: false};

/** Hours: a number, «36 ч.», «36 часов», «1,5»; blank or a dash is «not given». */
export function parseHours(cell: Cell | undefined): HoursResult {
  if (!cell || cell.value === null) return {ok: true, hours: null};
  if (typeof cell.value === "number") return Number.isFinite(cell.value) && cell.value >= 0 && cell.value <= 2000 ? {ok: true, hours: cell.value} : {ok: false};
  const t = collapseSpaces(cellText(cell)).toLowerCase();
  if (t === "" || /^[-–—]$/.test(t)) return {ok: true, hours: null};
  const m = /^(\d{1,4}(?:[.,]\d+)?)\s*(ч|час|часа|часов|ак\.? ?ч(ас\S*)?|акад\S* час\S*)?\.?$/.exec(t);
  return m ? {ok: true, hours: Number(m[1]!.replace(",", "."))} : {ok: false};
}

const MONTHS: Array<[RegExp, number]> = [
  [/^январ/, 1], [/^феврал/, 2], [/^март/, 3], [/^апрел/, 4], [/^ма[йя]$/, 5], [/^июн/, 6], [/^июл/, 7], [/^август/, 8],
  [/^сентябр/, 9], [/^октябр/, 10], [/^ноябр/, 11], [/^декабр/, 12]
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/ё/g, "е").replace(/\.$/, "");
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

export type Planned = {ok: true; start: string; end: string} | {ok: false; reason: "empty" | "not-a-date" | "no-year" | "end-before-start"};

/**
 * One side of a planned period: a date, a month with a year, or a month alone (its year from the
 * route's school year: September–December of year Y − 1, January–August of year Y).
 */
function side(text: string, schoolYear: number | null): {ok: true; start: Date; end: Date} | {ok: false; reason: "not-a-date" | "no-year"} {
  const r = parseDateText(text);
  if (r.ok) return {ok: true, start: r.date, end: r.precision === "month" ? endOfMonth(r.date) : r.date};
  const word = collapseSpaces(text);
  const m = /^[а-яё]+\.?$/i.test(word) ? monthOf(word) : null;
  if (m === null) return {ok: false, reason: "not-a-date"};
  if (schoolYear === null) return {ok: false, reason: "no-year"};
  const first = utcDate(m >= 9 ? schoolYear - 1 : schoolYear, m, 1)!;
  return {ok: true, start: first, end: endOfMonth(first)};
}

/**
 * «Сроки прохождения» as a period: a date (that day), a month («май», «май 2026»: the whole
 * month), or two of them joined by «–», «-», «по», «до» («ноябрь – декабрь», «с 01.02.2026 по
 * 28.02.2026»). `schoolYear` (named by the year it ends in) places a month written without a year.
 */
export function plannedDates(cell: Cell | undefined, schoolYear: number | null): Planned {
  if (!cell || (cell.value === null && !cell.formula)) return {ok: false, reason: "empty"};
  if (cell.value instanceof Date || typeof cell.value === "number") {
    const d = parseDate(cell);
    return d.ok ? {ok: true, start: isoDate(d.date), end: isoDate(d.date)} : {ok: false, reason: "not-a-date"};
  }
  const t = collapseSpaces(cellText(cell)).replace(/г\.(?=\s|$)/g, "").replace(/\s*гг?\.?$/, "").trim();
  if (t === "" || /^[-–—]$/.test(t)) return {ok: false, reason: "empty"};
  const whole = side(t.replace(/^(с|в|до|к)\s+/i, ""), schoolYear);
  if (whole.ok) return {ok: true, start: isoDate(whole.start), end: isoDate(whole.end)};
  const parts = t.replace(/^с\s+/i, "").split(/\s*[–—]\s*|\s+-\s+|(?<=[а-яё.])-(?=[а-яё])|\s+(?:по|до)\s+/i);
  if (parts.length !== 2) return {ok: false, reason: whole.reason};
  // «ноябрь – декабрь 2025»: a year on the second side only holds for the first too.
  const year = /(\d{4})$/.exec(parts[1]!)?.[1];
  const a = side(year && !/\d{4}$/.test(parts[0]!) && monthOf(parts[0]!) !== null ? `${parts[0]} ${year}` : parts[0]!, schoolYear);
  const b = side(parts[1]!, schoolYear);
  if (!a.ok) return {ok: false, reason: a.reason};
  if (!b.ok) return {ok: false, reason: b.reason};
  if (b.end < a.start) return {ok: false, reason: "end-before-start"};
  return {ok: true, start: isoDate(a.start), end: isoDate(b.end)};
}

export interface Mark {
  status: "done" | "not-done" | "unmarked";
  /** The day it was done, when the mark gives one (ISO). */
  date: string | null;
  /** «удостоверение № 552401234567», «сертификат № 17-04». */
  document: string | null;
  /** The mark is written but says neither yes nor no: kept as not done, with an issue. */
  unreadable: boolean;
}

const NEGATIVE = /^(нет|не\s.*|не|-|–|—|0|в процессе.*|проходит.*|запланирован\S*|перенесен\S*|отменен\S*|отказ.*)$/;
const POSITIVE = /(^|[^а-яё])(пройден\S*|выполнен\S*|прош[её]л|прошла|прошли|да|есть|зачт[её]н\S*|освоен\S*|завершен\S*|окончен\S*|участвовал\S*|прослушан\S*|просмотрен\S*|изучен\S*)($|[^а-яё])|^[+✓✔v]$/;
const DOCUMENT = /(удостоверени\S*|сертификат\S*|диплом\S*|свидетельств\S*|справк\S*|приказ\S*)\s*(№\s*[\w\-/.]+)?/i;
const DATE_IN_TEXT = /(\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[а-яё]+\.?\s+\d{4})/i;

/**
 * «Отметка о прохождении»: done when it says so («пройдено», «да», «+», «выполнено»), gives a
 * date or names a document («удостоверение № …», «сертификат»); not done when it says «нет»,
 * «не пройдено», «в процессе», «—»; blank is unmarked. Anything else is unreadable (not done).
 */
export function parseMark(cell: Cell | undefined): Mark {
  const none: Mark = {status: "unmarked", date: null, document: null, unreadable: false};
  if (!cell || (cell.value === null && !cell.formula)) return none;
  if (cell.value instanceof Date || (typeof cell.value === "number" && cell.value > 1000)) {
    const d = parseDate(cell);
    if (d.ok) return {status: "done", date: isoDate(d.date), document: null, unreadable: false};
  }
  if (cell.value === true) return {...none, status: "done"};
  if (cell.value === false) return {...none, status: "not-done"};
  const text = collapseSpaces(cellText(cell));
  if (text === "") return none;
  const t = text.toLowerCase().replace(/ё/g, "е");
  if (NEGATIVE.test(t)) return {...none, status: "not-done"};
  const doc = DOCUMENT.exec(text);
  const dateText = DATE_IN_TEXT.exec(text);
  const date = dateText ? parseDateText(dateText[1]!) : null;
  const document = doc ? collapseSpaces(doc[0]).replace(/\s*№\s*/, " № ").replace(/\s+$/, "") : null;
  if (POSITIVE.test(t) || doc || (date && date.ok)) {
    return {status: "done", date: date && date.ok && date.precision === "day" ? isoDate(date.date) : null, document, unreadable: false};
  }
  return {...none, unreadable: true};
}
