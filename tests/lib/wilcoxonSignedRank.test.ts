import {describe, expect, it} from "vitest";
import {wilcoxonSignedRank, cleanDifference} from "../../lib/index.ts";

describe("wilcoxonSignedRank", () => {
  it("works the documented example exactly: W = 4 of n = 5, p = 2 · 7/32", () => {
    expect(wilcoxonSignedRank([1, 2, 3, -4, 5])).toEqual({n: 5, nZero: 0, rPlus: 11, rMinus: 4, W: 4, z: null,
      p: 0.4375, method: "exact"});
  });

  it("drops zero differences before ranking", () => {
    const r = wilcoxonSignedRank([0, 0, 1, 2, 3])!;
    expect(r).toMatchObject({n: 3, nZero: 2, rPlus: 6, rMinus: 0, W: 0, method: "exact"});
    // exact: P(W⁺ ≤ 0 | n = 3) = 1/8, two-sided 1/4
    expect(r.p).toBeCloseTo(0.25, 12);
  });

  it("uses the normal approximation with tie correction when |d| ties", () => {
    // |d| = 1, 1, 2: ranks 1.5, 1.5, 3; R⁺ = 1.5 + 3 = 4.5, R⁻ = 1.5; mean 3;
    // σ² = (3·4·7 − (2³ − 2)/2) / 24 = (84 − 3)/24 = 3.375; z = 1.5/√3.375 = 0.8164966
    const r = wilcoxonSignedRank([1, -1, 2])!;
    expect(r.method).toBe("normal");
    expect(r.W).toBe(1.5);
    expect(r.z!).toBeCloseTo(1.5 / Math.sqrt(3.375), 12);
    // two-sided p = 2·(1 − Φ(0.8164966)) = 0.4142161782 (normal tables)
    expect(r.p).toBeCloseTo(0.41421617824252, 9);
  });

  it("treats differences equal up to float noise as ties", () => {
    expect(cleanDifference(52.3 - 48.1)).toBe(cleanDifference(60.3 - 56.1));
    expect(wilcoxonSignedRank([52.3 - 48.1, 60.3 - 56.1, 1])!.method).toBe("normal");
  });

  it("returns null when every difference is zero", () => {
    expect(wilcoxonSignedRank([0, 0])).toBeNull();
    expect(wilcoxonSignedRank([])).toBeNull();
  });

  it("switches to the normal approximation above 50 non-zero differences", () => {
    const d = Array.from({length: 51}, (_, i) => (i % 2 ? 1 : -1) * (i + 1));
    expect(wilcoxonSignedRank(d)!.method).toBe("normal");
    expect(wilcoxonSignedRank(d.slice(0, 50))!.method).toBe("exact");
  });
});
