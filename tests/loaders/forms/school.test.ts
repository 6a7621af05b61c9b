// Where a quarterly report names its school: in the rows, in a title, or chosen at upload; rows that
// name none are one issue for the table, never one per row.
import {describe, expect, it} from "vitest";
import {engagementForm, examine, form1, workbook} from "../../helpers/xlsx.ts";
import type {FormsData} from "../../../loaders/forms/parseForms.ts";

async function blankSchools(title?: string) {
  return workbook((wb) => {
    const ws = wb.addWorksheet("Лист1");
    if (title) ws.addRow([title]);
    form1(ws, [["Тарский", "", "", 100, 10, 1]]);
    engagementForm(ws, 2, [["Тарский", "", "А", 10, 10, ""], ["", "", "Б", 5, 5, ""], ["", "", "В", 1, 1, ""]]);
  });
}

describe("rows that name no school", () => {
  it("are one issue per table with the number of rows", async () => {
    const r = await examine(await blankSchools());
    if (!r.ok) throw new Error("rejected");
    const issues = r.parsed.issues.filter((i) => i.kind === "row/no-school");
    expect(issues.map((i) => [i.row, (i.details as {rows: number}).rows])).toEqual([[4, 1], [9, 3]]);
  });

  it("take the school chosen at upload", async () => {
    const r = await examine(await blankSchools(), {school: {name: "МБОУ «Тарская СОШ № 1»", municipality: "Тарский"}});
    if (!r.ok) throw new Error("rejected");
    const d = r.parsed.data as FormsData;
    expect(d.form1.map((x) => [x.school, x.students])).toEqual([["МБОУ «Тарская СОШ № 1»", 100]]);
    expect(d.engagement.map((x) => [x.school, x.mentors])).toEqual([["МБОУ «Тарская СОШ № 1»", 10], ["МБОУ «Тарская СОШ № 1»", 5], ["МБОУ «Тарская СОШ № 1»", 1]]);
    expect(r.parsed.issues.filter((i) => i.kind === "row/no-school")).toEqual([]);
  });

  it("take the school a title line names", async () => {
    const r = await examine(await blankSchools("Отчёт МБОУ «Тарская СОШ № 1» за I квартал 2024 г."));
    if (!r.ok) throw new Error("rejected");
    expect((r.parsed.data as FormsData).form1.map((x) => x.school)).toEqual(["МБОУ «Тарская СОШ № 1»"]);
  });
});
