// Name variants of one school, the same name in two districts, and a proposed match confirmed after
// the fact (issue 11 §1). Figures worked out by hand in each case's comment.
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Store} from "../../../store/database.ts";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {engagementReport} from "../../../reports/engagement.ts";
import {decideProposal, pendingProposals, directorySchools} from "../../../store/directory.ts";
import {quarter} from "../../helpers/directory.ts";
import {projectSettings} from "../../helpers/settings.ts";

const Q1 = "за I квартал 2024 г.", Q2 = "за II квартал 2024 г.";
let store: Store;
beforeEach(async () => { store = await Store.open(":memory:"); });
afterEach(async () => { await store.close(); });

describe("one school under several spellings", () => {
  it("«МБОУ СОШ №1» in Form 1 and «МБОУ «СОШ № 1»» in Forms 2–3 of one file are one school, with no phantom", async () => {
    // students 20 + 20 = 40 of 100 (40 %); teachers 13 + 13 = 26 of 30 (86,67 %).
    const o = await ingestBytes(store, "sargatka.xlsx", await quarter(Q1, [
      {m: "Саргатский", name: "МБОУ СОШ №1", alias: "МБОУ «СОШ № 1»", students: 100, teachers: 30, f2: [20, 20], f3: [13, 13]}]));
    expect(o.status).toBe("accepted");
    expect(o.issues).toContainEqual(expect.objectContaining({kind: "school/spelling-unified", severity: "info", school: "МБОУ СОШ №1",
      value: "МБОУ «СОШ № 1»"}));
    const r = await engagementReport(store, projectSettings());
    expect(r.schools).toHaveLength(1);
    expect(r.schools[0]).toMatchObject({name: "МБОУ СОШ №1", studentsEngaged: 40, studentsPopulation: 100, teachersEngaged: 26,
      teachersPopulation: 30, includedInTotals: true, state: "accepted"});
    expect(r.schools[0]!.teachersPct).toBeCloseTo(2600 / 30, 10);
  });

  it("a school written differently from quarter to quarter stays one school, and the later quarter is complete", async () => {
    // I квартал: 30 + 30 = 60 of 100 students; II квартал: 35 + 35 = 70 of 100 (exactly 70 %: met), teachers 16 of 20 (80 %).
    await ingestBytes(store, "q1.xlsx", await quarter(Q1, [
      {m: "Саргатский", name: "МБОУ \"Саргатская СОШ № 1\"", students: 100, teachers: 20, f2: [30, 30], f3: [7, 7]}]));
    const q2 = await ingestBytes(store, "q2.xlsx", await quarter(Q2, [
      {m: "Саргатский муниципальный район", name: "Муниципальное бюджетное общеобразовательное учреждение \"Саргатская средняя общеобразовательная школа № 1\"",
        students: 100, teachers: 20, f2: [35, 35], f3: [8, 8]}]));
    expect(q2.replaces).toEqual([]);
    const [r1, r2] = [await engagementReport(store, projectSettings(), {period: "2024-Q1"}), await engagementReport(store, projectSettings(), {period: "2024-Q2"})];
    expect(r2.schools).toHaveLength(1);
    expect(r2.schools[0]!.id).toBe(r1.schools[0]!.id);
    expect(r2.municipalities.map((m) => m.name)).toEqual(["Саргатский"]);
    expect(r2.region).toMatchObject({studentsEngaged: 70, studentsPopulation: 100, studentsPct: 70, meetsTarget: {students: true, teachers: true},
      coverage: {schoolsExpected: 1, schoolsCounted: 1, complete: true}});
    expect(r1.region.studentsEngaged).toBe(60);
  });

  it("«Саргатский», «Саргатский муниципальный район» and «Саргатский р-н» are one municipality", async () => {
    for (const [i, m] of ["Саргатский", "Саргатский муниципальный район", "Саргатский р-н"].entries()) {
      await ingestBytes(store, `s${i}.xlsx`, await quarter(Q1, [{m, name: `МКОУ "Школа ${["А", "Б", "В"][i]}"`, students: 10, teachers: 10,
        f2: [1, 1], f3: [1, 1]}]));
    }
    const r = await engagementReport(store, projectSettings());
    expect(r.municipalities.map((m) => [m.name, m.schoolsIncluded.length])).toEqual([["Саргатский", 3]]);
    // 3 × 2 = 6 of 30 students.
    expect([r.region.studentsEngaged, r.region.studentsPopulation]).toEqual([6, 30]);
  });

  it("the same name in two districts is two schools", async () => {
    // Тарский: 20 of 100 students; Омский: 10 of 50.
    await ingestBytes(store, "region.xlsx", await quarter(Q1, [
      {m: "Тарский", name: "СОШ № 1", students: 100, teachers: 10, f2: [10, 10], f3: [3, 3]},
      {m: "Омский", name: "СОШ № 1", students: 50, teachers: 10, f2: [5, 5], f3: [4, 4]}]));
    const r = await engagementReport(store, projectSettings());
    expect(r.schools.map((s) => [s.municipality, s.name, s.studentsEngaged, s.studentsPopulation])).toEqual([
      ["Омский", "СОШ № 1", 10, 50], ["Тарский", "СОШ № 1", 20, 100]]);
    expect(new Set(r.schools.map((s) => s.id)).size).toBe(2);
    expect(await store.read(pendingProposals)).toEqual([]);
  });
});

