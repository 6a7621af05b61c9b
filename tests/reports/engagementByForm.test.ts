// Engagement by form and programme (issue 15 §3): a small region worked by hand, then the sample's
// I quarter 2024 (tests/sample/engagement-figures.md; forms from scripts/make-sample-forms.ts).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Store} from "../../store/database.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {engagementByForm} from "../../reports/engagementByForm.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "../helpers/region.ts";
import {projectSettings} from "../helpers/settings.ts";
import {engagementExport} from "../../reports/exports/engagementXlsx.ts";
import ExcelJS from "exceljs";

const settings = projectSettings();
const pick = (f: {form: number; programmes: number; schools: number; mentors: number | null; mentees: number | null; studentsEngaged: number | null;
  teachersEngaged: number | null; suppressed: boolean}) => [f.form, f.programmes, f.schools, f.mentors, f.mentees, f.studentsEngaged, f.teachersEngaged, f.suppressed];

describe("engagement by form on a small region worked by hand", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    await ingestBytes(store, "t.xlsx", await quarterFile("за I квартал 2024 г.", [...TARSKY_Q1, ...OMSKY_Q1]));
  });
  afterAll(async () => store.close());

  it("splits the region's 89 students and 24 teachers by form, over the schools the engagement report counts", async () => {
    const r = await engagementByForm(store, settings);
    // Counted: Тарский СОШ № 1, № 2, Омский Лицей (СОШ № 3 sent Form 1 only).
    // Form 2: mentors 10 + 20 + 8 = 38, mentees 15 + 20 + 6 = 41, students 79; Form 3: 8 + 3 + 2 = 13 and 6 + 3 + 2 = 11, teachers 24;
    // Form 4: 5 college students, 5 mentees; Form 5: 5 employers, 5 mentees.
    expect(r.region.byForm.map(pick)).toEqual([[2, 3, 3, 38, 41, 79, 0, false], [3, 3, 3, 13, 11, 0, 24, false],
      [4, 1, 1, 5, 5, 5, 0, false], [5, 1, 1, 5, 5, 5, 0, false]]);
    expect([r.region.studentsEngaged, r.region.teachersEngaged, r.coverage, r.complete]).toEqual([89, 24, "по 3 из 4 школ", false]);
    expect(r.region.byForm.map((f) => f.label)).toEqual(["ученик – ученик", "учитель – учитель", "студент – ученик", "работодатель – ученик"]);
  });

  it("hides a municipality's form and a programme with fewer people than the group size (Лицей's «учитель – учитель»: 2 + 2)", async () => {
    const r = await engagementByForm(store, settings);
    const omsky = r.municipalities.find((m) => m.name === "Омский")!;
    expect(omsky.byForm.map(pick)).toEqual([[2, 1, 1, 8, 6, 14, 0, false], [3, 1, 1, null, null, null, null, true],
      [4, 0, 0, 0, 0, 0, 0, false], [5, 0, 0, 0, 0, 0, 0, false]]);
    expect(r.programmes.filter((p) => p.school === "Лицей").map((p) => [p.formLabel, p.programme, p.mentors, p.mentees, p.suppressed])).toEqual([
      ["ученик – ученик", "Программа 2", 8, 6, false], ["учитель – учитель", "Программа 3", null, null, true]]);
    expect(r.programmes).toHaveLength(8);
  });

  it("an empty database has no period and no programmes", async () => {
    const empty = await Store.open(":memory:");
    const r = await engagementByForm(empty, settings);
    expect([r.period, r.programmes, r.region.studentsEngaged]).toEqual([null, [], null]);
    await empty.close();
  });
});

