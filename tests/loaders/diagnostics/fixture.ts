// A small region for the ingest and report tests: entry and exit diagnostics of six teachers in
// two schools, written the way curators write them (case, ё, double spaces, an ID column, a
// changed surname, one teacher in each wave only).
import {workbookBytes, SCHOOL1, SCHOOL2} from "./helpers.ts";

const HEAD = ["ID", "ФИО педагога", "ОО", "Муниципалитет", "Методические", "Цифровые (ИКТ)"];

export function entryFile(methodologicalA: number | string = 52): Promise<Buffer> {
  return workbookBytes([{name: "Входная диагностика", rows: [HEAD,
    [null, "Иванова Анна Петровна", SCHOOL1, "Саргатский", methodologicalA, 50],
    [null, "Петров Пётр", SCHOOL1, "Саргатский", "40%", 60],
    ["T-3", "Сидорова Ольга", SCHOOL1, "Саргатский", 60, 70],
    [null, "Кузнецов Иван", SCHOOL2, "Тарский", 30, "40 %"],
    [null, "Смирнова Елена", SCHOOL2, "Тарский", 70, null]]}]);
}

export function exitFile(): Promise<Buffer> {
  return workbookBytes([{name: "Итоговая диагностика", rows: [HEAD,
    [null, "иванова  анна петровна", "МБОУ «Саргатская СОШ №1»", "Саргатский", 64, 50],
    [null, "ПЕТРОВ Петр", SCHOOL1, "Саргатский", {percent: 0.5}, 60],
    ["t-3", "Сидорова-Кузнецова Ольга", SCHOOL1, "Саргатский", "43% (результат выполнения теста итоговой диагностики - 57%)", 70],
    [null, "Кузнецов Иван", SCHOOL2, "Тарский", 45, 40],
    [null, "Новикова Дарья", SCHOOL2, "Тарский", 80, 90]]}]);
}
