import {describe, expect, it} from "vitest";
import {meetsTarget} from "../../lib/index.ts";

describe("meetsTarget decides the 70 % target exactly", () => {
  it("14 of 20 is exactly 70 % and meets it (the @example)", () => expect(meetsTarget(14, 20, 70)).toBe(true));
  it("1749 of 2500 is 69,96 % and does not (the @example)", () => expect(meetsTarget(1749, 2500, 70)).toBe(false));
  it("7 of 10 meets 70 and 69.99 of nothing is undecided", () => {
    expect(meetsTarget(7, 10, 70)).toBe(true);
    expect(meetsTarget(0, 0, 70)).toBeNull();
    expect(meetsTarget(null, 10, 70)).toBeNull();
  });
  it("a fractional target is compared exactly: 29 of 40 is 72,5 %", () => {
    expect(meetsTarget(29, 40, 72.5)).toBe(true);
    expect(meetsTarget(28, 40, 72.5)).toBe(false);
  });
  it("0 % and 100 %", () => {
    expect(meetsTarget(0, 10, 0)).toBe(true);
    expect(meetsTarget(10, 10, 100)).toBe(true);
    expect(meetsTarget(9, 10, 100)).toBe(false);
  });
  it("more engaged than people is a data error, not a success", () => expect(meetsTarget(12, 10, 70)).toBeNull());
  it("a negative or fractional count is a programmer error", () => {
    expect(() => meetsTarget(-1, 10, 70)).toThrow();
    expect(() => meetsTarget(1.5, 10, 70)).toThrow();
  });
});
