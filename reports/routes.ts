// The routes as followed (issue 14 §2): each route's activities on a date (done, overdue, planned),
// completion per teacher, school, municipality and region (Σ done / Σ activities), the overdue
// activities, and the teachers whose diagnostics show a deficit that needs a route but who have
// none. The single source of `mentoring report routes`, the curator's page and its --json.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {activityState, routeCompletion, sumCompletion, type ActivityState, type CompletionTotals, type RouteCompletion} from "../lib/routeCompletion.ts";
import {daysBetween} from "../lib/termEnd.ts";
import type {Settings} from "../settings/index.ts";
import {deficitsReport, type DeficitsReport} from "./deficits.ts";
import {todayIso} from "./routeConfig.ts";
import {inScope, loadPeople, menteeStatus, type PeopleIndex} from "./teacherLinks.ts";
import type {RouteActivity} from "../loaders/routes/routeFile.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

/** An activity of a route as stored: the file's activity without its place and parsed mark, with its number and status. */
export interface StoredActivity extends Omit<RouteActivity, "sheet" | "row" | "mark"> {
  activityNo: number;
  status: "done" | "not-done" | "unmarked";
  completedOn: string | null;
  document: string | null;
}

export interface StoredRoute {
  uploadId: number;
  routeNo: number;
  personId: number;
  schoolId: number;
  start: string | null;
  end: string | null;
  developed: string | null;
  activities: StoredActivity[];
}

/** Every current route with its activities (of a municipality's schools or one school when `scope` is given, in SQL), in the order of the upload. */
export async function loadRoutes(conn: DuckDBConnection, scope?: ReportScope): Promise<StoredRoute[]> {
  const params = scopeParams(scope);
  const routes = await all<{upload_id: number; route_no: number; person_id: number; school_id: number; starts: string | null; ends: string | null;
    developed: string | null}>(conn, `SELECT upload_id, route_no, person_id, school_id, CAST(starts AS VARCHAR) AS starts,
      CAST(ends AS VARCHAR) AS ends, CAST(developed AS VARCHAR) AS developed FROM current_routes
      WHERE ${spellingInScope("school_id")} ORDER BY upload_id, route_no`, params);
  const acts = await all<{upload_id: number; route_no: number; activity_no: number; block: "dpo" | "event"; title: string; provider: string | null;
    hours: number | null; deficits_text: string | null; areas: string; planned_text: string | null; planned_start: string | null;
    planned_end: string | null; mark_text: string | null; status: StoredActivity["status"]; completed_on: string | null; document: string | null}>(conn, `
    SELECT upload_id, route_no, activity_no, block, title, provider, hours, deficits_text, areas, planned_text,
      CAST(planned_start AS VARCHAR) AS planned_start, CAST(planned_end AS VARCHAR) AS planned_end, mark_text, status,
      CAST(completed_on AS VARCHAR) AS completed_on, document
    FROM current_route_activities a
    WHERE $scope_level = 'region' OR EXISTS (SELECT 1 FROM current_routes r WHERE r.upload_id = a.upload_id AND r.route_no = a.route_no
      AND ${spellingInScope("r.school_id")})
    ORDER BY upload_id, route_no, activity_no`, params);
  const byRoute = new Map<string, StoredActivity[]>();
  for (const a of acts) {
    const k = `${a.upload_id}|${a.route_no}`;
    const list = byRoute.get(k) ?? [];
    list.push({activityNo: a.activity_no, block: a.block, title: a.title, provider: a.provider, hours: a.hours, deficitsText: a.deficits_text,
      areas: a.areas ? a.areas.split(",") : [], plannedText: a.planned_text, plannedStart: a.planned_start, plannedEnd: a.planned_end,
      markText: a.mark_text, status: a.status, completedOn: a.completed_on, document: a.document});
    byRoute.set(k, list);
  }
  return routes.map((r) => ({uploadId: r.upload_id, routeNo: r.route_no, personId: r.person_id, schoolId: r.school_id, start: r.starts,
    end: r.ends, developed: r.developed, activities: byRoute.get(`${r.upload_id}|${r.route_no}`) ?? []}));
}

