import {describe, expect, it} from "vitest";
import {deficit} from "../../lib/index.ts";

describe("deficit", () => {
  it("is the complement of the result, as in the seed route: 52 % → 48 %, 83 % → 17 %", () => {
    expect(deficit(52)).toBe(48);
    expect(deficit(83)).toBe(17);
  });

  it("is 100 at 0 % and 0 at 100 %", () => {
    expect(deficit(0)).toBe(100);
    expect(deficit(100)).toBe(0);
  });

  it("refuses a result outside 0–100", () => {
    expect(() => deficit(101)).toThrow(/0–100/);
  });
});
