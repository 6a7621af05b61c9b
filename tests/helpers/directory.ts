// Directory files and small quarterly files for the directory and completeness tests.
import {addRows, engagementForm, form1, workbook} from "./xlsx.ts";

export const DIRECTORY_HEADER = ["№", "Муниципальный район", "Полное наименование ОО", "Краткое наименование", "ИНН", "Статус"];

/** A directory file: a title, the header, one row per school (district written once per block when `blocks`). */
export function directoryFile(rows: Array<[string, string, string | null, string | null, string]>, o: {blocks?: boolean; sheet?: string} = {}): Promise<Buffer> {
  return workbook((wb) => {
    const ws = wb.addWorksheet(o.sheet ?? "Справочник");
    ws.addRow(["Справочник общеобразовательных организаций Омской области"]);
    ws.addRow([]);
    addRows(ws, [DIRECTORY_HEADER]);
    let last = "";
    rows.forEach(([m, full, short, code, status], i) => {
      ws.addRow([i + 1, o.blocks && m === last ? "" : m, full, short ?? "", code ?? "", status]);
      last = m;
    });
  });
}

export interface QuarterSchool {
  m: string;
  /** The name in Form 1; Forms 2–5 use `alias` when given. */
  name: string;
  alias?: string;
  students: number;
  teachers: number;
  /** [mentors, mentees] of Forms 2 and 3. */
  f2?: [number, number];
  f3?: [number, number];
}

/** One quarterly workbook (Form 1, Forms 2 and 3) for the given schools, stacked on one sheet. */
export function quarter(periodTitle: string, schools: QuarterSchool[]): Promise<Buffer> {
  return workbook((wb) => {
    const ws = wb.addWorksheet("Отчёт");
    form1(ws, schools.map((s) => [s.m, s.name, "", s.students, s.teachers, 1]),
      `Информация об участниках внедрения целевой модели наставничества ${periodTitle}`);
    ws.addRow([]);
    for (const form of [2, 3] as const) {
      const rows = schools.filter((s) => (form === 2 ? s.f2 : s.f3)).map((s) => [s.m, s.alias ?? s.name, `Программа ${form}`,
        ...(form === 2 ? s.f2! : s.f3!), ""]);
      engagementForm(ws, form, rows);
      ws.addRow([]);
    }
  });
}
