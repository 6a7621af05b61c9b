// Who needs a mentor (issue 14 §5): the young specialists of the current staff lists (0–3 years of
// experience) without a mentor in the registries, the share of young specialists with one (seed
// 001: «100% молодых педагогов получают поддержку и сопровождение»), and the teachers whose
// diagnostics show a deficit of the highest level but who have no route.
import {all, type Store} from "../store/database.ts";
import {youngCoverage, type YoungCoverage} from "../lib/youngCoverage.ts";
import type {Settings} from "../settings/index.ts";
import {routesReport, type RoutesReport, type TeacherWithoutRoute} from "./routes.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";
import {inScope, loadPeople, rosterCodeKey, rosterNameKey, type MenteeRecord, type PeopleIndex} from "./teacherLinks.ts";

export type YoungStatus = "with-mentor" | "without-mentor" | "unknown";

export interface YoungSpecialist {
  school: string;
  municipality: string;
  /** The full name where some file names this person (service view only). */
  name?: string | null;
  status: YoungStatus;
  /** Why the status is unknown: no mentee base for the school, or the staff list gives a code no other file names. */
  reason: "no-mentee-base" | "no-name" | null;
  hired: string | null;
  experience: number | null;
  /** Where the person is in the staff list: the file, sheet and row (the curator finds them there). */
  rosterFile: string;
  sheet: string | null;
  row: number | null;
}

export interface NeedsMentorReport {
  target: number;
  region: YoungCoverage;
  schools: Array<{school: string; municipality: string; rosterYear: number; asOf: string; coverage: YoungCoverage}>;
  young: YoungSpecialist[];
  highDeficitNoRoute: TeacherWithoutRoute[];
  definition: string;
}

export const YOUNG_DEFINITION = "Молодой специалист — педагог со стажем до 3 лет включительно на дату штатного списка (последний список каждой школы; " +
  "без стажа — принятый не раньше чем за 3 года до этой даты и отмеченный в списке как молодой специалист), не уволившийся к этой дате. " +
  "Наставник закреплён, если в базе наставляемых его школы он — наставляемый с наставником в паре, которая идёт в этом учебном году. " +
  "Если базы наставляемых школы нет или список называет человека только кодом, который не встречается в других файлах, — «не проверить».";

interface RosterRow {
  school_id: number; year: number; as_of: string; teacher_key: string; hired: string | null; left_on: string | null;
  experience: number | null; young: boolean | null; sheet: string | null; row_no: number | null; file_name: string;
}

/** A pair that runs at some time in the school year up to the staff list's date. */
function pairInYear(m: MenteeRecord, yearStart: string, asOf: string): boolean {
  const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return m.pairs.some((p) => {
    const start = iso(p.start), end = iso(p.end);
    return (start === null || start <= asOf) && (end === null || end >= yearStart);
  });
}

function lookups(index: PeopleIndex) {
  // Keys a staff list may hold for each known person: a hash of the full name, a code (the diagnostics' ID).
  const names = new Map<string, string>(), mentees = new Map<string, MenteeRecord>();
  const put = (schoolId: number, key: string, name: string, mentee: MenteeRecord | undefined) => {
    const k = `${schoolId}|${key}`;
    if (!names.has(k)) names.set(k, name);
    if (mentee && !mentees.has(k)) mentees.set(k, mentee);
  };
  for (const m of index.mentees) put(m.schoolId, rosterNameKey(m.fullName), m.fullName, m);
  for (const d of index.diagnostics.values()) {
    const m = index.teacherMentee.get(d.teacherId);
    put(d.schoolId, rosterNameKey(d.fullName), d.fullName, m);
    if (d.externalId) put(d.schoolId, rosterCodeKey(d.externalId), d.fullName, m);
  }
  for (const p of index.named.values()) {
    const m = index.namedMentee.get(p.personId);
    put(p.schoolId, rosterNameKey(p.fullName), p.fullName, m);
    if (p.externalId) put(p.schoolId, rosterCodeKey(p.externalId), p.fullName, m);
  }
  return {names, mentees};
}