describe("a new name close to a known one is a proposal", () => {
  const gymnasium = (name: string, f2: [number, number], f3: [number, number]) =>
    [{m: "Тарский", name, students: 200, teachers: 20, f2, f3}];

  async function twoQuarters() {
    // I квартал: «Тарская гимназия» 70 + 70 = 140 of 200 students (70 %), 14 of 20 teachers.
    await ingestBytes(store, "q1.xlsx", await quarter(Q1, gymnasium("МКОУ «Тарская гимназия»", [70, 70], [7, 7])));
    // II квартал, another name: 75 + 75 = 150 of 200 students (75 %), 16 of 20 teachers.
    return ingestBytes(store, "q2.xlsx", await quarter(Q2, gymnasium("МКОУ «Тарская гимназия им. А.С. Пушкина»", [75, 75], [8, 8])));
  }

  it("is an issue of the file and an entry in the proposals list; until decided the two are apart", async () => {
    const q2 = await twoQuarters();
    expect(q2.status).toBe("accepted_with_remarks");
    const issue = q2.issues.find((i) => i.kind === "directory/similar-name")!;
    expect(issue).toMatchObject({severity: "warning", school: "МКОУ «Тарская гимназия им. А.С. Пушкина»"});
    const proposals = await store.read(pendingProposals);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({municipality: "Тарский", name: "МКОУ «Тарская гимназия им. А.С. Пушкина»", candidate: "МКОУ «Тарская гимназия»",
      similarity: 0.9, file: "q2.xlsx"});
    expect(issue.message).toContain(`mentoring directory confirm ${proposals[0]!.id}`);
    const r = await engagementReport(store, projectSettings(), {period: "2024-Q2"});
    expect(r.region.coverage).toMatchObject({schoolsExpected: 2, schoolsCounted: 1, label: "по 1 из 2 школ"});
    expect(r.notCounted.map((s) => [s.name, s.state])).toEqual([["МКОУ «Тарская гимназия»", "missing"]]);
  });

  it("confirmed, it applies to the past and future uploads without loading anything again", async () => {
    await twoQuarters();
    const before = await store.read((c) => directorySchools(c));
    const [p] = await store.read(pendingProposals);
    await store.write((c) => decideProposal(c, p!.id, "same", "cli"));
    expect(await store.read(pendingProposals)).toEqual([]);
    const [r1, r2] = [await engagementReport(store, projectSettings(), {period: "2024-Q1"}), await engagementReport(store, projectSettings(), {period: "2024-Q2"})];
    expect(r2.schools).toHaveLength(1);
    expect(r2.schools[0]).toMatchObject({id: r1.schools[0]!.id, name: "МКОУ «Тарская гимназия»", studentsEngaged: 150, studentsPopulation: 200,
      teachersEngaged: 16, state: "accepted_with_remarks"});
    expect(r2.region.coverage).toMatchObject({schoolsExpected: 1, schoolsCounted: 1, complete: true});
    expect(r1.schools[0]!.studentsEngaged).toBe(140);
    const after = await store.read((c) => directorySchools(c));
    expect([before.length, after.length]).toEqual([2, 1]);
    // A third quarter in the new spelling goes straight to the school, with no new proposal.
    const q3 = await ingestBytes(store, "q3.xlsx", await quarter("за III квартал 2024 г.", gymnasium("МКОУ «Тарская гимназия им. А.С. Пушкина»", [1, 1], [1, 1])));
    expect(q3.issues.map((i) => i.kind)).not.toContain("directory/similar-name");
    expect((await engagementReport(store, projectSettings(), {period: "2024-Q3"})).schools.map((s) => s.id)).toEqual([r1.schools[0]!.id]);
  });

  it("rejected («Это другая школа»), the two stay apart and the proposal is gone", async () => {
    await twoQuarters();
    const [p] = await store.read(pendingProposals);
    await store.write((c) => decideProposal(c, p!.id, "different", "server"));
    expect(await store.read(pendingProposals)).toEqual([]);
    expect((await engagementReport(store, projectSettings(), {period: "2024-Q2"})).region.coverage.label).toBe("по 1 из 2 школ");
    await expect(store.write((c) => decideProposal(c, p!.id, "same", "cli"))).rejects.toThrow(/нет среди нерешённых/);
  });
});
