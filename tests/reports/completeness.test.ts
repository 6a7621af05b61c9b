// Completeness of every figure (issue 11 §2), on hand-worked fixtures: schools missing from a batch,
// refused files, a district where only one school of four was read, a school read in part.
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Store} from "../../store/database.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {collectionStates} from "../../reports/completeness.ts";
import {dismissRejection, directorySchools} from "../../store/directory.ts";
import {directoryFile, quarter, type QuarterSchool} from "../helpers/directory.ts";
import {engagementForm, form1, workbook} from "../helpers/xlsx.ts";
import {projectSettings} from "../helpers/settings.ts";

const Q1 = "за I квартал 2024 г.", Q2 = "за II квартал 2024 г.";
let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

/** Bytes no reader accepts, whatever formats it knows. */
const UNREADABLE = Buffer.from("это не таблица, а письмо директора\n");

describe("a batch with three schools missing", () => {
  // Twelve schools, four per district; each has 100 students and 10 teachers and engages 40 + 40 = 80 students and 4 + 4 = 8 teachers.
  const districts = ["Тарский", "Омский", "Саргатский"];
  const twelve: QuarterSchool[] = districts.flatMap((m) => [1, 2, 3, 4].map((n) => ({m, name: `${m.slice(0, 4)}ская СОШ № ${n}`,
    students: 100, teachers: 10, f2: [40, 40] as [number, number], f3: [4, 4] as [number, number]})));

  it("shows «по 9 из 12 школ», judges no target although the nine are at 80 %, and lists the three", async () => {
    for (const s of twelve) await ingestBytes(store, `q1-${s.name}.xlsx`, await quarter(Q1, [s]));
    const sent = twelve.filter((s) => !s.name.endsWith("№ 4"));
    for (const s of sent) await ingestBytes(store, `q2-${s.name}.xlsx`, await quarter(Q2, [s]));
    const r = await engagementReport(store, projectSettings(), {period: "2024-Q2"});
    // 9 × 80 = 720 of 900 students (80 %), 9 × 8 = 72 of 90 teachers (80 %).
    expect(r.region).toMatchObject({studentsEngaged: 720, studentsPopulation: 900, studentsPct: 80, teachersEngaged: 72, teachersPopulation: 90,
      meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: true, teachers: true},
      verdict: {students: "данные неполные (по 9 из 12 школ): цель не оценивается", teachers: "данные неполные (по 9 из 12 школ): цель не оценивается"}});
    // The three missing hold 300 of the 1 200 students known from the I quarter: 75 % of the population is counted.
    expect(r.region.coverage).toMatchObject({schoolsExpected: 12, schoolsCounted: 9, complete: false, label: "по 9 из 12 школ",
      students: {counted: 900, expected: 1200, share: 0.75}, teachers: {counted: 90, expected: 120, share: 0.75}});
    expect(r.notCounted.map((s) => [s.municipality, s.name, s.stateLabel])).toEqual([
      ["Омский", "Омскская СОШ № 4", "не прислал"], ["Саргатский", "Саргская СОШ № 4", "не прислал"], ["Тарский", "Тарсская СОШ № 4", "не прислал"]]);
    for (const m of r.municipalities) expect([m.coverage.label, m.meetsTarget.students]).toEqual(["по 3 из 4 школ", null]);
    // The I quarter is complete: its decision stands.
    const q1 = await engagementReport(store, projectSettings(), {period: "2024-Q1"});
    expect([q1.region.coverage.label, q1.region.meetsTarget]).toEqual(["по 12 из 12 школ", {students: true, teachers: true}]);
  });
});

