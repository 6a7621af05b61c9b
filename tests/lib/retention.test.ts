import {describe, expect, it} from "vitest";
import {retention, type TeacherSpell} from "../../lib/index.ts";

const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("retention", () => {
  const until = D(2025, 5, 31);
  const T = (id: string, hired: Date, left: Date | null, young = true, observedUntil = until): TeacherSpell =>
    ({id, hired, left, young, observedUntil});

  it("works the documented example", () => {
    const r = retention([T("A", D(2023, 9, 1), null), T("B", D(2023, 9, 1), D(2024, 3, 15)),
      T("C", D(2023, 9, 1), D(2024, 9, 10)), T("D", D(2024, 9, 1), null)]);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({year: 2024, hired: 3, retained: 2, left: 1, pending: 0});
    expect(r[0]!.share).toBeCloseTo(200 / 3, 8);
    expect(r[1]).toEqual({year: 2025, hired: 1, retained: 0, left: 0, pending: 1, share: null});
  });

  it("counts a teacher who leaves on the anniversary as retained and ignores experienced teachers", () => {
    const r = retention([T("A", D(2023, 9, 1), D(2024, 9, 1)), T("B", D(2023, 9, 1), D(2024, 8, 31)),
      T("E", D(2023, 9, 1), D(2023, 12, 1), false)]);
    expect(r).toEqual([{year: 2024, hired: 2, retained: 1, left: 1, pending: 0, share: 50}]);
  });

  it("keeps a teacher pending when the data stops before the anniversary", () => {
    const r = retention([T("A", D(2023, 10, 1), null, true, D(2024, 5, 31))]);
    expect(r).toEqual([{year: 2024, hired: 1, retained: 0, left: 0, pending: 1, share: null}]);
  });

  it("returns no cohorts for no teachers, and 0 % and 100 % cohorts as they are", () => {
    expect(retention([])).toEqual([]);
    expect(retention([T("A", D(2022, 9, 1), D(2022, 10, 1))])[0]!.share).toBe(0);
    expect(retention([T("A", D(2022, 9, 1), null)])[0]!.share).toBe(100);
  });
});
