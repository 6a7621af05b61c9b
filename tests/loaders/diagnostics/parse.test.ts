import {describe, expect, it} from "vitest";
import {examineFile, type Examined} from "../../../loaders/ingest.ts";
import {guardZip} from "../../../loaders/xlsx/zipGuard.ts";
import {readWorkbook} from "../../../loaders/xlsx/readWorkbook.ts";
import {knownIssueKinds, toIssue} from "../../../loaders/messages/index.ts";
import {diagnosticsKind} from "../../../loaders/diagnostics/kind.ts";
import {AreasConfigSchema} from "../../../loaders/diagnostics/areas.ts";
import {projectSettings} from "../../helpers/settings.ts";
import type {DiagnosticsData, TeacherRow} from "../../../loaders/diagnostics/parse.ts";
import type {IssueFacts} from "../../../loaders/issues.ts";
import {workbookBytes, HEADER, SCHOOL1, SCHOOL2, type SheetSpec} from "./helpers.ts";

async function examine(sheets: SheetSpec[], options: {wave?: string} = {}, file = "диагностика.xlsx") {
  const r = await examineFile(file, await workbookBytes(sheets), options);
  return r;
}

function accepted(r: Examined): {rows: TeacherRow[]; issues: IssueFacts[]} {
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.issues)}`);
  expect(r.kind.name).toBe("diagnostics");
  return {rows: (r.parsed.data as DiagnosticsData).rows, issues: r.parsed.issues};
}

const resultsOf = (row: TeacherRow) => Object.fromEntries(row.results.map((x) => [x.area, x.result]));

describe("reading diagnostics files", () => {
  it("reads a result however it is written: 52, 52%, 52,5, «52,5 %», a percent cell and the route form", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна Петровна", SCHOOL1, "Саргатский", 52, "44%", {percent: 0.685}, "17% (результат выполнения теста входной диагностики - 83%)", "52,5 %"],
      ["Сидоров Олег", SCHOOL1, "Саргатский", "52,5", " 60 ", {percent: 1}, {percent: 0}, 0]]}]));
    // Nothing wrong with the values; only that the file names no school year (information).
    expect(issues).toEqual([{file: "диагностика.xlsx", sheet: "Входная", severity: "info", kind: "diagnostics/no-school-year",
      details: {sheets: ["Входная"]}}]);
    expect(resultsOf(rows[0]!)).toEqual({methodological: 52, subject: 44, psych_pedagogical: 68.5, communicative: 83, digital: 52.5});
    expect(resultsOf(rows[1]!)).toEqual({methodological: 52.5, subject: 60, psych_pedagogical: 100, communicative: 0, digital: 0});
    expect(rows[0]).toMatchObject({wave: "entry", school: SCHOOL1, municipality: "Саргатский", sheet: "Входная", row: 2});
  });

  it("reads a column whose header says «дефицит» as deficits, result = 100 − value", async () => {
    const {rows} = accepted(await examine([{name: "Лист1", rows: [
      ["ФИО педагога", "ОО", "Муниципалитет", "Дефицит: методические, %", "Дефицит: предметные, %"],
      ["Иванова Анна", SCHOOL1, "Саргатский", 48, "56 %"]]}], {wave: "entry"}));
    expect(resultsOf(rows[0]!)).toEqual({methodological: 52, subject: 44});
  });

  it("reads a two-level header with merged cells: «Дефициты, %» over the areas and «ФИО» merged down", async () => {
    const {rows} = accepted(await examine([{name: "Итоговая", merges: ["A2:A3", "B2:B3", "C2:C3", "D2:E2", "A4:A4"],
      rows: [
        ["Итоговая диагностика педагогов, 2026 г."],
        ["ФИО педагога", "Образовательная организация", "Муниципальный район", "Дефициты по областям, %", null],
        [null, null, null, "Методические", "Коммуникативные"],
        ["Петрова Мария", SCHOOL2, "Тарский", 30, 10]
      ]}]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({wave: "exit", school: SCHOOL2, row: 4});
    expect(resultsOf(rows[0]!)).toEqual({methodological: 70, communicative: 90});
  });

  it("reports values outside 0–100 and unreadable ones with their cell, and treats a blank cell as not measured", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 120, "около половины", null, "—", -5],
      ["Петров Пётр", SCHOOL1, "Саргатский", null, 61]]}]));
    expect(rows.map((r) => r.fullName)).toEqual(["Петров Пётр"]);
    expect(resultsOf(rows[0]!)).toEqual({subject: 61});
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/out-of-range", severity: "error",
      sheet: "Входная", row: 2, column: 4, value: 120, school: SCHOOL1}));
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/not-a-percent", row: 2, column: 5, value: "около половины"}));
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/out-of-range", row: 2, column: 8, value: -5}));
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/no-results", row: 2}));
    expect(issues.filter((i) => i.column === 6 || i.column === 7)).toEqual([]);
    const message = toIssue(issues.find((i) => i.kind === "diagnostics/out-of-range")!);
    expect(message).toMatchObject({cell: "D2", message: "120 — вне диапазона 0–100 % (Методические, результат). Значение не учтено."});
  });

  it("keeps a teacher's measured areas when another area's cell is bad", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 40, "сорок", null, null, null]]}]));
    expect(resultsOf(rows[0]!)).toEqual({methodological: 40});
    expect(issues.map((i) => i.kind)).toEqual(["diagnostics/not-a-percent", "diagnostics/no-school-year"]);
  });

  it("keeps the stated result when the route form's deficit and result do not add up, with a warning", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", "48% (результат выполнения теста входной диагностики - 50%)"]]}]));
    expect(resultsOf(rows[0]!)).toEqual({methodological: 50});
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/deficit-result-mismatch", severity: "warning",
      row: 2, column: 4, details: {deficit: 48, result: 50, area: "Методические"}}));
  });

  it("reads a column of plain shares (0,52) as percents and says so", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 0.52], ["Петров Пётр", SCHOOL1, "Саргатский", 1]]}]));
    expect(rows.map((r) => resultsOf(r).methodological)).toEqual([52, 100]);
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/read-as-share", severity: "info", column: 4}));
  });

  it("reports a formula without a stored result instead of reading it as 0", async () => {
    const {issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", {formula: "100-48"}, 44]]}]));
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/formula-no-result", row: 2, column: 4, value: "=100-48"}));
  });

  it("inherits the school and district written once for a block, merged or not", async () => {
    const {rows} = accepted(await examine([{name: "Входная", merges: ["B2:B3", "C2:C4"], rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 50],
      ["Петров Пётр", null, null, 60],
      ["Сидорова Ольга", "МБОУ \"Саргатская СОШ № 2\"", null, 70],
      ["Кузнецов Иван", SCHOOL2, "Тарский", 80],
      ["Итого", null, null, 65]]}]));
    expect(rows.map((r) => [r.fullName, r.municipality, r.school])).toEqual([
      ["Иванова Анна", "Саргатский", SCHOOL1], ["Петров Пётр", "Саргатский", SCHOOL1],
      ["Сидорова Ольга", "Саргатский", "МБОУ \"Саргатская СОШ № 2\""], ["Кузнецов Иван", "Тарский", SCHOOL2]]);
  });

  it("keeps the optional columns: position, subject, experience and ID", async () => {
    const {rows} = accepted(await examine([{name: "Входная", rows: [
      ["№ п/п", "ID", "ФИО педагога", "Должность", "Предмет", "Стаж", "ОО", "Муниципалитет", "Методические компетенции", "Предметные компетенции"],
      [1, "T-017", "Иванова Анна", "учитель", "математика", "2 года", SCHOOL1, "Саргатский", 52, 44]]}]));
    expect(rows[0]).toMatchObject({externalId: "t-017", position: "учитель", subject: "математика", experience: "2 года"});
    expect(resultsOf(rows[0]!)).toEqual({methodological: 52, subject: 44});
  });
});

describe("the wave of a diagnostics file", () => {
  const body = (name: string, ...more: Array<string | number | null>) => [name, SCHOOL1, "Саргатский", ...more, 50];

  it("comes from --wave when the file does not say it", async () => {
    expect(accepted(await examine([{name: "Лист1", rows: [HEADER, body("Иванова Анна")]}], {wave: "exit"})).rows[0]!.wave).toBe("exit");
  });

  it("comes from a title line above the table", async () => {
    const {rows} = accepted(await examine([{name: "Лист1", rows: [["Результаты начальной диагностики педагогов"], [], HEADER, body("Иванова Анна")]}]));
    expect(rows[0]!.wave).toBe("entry");
  });

  it("comes from a column «Этап» row by row: входная, начальная, вход, итоговая, выход", async () => {
    const {rows, issues} = accepted(await examine([{name: "Лист1", rows: [["ФИО педагога", "ОО", "Муниципалитет", "Этап", "Методические"],
      body("А Б", "входная"), body("В Г", "Начальная"), body("Д Е", "вход"), body("А Б", "итоговая"), body("В Г", "выход"), body("Ж З", "промежуточная")]}]));
    expect(rows.map((r) => r.wave)).toEqual(["entry", "entry", "entry", "exit", "exit"]);
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/unknown-wave", row: 7, column: 4, value: "промежуточная"}));
  });

  it("reads entry and exit from two sheets of one file", async () => {
    const {rows} = accepted(await examine([
      {name: "Входная диагностика", rows: [HEADER, body("Иванова Анна")]},
      {name: "Итоговая диагностика", rows: [HEADER, body("Иванова Анна")]}]));
    expect(rows.map((r) => r.wave)).toEqual(["entry", "exit"]);
    expect(rows.every((r) => !r.ambiguous)).toBe(true);
  });

  it("prefers what the file says over --wave, with a warning", async () => {
    const {rows, issues} = accepted(await examine([{name: "Итоговая", rows: [HEADER, body("Иванова Анна")]}], {wave: "entry"}));
    expect(rows[0]!.wave).toBe("exit");
    expect(issues).toContainEqual(expect.objectContaining({kind: "diagnostics/wave-conflict", severity: "warning",
      details: {stated: "exit", given: "entry"}}));
  });

  it("rejects a file that names no wave anywhere, saying how to fix it", async () => {
    const r = await examine([{name: "Лист1", rows: [HEADER, body("Иванова Анна")]}], {}, "results.xlsx");
    expect(r.ok).toBe(false);
    const kinds = (r.ok ? [] : r.issues).map((i) => i.kind);
    expect(kinds).toEqual(["diagnostics/no-wave", "diagnostics/no-rows"]);
    const message = toIssue((r as {issues: IssueFacts[]}).issues[0]!).message;
    // Said for a person at the upload page and at the command line alike: no option names.
    expect(message).toContain("укажите этап при загрузке");
    expect(message).toMatch(/входная entry, итоговая exit/);
    expect(message).not.toContain("--");
  });

  it("uses a wave named in the file name as the last resort", async () => {
    const r = accepted(await examine([{name: "Лист1", rows: [HEADER, body("Иванова Анна")]}], {}, "итоговая_2026.xlsx"));
    expect(r.rows[0]!.wave).toBe("exit");
  });
});

describe("teachers that cannot be told apart", () => {
  it("flags two people with one name in one school and wave, and merges neither", async () => {
    const {rows, issues} = accepted(await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна Петровна", SCHOOL1, "Саргатский", 50],
      ["ИВАНОВА  Анна Пётровна", SCHOOL1, "Саргатский", 70],
      ["Иванова Анна Петровна", SCHOOL2, "Тарский", 60]]}]));
    expect(rows.map((r) => r.ambiguous)).toEqual([true, true, false]);
    expect(issues.filter((i) => i.kind === "diagnostics/ambiguous-teacher")).toEqual([
      expect.objectContaining({row: 2, severity: "warning", details: {rows: ["3"]}}),
      expect.objectContaining({row: 3, details: {rows: ["2"]}})]);
  });

  it("does not flag namesakes whose IDs differ", async () => {
    const {rows} = accepted(await examine([{name: "Входная", rows: [["ID", ...HEADER],
      ["1", "Иванова Анна", SCHOOL1, "Саргатский", 50], ["2", "Иванова Анна", SCHOOL1, "Саргатский", 70]]}]));
    expect(rows.map((r) => r.ambiguous)).toEqual([false, false]);
  });
});

describe("areas are configuration", () => {
  it("reads an area a region adds without code, and ignores a column of an unknown area", async () => {
    const config = AreasConfigSchema.parse({areas: [...projectSettings().areas.areas,
      {code: "legal", label: "Нормативно-правовые", synonyms: ["нормативно-правов", "правов"]}]});
    const bytes = await workbookBytes([{name: "Входная", rows: [[...HEADER.slice(0, 4), "Нормативно–правовые компетенции", "Здоровьесберегающие"],
      ["Иванова Анна", SCHOOL1, "Саргатский", 50, "35%", 80]]}]);
    const guarded = await guardZip(bytes);
    if (!guarded.ok) throw new Error("guard");
    const wb = readWorkbook(guarded.entries);
    if (!wb.ok) throw new Error("read");
    const kind = diagnosticsKind(config);
    const context = {file: "x.xlsx", settings: projectSettings()};
    expect(kind.detect(wb.workbook, context)).toBeGreaterThanOrEqual(0.9);
    const parsed = kind.parse(wb.workbook, context);
    expect(resultsOf(parsed.data.rows[0]!)).toEqual({methodological: 50, legal: 35});
  });

  it("does not take a file without a name column or areas for diagnostics", async () => {
    const r = await examine([{name: "Лист1", rows: [["Муниципальный район", "Общеобразовательные организации", "Количество"], ["Саргатский", "СОШ", 5]]}]);
    expect(r.ok ? r.kind.name : r.kind?.name ?? null).not.toBe("diagnostics");
  });

  it("words every issue kind it emits", async () => {
    const r = await examine([{name: "Входная", rows: [HEADER,
      ["Иванова Анна", SCHOOL1, "Саргатский", 120, "x", {formula: "1+1"}, "48% (результат - 50%)"],
      ["Иванова Анна", SCHOOL1, "Саргатский", 0.5],
      [null, SCHOOL1, null, 50]]}], {wave: "exit"});
    const issues = r.ok ? r.parsed.issues : r.issues;
    expect(issues.length).toBeGreaterThan(4);
    for (const i of issues) {
      expect(knownIssueKinds).toContain(i.kind);
      expect(toIssue(i).message.length).toBeGreaterThan(10);
    }
  });
});
