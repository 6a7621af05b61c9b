import {describe, expect, it} from "vitest";
import {isSmallGroup, suppressedFigures} from "../../lib/index.ts";
import type {EngagementFigures} from "../../lib/engagementSummary.ts";

describe("isSmallGroup", () => {
  it("4 people is a small group, 5 is not, an unknown size is not (the @examples)", () => {
    expect(isSmallGroup(4, 5)).toBe(true);
    expect(isSmallGroup(5, 5)).toBe(false);
    expect(isSmallGroup(null, 5)).toBe(false);
  });
  it("an empty group is small and the limit can be changed", () => {
    expect(isSmallGroup(0, 5)).toBe(true);
    expect(isSmallGroup(9, 10)).toBe(true);
    expect(isSmallGroup(10, 10)).toBe(false);
  });
  it("a limit that is not a positive integer is a programmer error", () => {
    expect(() => isSmallGroup(3, 0)).toThrow(/positive integer/);
    expect(() => isSmallGroup(3, 2.5)).toThrow(/positive integer/);
  });
});

describe("suppressedFigures", () => {
  const school: EngagementFigures = {studentsEngaged: 60, studentsPopulation: 85, studentsPct: 70.588, teachersEngaged: 3,
    teachersPopulation: 4, teachersPct: 75, meetsTarget: {students: true, teachers: true}};

  it("a school with 4 teachers keeps its students' figures and hides its teachers' (the @example)", () => {
    expect(suppressedFigures(school, 5)).toEqual({studentsEngaged: 60, studentsPopulation: 85, studentsPct: 70.588,
      teachersEngaged: null, teachersPopulation: null, teachersPct: null,
      meetsTarget: {students: true, teachers: null}, suppressed: {students: false, teachers: true}});
  });
  it("a school with exactly 5 teachers and 5 students shows everything", () => {
    const f: EngagementFigures = {studentsEngaged: 5, studentsPopulation: 5, studentsPct: 100, teachersEngaged: 0,
      teachersPopulation: 5, teachersPct: 0, meetsTarget: {students: true, teachers: false}};
    expect(suppressedFigures(f, 5)).toEqual({...f, suppressed: {students: false, teachers: false}});
  });
  it("both sides small: every count and percentage is hidden, other fields stay", () => {
    const f = {name: "МБОУ \"Тарская ООШ № 5\"", studentsEngaged: 2, studentsPopulation: 3, studentsPct: 66.667, teachersEngaged: 1,
      teachersPopulation: 2, teachersPct: 50, meetsTarget: {students: false, teachers: false}};
    expect(suppressedFigures(f, 5)).toEqual({name: f.name, studentsEngaged: null, studentsPopulation: null, studentsPct: null,
      teachersEngaged: null, teachersPopulation: null, teachersPct: null, meetsTarget: {students: null, teachers: null},
      suppressed: {students: true, teachers: true}});
  });
  it("a school that did not report (unknown populations) has nothing to hide", () => {
    const f: EngagementFigures = {studentsEngaged: null, studentsPopulation: null, studentsPct: null, teachersEngaged: null,
      teachersPopulation: null, teachersPct: null, meetsTarget: {students: null, teachers: null}};
    expect(suppressedFigures(f, 5).suppressed).toEqual({students: false, teachers: false});
  });
  it("a group of 0 people is «нет данных», never «< 5»", () => {
    const f: EngagementFigures = {studentsEngaged: 0, studentsPopulation: 0, studentsPct: null, teachersEngaged: 0,
      teachersPopulation: 0, teachersPct: null, meetsTarget: {students: null, teachers: null}};
    expect(suppressedFigures(f, 5)).toEqual({...f, suppressed: {students: false, teachers: false}});
  });
});
