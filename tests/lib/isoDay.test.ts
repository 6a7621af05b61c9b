import {describe, expect, it} from "vitest";
import {isoDay} from "../../lib/index.ts";

describe("isoDay", () => {
  it("writes a UTC midnight as its calendar day (the documented example)", () => {
    expect(isoDay(new Date(Date.UTC(2024, 8, 1)))).toBe("2024-09-01");
  });
  it("an invalid date is a programmer error", () => {
    expect(() => isoDay(new Date("nope"))).toThrow(/invalid/);
  });
});
