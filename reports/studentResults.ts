// The students of the mentees (issue 14 §4; seed 004): the share of a teacher's pupils who passed
// ВПР / ОГЭ / ЕГЭ, olympiad participation and prize-winners, and the mean grade, in a year before
// and a year after — for the mentees' classes and, beside them, for the classes of the teachers of
// the same schools outside the programme. Only teachers with results in both years are compared
// (the same teachers, other pupils: two independent samples of pupils), each share with the test
// lib/compareProportions chooses (z-test, or Fisher's exact test for small counts).
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {compareProportions, type ProportionComparison} from "../lib/compareProportions.ts";
import {isSmallGroup} from "../lib/smallGroup.ts";
import type {Settings} from "../settings/index.ts";
import {inScope, loadPeople, type PeopleIndex} from "./teacherLinks.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export interface StudentRow {
  personId: number;
  schoolId: number;
  year: number;
  className: string;
  subject: string;
  students: number | null;
  vprTaken: number | null; vprPassed: number | null;
  ogeTaken: number | null; ogePassed: number | null;
  egeTaken: number | null; egePassed: number | null;
  meanGrade: number | null;
  olympiadParticipants: number | null; olympiadWinners: number | null;
}

/** The current results rows (of a municipality's schools or one school when `scope` is given). */
export async function loadStudentRows(conn: DuckDBConnection, scope?: ReportScope): Promise<StudentRow[]> {
  const rows = await all<Record<string, unknown>>(conn, `SELECT person_id, school_id, year, class_name, subject, students, vpr_taken, vpr_passed,
    oge_taken, oge_passed, ege_taken, ege_passed, mean_grade, olympiad_participants, olympiad_winners
    FROM current_student_results WHERE ${spellingInScope("school_id")}
    ORDER BY school_id, person_id, year, class_name, subject`, scopeParams(scope));
  return rows.map((r) => ({personId: r.person_id as number, schoolId: r.school_id as number, year: r.year as number, className: r.class_name as string,
    subject: r.subject as string, students: r.students as number | null, vprTaken: r.vpr_taken as number | null, vprPassed: r.vpr_passed as number | null,
    ogeTaken: r.oge_taken as number | null, ogePassed: r.oge_passed as number | null, egeTaken: r.ege_taken as number | null,
    egePassed: r.ege_passed as number | null, meanGrade: r.mean_grade as number | null,
    olympiadParticipants: r.olympiad_participants as number | null, olympiadWinners: r.olympiad_winners as number | null}));
}

/** The shares compared: successes over a base, both from one row (a row without both is left out of that share). */
export const SHARES = [
  {key: "vpr", label: "ВПР: справились", x: "vprPassed", n: "vprTaken"},
  {key: "oge", label: "ОГЭ: сдали", x: "ogePassed", n: "ogeTaken"},
  {key: "ege", label: "ЕГЭ: сдали", x: "egePassed", n: "egeTaken"},
  {key: "olympiad", label: "Олимпиады: участвовали (от численности классов)", x: "olympiadParticipants", n: "students"},
  {key: "winners", label: "Олимпиады: победители и призёры (от участников)", x: "olympiadWinners", n: "olympiadParticipants"}
] as const;
export type ShareKey = typeof SHARES[number]["key"];

export interface YearFigures {
  classes: number;
  shares: Record<ShareKey, {x: number; n: number}>;
  /** Mean grade, weighted by the class size where it is given (else each class counts once); null without grades. */
  meanGrade: number | null;
}

/** Sums of a teacher's (or a group's) rows of one year. */
export function yearFigures(rows: readonly StudentRow[]): YearFigures {
  const shares = Object.fromEntries(SHARES.map((s) => [s.key, {x: 0, n: 0}])) as YearFigures["shares"];
  let gradeSum = 0, gradeWeight = 0;
  for (const r of rows) {
    for (const s of SHARES) {
      const x = r[s.x], n = r[s.n];
      if (x !== null && n !== null && x <= n) { shares[s.key].x += x; shares[s.key].n += n; }
    }
    if (r.meanGrade !== null) { const w = r.students ?? 1; gradeSum += r.meanGrade * w; gradeWeight += w; }
  }
  return {classes: rows.length, shares, meanGrade: gradeWeight ? gradeSum / gradeWeight : null};
}

export type StudentGroup = "mentees" | "outside";

export interface GroupResults {
  group: StudentGroup;
  label: string;
  /** Teachers with results in both years. */
  teachers: number;
  /** Fewer teachers than settings.groupSize.minGroupSize: aggregate views hide the figures. */
  small: boolean;
  before: YearFigures;
  after: YearFigures;
  shares: Array<{key: ShareKey; label: string; comparison: ProportionComparison}>;
}

