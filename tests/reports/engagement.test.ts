import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Store} from "../../store/database.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {issuesReport} from "../../reports/issues.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "../helpers/region.ts";
import {projectSettings} from "../helpers/settings.ts";

let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

const Q1 = "за I квартал 2024 г.";
const Q2 = "за II квартал 2024 г.";

describe("engagement of a small region, worked out by hand", () => {
  // Тарский: СОШ № 1 students 10+15+5 = 30 of 100, teachers 8+6 = 14 of 20 (exactly 70 %: met);
  //          СОШ № 2 students 20+20+5 = 45 of 50 (90 %), teachers 3+3 = 6 of 10 (60 %);
  //          СОШ № 3 has Form 1 only: not reported, out of the sums.
  //          Σ students 75 of 150 = 50 %, Σ teachers 20 of 30 = 66,67 %.
  // Омский:  Лицей students 8+6 = 14 of 10 (double counting: no decision), teachers 4 of 5 = 80 %.
  // Region:  students 89 of 160 = 55,625 %, teachers 24 of 35 = 68,571 %.
  it("schools, municipalities and the region", async () => {
    expect((await ingestBytes(store, "tarsky.xlsx", await quarterFile(Q1, TARSKY_Q1))).status).not.toBe("rejected");
    expect((await ingestBytes(store, "omsky.xlsx", await quarterFile(Q1, OMSKY_Q1))).status).not.toBe("rejected");
    const r = await engagementReport(store, projectSettings());
    expect(r.period).toBe("2024-Q1");
    expect(r.targetPct).toBe(70);
    // СОШ № 3 is expected (it is in Form 1) and not in the sums: 3 of 4 schools, so the target is not judged;
    // over the counted schools alone it is missed on both sides.
    expect(r.region).toMatchObject({studentsEngaged: 89, studentsPopulation: 160, teachersEngaged: 24, teachersPopulation: 35,
      meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: false, teachers: false}, schoolsNotReported: ["СОШ № 3"],
      coverage: {schoolsExpected: 4, schoolsCounted: 3, complete: false, label: "по 3 из 4 школ"}});
    expect(r.region.studentsPct).toBeCloseTo(55.625, 10);
    expect(r.region.teachersPct).toBeCloseTo(24 / 35 * 100, 10);
    const tarsky = r.municipalities.find((m) => m.name === "Тарский")!;
    expect(tarsky).toMatchObject({studentsEngaged: 75, studentsPopulation: 150, studentsPct: 50, teachersEngaged: 20, teachersPopulation: 30,
      meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: false, teachers: false},
      schoolsIncluded: ["СОШ № 1", "СОШ № 2"], schoolsNotReported: ["СОШ № 3"],
      verdict: {students: "данные неполные (по 2 из 3 школ): цель не оценивается", teachers: "данные неполные (по 2 из 3 школ): цель не оценивается"}});
    expect(r.notCounted).toEqual([{id: expect.any(Number), municipality: "Тарский", name: "СОШ № 3", state: "partial", stateLabel: "прочитан не полностью",
      reasons: ["нет строк в формах 2–5"]}]);
    const school = (n: string) => r.schools.find((s) => s.name === n)!;
    expect(school("СОШ № 1")).toMatchObject({status: "reported", studentsEngaged: 30, teachersEngaged: 14, teachersPct: 70,
      meetsTarget: {students: false, teachers: true}, dataErrors: []});
    expect(school("СОШ № 3")).toMatchObject({status: "not_reported", studentsEngaged: null, studentsPopulation: 40, includedInTotals: false,
      state: "partial", expected: true});
    const lyceum = school("Лицей");
    expect(lyceum).toMatchObject({studentsEngaged: 14, studentsPopulation: 10, studentsPct: 140, meetsTarget: {students: null, teachers: true}});
    expect(lyceum.dataErrors.map((e) => e.kind)).toEqual(["engagement/over-population"]);
    const omsky = r.municipalities.find((m) => m.name === "Омский")!;
    // Омский is complete (its one school counted): the decision stands.
    expect(omsky.meetsTarget).toEqual({students: null, teachers: true});
    expect(omsky.coverage).toMatchObject({schoolsExpected: 1, schoolsCounted: 1, complete: true});
  });

  it("the same bytes again change nothing and say so", async () => {
    const bytes = await quarterFile(Q1, TARSKY_Q1);
    const first = await ingestBytes(store, "tarsky.xlsx", bytes);
    const again = await ingestBytes(store, "tarsky-copy.xlsx", bytes);
    expect(again).toMatchObject({status: "already_loaded", sameAs: first.uploadId, uploadId: null});
    expect((await issuesReport(store)).files).toHaveLength(1);
  });

  it("a correction replaces that school's period only, whatever order files arrive in, and the old upload stays in history", async () => {
    const q2 = await quarterFile(Q2, [{m: "Тарский", name: "СОШ № 2", students: 50, teachers: 10, forms: {3: [1, 1]}}]);
    await ingestBytes(store, "s2-q2.xlsx", q2);                                          // Q2 arrives first
    const original = await ingestBytes(store, "tarsky.xlsx", await quarterFile(Q1, TARSKY_Q1));
    const fixed = await ingestBytes(store, "s2-fix.xlsx", await quarterFile(Q1,
      [{m: "Тарский", name: "СОШ № 2", students: 50, teachers: 10, forms: {2: [20, 20], 3: [5, 5], 5: ["5 Менеджер", 5]}}]));
    expect(fixed.replaces).toEqual([original.uploadId]);
    const q1 = await engagementReport(store, projectSettings(), {period: "2024-Q1"});
    // СОШ № 2 now 10 of 10 teachers; СОШ № 1 untouched: Тарский 24 of 30 = 80 %.
    expect(q1.municipalities[0]).toMatchObject({name: "Тарский", teachersEngaged: 24, teachersPopulation: 30, teachersPct: 80});
    const q2r = await engagementReport(store, projectSettings(), {period: "2024-Q2"});
    expect(q2r.schools.find((s) => s.name === "СОШ № 2")).toMatchObject({teachersEngaged: 2});
    // Schools known from Q1 that sent nothing for Q2 are listed as not reported.
    expect(q2r.region.schoolsNotReported).toEqual(["СОШ № 1", "СОШ № 3"]);
    const history = await issuesReport(store);
    expect(history.files.map((f) => f.file)).toEqual(["s2-q2.xlsx", "tarsky.xlsx", "s2-fix.xlsx"]);
    expect(history.files[1]!.replacedBy).toBeNull(); // it still owns СОШ № 1 and № 3 for Q1
  });

  it("without --period the latest period is reported", async () => {
    await ingestBytes(store, "a.xlsx", await quarterFile(Q2, OMSKY_Q1));
    await ingestBytes(store, "b.xlsx", await quarterFile(Q1, TARSKY_Q1));
    expect((await engagementReport(store, projectSettings())).period).toBe("2024-Q2");
  });

  it("an empty database reports no period instead of failing", async () => {
    expect(await engagementReport(store, projectSettings())).toMatchObject({period: null, schools: [], municipalities: []});
  });
});
