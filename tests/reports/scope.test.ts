import {describe, expect, it} from "vitest";
import {scopeContains, type ReportScope} from "../../reports/scope.ts";

describe("scopeContains", () => {
  // Schools 17 and 18 are in municipality 3, school 20 in municipality 4.
  const municipalityOf = (id: number) => ({17: 3, 18: 3, 20: 4} as Record<number, number>)[id] ?? null;
  const region: ReportScope = {level: "region"};
  const m3: ReportScope = {level: "municipality", id: 3};
  const s17: ReportScope = {level: "school", id: 17};
  it("the region contains every part", () => {
    expect(scopeContains(region, region, municipalityOf)).toBe(true);
    expect(scopeContains(region, m3, municipalityOf)).toBe(true);
    expect(scopeContains(region, s17, municipalityOf)).toBe(true);
  });
  it("a municipality contains itself and its schools only", () => {
    expect(scopeContains(m3, m3, municipalityOf)).toBe(true);
    expect(scopeContains(m3, s17, municipalityOf)).toBe(true);
    expect(scopeContains(m3, {level: "school", id: 20}, municipalityOf)).toBe(false);
    expect(scopeContains(m3, {level: "municipality", id: 4}, municipalityOf)).toBe(false);
    expect(scopeContains(m3, region, municipalityOf)).toBe(false);
  });
  it("a school contains only itself", () => {
    expect(scopeContains(s17, s17, municipalityOf)).toBe(true);
    expect(scopeContains(s17, {level: "school", id: 18}, municipalityOf)).toBe(false);
    expect(scopeContains(s17, m3, municipalityOf)).toBe(false);
  });
});
