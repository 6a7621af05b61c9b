import {describe, expect, it} from "vitest";
import {unpairedComparison} from "../../lib/index.ts";
import {readFileSync} from "node:fs";

interface RefCase {
  name: string; before: number[]; after: number[]; meanDifference: number;
  welch: {t: number; df: number; p: number; ci95: [number, number]};
  mannWhitney: {U: number; p: number; method: "exact" | "normal"};
  d: number;
}
const reference = JSON.parse(readFileSync(new URL("../fixtures/scipy/effectiveness_reference.json", import.meta.url), "utf8")) as {cases: RefCase[]};

describe("unpairedComparison", () => {
  it("works the documented example by hand", () => {
    const r = unpairedComparison([1, 2, 3], [4, 5]);
    expect(r.method).toBe("unpaired");
    expect(r.meanDifference).toBeCloseTo(2.5, 12);
    expect(r.welch!.t).toBeCloseTo(2.5 / Math.sqrt(1 / 3 + 0.25), 10);
    expect(r.welch!.df).toBeCloseTo((7 / 12) ** 2 / (1 / 16 + 1 / 18), 10);
    expect(r.mannWhitney).toEqual({U: 6, p: 0.2, method: "exact"});
    expect(r.d).toBeCloseTo(2.5 / Math.sqrt(2.5 / 3), 10);
  });

  for (const c of reference.cases) {
    it(`agrees with scipy to 1e-8: ${c.name}`, () => {
      const r = unpairedComparison(c.before, c.after);
      expect(r.meanDifference).toBeCloseTo(c.meanDifference, 8);
      expect(r.welch!.t).toBeCloseTo(c.welch.t, 8);
      expect(r.welch!.df).toBeCloseTo(c.welch.df, 8);
      expect(r.welch!.p).toBeCloseTo(c.welch.p, 8);
      expect(r.welch!.ci95[0]).toBeCloseTo(c.welch.ci95[0], 8);
      expect(r.welch!.ci95[1]).toBeCloseTo(c.welch.ci95[1], 8);
      expect(r.mannWhitney!.method).toBe(c.mannWhitney.method);
      expect(r.mannWhitney!.U).toBeCloseTo(c.mannWhitney.U, 8);
      expect(r.mannWhitney!.p).toBeCloseTo(c.mannWhitney.p, 8);
      expect(r.d).toBeCloseTo(c.d, 8);
    });
  }

  it("gives nulls, never NaN, for empty, single-value and zero-spread samples", () => {
    expect(unpairedComparison([], [])).toEqual({method: "unpaired", nBefore: 0, nAfter: 0, meanBefore: null, meanAfter: null,
      meanDifference: null, welch: null, mannWhitney: null, d: null, test: {test: null, label: null, p: null, significant: null}});
    const one = unpairedComparison([3], [4, 5]);
    expect(one.welch).toBeNull();
    expect(one.d).toBeNull();
    expect(one.meanDifference).toBeCloseTo(1.5, 12);
    const flat = unpairedComparison([4, 4, 4], [4, 4]);
    expect(flat.welch).toBeNull();
    expect(flat.d).toBeNull();
    expect(flat.mannWhitney).toBeNull();
  });

  it("throws on a non-finite value", () => {
    expect(() => unpairedComparison([1, NaN], [2])).toThrow(/finite/);
  });
});
