import {describe, expect, it} from "vitest";
import {examineFile} from "../../../loaders/ingest.ts";
import {toIssue, knownIssueKinds} from "../../../loaders/messages/index.ts";
import type {CatalogueData} from "../../../loaders/routes/catalogue.ts";
import type {RoutesData} from "../../../loaders/routes/routeFile.ts";
import type {StudentResultsData} from "../../../loaders/students/parse.ts";
import {parseHours, parseMark, plannedDates} from "../../../loaders/routes/cells.ts";
import {areasIn} from "../../../loaders/routes/areasIn.ts";
import {projectSettings} from "../../helpers/settings.ts";
import {catalogueFile, routeList, seedFormRoute, studentResultsFile} from "./fixtures.ts";

async function parsed<T>(bytes: Buffer, kind: string) {
  const e = await examineFile("test.xlsx", bytes);
  expect(e.kind?.name).toBe(kind);
  if (!e.ok) throw new Error(JSON.stringify(e.issues));
  for (const i of e.parsed.issues) expect(knownIssueKinds).toContain(i.kind);
  return {data: e.parsed.data as T, issues: e.parsed.issues};
}

describe("cells of route files", () => {
  it("reads hours as people write them", () => {
    expect([36, "36 ч.", "16 часов", "1,5", "—", null].map((v) => parseHours(v === null ? undefined : {value: v}))).toEqual([
      {ok: true, hours: 36}, {ok: true, hours: 36}, {ok: true, hours: 16}, {ok: true, hours: 1.5}, {ok: true, hours: null}, {ok: true, hours: null}]);
    expect(parseHours({value: "около 20"})).toEqual({ok: false});
  });

  it("reads planned dates: a day, a month with or without its year, a range of either", () => {
    const p = (v: string | Date, y: number | null = 2026) => plannedDates({value: v}, y);
    expect(p("01.04.2026")).toEqual({ok: true, start: "2026-04-01", end: "2026-04-01"});
    expect(p(new Date(Date.UTC(2025, 9, 13)))).toEqual({ok: true, start: "2025-10-13", end: "2025-10-13"});
    expect(p("май")).toEqual({ok: true, start: "2026-05-01", end: "2026-05-31"});
    expect(p("ноябрь - декабрь")).toEqual({ok: true, start: "2025-11-01", end: "2025-12-31"});
    expect(p("ноябрь – декабрь 2026", null)).toEqual({ok: true, start: "2026-11-01", end: "2026-12-31"});
    expect(p("с 01.02.2026 по 28.02.2026")).toEqual({ok: true, start: "2026-02-01", end: "2026-02-28"});
    expect(p("01.10.2025 – 30.11.2025")).toEqual({ok: true, start: "2025-10-01", end: "2025-11-30"});
    expect(p("март 2026 г.")).toEqual({ok: true, start: "2026-03-01", end: "2026-03-31"});
    expect(p("май", null)).toEqual({ok: false, reason: "no-year"});
    expect(p("II полугодие")).toEqual({ok: false, reason: "not-a-date"});
    expect(p("декабрь – ноябрь 2025", null)).toEqual({ok: false, reason: "end-before-start"});
  });

  it("reads completion marks: words, a plus, a date, a document; «не пройдено» and blanks are not done", () => {
    const m = (v: string | Date | boolean | null) => parseMark(v === null ? undefined : {value: v});
    expect(m("пройдено")).toEqual({status: "done", date: null, document: null, unreadable: false});
    expect(m("Да")).toMatchObject({status: "done"});
    expect(m("+")).toMatchObject({status: "done"});
    expect(m("Выполнено")).toMatchObject({status: "done"});
    expect(m(new Date(Date.UTC(2025, 11, 15)))).toEqual({status: "done", date: "2025-12-15", document: null, unreadable: false});
    expect(m("15.12.2025")).toEqual({status: "done", date: "2025-12-15", document: null, unreadable: false});
    expect(m("удостоверение № 052401234567 от 30.11.2025")).toEqual({status: "done", date: "2025-11-30",
      document: "удостоверение № 052401234567", unreadable: false});
    expect(m("Сертификат №17-04")).toEqual({status: "done", date: null, document: "Сертификат № 17-04", unreadable: false});
    expect(m("пройдено 28 мая 2026 г.")).toMatchObject({status: "done", date: "2026-05-28"});
    for (const no of ["не пройдено", "нет", "-", "в процессе", "Не прошла"]) expect(m(no)).toMatchObject({status: "not-done", unreadable: false});
    expect(m(null)).toMatchObject({status: "unmarked", unreadable: false});
    expect(m("смотрела частично")).toEqual({status: "unmarked", date: null, document: null, unreadable: true});
  });

  it("finds every area a free text names, in order", () => {
    const defaultAreas = projectSettings().areas;
    expect(areasIn("Низкий уровень сформированности методических и предметных компетенций учителя НОО", defaultAreas))
      .toEqual(["methodological", "subject"]);
    expect(areasIn("ИКТ; психолого-педагогические", defaultAreas)).toEqual(["digital", "psych_pedagogical"]);
    expect(areasIn("Конфликтология", defaultAreas)).toEqual([]);
  });
});

