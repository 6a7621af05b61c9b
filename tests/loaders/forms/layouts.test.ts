import {describe, expect, it} from "vitest";
import type ExcelJS from "exceljs";
import {addRows, engagementForm, examine, form1, workbook, FORM_TITLES} from "../../helpers/xlsx.ts";
import type {FormsData} from "../../../loaders/forms/parseForms.ts";

const F1 = [["Саргатский", "МБОУ «Саргатская СОШ № 1»", "Иванов И.И., 8-900-000-00-00", "85 человек", "15 человек", "5 человек"]];
const school = "МБОУ «Саргатская СОШ № 1»";

async function data(buffer: Buffer, options = {}) {
  const r = await examine(buffer, options);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.issues)}`);
  return {data: r.parsed.data as FormsData, issues: r.parsed.issues, period: r.parsed.period};
}

const totalsByForm = (d: FormsData) => Object.fromEntries([2, 3, 4, 5].map((f) => [f,
  d.engagement.filter((e) => e.form === f).reduce((a, e) => [a[0]! + (e.mentors ?? 0), a[1]! + (e.mentees ?? 0)], [0, 0])]));

describe("forms are found by their titles and headers wherever they are", () => {
  it("one form per sheet, sheet names meaning nothing", async () => {
    const buf = await workbook((wb) => {
      form1(wb.addWorksheet("Sheet3"), F1);
      engagementForm(wb.addWorksheet("свод"), 2, [["Саргатский", school, "Программа «Лидер»", 10, 10, "…"]]);
      engagementForm(wb.addWorksheet("Лист1"), 3, [["Саргатский", school, "Программа «Время работать вместе»", 5, 6, "…"]]);
      engagementForm(wb.addWorksheet("Лист7"), 4, [["Саргатский", school, "«Точный старт»", "4 Студент 2 курса Технологического колледжа", 4, "…"]], {total: [4, 4]});
      engagementForm(wb.addWorksheet("x"), 5, [["Саргатский", school, "«Шаг в профессию»", "3 Маркетолог; Менеджер по рекламе", 3, "…"]], {total: [3, 3]});
    });
    const {data: d, issues, period} = await data(buf);
    expect(period).toBe("2024-Q1");
    expect(d.form1).toMatchObject([{municipality: "Саргатский", school, students: 85, teachers: 15, youngTeachers: 5}]);
    expect(totalsByForm(d)).toEqual({2: [10, 10], 3: [5, 6], 4: [4, 4], 5: [3, 3]});
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("all five stacked on one sheet with blank rows and notes between them", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Отчёт");
      form1(ws, F1);
      addRows(ws, [[], ["ВНИМАНИЕ! для заполнения форм 2-5 необходимо ознакомиться с характеристиками форм наставничества (см. ниже)"],
        ["При заполнении количества вовлеченных в программы наставничества обучающийся учитывается ОДИН раз"], []]);
      engagementForm(ws, 2, [["Саргатский", school, "Программа «Лидер»", 10, 12, "…"]]);
      addRows(ws, [[], ["Примечание: данные на конец квартала"], [], []]);
      engagementForm(ws, 3, [["Саргатский", school, "Программа «Время»", 5, 6, "…"]]);
      addRows(ws, [[]]);
      engagementForm(ws, 4, [["Саргатский", school, "«Точный старт»", "6 студентов 3 курса БПОУ «Омский колледж № 1»", 6, "…"]], {total: [6, 6]});
      engagementForm(ws, 5, [], {total: [0, 0]});
    });
    const {data: d, issues} = await data(buf);
    expect(totalsByForm(d)).toEqual({2: [10, 12], 3: [5, 6], 4: [6, 6], 5: [0, 0]});
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("the «Форма N» line may be missing or share a cell with the title", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 2, [["Саргатский", school, "А", 1, 2, ""]], {marker: null});
      engagementForm(ws, 3, [["Саргатский", school, "Б", 3, 4, ""]], {marker: null, title: `Форма 3. ${FORM_TITLES[3]}`});
    });
    expect(totalsByForm((await data(buf)).data)).toMatchObject({2: [1, 2], 3: [3, 4]});
  });

  it("title variants: dashes, quotes, ё, spaces and case", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 2, [["Саргатский", school, "А", 1, 1, ""]], {marker: null, title: "ДАННЫЕ О ЧИСЛЕННОСТИ вовлечённости по  форме \"Ученик—ученик\""});
      engagementForm(ws, 3, [["Саргатский", school, "Б", 2, 2, ""]], {marker: null, title: "данные о численности вовлеченности по форме “учитель -учитель”"});
      engagementForm(ws, 4, [["Саргатский", school, "В", 3, 3, ""]], {marker: null, title: "Данные о численности по форме «Студент – ученик»"});
      engagementForm(ws, 5, [["Саргатский", school, "Г", 4, 4, ""]], {marker: null, title: "Данные о численности по форме «работодатель - ученик»"});
    });
    expect(totalsByForm((await data(buf)).data)).toEqual({2: [1, 1], 3: [2, 2], 4: [3, 3], 5: [4, 4]});
  });

  it("the district written once per block, as a vertical merge, with blank continuation cells and a blank row inside", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, [["Тарский", "СОШ № 1", "", 100, 20, 2], ["", "СОШ № 2", "", 90, 18, 3], ["Омский", "Лицей № 5", "", 80, 10, 1]]);
      const header = engagementForm(ws, 3, [
        ["Тарский", "СОШ № 1", "Программа А", 2, 3, ""],
        ["", "", "Программа Б", 1, 1, "Результат, перенесённый"],
        ["", "", "", "", "", "на следующую строку"],
        [],
        ["", "СОШ № 2", "Программа В", 4, 4, ""],
        ["Омский", "Лицей № 5", "Программа Г", 5, 5, ""]
      ], {total: [12, 13]});
      // «Тарский» merged down over its block of rows.
      ws.mergeCells(header + 2, 1, header + 6, 1);
      addRows(ws, [["Примечание: в программе «Б» наставляемые — молодые специалисты."]]);
    });
    const {data: d, issues} = await data(buf);
    expect(d.engagement.map((e) => [e.municipality, e.school, e.programme, e.mentors, e.mentees])).toEqual([
      ["Тарский", "СОШ № 1", "Программа А", 2, 3], ["Тарский", "СОШ № 1", "Программа Б", 1, 1],
      ["Тарский", "СОШ № 2", "Программа В", 4, 4], ["Омский", "Лицей № 5", "Программа Г", 5, 5]]);
    expect(d.engagement[1]!.result).toBe("Результат, перенесённый на следующую строку");
    expect(d.form1.map((r) => r.municipality)).toEqual(["Тарский", "Тарский", "Омский"]);
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("a count merged across two rows is counted once", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      const header = engagementForm(ws, 2, [["Саргатский", school, "А", 10, 7, ""], ["", "", "Б", null, 3, ""]], {total: [10, 10]});
      ws.mergeCells(header + 2, 4, header + 3, 4);
    });
    const {data: d, issues} = await data(buf);
    expect(totalsByForm(d)[2]).toEqual([10, 10]);
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("a formula total counts by its cached value and numbers may be words", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, [["Саргатский", school, "", "сто", "Пятнадцать", "'3'"]]);
      const header = engagementForm(ws, 2, [["Саргатский", school, "А", "пять", "5 чел.", ""], ["", "", "Б", 5.0, "6 человек", ""]], {total: null});
      ws.addRow(["Итого, чел", "", "", {formula: `SUM(D${header + 2}:D${header + 3})`, result: 10}, {formula: "SUM(E1:E2)", result: 11}, ""]);
    });
    const {data: d, issues} = await data(buf);
    expect(d.form1[0]).toMatchObject({students: 100, teachers: 15, youngTeachers: 3});
    expect(totalsByForm(d)[2]).toEqual([10, 11]);
    expect(issues.filter((i) => i.severity !== "info")).toEqual([]);
  });
});

describe("municipal files with several districts", () => {
  it("subtotals per district («Итого по району») are checked against their block, the grand total against all rows", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Свод");
      form1(ws, [["Тарский", "СОШ № 1", "", "1 200 человек", 20, 2], ["Омский", "Лицей", "", 300, 30, 3]]);
      engagementForm(ws, 3, [["Тарский", "СОШ № 1", "А", 2, 3, ""], ["Итого по Тарскому району", "", "", 2, 3, ""],
        [], ["Омский", "Лицей", "Б", 4, 4, ""], ["Итого по Омскому району", "", "", 4, 5, ""]], {total: [6, 7]});
    });
    const {data: d, issues} = await data(buf);
    expect(d.form1.map((r) => r.students)).toEqual([1200, 300]);
    expect(d.engagement.map((e) => [e.school, e.mentors, e.mentees])).toEqual([["СОШ № 1", 2, 3], ["Лицей", 4, 4]]);
    expect(issues.filter((i) => i.severity !== "info").map((i) => [i.kind, i.details])).toEqual([
      ["table/total-mismatch", {form: 3, field: "mentees", stated: 5, computed: 4}]]);
  });
});

describe("the period comes from a title line, else from --period", () => {
  it.each([["за I квартал 2024 г.", "2024-Q1"], ["за 2 квартал 2024 года", "2024-Q2"], ["за II квартал 2024 г.", "2024-Q2"],
    ["Отчёт за IV квартал 2023 г.", "2023-Q4"], ["за первый квартал 2024 года", "2024-Q1"], ["1 кв. 2024", "2024-Q1"]])("«%s» is %s", async (title, period) => {
    const buf = await workbook((wb) => form1(wb.addWorksheet("a"), F1, `Информация об участниках ${title}`));
    expect((await data(buf)).period).toBe(period);
  });

  it("a file with neither is rejected with a message saying how to give the period", async () => {
    const buf = await workbook((wb) => form1(wb.addWorksheet("a"), F1, "Информация об участниках"));
    const r = await examine(buf);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.kind)).toEqual(["file/no-period"]);
    expect((await data(buf, {period: "2024-Q3"})).period).toBe("2024-Q3");
  });

  it("two different quarters in one file are not guessed", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("a");
      form1(ws, F1, "Информация за I квартал 2024 г.");
      engagementForm(ws, 2, [["Саргатский", school, "А", 1, 1, ""]], {title: `${FORM_TITLES[2]} за II квартал 2024 г.`});
    });
    const r = await examine(buf);
    expect(!r.ok && r.issues.map((i) => i.kind)).toEqual(["file/period-conflict"]);
  });
});

describe("problems are issues with their cell, and the data is kept", () => {
  it("an «Итого» that differs from its rows is reported at the «Итого» cell with stated and computed", async () => {
    let totalRow = 0;
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 2, [["Саргатский", school, "А", 10, 10, ""], ["", "", "Б", 2, 3, ""]], {total: [12, 14]});
      totalRow = ws.rowCount;
    });
    const {data: d, issues} = await data(buf);
    expect(totalsByForm(d)[2]).toEqual([12, 13]);
    expect(issues).toContainEqual(expect.objectContaining({kind: "table/total-mismatch", severity: "error", row: totalRow, column: 5,
      details: {form: 2, field: "mentees", stated: 14, computed: 13}}));
  });

  it("negative, fractional, ambiguous and unreadable counts are errors with their cell; the rest of the row stays", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 2, [["Саргатский", school, "А", -2, 2.5, ""], ["", "", "Б", "10-12", "много", ""], ["", "", "В", 3, 3, ""]], {total: null});
    });
    const {data: d, issues} = await data(buf);
    expect(issues.filter((i) => i.severity === "error").map((i) => [i.kind, i.value])).toEqual([
      ["cell/negative-count", -2], ["cell/fractional-count", 2.5], ["cell/ambiguous-count", "10-12"], ["cell/not-a-number", "много"]]);
    expect(d.engagement.map((e) => [e.programme, e.mentors, e.mentees])).toEqual([["А", null, null], ["Б", null, null], ["В", 3, 3]]);
  });

  it("a school in Forms 2–5 missing from Form 1 is flagged and kept", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 3, [["Саргатский", "СОШ № 9", "А", 1, 1, ""]]);
    });
    const {data: d, issues} = await data(buf);
    expect(d.engagement).toHaveLength(1);
    expect(issues).toContainEqual(expect.objectContaining({kind: "school/missing-from-form1", school: "СОШ № 9"}));
    expect(issues).toContainEqual(expect.objectContaining({kind: "school/no-engagement", school}));
  });

  it("a value outside the form's columns inside the table is named", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      const header = engagementForm(ws, 2, [["Саргатский", school, "А", 1, 1, "", "забыли куда"]]);
      void header;
    });
    const {issues} = await data(buf);
    expect(issues).toContainEqual(expect.objectContaining({kind: "cell/unread", column: 7, value: "забыли куда"}));
  });

  it("a table whose form cannot be told is an issue, not a guess", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, F1);
      engagementForm(ws, 2, [["Саргатский", school, "А", 1, 1, ""]], {marker: null, title: "Таблица"});
    });
    const {issues} = await data(buf);
    expect(issues.map((i) => i.kind)).toContain("table/form-unknown");
  });
});

// Keeps the ExcelJS type import used when fixtures change.
export type _Sheet = ExcelJS.Worksheet;
