// The hand-worked region of tests/reports/levels.test.ts (2 municipalities, 4 schools, I quarter
// 2024 and the schools' indicator tables for 2023/24): the figures are worked out there.
import type {Store} from "../../store/database.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {directorySchools} from "../../store/directory.ts";
import {quarterFile, type SchoolSpec} from "./region.ts";
import {xlsx} from "../loaders/effectiveness/helpers.ts";

export const LEVEL_SCHOOLS: SchoolSpec[] = [
  {m: "Тарский", name: "СОШ № 1", students: 200, teachers: 20, forms: {2: [30, 40], 3: [5, 9], 4: ["3 студента", 10]}},
  {m: "Тарский", name: "СОШ № 2", students: 100, teachers: 10, forms: {2: [40, 35], 3: [4, 4], 5: ["2 Работодатель", 5]}},
  {m: "Тарский", name: "СОШ № 3", students: 50, teachers: 5},
  {m: "Омский", name: "Лицей", students: 300, teachers: 30, forms: {2: [100, 120], 3: [10, 12]}}
];

const PUBLICATIONS: Array<[string, string, number, number]> = [["Тарский", "СОШ № 1", 5, 20], ["Тарский", "СОШ № 2", 6, 10], ["Омский", "Лицей", 15, 30]];

/** The fixture region into a store: the quarter and the schools' indicator tables for 2023/24. */
export async function levelRegion(store: Store): Promise<void> {
  await ingestBytes(store, "квартал.xlsx", await quarterFile("за I квартал 2024 г.", LEVEL_SCHOOLS));
  for (const [m, school, n, d] of PUBLICATIONS) {
    await ingestBytes(store, `показатели ${school}.xlsx`, await xlsx("Показатели", [
      [`Муниципальный район: ${m}`], [`Образовательная организация: ${school}`], ["2023/2024 учебный год"],
      ["Показатель", "Количество педагогов", "Всего педагогов", "Целевое значение, %"],
      ["Педагоги, имеющие публикации", n, d, null]]));
  }
}

/** Directory ids of the fixture's schools and municipalities, by name. */
export async function levelIds(store: Store): Promise<{school: Record<string, number>; municipality: Record<string, number>}> {
  const schools = await store.read((c) => directorySchools(c));
  return {school: Object.fromEntries(schools.map((s) => [s.name, s.id])),
    municipality: Object.fromEntries(schools.map((s) => [s.municipality, s.municipalityId]))};
}