export interface RoutesOptions {
  /** The day completion is judged on (ISO); default today. */
  asOf?: string;
  school?: string;
  municipality?: string;
  /** Put full names into routes[], overdue[] and withoutRoute[] (the curator's named view). */
  names?: boolean;
  /** A municipality's schools or one school by the directory (reports/scope.ts), filtered in SQL. */
  scope?: ReportScope;
  /** Already read for the same call (a page builds several reports): the linked people and the deficits of the same scope and names. */
  people?: PeopleIndex;
  deficits?: DeficitsReport;
}

export interface RouteActivityView extends StoredActivity {
  state: ActivityState;
}

export interface RouteSummary {
  personId: number;
  /** The diagnostics' teacher, when the route's teacher is found there. */
  teacherId: number | null;
  name?: string;
  school: string;
  municipality: string;
  start: string | null;
  end: string | null;
  developed: string | null;
  /** mentee / outside the programme / unknown (no mentee base for the school). */
  mentee: "mentee" | "outside" | "unknown";
  completion: RouteCompletion;
  activities: RouteActivityView[];
}

export interface TeacherWithoutRoute {
  teacherId: number;
  name?: string;
  school: string;
  municipality: string;
  wave: "entry" | "exit";
  /** Deficits at a level that needs a route, largest first. */
  deficits: Array<{area: string; label: string; deficit: number; level: string}>;
  /** Some deficit is at the highest level. */
  high: boolean;
}

export interface RoutesReport {
  asOf: string;
  catalogue: {items: number; programmes: number} | null;
  routeLevels: Array<{code: string; label: string}>;
  region: CompletionTotals;
  municipalities: Array<{municipality: string; totals: CompletionTotals; withoutRoute: number}>;
  schools: Array<{school: string; municipality: string; totals: CompletionTotals; withoutRoute: number}>;
  routes: RouteSummary[];
  overdue: Array<{personId: number; teacherId: number | null; name?: string; school: string; municipality: string; title: string;
    plannedEnd: string; daysOverdue: number}>;
  withoutRoute: TeacherWithoutRoute[];
  counts: {routes: number; linked: number; unlinked: number; withoutRoute: number; withoutRouteHigh: number};
}

