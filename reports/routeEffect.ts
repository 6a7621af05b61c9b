// What changed (issue 14 §3): after the exit diagnostics, per area, the paired change (exit − entry
// result, points: positive = the deficit fell) of teachers whose route had a completed activity
// addressing the area, against teachers whose route did not address it at all; and of mentees
// (the registries) against teachers of the same schools outside the programme. Each comparison is
// the difference of mean changes with Welch's 95 % interval (lib/changeDifference), worded as an
// observation, never as proof of cause.
import type {Store} from "../store/database.ts";
import {changeDifference, type ChangeDifference} from "../lib/changeDifference.ts";
import {deficitChangeText} from "../lib/deficitChange.ts";
import {formatNumber} from "../lib/format.ts";
import {isSmallGroup} from "../lib/smallGroup.ts";
import type {Settings} from "../settings/index.ts";
import {prepostReport, type PrepostReport} from "./prepost.ts";
import {loadRoutes} from "./routes.ts";
import {loadPeople, menteeStatus, type PeopleIndex} from "./teacherLinks.ts";
import type {ReportScope} from "./scope.ts";

export interface GroupComparison extends ChangeDifference {
  /** Mean entry deficit of each group: a larger one falls more on its own (regression to the mean). */
  entryDeficitWith: number | null;
  entryDeficitWithout: number | null;
  /** Either group is smaller than settings.groupSize.minGroupSize: aggregate views hide the figures. */
  small: boolean;
  reading: string;
}

export interface AreaEffect {
  area: string;
  label: string;
  /** Completed route activity addressing the area vs a route that does not address it. */
  route: GroupComparison;
  /** The route addresses the area but no activity for it is done: in neither group. */
  addressedNotDone: number;
  /** Mentees vs teachers of the same schools outside the programme. */
  mentoring: GroupComparison;
}

export interface RouteEffectReport {
  areas: AreaEffect[];
  counts: {paired: number; withRoute: number; mentees: number; outside: number; unknownMentoring: number};
  minGroupSize: number;
  caution: string;
}

export const CAUTION = "Это наблюдение, а не доказательство того, что изменение дал маршрут или наставничество: педагогов не распределяли " +
  "по группам случайно. Маршрут направляют туда, где дефицит больше, а большой дефицит чаще уменьшается и сам по себе " +
  "(возврат к среднему); в наставничество попадают прежде всего молодые педагоги. Сравнивайте и дефицит групп на входе.";

