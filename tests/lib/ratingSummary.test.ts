import {describe, expect, it} from "vitest";
import {ratingSummary} from "../../lib/index.ts";

describe("ratingSummary", () => {
  it("works the documented example", () => {
    const r = ratingSummary([5, 4, 4, 2], {min: 1, max: 5});
    expect(r.n).toBe(4);
    expect(r.mean).toBeCloseTo(3.75, 12);
    expect(r.median).toBeCloseTo(4, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt((1.25 ** 2 + 2 * 0.25 ** 2 + 1.75 ** 2) / 3), 10);
    expect(r.distribution).toEqual([{value: 1, count: 0, share: 0}, {value: 2, count: 1, share: 25},
      {value: 3, count: 0, share: 0}, {value: 4, count: 2, share: 50}, {value: 5, count: 1, share: 25}]);
  });

  it("lists only the values seen when there is no scale", () => {
    expect(ratingSummary([7, 9, 7]).distribution).toEqual([{value: 7, count: 2, share: 200 / 3}, {value: 9, count: 1, share: 100 / 3}]);
  });

  it("gives nulls for no answers and no sd for one answer", () => {
    expect(ratingSummary([], {min: 1, max: 3})).toEqual({n: 0, mean: null, median: null, sd: null,
      distribution: [{value: 1, count: 0, share: null}, {value: 2, count: 0, share: null}, {value: 3, count: 0, share: null}]});
    expect(ratingSummary([3]).sd).toBeNull();
  });

  it("throws for a value off the scale", () => {
    expect(() => ratingSummary([6], {min: 1, max: 5})).toThrow(/off the scale/);
  });
});
