import {describe, expect, it} from "vitest";
import {academicYear, academicYearBounds} from "../../lib/index.ts";

const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("academicYear", () => {
  it("names the school year by the year it ends in", () => {
    expect(academicYear(D(2024, 9, 1))).toBe(2025);
    expect(academicYear(D(2025, 8, 31))).toBe(2025);
    expect(academicYear(D(2025, 1, 15))).toBe(2025);
    expect(academicYearBounds(2025)).toEqual({start: D(2024, 9, 1), end: D(2025, 8, 31)});
  });
});