describe("the catalogue", () => {
  it("reads activities with kind, hours, areas and dates, and says which cells it could not use", async () => {
    const {data, issues} = await parsed<CatalogueData>(await catalogueFile(), "route-catalogue");
    expect(data.items.map((i) => [i.no, i.kind, i.hours, i.areas, i.start, i.end])).toEqual([
      [1, "dpo", 36, ["methodological", "subject", "digital"], "2025-10-01", "2025-11-30"],
      [2, "event", 8, ["digital", "methodological"], "2026-06-13", "2026-06-13"],
      [3, "dpo", 72, ["psych_pedagogical"], "2026-01-01", "2026-03-31"],
      [4, "event", null, ["subject"], "2026-04-20", null],
      [5, "event", null, ["psych_pedagogical", "communicative"], null, null],
      [6, "event", null, [], "2025-11-01", "2025-12-31"]]);
    expect(data.items[0]).toMatchObject({provider: "ГБУ ДПО РД ДИРО", format: "очно-заочно", sheet: "Каталог", row: 4});
    expect(issues.map((i) => [i.kind, i.row, i.column])).toEqual([["catalogue/bad-hours", 8, 5], ["catalogue/no-areas", 9, 6]]);
    expect(toIssue(issues[0]!).message).toBe("«шестнадцать» не читается как число часов: часы мероприятия не учтены.");
  });
});

describe("a route in the seed's form", () => {
  it("finds the teacher above the road map and reads both tables with their marks", async () => {
    const {data, issues} = await parsed<RoutesData>(await seedFormRoute(), "routes");
    expect(data.routes).toHaveLength(1);
    const r = data.routes[0]!;
    expect({name: r.fullName, school: r.school, municipality: r.municipality, position: r.position, start: r.start, end: r.end, developed: r.developed})
      .toEqual({name: "Иванова Анна Петровна", school: "МБОУ «Саргатская СОШ №1»", municipality: "Саргатский", position: "Учитель математики",
        start: "2025-09-01", end: "2026-05-31", developed: "2025-09-01"});
    expect(r.activities.map((a) => [a.block, a.hours, a.areas, a.plannedStart, a.plannedEnd, a.mark.status, a.mark.date, a.mark.document])).toEqual([
      ["dpo", 36, ["methodological", "digital"], "2025-10-01", "2025-11-30", "done", "2025-11-30", "удостоверение № 052401234567"],
      ["dpo", 72, ["psych_pedagogical"], "2026-01-01", "2026-03-31", "not-done", null, null],
      ["event", null, ["methodological", "subject"], "2026-04-20", "2026-04-20", "done", null, null],
      ["event", null, [], "2026-05-01", "2026-05-31", "done", "2026-05-28", null],
      ["event", null, ["subject"], "2026-06-01", "2026-06-30", "unmarked", null, null],
      ["event", null, ["digital"], null, null, "unmarked", null, null]]);
    expect(r.activities[2]!.provider).toBe("Федеральный методический центр (apkpro.ru)");
    expect(issues.map((i) => [i.kind, i.row, i.column])).toEqual([
      ["routes/deficits-unmatched", 26, 4], ["routes/mark-unreadable", 27, 5], ["routes/bad-dates", 28, 3]]);
  });

  it("rejects a sheet that names no teacher", async () => {
    const e = await examineFile("x.xlsx", await seedFormRoute({name: "______________"}));
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.issues.map((i) => i.kind)).toEqual(["routes/no-teacher", "routes/no-routes"]);
  });
});

describe("a list of road maps", () => {
  it("groups rows by the teacher written once for their block and places months in the route's school year", async () => {
    const {data, issues} = await parsed<RoutesData>(await routeList(), "routes");
    expect(data.routes.map((r) => [r.fullName, r.school, r.municipality, r.activities.length])).toEqual([
      ["Кузнецов Иван", "МБОУ \"Тарская СОШ № 2\"", "Тарский", 3], ["Смирнова Елена", "МБОУ \"Тарская СОШ № 2\"", "Тарский", 2]]);
    expect(data.routes[0]!.activities.map((a) => [a.plannedStart, a.plannedEnd, a.mark.status])).toEqual([
      ["2025-10-01", "2025-10-31", "done"], ["2025-11-01", "2025-12-31", "done"], ["2026-02-01", "2026-02-28", "unmarked"]]);
    expect(data.routes[1]!.activities.map((a) => [a.areas, a.mark.status, a.mark.document])).toEqual([
      [["psych_pedagogical"], "done", "сертификат № 17-04"], [["communicative"], "not-done", null]]);
    expect(issues).toEqual([]);
  });
});

describe("students' results", () => {
  it("reads the two-level header, school years as written, and drops impossible pairs with an issue", async () => {
    const {data, issues} = await parsed<StudentResultsData>(await studentResultsFile(), "student-results");
    expect(data.rows.map((r) => [r.fullName, r.year, r.className, r.subject, r.students, r.counts.vprTaken, r.counts.vprPassed,
      r.counts.ogeTaken, r.counts.ogePassed, r.meanGrade, r.counts.olympiadParticipants, r.counts.olympiadWinners])).toEqual([
      ["Иванова Анна Петровна", 2025, "5А", "математика", 25, 24, 15, null, null, 3.6, 6, 0],
      ["Иванова Анна Петровна", 2026, "6А", "математика", 25, 25, 20, null, null, 3.9, 9, 2],
      ["Петров Пётр", 2025, "9Б", "физика", 20, null, null, 18, 12, 3.5, 4, 1],
      ["Петров Пётр", 2026, "9Б", "физика", 22, null, null, null, null, 3.7, 5, 1]]);
    expect(issues.map((i) => [i.kind, i.row, i.column])).toEqual([
      ["students/passed-over-taken", 7, 11], ["students/bad-grade", 8, 12], ["students/no-results", 8, undefined]]);
    expect(toIssue(issues[0]!).message).toBe("ОГЭ: успешно 25, а участвовало 21 — успешных не может быть больше участвовавших. Оба числа не учтены; исправьте строку.");
  });
});
