// Periods in a request's query, as the pages send them: a quarter («2024-Q3» or «III квартал 2024»),
// a school year («2024/25») or a calendar year («2024»), read by lib/period.ts; a wrong value is a
// 400 with the same Russian message the command line gives, without option names.
import {parsePeriod, periodId, type Period, type PeriodKind} from "../../lib/period.ts";
import {HttpError} from "../http.ts";

export function periodParam(url: URL, name: string, kinds: PeriodKind[]): Period | undefined {
  const value = url.searchParams.get(name);
  if (!value) return undefined;
  const r = parsePeriod(value, kinds);
  if (!r.ok) throw new HttpError(400, r.message);
  return r.period;
}

/** The quarter of `?period=`, as its id («2024-Q3»). */
export function quarterParam(url: URL): string | undefined {
  const p = periodParam(url, "period", ["quarter"]);
  return p ? periodId(p) : undefined;
}

/** The annual report's period: `?period=` or `?year=`, a school year or a calendar year. */
export function reportPeriodParam(url: URL): {period?: Period} {
  const p = periodParam(url, "period", ["school-year", "calendar-year"]) ?? periodParam(url, "year", ["school-year", "calendar-year"]);
  return p ? {period: p} : {};
}
