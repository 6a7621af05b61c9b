// One model of the periods figures cover: a quarter («III квартал 2024» ⇄ 2024-Q3), a school year
// (01.09–31.08, «2024/25 учебный год») and a calendar year. Every surface parses, names and lists
// periods through this module; docs/periods.md explains the conventions.
//
// Conventions (one each, used everywhere):
// - a school year is NUMBERED by the calendar year it ends in (lib/academicYear.ts): 2025 is the
//   year 01.09.2024–31.08.2025, WRITTEN «2024/25» (id) or «2024/25 учебный год» (label);
// - a period belongs to a longer one when its LAST DAY lies in it: III квартал 2024 (ends
//   30.09.2024) is in the 2024/25 school year; the 2023/24 school year (ends 31.08.2024) is in the
//   calendar year 2024.
import {academicYear} from "./academicYear.ts";
import {PERIOD_KIND_LABELS, QUARTER_NUMERALS} from "./glossary.ts";

export type Quarter = 1 | 2 | 3 | 4;
export type Period =
  | {kind: "quarter"; year: number; quarter: Quarter}
  /** `year`: the calendar year the school year ends in (2025 = 2024/25). */
  | {kind: "school-year"; year: number}
  | {kind: "calendar-year"; year: number};
export type PeriodKind = Period["kind"];

export const quarter = (year: number, q: Quarter): Period => ({kind: "quarter", year, quarter: q});
export const schoolYear = (endYear: number): Period => ({kind: "school-year", year: endYear});
export const calendarYear = (year: number): Period => ({kind: "calendar-year", year});

const two = (n: number) => String(n % 100).padStart(2, "0");

/**
 * «Обозначение периода»: the period's id as stored and typed (ISO-like): a quarter «2024-Q3», a
 * school year «2024/25», a calendar year «2024».
 * @example periodId({kind: "quarter", year: 2024, quarter: 3}) // "2024-Q3"
 * @example periodId({kind: "school-year", year: 2025}) // "2024/25"
 * @example periodId({kind: "calendar-year", year: 2024}) // "2024"
 */
export function periodId(p: Period): string {
  switch (p.kind) {
    case "quarter": return `${p.year}-Q${p.quarter}`;
    case "school-year": return `${p.year - 1}/${two(p.year)}`;
    case "calendar-year": return String(p.year);
  }
}

/**
 * «Название периода» in Russian, as reports write it.
 * @example periodLabel({kind: "quarter", year: 2024, quarter: 3}) // "III квартал 2024"
 * @example periodLabel({kind: "school-year", year: 2025}) // "2024/25 учебный год"
 * @example periodLabel({kind: "calendar-year", year: 2024}) // "2024 год"
 */
export function periodLabel(p: Period): string {
  switch (p.kind) {
    case "quarter": return `${QUARTER_NUMERALS[p.quarter - 1]} ${PERIOD_KIND_LABELS.quarter} ${p.year}`;
    case "school-year": return `${periodId(p)} ${PERIOD_KIND_LABELS["school-year"]}`;
    case "calendar-year": return `${p.year} год`;
  }
}

/**
 * The short name for axes and table heads: «III кв. 2024», «2024/25», «2024».
 * @example periodShortLabel({kind: "quarter", year: 2024, quarter: 1}) // "I кв. 2024"
 */
