import {describe, expect, it} from "vitest";
import {pairedTTest} from "../../lib/index.ts";

describe("pairedTTest", () => {
  it("works the documented example: differences 2, 4, 6", () => {
    const r = pairedTTest([2, 4, 6]);
    expect(r).toMatchObject({n: 3, mean: 4, sd: 2, df: 2});
    expect(r.t!).toBeCloseTo(3.46410161513775, 10);
    // p = 2·P(T₂ ≥ 2√3); for df = 2, P(T ≥ t) = (1 − t/√(t² + 2))/2 = (1 − √(12/14))/2
    expect(r.p!).toBeCloseTo(1 - Math.sqrt(12 / 14), 10);
  });

  it("gives only the mean for one difference and nothing for none", () => {
    expect(pairedTTest([7])).toEqual({n: 1, mean: 7, sd: null, t: null, df: null, p: null, ci95: null});
    expect(pairedTTest([])).toEqual({n: 0, mean: null, sd: null, t: null, df: null, p: null, ci95: null});
  });

  it("gives sd 0 and no t when all differences are equal", () => {
    expect(pairedTTest([3, 3, 3, 3])).toEqual({n: 4, mean: 3, sd: 0, t: null, df: 3, p: null, ci95: [3, 3]});
  });
});
