import {describe, expect, it} from "vitest";
import {daysBetween, termEnd} from "../../lib/index.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("termEnd", () => {
  it("one month from 1 September ends on 1 October (the documented example)", () => {
    expect(termEnd(d("2024-09-01"), {months: 1})).toEqual(d("2024-10-01"));
  });
  it("a month from 31 January ends on the last day of February in a leap year", () => {
    expect(termEnd(d("2024-01-31"), {months: 1})).toEqual(d("2024-02-29"));
    expect(termEnd(d("2025-01-31"), {months: 1})).toEqual(d("2025-02-28"));
  });
  it("a year from 29 February ends on 28 February", () => {
    expect(termEnd(d("2024-02-29"), {years: 1})).toEqual(d("2025-02-28"));
  });
  it("thirty days from 1 September end on 1 October", () => {
    expect(termEnd(d("2024-09-01"), {days: 30})).toEqual(d("2024-10-01"));
  });
  it("a negative term of twelve months counts backwards", () => {
    expect(termEnd(d("2026-11-24"), {months: -12})).toEqual(d("2025-11-24"));
  });
  it("an invalid date is a programmer error", () => {
    expect(() => termEnd(new Date("x"), {days: 1})).toThrow(/invalid/);
  });
  it("days between two dates are whole calendar days, negative backwards", () => {
    expect(daysBetween(d("2024-09-01"), d("2024-10-01"))).toBe(30);
    expect(daysBetween(d("2024-10-01"), d("2024-09-01"))).toBe(-30);
  });
});