export interface StudentResultsReport {
  years: number[];
  before: number | null;
  after: number | null;
  groups: GroupResults[];
  counts: {teachers: number; mentees: number; outside: number; unknown: number; onlyOneYear: number};
  teachers: Array<{personId: number; teacherId: number | null; name?: string; school: string; municipality: string;
    group: StudentGroup | "unknown"; years: Array<{year: number} & YearFigures>}>;
  minGroupSize: number;
  method: string;
}

export const STUDENTS_METHOD = "Сравниваются учителя, у которых есть результаты обоих лет; складываются их классы. Ученики в годы «до» и «после» — " +
  "разные (другие классы или повзрослевшие), поэтому доли сравниваются как независимые выборки: z-критерий для двух долей, а если " +
  "в таблице 2×2 ожидаемое число меньше 5 — точный критерий Фишера; 95 % ДИ разницы — по Ньюкомбу (через интервалы Уилсона). " +
  "Средняя отметка — взвешенная по численности классов, без проверки значимости (отметок отдельных учеников нет). " +
  "Наставляемые — учителя, найденные в базе наставляемых своей школы; «вне программы» — учителя школ, чья база загружена, но их там нет.";

function groupOf(index: PeopleIndex, personId: number, schoolId: number): StudentGroup | "unknown" {
  const teacherId = index.namedToTeacher.get(personId);
  if (index.namedMentee.has(personId) || (teacherId !== undefined && index.teacherMentee.has(teacherId))) return "mentees";
  return index.menteeBaseSchools.has(schoolId) ? "outside" : "unknown";
}

/** Groups smaller than settings.groupSize.minGroupSize are marked small. */
export async function studentResultsReport(store: Store, settings: Settings, options: {before?: number; after?: number; school?: string; municipality?: string;
  names?: boolean; people?: PeopleIndex; scope?: ReportScope} = {}): Promise<StudentResultsReport> {
  const minGroupSize = settings.groupSize.minGroupSize;
  const {index, rows} = await store.read(async (c) => ({index: options.people ?? await loadPeople(c), rows: await loadStudentRows(c, options.scope)}));
  const scoped = rows.filter((r) => inScope(index, r.schoolId, options));
  const years = [...new Set(scoped.map((r) => r.year))].sort((a, b) => a - b);
  const after = options.after ?? years.at(-1) ?? null;
  const before = options.before ?? years.filter((y) => after === null || y < after).at(-1) ?? null;
  const byPerson = new Map<number, StudentRow[]>();
  for (const r of scoped) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const teachers: StudentResultsReport["teachers"] = [];
  const members: Record<StudentGroup, number[]> = {mentees: [], outside: []};
  let unknown = 0, onlyOneYear = 0;
  for (const [personId, list] of byPerson) {
    const school = index.schools.get(list[0]!.schoolId)!;
    const group = groupOf(index, personId, list[0]!.schoolId);
    const ys = [...new Set(list.map((r) => r.year))].sort((a, b) => a - b);
    teachers.push({personId, teacherId: index.namedToTeacher.get(personId) ?? null,
      ...(options.names ? {name: index.named.get(personId)?.fullName ?? ""} : {}), school: school.name, municipality: school.municipality, group,
      years: ys.map((y) => ({year: y, ...yearFigures(list.filter((r) => r.year === y))}))});
    const both = before !== null && after !== null && ys.includes(before) && ys.includes(after);
    if (group === "unknown") unknown++;
    else if (!both) onlyOneYear++;
    else members[group].push(personId);
  }
  const LABELS: Record<StudentGroup, string> = {mentees: "Классы наставляемых", outside: "Классы учителей вне программы (те же школы)"};
  const groups: GroupResults[] = (["mentees", "outside"] as const).map((g) => {
    const set = new Set(members[g]);
    const b = yearFigures(scoped.filter((r) => set.has(r.personId) && r.year === before));
    const a = yearFigures(scoped.filter((r) => set.has(r.personId) && r.year === after));
    return {group: g, label: LABELS[g], teachers: set.size, small: isSmallGroup(set.size, minGroupSize), before: b, after: a,
      shares: SHARES.map((s) => ({key: s.key, label: s.label, comparison: compareProportions(b.shares[s.key], a.shares[s.key])}))};
  });
  teachers.sort((x, y) => x.municipality.localeCompare(y.municipality, "ru") || x.school.localeCompare(y.school, "ru") || x.personId - y.personId);
  return {years, before, after, groups, teachers, minGroupSize, method: STUDENTS_METHOD,
    counts: {teachers: byPerson.size, mentees: teachers.filter((t) => t.group === "mentees").length,
      outside: teachers.filter((t) => t.group === "outside").length, unknown, onlyOneYear}};
}
