import {engagementPercent} from "./engagementPercent.ts";
import {meetsTarget} from "./meetsTarget.ts";
import {coverage, targetVerdict, type Coverage} from "./coverage.ts";

/** One school's figures for a period, as stored. */
export interface SchoolFigures {
  name: string;
  municipality: string;
  /** Has a Form 1 row in the period. */
  inForm1: boolean;
  /** Has at least one engagement row (Forms 2–5) in the period. */
  hasEngagement: boolean;
  studentsEngaged: number;
  studentsPopulation: number | null;
  teachersEngaged: number;
  teachersPopulation: number | null;
  /**
   * Its report was not read in full (a table not recognised, a count unreadable) or its latest file
   * was refused: out of every sum until fixed, whatever it has. Default false.
   */
  incomplete?: boolean;
  /** Expected to report in the period (coverage counts it). Default true. */
  expected?: boolean;
  /** Population used to weigh coverage (lib/coverage.ts knownPopulation); default this period's. */
  knownPopulation?: {students: number | null; teachers: number | null};
}

export interface Targets {
  students: number;
  teachers: number;
}

/** Engaged, population, percent and target decision for students and teachers. */
export interface EngagementFigures {
  studentsEngaged: number | null;
  studentsPopulation: number | null;
  studentsPct: number | null;
  teachersEngaged: number | null;
  teachersPopulation: number | null;
  teachersPct: number | null;
  meetsTarget: {students: boolean | null; teachers: boolean | null};
}

export interface GroupSummary extends EngagementFigures {
  /** Schools whose figures are in the sums. */
  schoolsIncluded: string[];
  /** Schools with a Form 1 row (or known from an earlier period) and no engagement row. */
  schoolsNotReported: string[];
  /** How complete the sums are: expected and counted schools, population share, «по N из M школ». */
  coverage: Coverage;
  /** The target decision over the counted schools alone (meetsTarget is null when coverage is incomplete). */
  meetsTargetCounted: {students: boolean | null; teachers: boolean | null};
  /** The decision in words, with the coverage when incomplete (lib/coverage.ts targetVerdict). */
  verdict: {students: string; teachers: string};
}

/** A school enters the sums when it has a Form 1 row and at least one engagement row, and was read in full. */
export function isIncluded(s: SchoolFigures): boolean {
  return s.inForm1 && s.hasEngagement && !s.incomplete;
}

export function figures(studentsEngaged: number | null, studentsPopulation: number | null,
  teachersEngaged: number | null, teachersPopulation: number | null, targets: Targets): EngagementFigures {
  return {
    studentsEngaged, studentsPopulation, studentsPct: engagementPercent(studentsEngaged, studentsPopulation),
    teachersEngaged, teachersPopulation, teachersPct: engagementPercent(teachersEngaged, teachersPopulation),
    meetsTarget: {
      students: meetsTarget(studentsEngaged, studentsPopulation, targets.students),
      teachers: meetsTarget(teachersEngaged, teachersPopulation, targets.teachers)
    }
  };
}

/**
 * «Вовлечённость по муниципалитету / региону»: Σ engaged / Σ population over the schools that
 * have a Form 1 row and at least one engagement row in the period and were read in full — never a
 * mean of school percentages (DOMAIN.md «Engagement against targets»). The sums carry their
 * coverage (lib/coverage.ts): over incomplete coverage the target is not judged (meetsTarget null,
 * the decision over the counted schools in meetsTargetCounted). With no school included, the
 * figures are null: «нет данных», never a group of 0 people.
 * @example engagementSummary([
 *   {name: "А", municipality: "М", inForm1: true, hasEngagement: true, studentsEngaged: 50, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10},
 *   {name: "Б", municipality: "М", inForm1: true, hasEngagement: true, studentsEngaged: 10, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10},
 *   {name: "В", municipality: "М", inForm1: true, hasEngagement: false, studentsEngaged: 0, studentsPopulation: 80, teachersEngaged: 0, teachersPopulation: 9}
 * ], {students: 70, teachers: 70})
 * // studentsPct 30 (60 of 200), teachersPct 70 (14 of 20); coverage «по 2 из 3 школ», so meetsTarget {students: null, teachers: null}
 * // and meetsTargetCounted {students: false, teachers: true}; schoolsNotReported ["В"]
 */
export function engagementSummary(schools: SchoolFigures[], targets: Targets, rejectedFiles = 0): GroupSummary {
  const included = schools.filter(isIncluded);
  const sum = (f: (s: SchoolFigures) => number | null) => included.length ? included.reduce((a, s) => a + (f(s) ?? 0), 0) : null;
  const f = figures(sum((s) => s.studentsEngaged), sum((s) => s.studentsPopulation),
    sum((s) => s.teachersEngaged), sum((s) => s.teachersPopulation), targets);
  const c = coverage(schools.filter((s) => s.expected !== false).map((s) => ({counted: isIncluded(s),
    students: s.knownPopulation ? s.knownPopulation.students : s.studentsPopulation,
    teachers: s.knownPopulation ? s.knownPopulation.teachers : s.teachersPopulation})), rejectedFiles);
  const meetsTarget = c.complete ? f.meetsTarget : {students: null, teachers: null};
  return {
    ...f,
    meetsTarget,
    meetsTargetCounted: f.meetsTarget,
    verdict: {students: targetVerdict(f.meetsTarget.students, c), teachers: targetVerdict(f.meetsTarget.teachers, c)},
    coverage: c,
    schoolsIncluded: included.map((s) => s.name),
    schoolsNotReported: schools.filter((s) => !s.hasEngagement).map((s) => s.name)
  };
}
