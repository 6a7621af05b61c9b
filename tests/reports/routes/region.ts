// A hand-worked region for the routes' reports (issue 14). Every figure the tests expect is worked
// out in tests/reports/routes/region.md from these files.
//   School A — МБОУ "Саргатская СОШ № 1" (Саргатский): six teachers, both bases of the registries,
//     a staff list with names; routes of five teachers as a list.
//   School B — МБОУ "Тарская СОШ № 2" (Тарский): three teachers, no registries, a staff list with
//     codes only; routes of Кузнецов Иван and of Смирнова Елена (who took no diagnostics).
import ExcelJS from "exceljs";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {Store} from "../../../store/database.ts";
import {workbookBytes} from "../../loaders/diagnostics/helpers.ts";
import {MENTEE_HEADERS, MENTOR_HEADERS, registryXlsx, utc} from "../../loaders/registries/fixtures.ts";
import {catalogueFile, routeList} from "../../loaders/routes/fixtures.ts";

export const A = "МБОУ \"Саргатская СОШ № 1\"";
export const B = "МБОУ \"Тарская СОШ № 2\"";
export const AS_OF = "2026-06-01";

const HEAD = ["ФИО педагога", "ОО", "Муниципалитет", "Методические", "Цифровые (ИКТ)"];
/** [name, school, municipality, entry M, entry D, exit M, exit D] (results, %; deficit = 100 − result). */
export const TEACHERS: Array<[string, string, string, number, number, number | null, number | null]> = [
  ["Иванова Анна Петровна", A, "Саргатский", 40, 60, 60, 64],
  ["Петрова Мария Ивановна", A, "Саргатский", 50, 50, 58, 60],
  ["Сидоров Олег Петрович", A, "Саргатский", 30, 70, 44, 72],
  ["Кузнецова Елена Викторовна", A, "Саргатский", 70, 40, 72, 56],
  ["Орлова Наталья Сергеевна", A, "Саргатский", 45, 45, 50, 47],
  ["Смирнов Павел Павлович", A, "Саргатский", 20, 80, null, null],
  ["Кузнецов Иван", B, "Тарский", 55, 35, 60, 50],
  ["Новикова Дарья", B, "Тарский", 80, 80, 85, 82],
  ["Волкова Ольга", B, "Тарский", 35, 65, 40, 70]
];

export function diagnosticsFile(): Promise<Buffer> {
  return workbookBytes([
    {name: "Входная диагностика", rows: [HEAD, ...TEACHERS.map((t) => [t[0], t[1], t[2], t[3], t[4]])]},
    {name: "Итоговая диагностика", rows: [HEAD, ...TEACHERS.filter((t) => t[5] !== null).map((t) => [t[0], t[1], t[2], t[5], t[6]])]}]);
}

/** School A's road maps as a list (the curator's summary of five routes). */
export function schoolARoutes(): Promise<Buffer> {
  return bytes((wb) => {
    const ws = wb.addWorksheet("ИОМ");
    ws.addRow(["Дорожные карты ИОМ педагогов МБОУ \"Саргатская СОШ № 1\" на 2025/2026 учебный год"]);
    ws.addRow(["Муниципалитет", "ОО", "ФИО педагога", "Название программы (мероприятия)", "Кол-во часов", "Перечень дефицитов", "Сроки прохождения",
      "Отметка о прохождении"]);
    const rows: Array<Array<string | number | null>> = [
      ["Саргатский", A, "Иванова Анна Петровна", "Курс М", 36, "методические", "октябрь – ноябрь", "удостоверение № 1 от 30.11.2025"],
      [null, null, null, "Вебинар Д", null, "цифровые", "март", null],
      [null, null, "Петрова Мария Ивановна", "Курс М+Д", 72, "методические, цифровые", "01.10.2025 – 20.12.2025", "да"],
      [null, null, "Сидоров Олег Петрович", "Курс Д", 36, "ИКТ", "ноябрь", "+"],
      [null, null, "Кузнецова Елена Викторовна", "Курс Д", 36, "цифровые", "декабрь", "15.12.2025"],
      [null, null, null, "Семинар М", 8, "методические", "август", "не пройдено"],
      [null, null, "Орлова Наталья Сергеевна", "Курс психологии", 16, "психолого-педагогические", "январь", "пройдено"]];
    for (const r of rows) ws.addRow(r);
  });
}

