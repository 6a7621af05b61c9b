// The curator's named page (service build only, src/private/): every teacher with their change per
// area, what remains, the drafted route, the route followed and the personal growth card by year;
// and the lists a curator acts on — overdue activities, deficits without a route, young specialists
// without a mentor — with the aggregates of what changed and of the mentees' students.
// The same function the dashboards' loader and, later, the server (scoped by role) call.
import type {Store} from "../store/database.ts";
import type {RouteCompletion} from "../lib/routeCompletion.ts";
import type {Settings} from "../settings/index.ts";
import {prepostReport, type PrepostTeacher} from "./prepost.ts";
import {deficitsReport, type DeficitsReport, type TeacherDeficits} from "./deficits.ts";
import {loadRoutes, routesReport, type RouteActivityView, type RoutesReport} from "./routes.ts";
import {teacherRouteDrafts} from "./routeDraft.ts";
import {routeEffectReport, type RouteEffectReport} from "./routeEffect.ts";
import {loadStudentRows, studentResultsReport, type StudentResultsReport} from "./studentResults.ts";
import {needsMentorReport, type NeedsMentorReport} from "./needsMentor.ts";
import {growthCard, type GrowthCard} from "./growthCard.ts";
import {loadPeople, menteeStatus} from "./teacherLinks.ts";
import {pagePart, type PagePart} from "./pageSection.ts";
import {MISSING} from "./diagnosticsPage.ts";
import type {ReportScope} from "./scope.ts";

export interface CuratorTeacher extends PrepostTeacher {
  name: string;
  mentee: "mentee" | "outside" | "unknown";
  latest: Pick<TeacherDeficits, "wave" | "deficits" | "priorities"> | null;
  /** The drafted route (blocks 4–5): ranked deficits and the suggested activities. */
  draft: {ranked: Array<{area: string; label: string; deficit: number; levelLabel: string; rank: number}>;
    activities: Array<{title: string; kind: "dpo" | "event"; hours: number | null; start: string | null; end: string | null; provider: string | null;
      addressesLabels: string[]}>;
    areas: Array<{label: string; targetHours: number; plannedHours: number; met: boolean}>; totalHours: number; window: {start: string; end: string}} | null;
  /** The route followed, when one is loaded. */
  route: {start: string | null; end: string | null; completion: RouteCompletion; activities: RouteActivityView[]} | null;
  card: GrowthCard;
}

export interface CuratorPage {
  teachers: PagePart<{areas: Array<{area: string; label: string}>; levels: DeficitsReport["levels"]; asOf: string; teachers: CuratorTeacher[]}>;
  routes: PagePart<RoutesReport>;
  effect: PagePart<RouteEffectReport>;
  students: PagePart<StudentResultsReport>;
  young: PagePart<NeedsMentorReport>;
}

/**
 * `scope`: a municipality's schools or one school (reports/scope.ts): every report below reads
 * through it in SQL, so a curator's page never reads another school's rows.
 */
export async function curatorPage(store: Store, settings: Settings, options: {asOf?: string; start?: string; scope?: ReportScope} = {}): Promise<CuratorPage> {
  const scope = options.scope;
  // Read once, shared by the page's reports (the same scope; the same names: all).
  // A failure here leaves each report to read for itself (and to say so in its own part).
  const people = await store.read((c) => loadPeople(c, scope)).catch(() => undefined);
  const prepost = await prepostReport(store, settings, {names: true, scope}).catch(() => undefined);
  const deficits = await deficitsReport(store, settings, {names: true, scope}).catch(() => undefined);
  let routes: RoutesReport | null = null;
  const teachers = await pagePart(async () => {
    // Named on purpose: this page is the curator's working view of each teacher.
    if (!prepost || !deficits || !people) throw new Error("diagnostics not read");
    if (prepost.counts.teachers === 0) return null;
    routes = await routesReport(store, settings, {names: true, asOf: options.asOf, people, deficits, scope});
    const drafts = await teacherRouteDrafts(store, settings, {names: true, start: options.start, scope});
    const index = people;
    const {stored, students} = await store.read(async (c) => ({stored: await loadRoutes(c, scope), students: await loadStudentRows(c, scope)}));
    const latest = new Map(deficits.teachers.map((t) => [t.id, t]));
    const routeOf = new Map(routes.routes.filter((r) => r.teacherId !== null).map((r) => [r.teacherId!, r]));
    const storedOf = new Map(stored.map((r) => [r.personId, r]));
    const studentsOf = new Map<number, typeof students>();
    for (const s of students) studentsOf.set(s.personId, [...(studentsOf.get(s.personId) ?? []), s]);
    const list: CuratorTeacher[] = prepost.teachers.map((t) => {
      const l = latest.get(t.id), d = drafts.get(t.id), r = routeOf.get(t.id);
      const personId = index.teacherToNamed.get(t.id);
      return {...t, name: t.name ?? "", mentee: menteeStatus(index, t.id),
        latest: l ? {wave: l.wave, deficits: l.deficits, priorities: l.priorities} : null,
        draft: d ? {ranked: d.ranked.map((x) => ({area: x.area, label: x.label, deficit: x.deficit, levelLabel: x.levelLabel, rank: x.rank})),
          activities: d.activities.map((a) => ({title: a.title, kind: a.kind, hours: a.hours, start: a.start, end: a.end, provider: a.provider,
            addressesLabels: a.addressesLabels})),
          areas: d.areas.map((a) => ({label: a.label, targetHours: a.targetHours, plannedHours: a.plannedHours, met: a.met})),
          totalHours: d.totalHours, window: d.window} : null,
        route: r ? {start: r.start, end: r.end, completion: r.completion, activities: r.activities} : null,
        card: growthCard(personId !== undefined ? storedOf.get(personId) ?? null : null, personId !== undefined ? studentsOf.get(personId) ?? [] : [])};
    }).sort((a, b) => a.name.localeCompare(b.name, "ru"));
    return {areas: prepost.areas.map((a) => ({area: a.area, label: a.label})), levels: deficits.levels, asOf: routes.asOf, teachers: list};
  }, MISSING.diagnostics);
  return {
    teachers,
    routes: await pagePart(async () => {
      const r = routes ?? await routesReport(store, settings, {names: true, asOf: options.asOf, people, deficits, scope});
      return r.counts.routes || r.withoutRoute.length ? r : null;
    }, MISSING.routes),
    effect: await pagePart(async () => {
      const r = await routeEffectReport(store, settings, {prepost, people, scope});
      return r.counts.paired && (r.counts.withRoute || r.counts.mentees) ? r : null;
    }, MISSING.effect),
    students: await pagePart(async () => {
      const r = await studentResultsReport(store, settings, {names: true, people, scope});
      return r.counts.teachers ? r : null;
    }, MISSING.students),
    young: await pagePart(async () => {
      const r = await needsMentorReport(store, settings, {names: true, asOf: options.asOf, people, routes: routes ?? undefined, scope});
      return r.region.young || r.highDeficitNoRoute.length ? r : null;
    }, MISSING.young)
  };
}