describe("a district of four schools where one file was read", () => {
  // The directory lists four schools of «Муромцевский». Only СОШ № 1 is read: 350 of 500 students = 70,0 %.
  // All four: 350 + 466 + 466 + 467 = 1 749 of 500 + 700 + 650 + 650 = 2 500 students = 69,96 %: not met.
  const schools: QuarterSchool[] = [
    {m: "Муромцевский", name: "МБОУ «Муромцевская СОШ № 1»", students: 500, teachers: 10, f2: [175, 175], f3: [4, 4]},
    {m: "Муромцевский", name: "МБОУ «Муромцевская СОШ № 2»", students: 700, teachers: 10, f2: [233, 233], f3: [4, 4]},
    {m: "Муромцевский", name: "МКОУ «Бергамакская СОШ»", students: 650, teachers: 10, f2: [233, 233], f3: [4, 4]},
    {m: "Муромцевский", name: "МКОУ «Камышино-Курская СОШ»", students: 650, teachers: 10, f2: [233, 234], f3: [4, 4]}];

  async function setUp(withSchool: boolean) {
    await ingestBytes(store, "справочник.xlsx", await directoryFile(schools.map((s) => [s.m, s.name, null, null, "действует"])));
    await ingestBytes(store, "sosh1.xlsx", await quarter(Q1, [schools[0]!]));
    const refused = [];
    for (const s of schools.slice(1)) {
      refused.push(await ingestBytes(store, `${s.name.replace(/\W+/g, "_")}.xls`, UNREADABLE,
        withSchool ? {period: "2024-Q1", school: {name: s.name, municipality: s.m}} : {period: "2024-Q1"}));
    }
    return refused;
  }

  it("shows 350 of 500 over 1 of 4 schools with no target judged; the refused files keep their schools out", async () => {
    const refused = await setUp(true);
    expect(refused.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    const r = await engagementReport(store, projectSettings());
    const d = r.municipalities.find((m) => m.name === "Муромцевский")!;
    expect(d).toMatchObject({studentsEngaged: 350, studentsPopulation: 500, studentsPct: 70, meetsTarget: {students: null, teachers: null},
      meetsTargetCounted: {students: true, teachers: true}, coverage: {schoolsExpected: 4, schoolsCounted: 1, label: "по 1 из 4 школ"}});
    expect(d.verdict.students).not.toMatch(/^цель достигнута/);
    expect(r.notCounted.map((s) => s.state)).toEqual(["rejected", "rejected", "rejected"]);
    expect(r.notCounted[0]!.reasons[0]).toMatch(/^последний присланный файл «.+\.xls» \(загрузка № \d+ от \d\d\.\d\d\.\d{4}\) не принят: /);
  });

  it("once the three are read, the true figure is 1 749 of 2 500 = 69,96 %: not met", async () => {
    await setUp(true);
    for (const s of schools.slice(1)) await ingestBytes(store, `${s.name}.xlsx`, await quarter(Q1, [s]));
    const d = (await engagementReport(store, projectSettings())).municipalities.find((m) => m.name === "Муромцевский")!;
    expect(d).toMatchObject({studentsEngaged: 1749, studentsPopulation: 2500, meetsTarget: {students: false, teachers: true},
      coverage: {schoolsExpected: 4, schoolsCounted: 4, complete: true}, verdict: {students: "цель не достигнута"}});
    expect(d.studentsPct).toBeCloseTo(69.96, 10);
  });

  it("refused files whose school is unknown count against the region until replaced by a file of that name or dismissed", async () => {
    const refused = await setUp(false);
    let r = await engagementReport(store, projectSettings());
    expect(r.rejectedFiles.map((f) => f.uploadId)).toEqual(refused.map((o) => o.uploadId));
    expect(r.notCounted.map((s) => s.state)).toEqual(["missing", "missing", "missing"]);
    expect(r.region.coverage).toMatchObject({rejectedFiles: 3, complete: false,
      label: "по 1 из 4 школ; не принято файлов без указания школы: 3"});
    // One is sent again as .xlsx under the same name; one is dismissed by the methodologist.
    const s2 = schools[1]!;
    await ingestBytes(store, `${s2.name.replace(/\W+/g, "_")}.xlsx`, await quarter(Q1, [s2]));
    await store.write((c) => dismissRejection(c, refused[1]!.uploadId!, "cli"));
    r = await engagementReport(store, projectSettings());
    expect(r.rejectedFiles.map((f) => f.uploadId)).toEqual([refused[2]!.uploadId]);
    expect(r.region.coverage).toMatchObject({schoolsCounted: 2, rejectedFiles: 1});
  });
});

describe("a refused file of a school that had already reported", () => {
  const school: QuarterSchool = {m: "Тарский", name: "МБОУ «Тарская СОШ № 5»", students: 100, teachers: 10, f2: [40, 40], f3: [4, 4]};

  it("keeps the school out of the sums until replaced or dismissed", async () => {
    await ingestBytes(store, "sosh5.xlsx", await quarter(Q1, [school]));
    const bad = await ingestBytes(store, "sosh5-fix.xls", UNREADABLE, {period: "2024-Q1", school: {name: school.name, municipality: school.m}});
    let s = (await engagementReport(store, projectSettings())).schools[0]!;
    expect([s.state, s.includedInTotals, s.reasons.length]).toEqual(["rejected", false, 1]);
    await store.write((c) => dismissRejection(c, bad.uploadId!, "server"));
    s = (await engagementReport(store, projectSettings())).schools[0]!;
    expect([s.state, s.includedInTotals, s.studentsEngaged]).toEqual(["accepted", true, 80]);
    // Refused again, then replaced by a readable file: 45 + 45 = 90 of 100.
    await ingestBytes(store, "sosh5-fix2.xls", UNREADABLE, {period: "2024-Q1", school: {name: school.name, municipality: school.m}});
    expect((await engagementReport(store, projectSettings())).schools[0]!.state).toBe("rejected");
    await ingestBytes(store, "sosh5-fix3.xlsx", await quarter(Q1, [{...school, f2: [45, 45]}]));
    s = (await engagementReport(store, projectSettings())).schools[0]!;
    expect([s.state, s.includedInTotals, s.studentsEngaged]).toEqual(["accepted", true, 90]);
  });

  it("a dismissal of a file that was not refused is a Russian error", async () => {
    const ok = await ingestBytes(store, "sosh5.xlsx", await quarter(Q1, [school]));
    await expect(store.write((c) => dismissRejection(c, ok.uploadId!, "cli"))).rejects.toThrow(/не отклонена/);
  });
});

describe("a school read in part is in no sum, and says why", () => {
  it("a table whose form cannot be told keeps the schools it names out; the other school is counted", async () => {
    // СОШ № 1: Forms 2 and 3 titled, 30 + 30 of 100 students. СОШ № 2: its Form 3 has no title: not read.
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, [["Тарский", "СОШ № 1", "", 100, 10, 1], ["Тарский", "СОШ № 2", "", 100, 10, 1]]);
      engagementForm(ws, 2, [["Тарский", "СОШ № 1", "А", 30, 30, ""], ["Тарский", "СОШ № 2", "Б", 30, 30, ""]]);
      engagementForm(ws, 3, [["Тарский", "СОШ № 1", "В", 4, 4, ""]]);
      engagementForm(wb.addWorksheet("Лист2"), 3, [["Тарский", "СОШ № 2", "Г", 5, 5, ""]], {marker: null, title: "Таблица 3"});
    });
    const o = await ingestBytes(store, "tara.xlsx", buf);
    expect(o.issues).toContainEqual(expect.objectContaining({kind: "table/form-unknown", sheet: "Лист2"}));
    const r = await engagementReport(store, projectSettings());
    expect(r.region).toMatchObject({studentsEngaged: 60, studentsPopulation: 100, teachersEngaged: 8, teachersPopulation: 10,
      coverage: {label: "по 1 из 2 школ"}});
    expect(r.notCounted).toEqual([expect.objectContaining({name: "СОШ № 2", state: "partial", stateLabel: "прочитан не полностью",
      reasons: ["таблица на листе «Лист2» (строка 2) не распознана: не указано, какая это форма"]})]);
  });

  it("an unreadable count leaves its school out, with the cell", async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet("Лист1");
      form1(ws, [["Тарский", "СОШ № 1", "", 100, 10, 1]]);
      engagementForm(ws, 2, [["Тарский", "СОШ № 1", "А", "около 30", 30, ""]], {total: null});
      engagementForm(ws, 3, [["Тарский", "СОШ № 1", "В", 4, 4, ""]]);
    });
    await ingestBytes(store, "tara.xlsx", buf);
    const r = await engagementReport(store, projectSettings());
    expect(r.region).toMatchObject({studentsEngaged: null, studentsPct: null, coverage: {label: "по 0 из 1 школы"}});
    expect(r.notCounted[0]!.reasons).toEqual([expect.stringMatching(/^не прочитаны числа \(1\): лист «Лист1», D\d+$/)]);
  });
});

