// Three small regions, each on its own machine, for the federal export and roll-up: the figures are
// worked out by hand in three-regions.md next to this file.
import {engagementForm, form1, workbook} from "../../helpers/xlsx.ts";
import {workbookBytes} from "../../loaders/diagnostics/helpers.ts";

type Pair = [mentors: number, mentees: number];

export interface FedSchool {
  m: string;
  name: string;
  students: number;
  teachers: number;
  /** Engagement rows only, no Form 1 row: reported, not in the sums. */
  noForm1?: boolean;
  forms?: Partial<Record<2 | 3 | 4 | 5, Pair>>;
}

export interface RegionFixture {
  code: string;
  name: string;
  quarters: Partial<Record<"2024-Q1" | "2024-Q2", FedSchool[]>>;
  /** Entry diagnostics: [teacher, municipality, school, Методические, Цифровые (ИКТ)]. */
  diagnostics?: Array<[string, string, string, number, number | null]>;
}

const TITLES = {"2024-Q1": "за I квартал 2024 г.", "2024-Q2": "за II квартал 2024 г."};

/** Personal data and free text the export must never carry (see privacy.test.ts). */
export const DIRECTOR = (school: string) => `Директор ${school === "Лицей" ? "Бережная Алла Семёновна" : "Загорулько Пётр Ильич"}, тел. +7 (900) 123-45-67, school@example.org`;
export const PROGRAMME = (form: number) => `Программа «Ровесник-${form}»`;
export const RESULT = "Наставляемый Курочкин Тимофей стал призёром олимпиады";

/** One quarterly workbook: Form 1 for the schools that have it, Forms 2–5 stacked on one sheet. */
export function quarterWorkbook(period: "2024-Q1" | "2024-Q2", schools: FedSchool[]): Promise<Buffer> {
  return workbook((wb) => {
    const ws = wb.addWorksheet("Отчёт");
    form1(ws, schools.filter((s) => !s.noForm1).map((s) => [s.m, s.name, DIRECTOR(s.name), s.students, s.teachers, 1]),
      `Информация об участниках внедрения целевой модели наставничества ${TITLES[period]}`);
    ws.addRow([]);
    for (const form of [2, 3, 4, 5] as const) {
      const rows = schools.filter((s) => s.forms?.[form]).map((s) => [s.m, s.name, PROGRAMME(form), s.forms![form]![0], s.forms![form]![1], RESULT]);
      engagementForm(ws, form, rows);
      ws.addRow([]);
    }
  });
}

export function diagnosticsWorkbook(rows: NonNullable<RegionFixture["diagnostics"]>): Promise<Buffer> {
  return workbookBytes([{name: "Входная диагностика", rows: [["ФИО педагога", "ОО", "Муниципалитет", "Методические", "Цифровые (ИКТ)"],
    ...rows.map(([who, m, school, a, b]) => [who, school, m, a, b])]}]);
}

export const OMSK: RegionFixture = {
  code: "55", name: "Омская область",
  quarters: {
    "2024-Q1": [
      {m: "Тарский", name: "СОШ № 1", students: 100, teachers: 20, forms: {2: [10, 10], 3: [7, 7]}},
      {m: "Тарский", name: "СОШ № 2", students: 50, teachers: 10, forms: {2: [10, 10], 3: [3, 3]}}
    ],
    "2024-Q2": [
      {m: "Тарский", name: "СОШ № 1", students: 100, teachers: 20, forms: {2: [10, 15], 3: [8, 6], 4: [5, 5]}},
      {m: "Тарский", name: "СОШ № 2", students: 50, teachers: 10, forms: {2: [20, 20], 3: [3, 3], 5: [5, 5]}},
      {m: "Тарский", name: "СОШ № 3", students: 40, teachers: 8},
      {m: "Омский", name: "Лицей", students: 10, teachers: 5, forms: {2: [8, 6], 3: [2, 2]}}
    ]
  },
  diagnostics: [
    ["Абрамова Вера Петровна", "Тарский", "СОШ № 1", 40, 50],
    ["Белов Олег Игоревич", "Тарский", "СОШ № 1", 50, 60],
    ["Воронина Инна Юрьевна", "Тарский", "СОШ № 2", 60, 70],
    ["Гусев Антон Львович", "Тарский", "СОШ № 2", 70, 80],
    ["Дроздова Нина Олеговна", "Омский", "Лицей", 80, null]
  ]
};

export const TYUMEN: RegionFixture = {
  code: "72", name: "Тюменская область",
  quarters: {
    "2024-Q2": [
      {m: "Ишимский", name: "Гимназия № 1", students: 200, teachers: 30, forms: {2: [50, 60], 3: [10, 11], 4: [5, 20], 5: [3, 10]}},
      {m: "Ишимский", name: "СОШ № 4", students: 100, teachers: 15, forms: {2: [30, 30], 3: [5, 6]}}
    ]
  },
  diagnostics: [
    ["Егорова Ксения Павловна", "Ишимский", "Гимназия № 1", 30, 60],
    ["Жуков Семён Ильич", "Ишимский", "Гимназия № 1", 40, 60],
    ["Зайцева Лариса Марковна", "Ишимский", "Гимназия № 1", 50, 60],
    ["Ильин Глеб Андреевич", "Ишимский", "СОШ № 4", 60, 60],
    ["Калинина Ада Романовна", "Ишимский", "СОШ № 4", 70, 60],
    ["Лаптев Юрий Денисович", "Ишимский", "СОШ № 4", 80, 60]
  ]
};

export const NOVOSIBIRSK: RegionFixture = {
  code: "54", name: "Новосибирская область",
  quarters: {
    "2024-Q1": [{m: "Бердский", name: "СОШ № 7", students: 120, teachers: 20, forms: {2: [30, 30], 3: [5, 5]}}],
    "2024-Q2": [
      {m: "Бердский", name: "СОШ № 7", students: 120, teachers: 20, forms: {2: [40, 44], 3: [7, 7]}},
      {m: "Бердский", name: "СОШ № 8", students: 0, teachers: 0, noForm1: true, forms: {2: [5, 5], 3: [1, 1]}}
    ]
  }
};

export const REGIONS = [OMSK, TYUMEN, NOVOSIBIRSK];
