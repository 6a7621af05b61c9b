import {describe, expect, it} from "vitest";
import {coverageText, coverageVerdict, isComplete} from "../../lib/coverageVerdict.ts";

const plain = (s: string) => s.replace(/\u00a0/g, " ");

// One wording of the verdict with the quarterly report and the dashboards (lib/coverage.ts targetVerdict).
describe("coverageVerdict never calls a partial figure complete", () => {
  it("the @examples", () => {
    expect(coverageVerdict(true, {schoolsCounted: 12, schoolsExpected: 12})).toBe("цель достигнута");
    expect(coverageVerdict(true, {schoolsCounted: 9, schoolsExpected: 12})).toBe("данные неполные (по 9 из 12 школ): цель не оценивается");
    expect(coverageVerdict(false, {schoolsCounted: 20, schoolsExpected: 21, regionsCounted: 2, regionsPresent: 3}))
      .toBe("данные неполные (по 20 из 21 школы, 2 из 3 регионов): цель не оценивается");
  });
  it("every school counted but a region missing is still partial", () => {
    const c = {schoolsCounted: 30, schoolsExpected: 30, regionsCounted: 2, regionsPresent: 3};
    expect(isComplete(c)).toBe(false);
    expect(coverageVerdict(true, c)).toBe("данные неполные (по 30 из 30 школ, 2 из 3 регионов): цель не оценивается");
    expect(isComplete({...c, regionsCounted: 3})).toBe(true);
    expect(coverageVerdict(true, {...c, regionsCounted: 3})).toBe("цель достигнута");
  });
  it("nothing counted is «нет данных»; no decision is «цель не оценивается»", () => {
    expect(coverageVerdict(null, {schoolsCounted: 0, schoolsExpected: 5})).toBe("нет данных");
    expect(coverageVerdict(true, {schoolsCounted: 0, schoolsExpected: 0})).toBe("нет данных");
    expect(coverageVerdict(null, {schoolsCounted: 4, schoolsExpected: 5})).toBe("данные неполные (по 4 из 5 школ): цель не оценивается");
    expect(coverageVerdict(null, {schoolsCounted: 5, schoolsExpected: 5})).toBe("цель не оценивается");
  });
  it("the genitive after «из»: 1, 11, 21, 101 and thousands", () => {
    expect(coverageText({schoolsCounted: 1, schoolsExpected: 1})).toBe("по 1 из 1 школы");
    expect(coverageText({schoolsCounted: 10, schoolsExpected: 11})).toBe("по 10 из 11 школ");
    expect(coverageText({schoolsCounted: 100, schoolsExpected: 101, regionsCounted: 20, regionsPresent: 21})).toBe("по 100 из 101 школы, 20 из 21 региона");
    expect(plain(coverageText({schoolsCounted: 40120, schoolsExpected: 44500, regionsCounted: 85, regionsPresent: 89})))
      .toBe("по 40 120 из 44 500 школ, 85 из 89 регионов");
  });
});