describe("engagement by form on the sample", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    await ingestSample(store);
  }, 240_000);
  afterAll(async () => store?.close());

  it("the forms add up to the engagement totals of I quarter 2024: 2 206 + 129 + 175 = 2 510 students, 350 teachers", async () => {
    const r = await engagementByForm(store, settings, {period: "2024-Q1"});
    // Form 2 (both sides students): Саргатский 466, Тарский 922, Омский 818 = 2 206.
    // Form 4 mentees: 12 + 4 + 40 + 40 + 18 + 15 = 129 (mentors 4 + 4 + 8 + 10 + 6 + 5 = 37 college students), 6 programmes.
    // Form 5 mentees: 15 + 3 + 30 + 30 + 20 + 10 + 12 + 10 + 20 + 25 = 175 (mentors 3 + 3 + 5 + 6 + 4 + 2 + 3 + 3 + 4 + 5 = 38), 10 programmes.
    const f = new Map(r.region.byForm.map((x) => [x.form, x]));
    expect([f.get(2)!.studentsEngaged, f.get(4)!.studentsEngaged, f.get(5)!.studentsEngaged, f.get(3)!.teachersEngaged]).toEqual([2206, 129, 175, 350]);
    expect([f.get(4)!.mentors, f.get(4)!.programmes, f.get(5)!.mentors, f.get(5)!.programmes]).toEqual([37, 6, 38, 10]);
    expect([r.region.studentsEngaged, r.region.teachersEngaged]).toEqual([2510, 350]);
    const base = await engagementReport(store, settings, {period: "2024-Q1"});
    expect([r.region.studentsEngaged, r.region.teachersEngaged]).toEqual([base.region.studentsEngaged, base.region.teachersEngaged]);
    for (const m of base.municipalities) {
      const mine = r.municipalities.find((x) => x.name === m.name)!;
      expect(mine.byForm.reduce((s, x) => s + (x.studentsEngaged ?? 0), 0)).toBe(m.studentsEngaged);
    }
  });

  it("lists every programme with its school, form, mentors, mentees and stated result; groups under 5 hidden", async () => {
    const r = await engagementByForm(store, settings, {period: "2024-Q1"});
    expect(r.programmes).toContainEqual({municipality: "Саргатский", school: "МБОУ \"Саргатская СОШ № 1\"", form: 2, formLabel: "ученик – ученик",
      programme: "Программа «Лидер»", mentors: 40, mentees: 40, suppressed: false,
      result: "Улучшение психоэмоциональных показателей наставляемого. Наставляемый принимает участие в творческих конкурсах. Наставляемый сам хочет стать наставником в будущем"});
    // Атирская, Заливинская and Самсоновская: «учитель – учитель» with 2 + 2 (engagement-figures.md).
    expect(r.programmes.filter((p) => p.suppressed).map((p) => [p.school, p.formLabel, p.mentors])).toEqual([
      ["МКОУ \"Атирская СОШ\"", "учитель – учитель", null], ["МКОУ \"Заливинская СОШ\"", "учитель – учитель", null],
      ["МКОУ \"Самсоновская ООШ\"", "учитель – учитель", null]]);
  });

  it("the engagement XLSX has the forms sheet with the same figures and the bank of practices, read back", async () => {
    const {bytes} = await engagementExport(store, settings, {period: "2024-Q1"});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const forms = wb.getWorksheet("Формы и программы")!;
    const row = (n: number) => (forms.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual(["Регион / муниципалитет", "Форма наставничества", "Программ", "Школ", "Наставников", "Наставляемых",
      "Обучающихся вовлечено", "Педагогов вовлечено"]);
    expect([row(3)[1], row(3)[6], row(5)[1], row(5)[4], row(5)[6], row(6)[1], row(6)[4], row(6)[6], row(4)[7]])
      .toEqual(["ученик – ученик", 2206, "студент – ученик", 37, 129, "работодатель – ученик", 38, 175, 350]);
    expect(row(7).slice(0, 2).concat(row(7).slice(6))).toEqual(["Регион", "Итого", 2510, 350]);
    const bank = wb.getWorksheet("Банк практик")!;
    const r = await engagementByForm(store, settings, {period: "2024-Q1"});
    expect(bank.rowCount).toBe(2 + r.programmes.length);
    expect((bank.getRow(3).values as unknown[]).slice(1)).toEqual([r.programmes[0]!.municipality, r.programmes[0]!.school, r.programmes[0]!.formLabel,
      r.programmes[0]!.programme, r.programmes[0]!.mentors, r.programmes[0]!.mentees, r.programmes[0]!.result]);
  });
});