export function registriesA(): Promise<Buffer> {
  const titles = ["База наставляемых МБОУ \"Саргатская СОШ № 1\", Саргатский муниципальный район"];
  const mentee = (no: number, name: string, start: Date, mentor: string, end: Date, mark: string) =>
    [no, name, null, null, null, start, mentor, "учитель – учитель", A, end, null, null, mark];
  return registryXlsx({titles, headers: MENTEE_HEADERS, rows: [
    mentee(1, "Петрова Мария Ивановна", utc(2025, 9, 1), "Егорова Татьяна Михайловна", utc(2026, 6, 30), "да"),
    mentee(2, "Сидоров Олег Петрович", utc(2025, 9, 1), "Егорова Татьяна Михайловна", utc(2026, 6, 30), "да"),
    mentee(3, "Кузнецова Елена Викторовна", utc(2025, 10, 15), "Егорова Татьяна Михайловна", utc(2026, 5, 31), "да"),
    mentee(4, "Белов Кирилл Константинович", utc(2024, 9, 2), "Волков Сергей Николаевич", utc(2024, 11, 29), "да")]});
}

export function mentorsA(): Promise<Buffer> {
  const titles = ["База наставников МБОУ \"Саргатская СОШ № 1\", Саргатский муниципальный район"];
  const mentor = (no: number, name: string, start: Date, mentees: string, end: Date) =>
    [no, name, null, A, null, null, null, null, null, start, mentees, "учитель – учитель", A, end, null, null];
  return registryXlsx({titles, headers: MENTOR_HEADERS, rows: [
    mentor(1, "Егорова Татьяна Михайловна", utc(2025, 9, 1), "Петрова М.И., Сидоров О.П.", utc(2026, 6, 30)),
    mentor(2, "Егорова Татьяна Михайловна", utc(2025, 10, 15), "Кузнецова Е.В.", utc(2026, 5, 31)),
    mentor(3, "Волков Сергей Николаевич", utc(2024, 9, 2), "Белов К.К.", utc(2024, 11, 29))]});
}

/** School A's staff list with names (no codes), school B's with codes only. */
export function rosterA(): Promise<Buffer> {
  return bytes((wb) => {
    const ws = wb.addWorksheet("Кадры");
    ws.addRow(["Список педагогических работников по состоянию на 31.05.2026"]);
    ws.addRow(["Муниципальный район", "Образовательная организация", "ФИО", "Дата приёма на работу", "Дата увольнения", "Стаж, лет"]);
    const rows: Array<Array<string | number | Date | null>> = [
      ["Саргатский", A, "Петрова Мария Ивановна", utc(2025, 8, 15), null, 0.8],
      [null, null, "Сидоров Олег Петрович", utc(2025, 8, 1), null, 1],
      [null, null, "Кузнецова Елена Викторовна", utc(2024, 9, 15), null, 2],
      [null, null, "Орлова Наталья Сергеевна", utc(2023, 9, 1), null, 3],
      [null, null, "Белов Кирилл Константинович", utc(2025, 9, 1), null, 0],
      [null, null, "Иванова Анна Петровна", utc(2010, 9, 1), null, 15],
      [null, null, "Смирнов Павел Павлович", utc(2005, 9, 1), null, 20],
      [null, null, "Гусева Ольга Николаевна", utc(2024, 9, 1), utc(2025, 12, 31), 1]];
    for (const r of rows) ws.addRow(r);
  });
}

