import {describe, expect, it} from "vitest";
import {engagedCounts, engagementPercent, engagementSummary, type SchoolFigures, formatDate, formatNumber, formatPercent, formatPeriod} from "../../lib/index.ts";

const T = {students: 70, teachers: 70};
const s = (name: string, o: Partial<SchoolFigures>): SchoolFigures => ({name, municipality: "М", inForm1: true, hasEngagement: true,
  studentsEngaged: 0, studentsPopulation: 0, teachersEngaged: 0, teachersPopulation: 0, ...o});

describe("engagedCounts applies the counting rule of the forms", () => {
  it("the @example: students from Forms 2, 4, 5 mentees and Form 2 mentors; teachers from Form 3", () => {
    expect(engagedCounts([{form: 2, mentors: 10, mentees: 10}, {form: 3, mentors: 5, mentees: 6}, {form: 4, mentors: 4, mentees: 4}]))
      .toEqual({students: 24, teachers: 11});
  });
  it("Form 5's employers are not students", () => {
    expect(engagedCounts([{form: 5, mentors: 3, mentees: 3}])).toEqual({students: 3, teachers: 0});
  });
  it("no rows is zero", () => expect(engagedCounts([])).toEqual({students: 0, teachers: 0}));
});

describe("engagementSummary sums, then divides", () => {
  it("the @example: 60 of 200 students is 30 %, 14 of 20 teachers meets 70 %, a school without engagement is not reported", () => {
    const r = engagementSummary([
      s("А", {studentsEngaged: 50, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10}),
      s("Б", {studentsEngaged: 10, studentsPopulation: 100, teachersEngaged: 7, teachersPopulation: 10}),
      s("В", {hasEngagement: false, studentsPopulation: 80, teachersPopulation: 9})], T);
    // В is expected and not counted: 2 of 3 schools, the target is not judged; over А and Б it is (30 % no, 70 % yes).
    // Population share: students 200 of 280, teachers 20 of 29.
    expect(r).toEqual({studentsEngaged: 60, studentsPopulation: 200, studentsPct: 30, teachersEngaged: 14, teachersPopulation: 20,
      teachersPct: 70, meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: false, teachers: true},
      verdict: {students: "данные неполные (по 2 из 3 школ): цель не оценивается", teachers: "данные неполные (по 2 из 3 школ): цель не оценивается"},
      coverage: {schoolsExpected: 3, schoolsCounted: 2, schoolsWithoutPopulation: 0, students: {counted: 200, expected: 280, share: 200 / 280},
        teachers: {counted: 20, expected: 29, share: 20 / 29}, rejectedFiles: 0, complete: false, label: "по 2 из 3 школ"},
      schoolsIncluded: ["А", "Б"], schoolsNotReported: ["В"]});
  });
  it("is not the mean of school percentages: 90 of 100 and 1 of 10 is 82,7 %, not 50 %", () => {
    const r = engagementSummary([s("А", {studentsEngaged: 90, studentsPopulation: 100}), s("Б", {studentsEngaged: 1, studentsPopulation: 10})], T);
    expect(r.studentsPct).toBeCloseTo(91 / 110 * 100, 12);
  });
  it("a school missing from Form 1 stays out of the sums", () => {
    const r = engagementSummary([s("А", {studentsEngaged: 5, studentsPopulation: 10}), s("Б", {inForm1: false, studentsEngaged: 50, studentsPopulation: null})], T);
    expect(r.studentsEngaged).toBe(5);
    expect(r.schoolsIncluded).toEqual(["А"]);
  });
  it("no school gives no figures at all («нет данных»), never a group of 0 people", () => {
    expect(engagementSummary([], T)).toMatchObject({studentsEngaged: null, studentsPopulation: null, studentsPct: null,
      meetsTarget: {students: null, teachers: null}});
  });
  it("over complete coverage the decision stands: 14 of 20 teachers meets 70 %", () => {
    const r = engagementSummary([s("А", {studentsEngaged: 7, studentsPopulation: 10, teachersEngaged: 14, teachersPopulation: 20})], T);
    expect(r.meetsTarget).toEqual({students: true, teachers: true});
    expect(r.coverage).toMatchObject({complete: true, label: "по 1 из 1 школы"});
    expect(r.verdict).toEqual({students: "цель достигнута", teachers: "цель достигнута"});
  });
  it("a school read in part is out of the sums and out of the coverage count", () => {
    const r = engagementSummary([s("А", {studentsEngaged: 7, studentsPopulation: 10}), s("Б", {incomplete: true, studentsEngaged: 1, studentsPopulation: 10})], T);
    expect([r.studentsEngaged, r.studentsPopulation, r.coverage.schoolsCounted, r.coverage.schoolsExpected]).toEqual([7, 10, 1, 2]);
    expect(r.meetsTarget.students).toBeNull();
    expect(r.meetsTargetCounted.students).toBe(true);
  });
  it("engagementPercent is unrounded: the @example", () => expect(engagementPercent(58, 86)).toBeCloseTo(67.44186046511628, 12));
});

describe("ru-RU formats", () => {
  it("percent, number, date and quarter", () => {
    expect(formatPercent(67.3641)).toBe("67,4\u00a0%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(170 / 243 * 100, 1, 70)).toBe("69,96\u00a0%");
    expect(formatPercent(70, 1, 70)).toBe("70,0\u00a0%");
    expect(formatNumber(1234.5, 1)).toBe("1\u00a0234,5");
    expect(formatDate(new Date(Date.UTC(2024, 8, 1)))).toBe("01.09.2024");
    expect(formatPeriod("2024-Q2")).toBe("II квартал 2024");
  });
});
