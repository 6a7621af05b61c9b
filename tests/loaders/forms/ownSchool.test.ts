// A school representative's upload (issue 16 §4): the school is hers, locked by the server; a
// quarterly report naming any other school is refused, with both schools named, and counts against
// no quarter (its claim links it to her school only).
import {describe, expect, it} from "vitest";
import {engagementForm, examine, form1, workbook} from "../../helpers/xlsx.ts";
import {toIssue} from "../../../loaders/messages/index.ts";

const TARA1 = {name: "МБОУ «Тарская СОШ № 1»", municipality: "Тарский", id: 7, locked: true};

async function report(rows: Array<[string, string]>) {
  return workbook((wb) => {
    const ws = wb.addWorksheet("Лист1");
    form1(ws, rows.map(([m, s]) => [m, s, "", 100, 10, 1]));
    engagementForm(ws, 2, rows.map(([m, s]) => [m, s, "А", 10, 10, ""]));
  });
}

describe("a report sent from a school's own account", () => {
  it("is read when it names her school, in another spelling of the same name", async () => {
    const r = await examine(await report([["Тарский р-н", "МБОУ \"Тарская СОШ №1\""]]), {school: TARA1});
    expect(r.ok).toBe(true);
  });

  it("is read when it names a spelling the directory links to her school", async () => {
    const r = await examine(await report([["Тарский", "Средняя школа № 1 г. Тара"]]), {school: {...TARA1, aliases: ["Средняя школа № 1 г. Тара"]}});
    expect(r.ok).toBe(true);
  });

  it("is refused when a row names another school, with the school in the file and hers", async () => {
    const r = await examine(await report([["Тарский", "МБОУ «Тарская СОШ № 1»"], ["Тарский", "МБОУ «Тарская СОШ № 5»"]]), {school: TARA1}, "отчёт.xlsx");
    if (r.ok) throw new Error("accepted");
    expect(r.issues).toEqual([{severity: "error", kind: "school/option-differs", file: "отчёт.xlsx", sheet: "Лист1", row: 5,
      school: "МБОУ «Тарская СОШ № 5»", details: {chosen: "МБОУ «Тарская СОШ № 1»", locked: true, municipality: "Тарский"}}]);
    expect(toIssue(r.issues[0]!).message).toBe("Файл не принят: в нём указана школа «МБОУ «Тарская СОШ № 5»» (Тарский), а ваша школа — " +
      "«МБОУ «Тарская СОШ № 1»». Загрузите отчёт своей школы; если в файле ошибка в названии школы, исправьте его.");
    expect(r.claims).toEqual({period: null, noPeriod: true, schools: [{municipality: "Тарский", name: "МБОУ «Тарская СОШ № 1»"}]});
  });

  it("is refused when it names a school of the same name in another district", async () => {
    const r = await examine(await report([["Саргатский", "МБОУ «Тарская СОШ № 1»"]]), {school: TARA1});
    if (r.ok) throw new Error("accepted");
    expect(r.issues.map((i) => [i.kind, i.severity, (i.details as {municipality: string}).municipality])).toEqual([["school/option-differs", "error", "Саргатский"]]);
  });

  it("chosen by the methodologist (not locked), a report of another school is read as before: the file's school counts", async () => {
    const r = await examine(await report([["Тарский", "МБОУ «Тарская СОШ № 5»"]]), {school: {...TARA1, locked: false}});
    expect(r.ok).toBe(true);
  });
});
