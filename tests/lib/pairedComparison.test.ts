import {describe, expect, it} from "vitest";
import {pairedComparison} from "../../lib/index.ts";
import {readFileSync} from "node:fs";

// Expected values: tests/fixtures/scipy/prepost_reference.json, written by prepost_reference.py
// (scipy.stats.ttest_rel → t, pT, df, ci95; scipy.stats.wilcoxon(d[d != 0], zero_method="wilcox",
// correction=False, method="exact"|"asymptotic") → wilcoxon.W, wilcoxon.p; numpy.std(ddof=1) → sdChange).
interface RefCase {
  name: string; entry: number[]; exit: number[]; n: number;
  meanEntry: number; meanExit: number; meanChange: number; sdChange: number | null;
  t: number | null; pT: number | null; df: number | null; ci95: [number, number] | null; dz: number | null;
  wilcoxon: {W: number; p: number; method: string} | null;
  shareImproved: number; shareUnchanged: number; shareWorse: number;
}
const reference = JSON.parse(readFileSync(new URL("../fixtures/scipy/prepost_reference.json", import.meta.url), "utf8")) as {cases: RefCase[]};

function close(actual: number | null, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else {
    expect(actual).not.toBeNull();
    expect(actual!).toBeCloseTo(expected, 8);
  }
}

describe("pairedComparison against scipy", () => {
  for (const ref of reference.cases) {
    it(`matches scipy on «${ref.name}»`, () => {
      const r = pairedComparison(ref.entry, ref.exit);
      expect(r.n).toBe(ref.n);
      close(r.meanBefore, ref.meanEntry);
      close(r.meanAfter, ref.meanExit);
      close(r.meanChange, ref.meanChange);
      close(r.sdChange, ref.sdChange);
      close(r.t, ref.t);
      close(r.pT, ref.pT);
      expect(r.df).toBe(ref.df);
      close(r.dz, ref.dz);
      if (ref.ci95 === null) expect(r.ci95).toBeNull();
      else { close(r.ci95![0], ref.ci95[0]); close(r.ci95![1], ref.ci95[1]); }
      if (ref.wilcoxon === null) expect(r.wilcoxon).toBeNull();
      else {
        expect(r.wilcoxon!.method).toBe(ref.wilcoxon.method);
        close(r.wilcoxon!.W, ref.wilcoxon.W);
        close(r.wilcoxon!.p, ref.wilcoxon.p);
      }
      close(r.shareImproved, ref.shareImproved);
      close(r.shareUnchanged, ref.shareUnchanged);
      close(r.shareWorse, ref.shareWorse);
    });
  }

  it("the reference covers exact and normal Wilcoxon, zeros, ties and the degenerate cases", () => {
    const methods = new Set(reference.cases.map((c) => c.wilcoxon?.method ?? "none"));
    expect([...methods].sort()).toEqual(["exact", "none", "normal"]);
    expect(reference.cases.map((c) => c.n)).toContain(1);
  });
});

describe("pairedComparison by hand", () => {
  it("works the documented example: changes 2, 4, 6", () => {
    const r = pairedComparison([50, 60, 70], [52, 64, 76]);
    expect(r).toMatchObject({n: 3, meanBefore: 60, meanAfter: 64, meanChange: 4, sdChange: 2, dz: 2, df: 2,
      shareImproved: 1, shareUnchanged: 0, shareWorse: 0});
    expect(r.t!).toBeCloseTo(2 * Math.sqrt(3), 12);
    // exact: one of 8 sign patterns has W⁺ ≤ 0, two-sided p = 2/8
    expect(r.wilcoxon).toEqual({W: 0, p: expect.closeTo(0.25, 12), method: "exact"});
    // t₀.₉₇₅(2) = 4.30265272974946 (tables), se = 2/√3
    expect(r.ci95![0]).toBeCloseTo(4 - 4.30265272974946 * 2 / Math.sqrt(3), 10);
    expect(r.ci95![1]).toBeCloseTo(4 + 4.30265272974946 * 2 / Math.sqrt(3), 10);
  });

  it("gives n = 0 and nulls, never NaN, for no pairs", () => {
    expect(pairedComparison([], [])).toEqual({n: 0, meanBefore: null, meanAfter: null, meanChange: null, ci95: null,
      sdChange: null, t: null, df: null, pT: null, wilcoxon: null, dz: null, shareImproved: null, shareUnchanged: null,
      shareWorse: null, test: {test: null, label: null, p: null, significant: null}});
  });

  it("gives the means but no spread or t-test for a single pair", () => {
    const r = pairedComparison([40], [55]);
    expect(r).toMatchObject({n: 1, meanBefore: 40, meanAfter: 55, meanChange: 15, sdChange: null, t: null, pT: null,
      df: null, ci95: null, dz: null, shareImproved: 1});
  });

  it("gives no t, p or d_z when all changes are equal, and a zero-width interval", () => {
    const r = pairedComparison([40, 50, 60], [45, 55, 65]);
    expect(r).toMatchObject({n: 3, meanChange: 5, sdChange: 0, t: null, pT: null, dz: null, ci95: [5, 5]});
    expect(JSON.stringify(r)).not.toContain("NaN");
  });

  it("counts a change that is only float noise as unchanged", () => {
    // 0.1 + 0.2 is 0.30000000000000004, not 0.3.
    const r = pairedComparison([0.3, 10], [0.1 + 0.2, 12]);
    expect(r.shareUnchanged).toBe(0.5);
    expect(r.wilcoxon).toEqual({W: 0, p: 1, method: "exact"});
  });

  it("refuses samples of different lengths and non-finite values", () => {
    expect(() => pairedComparison([1, 2], [1])).toThrow(/equal length/);
    expect(() => pairedComparison([1, Number.NaN], [1, 2])).toThrow(/finite/);
  });
});
