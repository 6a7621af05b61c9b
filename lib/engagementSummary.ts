import {engagementPercent} from "./engagementPercent.ts";
import {meetsTarget} from "./meetsTarget.ts";

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
}

/** A school enters the sums when it has a Form 1 row and at least one engagement row. */
export function isIncluded(s: SchoolFigures): boolean {
  return s.inForm1 && s.hasEngagement;
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
 * have a Form 1 row and at least one engagement row in the period — never a mean of school
 * percentages (DOMAIN.md «Engagement against targets»; issue «Quarterly reports» §6).
 * With no school included, the sums are 0 and the percentages null.
 * @example engagementSummary([
 *   {name: "А", municipality: "М", inForm1: true, hasEngagement: true, studentsEngaged: 50, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10},
 *   {name: "Б", municipality: "М", inForm1: true, hasEngagement: true, studentsEngaged: 10, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10},
 *   {name: "В", municipality: "М", inForm1: true, hasEngagement: false, studentsEngaged: 0, studentsPopulation: 80, teachersEngaged: 0, teachersPopulation: 9}
 * ], {students: 70, teachers: 70})
 * // studentsPct 30 (60 of 200), teachersPct 70 (14 of 20, target met), schoolsNotReported ["В"]
 */
export function engagementSummary(schools: SchoolFigures[], targets: Targets): GroupSummary {
  const included = schools.filter(isIncluded);
  const sum = (f: (s: SchoolFigures) => number | null) => included.reduce((a, s) => a + (f(s) ?? 0), 0);
  return {
    ...figures(sum((s) => s.studentsEngaged), sum((s) => s.studentsPopulation),
      sum((s) => s.teachersEngaged), sum((s) => s.teachersPopulation), targets),
    schoolsIncluded: included.map((s) => s.name),
    schoolsNotReported: schools.filter((s) => !s.hasEngagement).map((s) => s.name)
  };
}
