// lib/compareProportions, lib/fisherExact and lib/wilsonInterval against scipy's output
// (tests/fixtures/scipy/students_reference.py and .json), plus the hand-worked examples.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {compareProportions, MIN_EXPECTED_COUNT} from "../../lib/compareProportions.ts";
import {fisherExact} from "../../lib/fisherExact.ts";
import {wilsonInterval} from "../../lib/wilsonInterval.ts";

interface Case {
  name: string; before: [number, number]; after: [number, number]; difference: number; wilsonBefore: [number, number];
  wilsonAfter: [number, number]; ci95: [number, number]; minExpected: number; test: "z" | "fisher"; z: number | null; p: number;
}
const ref = JSON.parse(readFileSync(new URL("../fixtures/scipy/students_reference.json", import.meta.url), "utf8")) as
  {proportions: Case[]; fisher: Array<{table: [[number, number], [number, number]]; p: number}>};

describe("compareProportions against scipy", () => {
  for (const c of ref.proportions) {
    it(c.name, () => {
      const r = compareProportions({x: c.before[0], n: c.before[1]}, {x: c.after[0], n: c.after[1]});
      expect(r.test).toBe(c.test);
      expect(r.minExpected).toBeCloseTo(c.minExpected, 9);
      expect(r.difference).toBeCloseTo(c.difference, 12);
      expect(r.p).toBeCloseTo(c.p, 9);
      if (c.z === null) expect(r.z).toBeNull(); else expect(r.z).toBeCloseTo(c.z, 9);
      expect(r.ci95![0]).toBeCloseTo(c.ci95[0], 9);
      expect(r.ci95![1]).toBeCloseTo(c.ci95[1], 9);
      expect(wilsonInterval(c.before[0], c.before[1])![0]).toBeCloseTo(c.wilsonBefore[0], 12);
      expect(wilsonInterval(c.after[0], c.after[1])![1]).toBeCloseTo(c.wilsonAfter[1], 12);
    });
  }
  it("covers both tests", () => {
    expect(new Set(ref.proportions.map((c) => c.test))).toEqual(new Set(["z", "fisher"]));
  });
});

describe("fisherExact against scipy", () => {
  for (const c of ref.fisher) {
    it(`table ${JSON.stringify(c.table)}`, () => {
      expect(fisherExact(c.table[0][0], c.table[0][1], c.table[1][0], c.table[1][1])).toBeCloseTo(c.p, 10);
    });
  }
});

describe("the hand-worked examples", () => {
  it("z-test: 30 of 50 → 40 of 50", () => {
    const r = compareProportions({x: 30, n: 50}, {x: 40, n: 50});
    // p̄ = 0.7, se = √(0.7 · 0.3 · 2/50) = 0.0916515, z = 0.2 / se
    expect(r.z).toBeCloseTo(0.2 / Math.sqrt(0.7 * 0.3 * 0.04), 12);
    expect(r).toMatchObject({test: "z", minExpected: 15, before: {x: 30, n: 50, share: 0.6}, after: {x: 40, n: 50, share: 0.8}});
  });

  it("Fisher: the table [[1, 9], [11, 3]] sums the four least likely tables", () => {
    // P(k) = C(10,k)·C(14,12−k)/C(24,12), k = 0, 1, 9, 10
    const c = (n: number, k: number) => { let r = 1; for (let i = 1; i <= k; i++) r = r * (n - k + i) / i; return r; };
    const P = (k: number) => c(10, k) * c(14, 12 - k) / c(24, 12);
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(P(0) + P(1) + P(9) + P(10), 12);
  });

  it("chooses Fisher as soon as an expected count falls below 5", () => {
    expect(MIN_EXPECTED_COUNT).toBe(5);
    expect(compareProportions({x: 1, n: 10}, {x: 10, n: 13}).test).toBe("fisher");
  });

  it("gives nulls for an empty group and refuses impossible counts", () => {
    expect(compareProportions({x: 0, n: 0}, {x: 3, n: 5})).toMatchObject({difference: null, test: null, p: null, ci95: null});
    expect(() => compareProportions({x: 6, n: 5}, {x: 3, n: 5})).toThrow();
    expect(() => fisherExact(1.5, 1, 1, 1)).toThrow();
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
