// The curator's aggregate page («Диагностика», public build): the pre/post figures of the region,
// municipalities and schools, and the aggregates of issue 14 — routes' completion per school, what
// changed, the mentees' students, young specialists with a mentor. No names; groups smaller than
// the «Малые группы» setting (settings.groupSize.minGroupSize) keep their size only. The same function the dashboards' loader and, later, the server call.
import type {Store} from "../store/database.ts";
import {isSmallGroup} from "../lib/smallGroup.ts";
import type {Settings} from "../settings/index.ts";
import type {CompletionTotals} from "../lib/routeCompletion.ts";
import type {YoungCoverage} from "../lib/youngCoverage.ts";
import {prepostReport, type AreaFigures, type PrepostReport} from "./prepost.ts";
import {routesReport, type RoutesReport} from "./routes.ts";
import {loadPeople} from "./teacherLinks.ts";
import {routeEffectReport, type GroupComparison} from "./routeEffect.ts";
import {studentResultsReport, type GroupResults} from "./studentResults.ts";
import {needsMentorReport} from "./needsMentor.ts";
import {pagePart, type PagePart} from "./pageSection.ts";
import type {ReportScope} from "./scope.ts";

export interface DiagnosticsGroup {
  level: "region" | "municipality" | "school";
  municipality: string | null;
  school: string | null;
  nTeachers: number;
  /** True when the group is smaller than the group-size setting: `areas` is then empty. */
  suppressed: boolean;
  areas: AreaFigures[];
}

export interface DiagnosticsData {
  areas: Array<{area: string; label: string}>;
  counts: PrepostReport["counts"];
  method: PrepostReport["method"];
  groups: DiagnosticsGroup[];
  /** Per school: teachers with only an entry or only an exit diagnostic (counts, no names). */
  oneWave: Array<{municipality: string; school: string; entryOnly: number; exitOnly: number}>;
}

export interface RoutesAggregate {
  asOf: string;
  region: CompletionTotals;
  withoutRoute: number;
  /** Schools with fewer routes than the group-size setting keep their count of routes only. */
  schools: Array<{school: string; municipality: string; routes: number; suppressed: boolean; totals: CompletionTotals | null; withoutRoute: number}>;
}

export interface EffectAggregate {
  caution: string;
  minGroupSize: number;
  counts: {paired: number; withRoute: number; mentees: number; outside: number};
  /** A comparison with a group under the group-size setting keeps its sizes only (`small`). */
  areas: Array<{area: string; label: string; route: GroupComparison; mentoring: GroupComparison}>;
}

export interface StudentsAggregate {
  before: number;
  after: number;
  minGroupSize: number;
  method: string;
  groups: GroupResults[];
}

export interface YoungAggregate {
  target: number;
  /** null when the region has fewer young specialists than the group-size setting (their count stays in `young`). */
  region: YoungCoverage | null;
  young: number;
  schools: Array<{school: string; municipality: string; suppressed: boolean; coverage: YoungCoverage | null}>;
}

export interface DiagnosticsPage {
  diagnostics: PagePart<DiagnosticsData>;
  routes: PagePart<RoutesAggregate>;
  effect: PagePart<EffectAggregate>;
  students: PagePart<StudentsAggregate>;
  young: PagePart<YoungAggregate>;
}

export const MISSING = {
  diagnostics: "Диагностика педагогов ещё не загружена: загрузите входную и итоговую диагностику и соберите дашборды заново.",
  routes: "Индивидуальные маршруты (ИОМ) ещё не загружены.",
  effect: "Сравнивать пока нечего: нужны итоговая диагностика и маршруты или базы наставляемых.",
  students: "Результатов обучающихся (ВПР, ОГЭ, ЕГЭ, олимпиады) за два учебных года пока нет.",
  young: "Штатных списков с молодыми специалистами пока нет."
};

/** A comparison with a group under the minimum group size keeps only its sizes. */
function hideSmall(label: string, c: GroupComparison, minGroupSize: number): GroupComparison {
  return c.small ? {...c, meanWith: null, meanWithout: null, difference: null, ci95: null, p: null, df: null, entryDeficitWith: null,
    entryDeficitWithout: null, reading: `${label}: в одной из групп меньше ${minGroupSize} педагогов (${c.nWith} и ${c.nWithout}) — показатели не выводятся.`} : c;
}

/**
 * `scope`: a municipality's schools or one school (reports/scope.ts): every report below reads
 * through it in SQL, so no row of another school is read; the group of level «region» is then the
 * scope's own total.
 */