describe("forms named by their sheets", () => {
  // Form 1: 100 students, 20 teachers. Form 2: 15 + 12 = 27; Form 4: 15 mentees; Form 5: 15 mentees → 57 students (57 %).
  // Form 3: 8 + 6 = 14 teachers (70 %). Without Forms 2 and 3 the figure would read 30 % and 0 %.
  async function sheetNamed(names: [string, string, string, string, string]) {
    return workbook((wb) => {
      form1(wb.addWorksheet(names[0]), [["Саргатский", "МБОУ «Саргатская СОШ № 1»", "", 100, 20, 2]]);
      const school = ["Саргатский", "МБОУ «Саргатская СОШ № 1»"];
      engagementForm(wb.addWorksheet(names[1]), 2, [[...school, "А", 15, 12, ""]], {marker: null, title: "Данные на конец квартала"});
      engagementForm(wb.addWorksheet(names[2]), 3, [[...school, "Б", 8, 6, ""]], {marker: null, title: "Данные на конец квартала"});
      engagementForm(wb.addWorksheet(names[3]), 4, [[...school, "В", 15, 15, ""]], {marker: null, title: "Данные на конец квартала"});
      engagementForm(wb.addWorksheet(names[4]), 5, [[...school, "Г", 15, 15, ""]], {marker: null, title: "Данные на конец квартала"});
    });
  }

  it("«Форма 2», «Ф.3», «форма_4», «ф5» are read as Forms 2–5 when nothing inside names them: 57 % and 70 %", async () => {
    const o = await ingestBytes(store, "sargatka.xlsx", await sheetNamed(["Форма 1", "Форма 2", "Ф.3", "форма_4", "ф5"]));
    expect(o.status).toBe("accepted");
    const s = (await engagementReport(store, projectSettings())).schools[0]!;
    expect([s.studentsEngaged, s.studentsPopulation, s.teachersEngaged, s.teachersPopulation, s.state]).toEqual([57, 100, 14, 20, "accepted"]);
    expect(s.teachersPct).toBeCloseTo(70, 10);
  });

  it("«Форма №5» names Form 5; a title inside wins over the sheet's name", async () => {
    const buf = await workbook((wb) => {
      form1(wb.addWorksheet("Ф1"), [["Саргатский", "СОШ", "", 100, 20, 2]]);
      engagementForm(wb.addWorksheet("Форма №5"), 5, [["Саргатский", "СОШ", "А", 3, 3, ""]], {marker: null, title: "Данные"});
      // Named «Форма 2», but its title says «Учитель – учитель»: Form 3.
      engagementForm(wb.addWorksheet("Форма 2"), 3, [["Саргатский", "СОШ", "Б", 5, 5, ""]], {marker: null});
    });
    await ingestBytes(store, "x.xlsx", buf);
    const s = (await engagementReport(store, projectSettings())).schools[0]!;
    expect([s.studentsEngaged, s.teachersEngaged, s.state]).toEqual([3, 10, "accepted"]);
  });

  it("with sheets named «Лист2…» the forms cannot be told: the school is read in part and in no sum", async () => {
    await ingestBytes(store, "sargatka.xlsx", await sheetNamed(["Лист1", "Лист2", "Лист3", "Лист4", "Лист5"]));
    const r = await engagementReport(store, projectSettings());
    expect(r.region).toMatchObject({studentsEngaged: null, studentsPct: null, teachersPct: null, coverage: {label: "по 0 из 1 школы"}});
    expect(r.notCounted[0]).toMatchObject({state: "partial"});
    expect(r.notCounted[0]!.reasons).toContain("таблица на листе «Лист2» (строка 2) не распознана: не указано, какая это форма");
  });
});

describe("the collection of a period", () => {
  it("gives every expected school its state, file and date", async () => {
    await ingestBytes(store, "справочник.xlsx", await directoryFile([["Тарский", "СОШ № 1", null, null, "да"], ["Тарский", "СОШ № 2", null, null, "да"]]));
    await ingestBytes(store, "s1.xlsx", await quarter(Q1, [{m: "Тарский", name: "СОШ № 1", students: 10, teachers: 10, f2: [1, 1], f3: [1, 1]}]));
    const c = await collectionStates(store, "2024-Q1");
    const ids = new Map((await store.read(directorySchools)).map((s) => [s.name, s.id]));
    expect(c.schools.map((s) => [s.id, s.name, s.state, s.file])).toEqual([
      [ids.get("СОШ № 1"), "СОШ № 1", "accepted", "s1.xlsx"], [ids.get("СОШ № 2"), "СОШ № 2", "missing", null]]);
    expect(c.schools[0]!.loadedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
