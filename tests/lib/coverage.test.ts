import {describe, expect, it} from "vitest";
import {coverage, coverageLabel, knownPopulation, STATE_LABELS, targetVerdict} from "../../lib/coverage.ts";

describe("coverage of an aggregate", () => {
  it("the @example: 2 of 3 schools, 100 of 400 students known, one school never reported its population", () => {
    expect(coverage([{counted: true, students: 100, teachers: 10}, {counted: false, students: 300, teachers: 30}, {counted: true, students: null, teachers: null}]))
      .toEqual({schoolsExpected: 3, schoolsCounted: 2, schoolsWithoutPopulation: 1, students: {counted: 100, expected: 400, share: 0.25},
        teachers: {counted: 10, expected: 40, share: 0.25}, rejectedFiles: 0, complete: false, label: "по 2 из 3 школ"});
  });
  it("every expected school counted is complete; a refused file of no known school makes it incomplete and is said", () => {
    const all = [{counted: true, students: 50, teachers: 5}];
    expect(coverage(all)).toMatchObject({complete: true, label: "по 1 из 1 школы", students: {share: 1}});
    expect(coverage(all, 2)).toMatchObject({complete: false, rejectedFiles: 2, label: "по 1 из 1 школы; не принято файлов без указания школы: 2"});
  });
  it("no expected school: nothing known, complete, share null", () => {
    expect(coverage([])).toMatchObject({schoolsExpected: 0, complete: true, students: {counted: 0, expected: 0, share: null}});
  });
});

describe("coverageLabel in Russian", () => {
  it("the @examples and the genitive after «из»", () => {
    expect(coverageLabel(9, 12)).toBe("по 9 из 12 школ");
    expect(coverageLabel(1, 21)).toBe("по 1 из 21 школы");
    expect(coverageLabel(10, 11)).toBe("по 10 из 11 школ");
    expect(coverageLabel(0, 1)).toBe("по 0 из 1 школы");
  });
});

describe("knownPopulation", () => {
  const h = [{period: "2024-Q1", students: 412, teachers: 38}, {period: "2024-Q3", students: 420, teachers: 40}];
  it("the @example: the nearest earlier quarter", () => expect(knownPopulation(h, "2024-Q2")).toEqual({students: 412, teachers: 38}));
  it("the period's own, else the earliest later one, else null", () => {
    expect(knownPopulation(h, "2024-Q3")).toEqual({students: 420, teachers: 40});
    expect(knownPopulation(h, "2023-Q4")).toEqual({students: 412, teachers: 38});
    expect(knownPopulation([], "2024-Q1")).toEqual({students: null, teachers: null});
    expect(knownPopulation([{period: "2024-Q1", students: null, teachers: 9}], "2024-Q2")).toEqual({students: null, teachers: 9});
  });
});

describe("targetVerdict never says «цель достигнута» over incomplete data", () => {
  it("the @examples", () => {
    expect(targetVerdict(true, {complete: true, label: "по 12 из 12 школ"})).toBe("цель достигнута");
    expect(targetVerdict(true, {complete: false, label: "по 9 из 12 школ"})).toBe("данные неполные (по 9 из 12 школ): цель не оценивается");
  });
  it("not met, undecidable", () => {
    expect(targetVerdict(false, {complete: true, label: ""})).toBe("цель не достигнута");
    expect(targetVerdict(null, {complete: true, label: ""})).toBe("цель не оценивается");
    expect(targetVerdict(false, {complete: false, label: "по 1 из 4 школ"})).toBe("данные неполные (по 1 из 4 школ): цель не оценивается");
  });
  it("the five states in the methodologist's words", () => {
    expect(Object.values(STATE_LABELS)).toEqual(["принят", "принят с замечаниями", "прочитан не полностью", "файл не принят", "не прислал"]);
  });
});
