// The region's directory as an uploaded file: read by its headers, stored as the schools that must
// report, matched with the names schools write themselves.
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Store} from "../../../store/database.ts";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {engagementReport} from "../../../reports/engagement.ts";
import {directorySchools, schoolAliases} from "../../../store/directory.ts";
import {examine, workbook} from "../../helpers/xlsx.ts";
import {directoryFile, quarter} from "../../helpers/directory.ts";
import type {DirectoryData} from "../../../loaders/directory/parse.ts";
import {projectSettings} from "../../helpers/settings.ts";

const Q1 = "за I квартал 2024 г.";
let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

const REGION: Array<[string, string, string | null, string | null, string]> = [
  ["Тарский", "Муниципальное казённое общеобразовательное учреждение «Тарская гимназия»", "МКОУ «Тарская гимназия»", "5535000001", "действует"],
  ["Тарский", "Муниципальное бюджетное общеобразовательное учреждение «Тарская средняя общеобразовательная школа № 1»", "МБОУ «Тарская СОШ № 1»", "5535000002", "да"],
  ["Тарский", "Муниципальное казённое общеобразовательное учреждение «Атирская СОШ»", null, null, "закрыта"],
  ["Омский", "БОУ «Омская СОШ № 12»", null, "5528000012", ""]
];

describe("a directory file", () => {
  it("is recognised by its headers and read row by row: district written once per block, status words, a code", async () => {
    const r = await examine(await directoryFile(REGION, {blocks: true}), {}, "справочник.xlsx");
    expect(r.ok && r.kind.name).toBe("directory");
    if (!r.ok) return;
    const d = r.parsed.data as DirectoryData;
    expect(d.rows.map((x) => [x.municipality, x.shortName ?? x.fullName, x.code, x.open])).toEqual([
      ["Тарский", "МКОУ «Тарская гимназия»", "5535000001", true], ["Тарский", "МБОУ «Тарская СОШ № 1»", "5535000002", true],
      ["Тарский", "Муниципальное казённое общеобразовательное учреждение «Атирская СОШ»", null, false], ["Омский", "БОУ «Омская СОШ № 12»", "5528000012", true]]);
    expect(r.parsed.issues).toEqual([]);
    expect(r.parsed.stats).toEqual({schools: 4, municipalities: 2});
  });

  it("says what it could not read: a status word, a repeated school, rows without a district (one issue for all of them)", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      ws.addRow(["Муниципальный район", "Полное наименование", "Краткое наименование", "Статус"]);
      ws.addRow(["Тарский", "МКОУ «Тарская гимназия»", "", "в работе?"]);
      ws.addRow(["Тарский", "МКОУ \"Тарская гимназия\"", "", "да"]);
      ws.addRow(["", "", "", ""]);
      ws.addRow(["", "", "", ""]);
    });
    const noDistrict = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      ws.addRow(["Муниципальный район", "Полное наименование", "Краткое наименование", "ИНН"]);
      for (let i = 1; i <= 5; i++) ws.addRow(["", `СОШ № ${i}`, "", `55000000${i}`]);
    });
    const r = await examine(buf);
    expect(r.ok && r.parsed.issues.map((i) => [i.kind, i.row])).toEqual([["directory/bad-status", 2], ["directory/duplicate-row", 3]]);
    const n = await examine(noDistrict);
    expect(n.ok).toBe(false);
    expect(n.ok ? [] : n.issues.map((i) => [i.kind, i.row, (i.details as {rows?: number})?.rows])).toEqual([
      ["directory/no-municipality", 2, 5], ["directory/no-rows", undefined, undefined]]);
  });

  it("lists the schools that must report: the open ones are expected even before they send anything", async () => {
    const dir = await ingestBytes(store, "справочник.xlsx", await directoryFile(REGION, {blocks: true}));
    expect(dir).toMatchObject({status: "accepted", kind: "directory"});
    // Only «Тарская гимназия» reports (written without its legal form): 70 + 70 = 140 of 200 students.
    await ingestBytes(store, "gymnasium.xlsx", await quarter(Q1, [{m: "Тарский", name: "Тарская гимназия", students: 200, teachers: 20,
      f2: [70, 70], f3: [7, 7]}]));
    const r = await engagementReport(store, projectSettings());
    expect(r.schools.map((s) => [s.municipality, s.name, s.state])).toEqual([
      ["Омский", "БОУ «Омская СОШ № 12»", "missing"], ["Тарский", "МБОУ «Тарская СОШ № 1»", "missing"],
      ["Тарский", "МКОУ «Тарская гимназия»", "accepted"]]);
    // The closed «Атирская СОШ» is not expected.
    expect(r.region.coverage).toMatchObject({schoolsExpected: 3, schoolsCounted: 1, label: "по 1 из 3 школ", schoolsWithoutPopulation: 2});
    expect(r.region.meetsTarget.students).toBeNull();
    const schools = await store.read(directorySchools);
    expect(schools.map((s) => [s.name, s.listed, s.open, s.code])).toEqual([
      ["БОУ «Омская СОШ № 12»", true, true, "5528000012"],
      ["МБОУ «Тарская СОШ № 1»", true, true, "5535000002"],
      ["МКОУ «Тарская гимназия»", true, true, "5535000001"],
      ["Муниципальное казённое общеобразовательное учреждение «Атирская СОШ»", true, false, null]]);
    const gymnasium = schools.find((s) => s.code === "5535000001")!;
    expect((await store.read((c) => schoolAliases(c, gymnasium.id))).map((a) => [a.name, a.how])).toEqual([
      ["Муниципальное казённое общеобразовательное учреждение «Тарская гимназия»", "directory"], ["МКОУ «Тарская гимназия»", "directory"],
      ["Тарская гимназия", "same-name"]]);
  });

  it("a school first known from Form 1 is matched to its directory row, which gives it its names and code", async () => {
    await ingestBytes(store, "q1.xlsx", await quarter(Q1, [{m: "Тарский р-н", name: "МБОУ \"Тарская СОШ №1\"", students: 100, teachers: 10,
      f2: [10, 10], f3: [2, 2]}]));
    await ingestBytes(store, "справочник.xlsx", await directoryFile(REGION.slice(1, 2)));
    const [school] = await store.read(directorySchools);
    expect(school).toMatchObject({name: "МБОУ «Тарская СОШ № 1»", code: "5535000002", listed: true, origin: "forms"});
    expect((await engagementReport(store, projectSettings())).schools.map((s) => [s.name, s.studentsEngaged])).toEqual([["МБОУ «Тарская СОШ № 1»", 20]]);
  });

  it("undone, its schools are no longer listed, and nothing else changes", async () => {
    const dir = await ingestBytes(store, "справочник.xlsx", await directoryFile(REGION));
    await store.write((c) => c.run("UPDATE uploads SET undone_at = current_timestamp WHERE upload_id = $u", {u: dir.uploadId!}));
    expect((await store.read(directorySchools)).map((s) => s.listed)).toEqual([false, false, false, false]);
  });
});
