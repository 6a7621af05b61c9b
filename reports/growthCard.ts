// «Личная карта профессионального роста педагога» (seed 001) by school year, filled with what the
// product knows: the courses and activities of the teacher's route done that year, and the results
// of their students (ВПР / ОГЭ / ЕГЭ pass shares, mean grade, olympiad participants and prize-winners);
// the diagnostics' entry and exit deficits beside it. The card's other rows stay for the teacher.
import {academicYear} from "../lib/academicYear.ts";
import type {StoredRoute} from "./routes.ts";
import {yearFigures, type StudentRow, type YearFigures} from "./studentResults.ts";

export interface GrowthYear {
  /** School year, named by the year it ends in; `label` «2025/2026». */
  year: number;
  label: string;
  /** Route activities done in that year (by the day of the mark, else the planned end). */
  courses: Array<{title: string; provider: string | null; hours: number | null; completedOn: string | null; document: string | null}>;
  students: (YearFigures & {subjects: string[]}) | null;
}

export interface GrowthCard {
  years: GrowthYear[];
}

/** The card of one teacher from their route and their students' rows. */
export function growthCard(route: StoredRoute | null, students: readonly StudentRow[]): GrowthCard {
  const years = new Map<number, GrowthYear>();
  const get = (y: number) => {
    if (!years.has(y)) years.set(y, {year: y, label: `${y - 1}/${y}`, courses: [], students: null});
    return years.get(y)!;
  };
  for (const a of route?.activities ?? []) {
    if (a.status !== "done") continue;
    const day = a.completedOn ?? a.plannedEnd ?? a.plannedStart;
    if (!day) continue;
    get(academicYear(new Date(`${day}T00:00:00Z`))).courses.push({title: a.title, provider: a.provider, hours: a.hours,
      completedOn: a.completedOn, document: a.document});
  }
  for (const y of new Set(students.map((s) => s.year))) {
    const rows = students.filter((s) => s.year === y);
    get(y).students = {...yearFigures(rows), subjects: [...new Set(rows.map((r) => r.subject))]};
  }
  return {years: [...years.values()].sort((a, b) => a.year - b.year)};
}
