import {describe, expect, it} from "vitest";
import {chosenPairedTest, chosenUnpairedTest, pairedComparison, prepostReading, SMALL_SAMPLE} from "../../lib/index.ts";

describe("chosenPairedTest: one test per group", () => {
  it("takes the paired t-test from 30 pairs on (the annual report's «Коммуникативные», 136 pairs: p 0,267, not Wilcoxon's 0,191)", () => {
    expect(chosenPairedTest({n: 136, pT: 0.267, wilcoxon: {p: 0.191}}))
      .toEqual({test: "paired-t", label: "парный t-критерий", p: 0.267, significant: false});
    expect(chosenPairedTest({n: SMALL_SAMPLE, pT: 0.01, wilcoxon: {p: 0.2}}).test).toBe("paired-t");
  });

  it("takes the Wilcoxon signed-rank test below 30 pairs, and when every change is equal", () => {
    expect(chosenPairedTest({n: 29, pT: 0.01, wilcoxon: {p: 0.04}}))
      .toEqual({test: "wilcoxon", label: "критерий Уилкоксона", p: 0.04, significant: true});
    expect(chosenPairedTest({n: 40, pT: null, wilcoxon: {p: 0.5}}).test).toBe("wilcoxon");
  });

  it("names no test when neither can be computed", () => {
    expect(chosenPairedTest({n: 1, pT: null, wilcoxon: null})).toEqual({test: null, label: null, p: null, significant: null});
  });

  it("is what pairedComparison reports and what the curator's sentence quotes", () => {
    // changes 2, 4, 6: 3 pairs → Wilcoxon, exact p = 0.25 (worked by hand in lib/pairedComparison.ts)
    const c = pairedComparison([50, 60, 70], [52, 64, 76]);
    expect(c.test).toMatchObject({test: "wilcoxon", label: "критерий Уилкоксона", significant: false});
    expect(c.test.p).toBeCloseTo(0.25, 12);
    expect(prepostReading({label: "X", nPairs: 3, meanEntry: 60, meanExit: 64, pT: c.pT, wilcoxon: c.wilcoxon, dz: c.dz}))
      .toContain("(критерий Уилкоксона, p = 0,250)");
  });
});

describe("chosenUnpairedTest", () => {
  it("takes Welch's t-test when both samples have at least 30 answers, Mann–Whitney otherwise", () => {
    expect(chosenUnpairedTest({nBefore: 30, nAfter: 31, welch: {p: 0.02}, mannWhitney: {p: 0.03}}).test).toBe("welch");
    expect(chosenUnpairedTest({nBefore: 29, nAfter: 31, welch: {p: 0.02}, mannWhitney: {p: 0.03}}))
      .toEqual({test: "mann-whitney", label: "U-критерий Манна — Уитни", p: 0.03, significant: true});
    expect(chosenUnpairedTest({nBefore: 40, nAfter: 40, welch: null, mannWhitney: null}).p).toBeNull();
  });
});
