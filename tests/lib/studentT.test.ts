import {describe, expect, it} from "vitest";
import {tQuantile, twoSidedTPValue} from "../../lib/index.ts";
import {readFileSync} from "node:fs";

// Expected quantiles: scipy.stats.t.ppf(q, df), in tests/fixtures/scipy/prepost_reference.json.
const reference = JSON.parse(readFileSync(new URL("../fixtures/scipy/prepost_reference.json", import.meta.url), "utf8")) as
  {tQuantiles: Array<{q: number; df: number; value: number}>};

describe("Student's t", () => {
  for (const {q, df, value} of reference.tQuantiles) {
    it(`finds the ${q} quantile of t(${df}) as scipy does`, () => {
      expect(tQuantile(q, df)).toBeCloseTo(value, 8);
    });
  }

  it("gives the two-sided p of t(1) in closed form: 2·(1/2 − atan(t)/π)", () => {
    expect(twoSidedTPValue(1, 1)).toBeCloseTo(0.5, 12);
    expect(twoSidedTPValue(-3, 1)).toBeCloseTo(1 - 2 * Math.atan(3) / Math.PI, 12);
  });

  it("refuses impossible levels and degrees of freedom", () => {
    expect(() => tQuantile(1, 5)).toThrow();
    expect(() => twoSidedTPValue(1, 0)).toThrow();
  });
});