export function periodShortLabel(p: Period): string {
  return p.kind === "quarter" ? `${QUARTER_NUMERALS[p.quarter - 1]} кв. ${p.year}` : periodId(p);
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * «Границы периода»: its first and last day (UTC midnight, both inclusive).
 * @example periodBounds({kind: "school-year", year: 2025}) // {start: 01.09.2024, end: 31.08.2025}
 * @example periodBounds({kind: "quarter", year: 2024, quarter: 3}) // {start: 01.07.2024, end: 30.09.2024}
 */
export function periodBounds(p: Period): {start: Date; end: Date} {
  switch (p.kind) {
    case "quarter": return {start: utc(p.year, 3 * p.quarter - 2, 1), end: utc(p.year, 3 * p.quarter + 1, 0)};
    case "school-year": return {start: utc(p.year - 1, 9, 1), end: utc(p.year, 8, 31)};
    case "calendar-year": return {start: utc(p.year, 1, 1), end: utc(p.year, 12, 31)};
  }
}

/**
 * «Период, в который попадает дата» of the kind asked for.
 * @example periodOfDate(new Date(Date.UTC(2024, 8, 1)), "school-year") // {kind: "school-year", year: 2025} (2024/25)
 * @example periodOfDate(new Date(Date.UTC(2024, 8, 1)), "quarter") // 2024-Q3
 */
export function periodOfDate(date: Date, kind: PeriodKind): Period {
  if (Number.isNaN(date.getTime())) throw new Error("periodOfDate: invalid date");
  switch (kind) {
    case "quarter": return quarter(date.getUTCFullYear(), (Math.floor(date.getUTCMonth() / 3) + 1) as Quarter);
    case "school-year": return schoolYear(academicYear(date));
    case "calendar-year": return calendarYear(date.getUTCFullYear());
  }
}

/**
 * Whether `inner` belongs to `outer`: its last day lies within `outer` (see the conventions above).
 * @example periodContains({kind: "school-year", year: 2025}, {kind: "quarter", year: 2024, quarter: 3}) // true
 * @example periodContains({kind: "school-year", year: 2025}, {kind: "quarter", year: 2025, quarter: 3}) // false (2025/26)
 * @example periodContains({kind: "calendar-year", year: 2024}, {kind: "school-year", year: 2024}) // true (2023/24 ends in 2024)
 */
export function periodContains(outer: Period, inner: Period): boolean {
  const o = periodBounds(outer), end = periodBounds(inner).end;
  return end >= o.start && end <= o.end;
}

/** Whether a date (a Date or YYYY-MM-DD) lies within a period. */
export function periodContainsDate(p: Period, date: Date | string): boolean {
  const d = typeof date === "string" ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  const b = periodBounds(p);
  return d >= b.start && d <= b.end;
}

/** Orders periods by their last day, then the longer first. */
export function comparePeriods(a: Period, b: Period): number {
  const ea = periodBounds(a), eb = periodBounds(b);
  return ea.end.getTime() - eb.end.getTime() || ea.start.getTime() - eb.start.getTime();
}

/**
 * «Кварталы учебного (календарного) года»: the quarters that belong to a longer period, in order.
 * @example periodsWithin({kind: "school-year", year: 2025}).map(periodId) // ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
 */
export function periodsWithin(outer: Period, kind: PeriodKind = "quarter"): Period[] {
  const {start, end} = periodBounds(outer);
  const out: Period[] = [];
  for (let y = start.getUTCFullYear() - 1; y <= end.getUTCFullYear() + 1; y++) {
    const candidates: Period[] = kind === "quarter" ? ([1, 2, 3, 4] as Quarter[]).map((q) => quarter(y, q))
      : kind === "school-year" ? [schoolYear(y)] : [calendarYear(y)];
    for (const c of candidates) if (periodContains(outer, c) && !samePeriod(outer, c)) out.push(c);
  }
  return out.sort(comparePeriods);
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodId(a) === periodId(b) && a.kind === b.kind;
}

/** The longer periods (school years, calendar years) that hold any of the given periods, newest last. */
export function enclosingPeriods(periods: readonly Period[], kind: "school-year" | "calendar-year"): Period[] {
  const seen = new Map<string, Period>();
  for (const p of periods) {
    const year = kind === "school-year" ? academicYear(periodBounds(p).end) : periodBounds(p).end.getUTCFullYear();
    const e = kind === "school-year" ? schoolYear(year) : calendarYear(year);
    seen.set(periodId(e), e);
  }
  return [...seen.values()].sort(comparePeriods);
}

/** How each kind of period may be written; the error message lists these. */
export const PERIOD_FORMS: Record<PeriodKind, string> = {
  quarter: "квартал — 2024-Q3, «3 кв 2024» или «III квартал 2024»",
  "school-year": "учебный год — 2024/25, 2024-2025 или «2024/25 учебный год»",
  "calendar-year": "календарный год — 2024"
};

export type ParsedPeriod = {ok: true; period: Period} | {ok: false; message: string};

const ROMAN: Record<string, Quarter> = {i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4};
const plausible = (y: number) => y >= 1990 && y <= 2100;

function readPeriod(raw: string): Period | null {
  const s = raw.toLowerCase().replace(/ё/g, "е").replace(/[\u00a0\s]+/g, " ").trim()
    .replace(/^за /, "").replace(/\.$/, "").replace(/ (г|гг|года?)$/, "").trim();
  let m = /^(\d{4}) ?- ?[qк] ?([1-4])$/.exec(s) ?? /^(\d{4})[qк]([1-4])$/.exec(s);
  if (m) return plausible(Number(m[1])) ? quarter(Number(m[1]), Number(m[2]) as Quarter) : null;
  m = /^[qк]([1-4]) ?[-/ ]? ?(\d{4})$/.exec(s);
  if (m) return plausible(Number(m[2])) ? quarter(Number(m[2]), Number(m[1]) as Quarter) : null;
  m = /^(iv|iii|ii|i|[1-4])(?: ?-? ?й)? ?(?:кв|кв\.|квартал|квартала) ?(\d{4})$/.exec(s);
  if (m) return plausible(Number(m[2])) ? quarter(Number(m[2]), ROMAN[m[1]!]!) : null;
  m = /^(\d{4}) ?[/\-–—] ?(\d{4}|\d{2})(?: ?(?:учебный|уч\.? ?г(?:од)?|уч\.?|у\.? ?г))?$/.exec(s);
  if (m) {
    const first = Number(m[1]), second = m[2]!;
    const ok = second.length === 4 ? Number(second) === first + 1 : second === two(first + 1);
    return ok && plausible(first) ? schoolYear(first + 1) : null;
  }
  m = /^(\d{4})(?: ?календарный)?$/.exec(s);
  if (m) return plausible(Number(m[1])) ? calendarYear(Number(m[1])) : null;
  return null;
}

/**
 * «Период, записанный человеком»: a quarter, school year or calendar year written in Russian or
 * ISO form (see PERIOD_FORMS), restricted to the kinds a field accepts. A wrong value gets a
 * Russian message naming the accepted forms — the same for the CLI and the web pages.
 * @example parsePeriod("3 кв 2024") // {ok: true, period: 2024-Q3}
 * @example parsePeriod("2024-2025", ["school-year"]) // {ok: true, period: 2024/25}
 * @example parsePeriod("2024-Q5").ok // false
 */
export function parsePeriod(text: string, kinds: readonly PeriodKind[] = ["quarter", "school-year", "calendar-year"]): ParsedPeriod {
  const p = readPeriod(text);
  if (p && kinds.includes(p.kind)) return {ok: true, period: p};
  const forms = kinds.map((k) => PERIOD_FORMS[k]).join("; ");
  const what = kinds.length === 1 ? PERIOD_KIND_LABELS[kinds[0]!] : "период";
  const why = p ? ` (это ${PERIOD_KIND_LABELS[p.kind]}, а здесь нужен ${kinds.map((k) => PERIOD_KIND_LABELS[k]).join(" или ")})` : "";
  return {ok: false, message: `«${text.trim().slice(0, 60)}» — не ${what}${why}. Допустимая запись: ${forms}.`};
}

/** Parses an id this module wrote («2024-Q3», «2024/25», «2024»); throws on anything else (a programmer error). */
export function periodFromId(id: string): Period {
  const p = readPeriod(id);
  if (!p || periodId(p) !== id) throw new Error(`not a period id: ${id}`);
  return p;
}