/** The young specialists' limit and the coverage target come from settings.routeRules. */
export async function needsMentorReport(store: Store, settings: Settings, options: {school?: string; municipality?: string; names?: boolean;
  /** A municipality's schools or one school by the directory (reports/scope.ts), filtered in SQL. */
  scope?: ReportScope;
  asOf?: string; /** Already built for the same call, scope and names. */ people?: PeopleIndex; routes?: RoutesReport} = {}): Promise<NeedsMentorReport> {
  const rules = settings.routeRules;
  const {index, rows} = await store.read(async (c) => ({index: options.people ?? await loadPeople(c, options.scope), rows: await all<RosterRow>(c, `
    SELECT t.school_id, cs.year, CAST(s.as_of AS VARCHAR) AS as_of, t.teacher_key, CAST(t.hired AS VARCHAR) AS hired,
      CAST(t.left_on AS VARCHAR) AS left_on, t.experience, t.young, t.sheet, t.row_no, u.file_name
    FROM current_roster_snapshots cs
    JOIN (SELECT school_id, max(year) AS year FROM current_roster_snapshots GROUP BY ALL) latest USING (school_id, year)
    JOIN roster_snapshots s ON s.upload_id = cs.upload_id AND s.school_id = cs.school_id
    JOIN roster_teachers t ON t.upload_id = cs.upload_id AND t.school_id = cs.school_id
    JOIN uploads u ON u.upload_id = cs.upload_id
    WHERE ${spellingInScope("cs.school_id")}
    ORDER BY t.school_id, t.teacher_no`, scopeParams(options.scope))}));
  const {names, mentees} = lookups(index);
  const young: YoungSpecialist[] = [];
  for (const r of rows) {
    if (!inScope(index, r.school_id, options)) continue;
    if (r.left_on !== null && r.left_on <= r.as_of) continue;
    const limit = new Date(`${r.as_of}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() - rules.youngMaxYears);
    const isYoung = r.experience !== null ? r.experience <= rules.youngMaxYears
      : r.young === true && r.hired !== null && r.hired >= limit.toISOString().slice(0, 10);
    if (!isYoung) continue;
    const school = index.schools.get(r.school_id)!;
    const key = `${r.school_id}|${r.teacher_key}`;
    const yearStart = `${r.year - 1}-09-01`;
    const m = mentees.get(key);
    const name = names.get(key) ?? null;
    let status: YoungStatus, reason: YoungSpecialist["reason"] = null;
    if (m && pairInYear(m, yearStart, r.as_of)) status = "with-mentor";
    else if (!index.menteeBaseSchools.has(r.school_id)) { status = "unknown"; reason = "no-mentee-base"; }
    else if (r.teacher_key.startsWith("code:") && name === null) { status = "unknown"; reason = "no-name"; }
    else status = "without-mentor";
    young.push({school: school.name, municipality: school.municipality, ...(options.names ? {name} : {}), status, reason, hired: r.hired,
      experience: r.experience, rosterFile: r.file_name, sheet: r.sheet, row: r.row_no});
  }
  const cover = (list: YoungSpecialist[]) => youngCoverage(list.filter((y) => y.status === "with-mentor").length,
    list.filter((y) => y.status === "without-mentor").length, list.filter((y) => y.status === "unknown").length, rules.youngCoverageTarget);
  const bySchool = new Map<string, YoungSpecialist[]>();
  for (const y of young) bySchool.set(`${y.municipality}|${y.school}`, [...(bySchool.get(`${y.municipality}|${y.school}`) ?? []), y]);
  const rosterOf = new Map(rows.map((r) => [index.schools.get(r.school_id)!.name + "|" + index.schools.get(r.school_id)!.municipality, r]));
  const routes = options.routes ?? await routesReport(store, settings, {scope: options.scope, school: options.school, municipality: options.municipality,
    names: options.names, people: index});
  return {
    target: rules.youngCoverageTarget,
    region: cover(young),
    schools: [...bySchool.values()].map((list) => {
      const r = rosterOf.get(`${list[0]!.school}|${list[0]!.municipality}`)!;
      return {school: list[0]!.school, municipality: list[0]!.municipality, rosterYear: r.year, asOf: r.as_of, coverage: cover(list)};
    }).sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru")),
    young: young.sort((a, b) => a.status.localeCompare(b.status) || a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru")),
    highDeficitNoRoute: routes.withoutRoute.filter((w) => w.high),
    definition: YOUNG_DEFINITION
  };
}