/** Areas and deficit levels come from settings.areas and settings.deficitLevels, the routes' rules from settings.routeRules. */
export async function routesReport(store: Store, settings: Settings, options: RoutesOptions = {}): Promise<RoutesReport> {
  const asOf = options.asOf ?? todayIso();
  const rules = settings.routeRules;
  const levels = settings.deficitLevels;
  const names = options.names ?? false;
  const {index, routes, catalogue} = await store.read(async (c) => ({index: options.people ?? await loadPeople(c, options.scope),
    routes: await loadRoutes(c, options.scope),
    catalogue: (await all<{items: number; programmes: number}>(c,
      "SELECT count(*)::INTEGER AS items, count(*) FILTER (WHERE kind = 'dpo')::INTEGER AS programmes FROM current_catalogue"))[0]!}));
  const scoped = routes.filter((r) => inScope(index, r.schoolId, options));
  const summaries = scoped.map((r) => summarise(r, index, asOf, names)).sort(byPlace);
  const deficits = options.deficits ?? await deficitsReport(store, settings, {scope: options.scope, school: options.school, municipality: options.municipality, names});
  const withRoute = new Set(summaries.map((s) => s.teacherId).filter((t): t is number => t !== null));
  const top = [...levels.levels].sort((a, b) => b.from - a.from)[0]!.code;
  const withoutRoute: TeacherWithoutRoute[] = deficits.teachers
    .filter((t) => !withRoute.has(t.id))
    .map((t) => ({t, needs: t.deficits.filter((d) => rules.routeLevels.includes(d.level)).sort((a, b) => b.deficit - a.deficit)}))
    .filter((x) => x.needs.length > 0)
    .map(({t, needs}) => ({teacherId: t.id, ...(names ? {name: t.name ?? ""} : {}), school: t.school, municipality: t.municipality,
      wave: t.wave, deficits: needs, high: needs.some((d) => d.level === top)}));
  const overdue = summaries.flatMap((s) => s.activities.filter((a) => a.state === "overdue").map((a) => ({personId: s.personId,
    teacherId: s.teacherId, ...(names ? {name: s.name ?? ""} : {}), school: s.school, municipality: s.municipality, title: a.title,
    plannedEnd: a.plannedEnd!, daysOverdue: daysBetween(new Date(`${a.plannedEnd}T00:00:00Z`), new Date(`${asOf}T00:00:00Z`))})))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.school.localeCompare(b.school, "ru"));
  const group = <K extends string>(key: (s: {school: string; municipality: string}) => K) => {
    const m = new Map<K, {list: RouteCompletion[]; without: number; school: string; municipality: string}>();
    const get = (s: {school: string; municipality: string}) => {
      const k = key(s);
      if (!m.has(k)) m.set(k, {list: [], without: 0, school: s.school, municipality: s.municipality});
      return m.get(k)!;
    };
    for (const s of summaries) get(s).list.push(s.completion);
    for (const w of withoutRoute) get(w).without++;
    return [...m.values()];
  };
  const ru = (a: string, b: string) => a.localeCompare(b, "ru");
  return {
    asOf,
    catalogue: catalogue.items ? catalogue : null,
    routeLevels: levels.levels.filter((l) => rules.routeLevels.includes(l.code)).map((l) => ({code: l.code, label: l.label})),
    region: sumCompletion(summaries.map((s) => s.completion)),
    municipalities: group((s) => s.municipality).map((g) => ({municipality: g.municipality, totals: sumCompletion(g.list), withoutRoute: g.without}))
      .sort((a, b) => ru(a.municipality, b.municipality)),
    schools: group((s) => `${s.municipality}|${s.school}`).map((g) => ({school: g.school, municipality: g.municipality,
      totals: sumCompletion(g.list), withoutRoute: g.without})).sort((a, b) => ru(a.municipality, b.municipality) || ru(a.school, b.school)),
    routes: summaries,
    overdue,
    withoutRoute,
    counts: {routes: summaries.length, linked: summaries.filter((s) => s.teacherId !== null).length,
      unlinked: summaries.filter((s) => s.teacherId === null).length, withoutRoute: withoutRoute.length,
      withoutRouteHigh: withoutRoute.filter((w) => w.high).length}
  };
}

function byPlace(a: RouteSummary, b: RouteSummary): number {
  return a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru") || a.personId - b.personId;
}

function summarise(r: StoredRoute, index: PeopleIndex, asOf: string, names: boolean): RouteSummary {
  const school = index.schools.get(r.schoolId)!;
  const teacherId = index.namedToTeacher.get(r.personId) ?? null;
  const completion = routeCompletion(r.activities.map((a) => ({status: a.status, plannedEnd: a.plannedEnd, hours: a.hours})), asOf);
  const mentee = teacherId !== null ? menteeStatus(index, teacherId)
    : index.namedMentee.has(r.personId) ? "mentee" : index.menteeBaseSchools.has(r.schoolId) ? "outside" : "unknown";
  return {personId: r.personId, teacherId, ...(names ? {name: index.named.get(r.personId)?.fullName ?? ""} : {}), school: school.name,
    municipality: school.municipality, start: r.start, end: r.end, developed: r.developed, mentee, completion,
    activities: r.activities.map((a) => ({...a, state: activityState({status: a.status, plannedEnd: a.plannedEnd, hours: a.hours}, asOf)}))};
}
