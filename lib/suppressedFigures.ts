import type {EngagementFigures} from "./engagementSummary.ts";
import {isSmallGroup} from "./smallGroup.ts";

export interface SuppressedFigures extends EngagementFigures {
  /** True where the figures of that group were hidden because it has fewer than 5 people. */
  suppressed: {students: boolean; teachers: boolean};
}

/**
 * «Скрытие малых групп» in engagement figures: when a school (or any group) has fewer than `min`
 * teachers, its teachers' engaged count, population, percentage and target decision become null
 * and `suppressed.teachers` is true; the same for students. The other side is left as it is.
 * A group with no people counted (population null or 0) has nothing to hide: it is «нет данных»,
 * never «< 5» (issue 11 §2).
 * Source: RELIABILITY.md «152-ФЗ» (suppress groups of fewer than 5 people), issue 7 §2.
 * @example suppressedFigures({studentsEngaged: 60, studentsPopulation: 85, studentsPct: 70.588, teachersEngaged: 3,
 *   teachersPopulation: 4, teachersPct: 75, meetsTarget: {students: true, teachers: true}}, 5)
 * // students kept; teachersEngaged, teachersPopulation, teachersPct, meetsTarget.teachers null;
 * // suppressed {students: false, teachers: true}
 */
export function suppressedFigures<T extends EngagementFigures>(f: T, min: number): T & SuppressedFigures {
  // No data (null) or nobody (0) is not a small group: it is shown as «нет данных», never as «< 5».
  const small = (n: number | null) => n !== null && n > 0 && isSmallGroup(n, min);
  const students = small(f.studentsPopulation);
  const teachers = small(f.teachersPopulation);
  return {
    ...f,
    ...(students ? {studentsEngaged: null, studentsPopulation: null, studentsPct: null} : {}),
    ...(teachers ? {teachersEngaged: null, teachersPopulation: null, teachersPct: null} : {}),
    meetsTarget: {students: students ? null : f.meetsTarget.students, teachers: teachers ? null : f.meetsTarget.teachers},
    suppressed: {students, teachers}
  };
}