export function rosterB(): Promise<Buffer> {
  return bytes((wb) => {
    const ws = wb.addWorksheet("Кадры");
    ws.addRow(["Список педагогических работников по состоянию на 31.05.2026"]);
    ws.addRow(["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма на работу", "Стаж, лет"]);
    ws.addRow(["Тарский", B, "Т-01", utc(2025, 9, 1), 0]);
    ws.addRow([null, null, "Т-02", utc(2001, 9, 1), 24]);
  });
}

/** [name, school, year, class, subject, pupils, ВПР писали, справились, ОГЭ сдавали, сдали, ЕГЭ сдавали, сдали, средняя отметка, олимпиады участники, призёры] */
export const RESULTS: Array<[string, string, string, string, string, number, ...Array<number | null>]> = [
  ["Петрова Мария Ивановна", A, "2024/2025", "5А", "математика", 25, 24, 15, null, null, null, null, 3.6, 6, 0],
  ["Петрова Мария Ивановна", A, "2025/2026", "6А", "математика", 25, 25, 20, null, null, null, null, 3.9, 9, 2],
  ["Сидоров Олег Петрович", A, "2024/2025", "9Б", "физика", 20, null, null, 18, 12, null, null, 3.5, 4, 1],
  ["Сидоров Олег Петрович", A, "2025/2026", "9Б", "физика", 22, null, null, 21, 19, null, null, 3.7, 5, 1],
  ["Кузнецова Елена Викторовна", A, "2025/2026", "7В", "русский язык", 26, 26, 18, null, null, null, null, 3.8, null, null],
  ["Иванова Анна Петровна", A, "2024/2025", "8А", "математика", 24, 22, 14, null, null, null, null, 3.4, 3, 0],
  ["Иванова Анна Петровна", A, "2025/2026", "9А", "математика", 24, null, null, 23, 20, null, null, 3.8, 2, 1],
  ["Орлова Наталья Сергеевна", A, "2024/2025", "11А", "химия", 12, null, null, null, null, 10, 9, 4.0, null, null],
  ["Орлова Наталья Сергеевна", A, "2025/2026", "11А", "химия", 14, null, null, null, null, 12, 10, 4.1, null, null],
  ["Кузнецов Иван", B, "2024/2025", "10Б", "физика", 18, null, null, null, null, null, null, 3.9, 5, 2],
  ["Кузнецов Иван", B, "2025/2026", "11Б", "физика", 17, null, null, null, null, 15, 15, 4.2, 6, 3]];

export function studentResults(): Promise<Buffer> {
  return bytes((wb) => {
    const ws = wb.addWorksheet("Результаты");
    ws.addRow(["ФИО учителя", "ОО", "Муниципалитет", "Учебный год", "Класс", "Предмет", "Численность класса", "ВПР: писали", "ВПР: справились",
      "ОГЭ: сдавали", "ОГЭ: сдали", "ЕГЭ: сдавали", "ЕГЭ: сдали (не ниже порога)", "Средняя отметка", "Олимпиады: участники",
      "Олимпиады: победители и призёры"]);
    for (const r of RESULTS) ws.addRow([r[0], r[1], r[1] === A ? "Саргатский" : "Тарский", ...r.slice(2)]);
  });
}

async function bytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A store with the whole region loaded (each file must be accepted). */
export async function regionStore(): Promise<Store> {
  const store = await Store.open(":memory:");
  const files: Array<[string, Promise<Buffer>]> = [
    ["диагностика.xlsx", diagnosticsFile()], ["каталог.xlsx", catalogueFile()], ["маршруты-А.xlsx", schoolARoutes()],
    ["маршруты-Б.xlsx", routeList()], ["наставляемые-А.xlsx", registriesA()], ["наставники-А.xlsx", mentorsA()],
    ["кадры-А.xlsx", rosterA()], ["кадры-Б.xlsx", rosterB()], ["результаты.xlsx", studentResults()]];
  for (const [name, bytesOf] of files) {
    const o = await ingestBytes(store, name, await bytesOf);
    if (o.status === "rejected") throw new Error(`${name} rejected: ${JSON.stringify(o.issues)}`);
  }
  return store;
}
