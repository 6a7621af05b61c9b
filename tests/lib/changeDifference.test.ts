import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {changeDifference} from "../../lib/changeDifference.ts";

const ref = JSON.parse(readFileSync(new URL("../fixtures/scipy/students_reference.json", import.meta.url), "utf8")) as
  {welch: Array<{name: string; with: number[]; without: number[]; difference: number; t: number; df: number; p: number; ci95: [number, number]}>};

describe("changeDifference", () => {
  it("works the documented example", () => {
    const r = changeDifference([10, 14, 12], [4, 6]);
    expect(r).toMatchObject({nWith: 3, nWithout: 2, meanWith: 12, meanWithout: 5, difference: 7});
    expect(r.df).toBeCloseTo(2.8823529, 6);
  });

  for (const c of ref.welch) {
    it(`matches scipy's Welch test: ${c.name}`, () => {
      const r = changeDifference(c.with, c.without);
      expect(r.difference).toBeCloseTo(c.difference, 10);
      expect(r.p).toBeCloseTo(c.p, 9);
      expect(r.df).toBeCloseTo(c.df, 9);
      expect(r.ci95![0]).toBeCloseTo(c.ci95[0], 8);
      expect(r.ci95![1]).toBeCloseTo(c.ci95[1], 8);
    });
  }

  it("has no interval with fewer than two teachers in a group", () => {
    expect(changeDifference([5], [1, 2, 3])).toMatchObject({nWith: 1, meanWith: 5, difference: 3, ci95: null, p: null});
    expect(changeDifference([], [])).toMatchObject({nWith: 0, nWithout: 0, difference: null});
  });
});
