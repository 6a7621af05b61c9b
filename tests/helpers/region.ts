// A small region whose engagement was worked out by hand (see tests/reports/engagement.test.ts).
import {engagementForm, form1, workbook} from "./xlsx.ts";

export interface SchoolSpec {
  m: string;
  name: string;
  students: number | string;
  teachers: number | string;
  forms?: Partial<Record<2 | 3 | 4 | 5, [number | string, number | string]>>;
}

/** One quarterly workbook with Form 1 and Forms 2–5 for the given schools, stacked on one sheet. */
export function quarterFile(periodTitle: string, schools: SchoolSpec[]): Promise<Buffer> {
  return workbook((wb) => {
    const ws = wb.addWorksheet("Отчёт");
    form1(ws, schools.map((s) => [s.m, s.name, "Директор Иванов И.И., +7 900 000-00-00", s.students, s.teachers, 1]),
      `Информация об участниках внедрения целевой модели наставничества ${periodTitle}`);
    ws.addRow([]);
    for (const form of [2, 3, 4, 5] as const) {
      const rows = schools.filter((s) => s.forms?.[form]).map((s) => [s.m, s.name, `Программа ${form}`, s.forms![form]![0], s.forms![form]![1], ""]);
      const numeric = (i: 0 | 1) => rows.reduce((a, r) => a + (typeof r[3 + i] === "number" ? (r[3 + i] as number) : parseInt(String(r[3 + i]), 10)), 0);
      engagementForm(ws, form, rows, {total: [numeric(0), numeric(1)]});
      ws.addRow([]);
    }
  });
}

export const TARSKY_Q1: SchoolSpec[] = [
  {m: "Тарский", name: "СОШ № 1", students: 100, teachers: 20, forms: {2: [10, 15], 3: [8, 6], 4: ["5 студентов 2 курса", 5]}},
  {m: "Тарский", name: "СОШ № 2", students: "50 человек", teachers: 10, forms: {2: [20, 20], 3: [3, 3], 5: ["5 Менеджер", 5]}},
  {m: "Тарский", name: "СОШ № 3", students: 40, teachers: 8}
];
export const OMSKY_Q1: SchoolSpec[] = [
  {m: "Омский", name: "Лицей", students: 10, teachers: 5, forms: {2: [8, 6], 3: [2, 2]}}
];