export async function diagnosticsPage(store: Store, settings: Settings, options: {asOf?: string; scope?: ReportScope} = {}): Promise<DiagnosticsPage> {
  const min = settings.groupSize.minGroupSize;
  const scope = options.scope;
  // Read once, shared by the page's reports (everything in scope, no names).
  const people = await store.read((c) => loadPeople(c, scope)).catch(() => undefined);
  let prepost: PrepostReport | null = null, routesAll: RoutesReport | null = null;
  const diagnostics = await pagePart(async () => {
    // Region, municipalities and schools in one call; names are never asked for here.
    const r = prepost = await prepostReport(store, settings, {by: "all", names: false, scope});
    if (r.counts.teachers === 0) return null;
    const group = (g: Omit<DiagnosticsGroup, "suppressed">): DiagnosticsGroup =>
      isSmallGroup(g.nTeachers, min) ? {...g, suppressed: true, areas: []} : {...g, suppressed: false};
    const oneWave = new Map<string, {municipality: string; school: string; entryOnly: number; exitOnly: number}>();
    for (const [list, key] of [[r.entryOnly, "entryOnly"], [r.exitOnly, "exitOnly"]] as const) {
      for (const t of list) {
        const row = oneWave.get(t.school) ?? {municipality: t.municipality, school: t.school, entryOnly: 0, exitOnly: 0};
        row[key] += 1;
        oneWave.set(t.school, row);
      }
    }
    return {
      areas: r.areas.map((a) => ({area: a.area, label: a.label})), counts: r.counts, method: r.method,
      groups: [group({level: "region", municipality: null, school: null, nTeachers: r.counts.teachers, areas: r.areas}), ...r.groups.map(group)],
      oneWave: [...oneWave.values()].sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru"))
    };
  }, MISSING.diagnostics);

  const routes = await pagePart(async () => {
    const r = routesAll = await routesReport(store, settings, {asOf: options.asOf, people, scope});
    if (!r.counts.routes) return null;
    return {asOf: r.asOf, region: r.region, withoutRoute: r.withoutRoute.length,
      schools: r.schools.map((s) => {
        const small = isSmallGroup(s.totals.routes, min);
        return {school: s.school, municipality: s.municipality, routes: s.totals.routes, suppressed: small, totals: small ? null : s.totals,
          withoutRoute: s.withoutRoute};
      })};
  }, MISSING.routes);

  const effect = await pagePart(async () => {
    const r = await routeEffectReport(store, settings, {prepost: prepost ?? undefined, people, scope});
    if (!r.counts.paired || (!r.counts.withRoute && !r.counts.mentees)) return null;
    return {caution: r.caution, minGroupSize: r.minGroupSize,
      counts: {paired: r.counts.paired, withRoute: r.counts.withRoute, mentees: r.counts.mentees, outside: r.counts.outside},
      areas: r.areas.map((a) => ({area: a.area, label: a.label, route: hideSmall(a.label, a.route, min), mentoring: hideSmall(a.label, a.mentoring, min)}))};
  }, MISSING.effect);

  const students = await pagePart(async () => {
    const r = await studentResultsReport(store, settings, {people, scope});
    if (r.before === null || r.after === null) return null;
    return {before: r.before, after: r.after, minGroupSize: r.minGroupSize, method: r.method,
      groups: r.groups.map((g) => (g.small ? {...g, shares: [], before: {...g.before, shares: hiddenShares(g.before.shares), meanGrade: null},
        after: {...g.after, shares: hiddenShares(g.after.shares), meanGrade: null}} : g))};
  }, MISSING.students);

  const young = await pagePart(async () => {
    const r = await needsMentorReport(store, settings, {names: false, people, routes: routesAll ?? undefined, scope});
    if (!r.region.young) return null;
    return {target: r.target, region: isSmallGroup(r.region.young, min) ? null : r.region, young: r.region.young, schools: r.schools.map((s) => {
      const small = isSmallGroup(s.coverage.young, min);
      return {school: s.school, municipality: s.municipality, suppressed: small, coverage: small ? null : s.coverage};
    })};
  }, MISSING.young);

  return {diagnostics, routes, effect, students, young};
}

function hiddenShares<T extends Record<string, {x: number; n: number}>>(shares: T): T {
  return Object.fromEntries(Object.keys(shares).map((k) => [k, {x: 0, n: 0}])) as T;
}