const pp = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : x < 0 ? "\u2212" : ""}${formatNumber(Math.abs(x), 1)}`);

/** One comparison in words: the two groups' changes, the difference with its interval, what it can and cannot say. */
export function comparisonReading(label: string, c: ChangeDifference & {entryDeficitWith: number | null; entryDeficitWithout: number | null},
  names: {with: string; without: string}): string {
  if (c.nWith === 0 || c.nWithout === 0) return `${label}: сравнить не с кем — ${c.nWith === 0 ? names.with : names.without}: нет педагогов с обеими диагностиками.`;
  const head = `${label}: ${names.with} (${c.nWith} чел.) — в среднем ${deficitChangeText(c.meanWith)}; ${names.without} (${c.nWithout} чел.) — ` +
    `${deficitChangeText(c.meanWithout)}`.replace(/\.?$/, ".");
  if (!c.ci95) return `${head} Интервал разницы не вычислить: в группе меньше двух педагогов или изменения одинаковы.`;
  const [lo, hi] = c.ci95;
  const interval = `разница ${pp(c.difference)} п. п. (95 % ДИ ${pp(lo)} … ${pp(hi)})`;
  const verdict = lo > 0 ? `у первых дефицит снизился сильнее: ${interval}`
    : hi < 0 ? `у первых дефицит снизился слабее: ${interval}`
    : `${interval} — интервал включает 0, разницы может и не быть`;
  const entry = c.entryDeficitWith !== null && c.entryDeficitWithout !== null
    ? ` На входе дефицит был ${formatNumber(c.entryDeficitWith, 1)} % и ${formatNumber(c.entryDeficitWithout, 1)} %.` : "";
  return `${head} ${verdict[0]!.toUpperCase()}${verdict.slice(1)}.${entry}`;
}

function compare(label: string, withSet: Array<{change: number; entryDeficit: number}>, withoutSet: Array<{change: number; entryDeficit: number}>,
  names: {with: string; without: string}, minGroupSize: number): GroupComparison {
  const d = changeDifference(withSet.map((x) => x.change), withoutSet.map((x) => x.change));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const c = {...d, entryDeficitWith: mean(withSet.map((x) => x.entryDeficit)), entryDeficitWithout: mean(withoutSet.map((x) => x.entryDeficit))};
  return {...c, small: isSmallGroup(d.nWith, minGroupSize) || isSmallGroup(d.nWithout, minGroupSize), reading: comparisonReading(label, c, names)};
}

/** Areas from settings.areas; groups smaller than settings.groupSize.minGroupSize are marked small. */
export async function routeEffectReport(store: Store, settings: Settings, options: {school?: string; municipality?: string;
  /** A municipality's schools or one school by the directory (reports/scope.ts), filtered in SQL. */
  scope?: ReportScope;
  /** Already read for the same call and scope (a page builds several reports). */
  prepost?: PrepostReport; people?: PeopleIndex} = {}): Promise<RouteEffectReport> {
  const areas = settings.areas;
  const minGroupSize = settings.groupSize.minGroupSize;
  const prepost = options.prepost ?? await prepostReport(store, settings, {scope: options.scope, school: options.school, municipality: options.municipality});
  const {index, routes} = await store.read(async (c) => ({index: options.people ?? await loadPeople(c, options.scope),
    routes: await loadRoutes(c, options.scope)}));
  const routeOf = new Map<number, typeof routes[number]>();
  for (const r of routes) {
    const t = index.namedToTeacher.get(r.personId);
    if (t !== undefined) routeOf.set(t, r);
  }
  const paired = prepost.teachers.filter((t) => !t.ambiguous && t.waves.length === 2);
  const status = new Map(paired.map((t) => [t.id, menteeStatus(index, t.id)]));
  const out: AreaEffect[] = areas.areas.map((a) => {
    const routeWith: Array<{change: number; entryDeficit: number}> = [], routeWithout: typeof routeWith = [];
    const mentees: typeof routeWith = [], outside: typeof routeWith = [];
    let addressedNotDone = 0;
    for (const t of paired) {
      const f = t.areas[a.code];
      if (!f || f.change === null || f.entryDeficit === null) continue;
      const x = {change: f.change, entryDeficit: f.entryDeficit};
      const route = routeOf.get(t.id);
      if (route) {
        const addressing = route.activities.filter((act) => act.areas.includes(a.code));
        if (addressing.some((act) => act.status === "done")) routeWith.push(x);
        else if (addressing.length) addressedNotDone++;
        else routeWithout.push(x);
      }
      const s = status.get(t.id);
      if (s === "mentee") mentees.push(x); else if (s === "outside") outside.push(x);
    }
    return {area: a.code, label: a.label, addressedNotDone,
      route: compare(a.label, routeWith, routeWithout, {with: "педагоги, чей пройденный маршрут был направлен на эту область",
        without: "педагоги, чей маршрут её не затрагивал"}, minGroupSize),
      mentoring: compare(a.label, mentees, outside, {with: "наставляемые", without: "педагоги тех же школ вне программы наставничества"}, minGroupSize)};
  });
  const values = [...status.values()];
  return {areas: out, minGroupSize, caution: CAUTION,
    counts: {paired: paired.length, withRoute: paired.filter((t) => routeOf.has(t.id)).length, mentees: values.filter((s) => s === "mentee").length,
      outside: values.filter((s) => s === "outside").length, unknownMentoring: values.filter((s) => s === "unknown").length}};
}
