// A school's own staff list, as schools keep it (issue 11 §3): the school only in the title, ФИО,
// attribute columns, one sheet per school year. Read sheet by sheet; names only in teacher_identities.
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {all, Store} from "../../../store/database.ts";
import {directoryFile} from "../../helpers/directory.ts";
import {D} from "./helpers.ts";

const TITLE = (y: number) => `Кадровый состав педагогических работников МБОУ «СОШ № 47» г. Омска на ${y}/${y + 1} учебный год`;
const HEADER = ["№ п/п", "Ф.И.О.", "Должность", "Дата приёма на работу", "Педагогический стаж", "Квалификационная категория", "Образование"];
const SURNAMES = ["Абрамова", "Белов", "Васильева", "Гусев", "Дмитриева", "Егоров", "Жукова", "Зайцев", "Ильина", "Козлов", "Лебедева", "Морозов",
  "Никитина", "Орлов", "Павлова", "Романов", "Смирнова", "Титов", "Уварова", "Фролов", "Харитонова", "Цветков", "Чернова", "Шубин"];
// 2023/24: 24 teachers. 2024/25: the first 20 stay, 2 come (Щербакова, Юдин): 22 rows. 46 rows, 26 people.
const PEOPLE = (y: number) => (y === 2023 ? SURNAMES : [...SURNAMES.slice(0, 20), "Щербакова", "Юдин"]).map((s) => `${s} ${s.endsWith("а") ? "Анна Петровна" : "Иван Петрович"}`);

async function staffList(o: {title?: boolean} = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const y of [2023, 2024]) {
    const ws = wb.addWorksheet(`${y}-${y + 1}`);
    if (o.title !== false) ws.addRow([TITLE(y)]);
    else ws.addRow([`Учебный год ${y}/${y + 1}`]);
    ws.addRow(HEADER);
    PEOPLE(y).forEach((name, i) => ws.addRow([i + 1, name, i % 3 ? "учитель" : "учитель-логопед", D(2015 + (i % 9), 9, 1), 2 + i,
      i % 2 ? "первая" : "высшая", "высшее"]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

describe("a school's own staff list", () => {
  it("is read sheet by sheet, the school taken from the title; names go only to teacher_identities", async () => {
    const o = await ingestBytes(store, "кадры СОШ 47.xlsx", await staffList());
    expect(o).toMatchObject({status: "accepted", kind: "roster", stats: {teachers: 46, schools: 1, year: 2024, years: 2}});
    // No district anywhere and no directory yet: one note for the school, not one per row.
    expect(o.issues.map((i) => [i.kind, i.severity, i.school])).toEqual([["directory/no-municipality", "info", "МБОУ «СОШ № 47» г. Омска"]]);
    const snapshots = await store.read((c) => all(c, "SELECT year, CAST(as_of AS VARCHAR) AS as_of FROM roster_snapshots ORDER BY year"));
    expect(snapshots).toEqual([{year: 2024, as_of: "2024-05-31"}, {year: 2025, as_of: "2025-05-31"}]);
    const identities = await store.read((c) => all<{full_name: string}>(c, "SELECT full_name FROM teacher_identities ORDER BY teacher_id"));
    expect(identities).toHaveLength(26);
    const byYear = await store.read((c) => all<{year: number; n: number; people: number}>(c,
      "SELECT year, count(*)::INTEGER AS n, count(DISTINCT teacher_id)::INTEGER AS people FROM roster_teachers GROUP BY year ORDER BY year"));
    expect(byYear).toEqual([{year: 2024, n: 24, people: 24}, {year: 2025, n: 22, people: 22}]);
    // The 20 who stayed are the same people in both years.
    const both = await store.read((c) => all<{n: number}>(c,
      "SELECT count(*)::INTEGER AS n FROM (SELECT teacher_id FROM roster_teachers GROUP BY teacher_id HAVING count(DISTINCT year) = 2)"));
    expect(both[0]!.n).toBe(20);
    // Every other table and the issues hold no name.
    const elsewhere = JSON.stringify(await store.read(async (c) => [
      await all(c, "SELECT * FROM roster_teachers"), await all(c, "SELECT * FROM roster_attributes"), await all(c, "SELECT * FROM issues")]));
    for (const name of [...PEOPLE(2023), ...PEOPLE(2024)]) expect(elsewhere).not.toContain(name.split(" ")[0]);
    const attrs = await store.read((c) => all<{header: string}>(c, "SELECT DISTINCT header FROM roster_attributes ORDER BY header"));
    expect(attrs.map((a) => a.header)).toEqual(["Должность", "Квалификационная категория", "Образование"]);
  });

  it("joins the directory's school when the directory knows it, though the list names no district", async () => {
    await ingestBytes(store, "справочник.xlsx", await directoryFile([["г. Омск", "БОУ г. Омска «Средняя общеобразовательная школа № 47»", null, null, "да"]]));
    const o = await ingestBytes(store, "кадры.xlsx", await staffList());
    expect(o.issues).toEqual([]);
    const linked = await store.read((c) => all(c, `
      SELECT DISTINCT sd.municipality, sd.name FROM roster_snapshots s JOIN school_directory sd USING (school_id)`));
    expect(linked).toEqual([{municipality: "г. Омск", name: "БОУ г. Омска «Средняя общеобразовательная школа № 47»"}]);
  });

  it("naming no school at all is one issue for the file, not one per row; choosing the school at upload fixes it", async () => {
    const bytes = await staffList({title: false});
    const o = await ingestBytes(store, "кадры.xlsx", bytes);
    expect(o.status).toBe("rejected");
    expect(o.issues.map((i) => [i.kind, i.sheet])).toEqual([["roster/no-school", "2023-2024"], ["roster/no-school", "2024-2025"]]);
    expect(o.issues[0]!.message).toMatch(/^Не указана школа/);
    expect(o.issues[0]!.message).toContain("строк: 24");
    const chosen = await ingestBytes(store, "кадры.xlsx", bytes, {school: {name: "МБОУ «СОШ № 47»", municipality: "г. Омск"}});
    expect(chosen).toMatchObject({status: "accepted", stats: {teachers: 46, years: 2}});
    // A list that names its own school keeps it, and says the choice at upload differed.
    const named = await ingestBytes(store, "кадры-2.xlsx", await staffList(), {school: {name: "МБОУ «СОШ № 12»", municipality: "г. Омск"}});
    expect(named.issues.filter((i) => i.kind === "school/option-differs").map((i) => [i.school, i.sheet])).toEqual([
      ["МБОУ «СОШ № 47» г. Омска", "2023-2024"], ["МБОУ «СОШ № 47» г. Омска", "2024-2025"]]);
  });
});
