import {describe, expect, it} from "vitest";
import {youngCoverage} from "../../lib/youngCoverage.ts";

describe("youngCoverage", () => {
  it("is the share of the checked young specialists with a mentor, the unknown counted apart", () => {
    expect(youngCoverage(9, 1, 2, 100)).toEqual({young: 12, withMentor: 9, withoutMentor: 1, unknown: 2, share: 90, meetsTarget: false});
  });

  it("meets seed 001's 100 % only when nobody checked is without a mentor", () => {
    expect(youngCoverage(5, 0, 3, 100)).toMatchObject({share: 100, meetsTarget: true});
  });

  it("has no share when nobody could be checked", () => {
    expect(youngCoverage(0, 0, 4, 100)).toEqual({young: 4, withMentor: 0, withoutMentor: 0, unknown: 4, share: null, meetsTarget: null});
    expect(() => youngCoverage(-1, 0, 0, 100)).toThrow();
  });
});
