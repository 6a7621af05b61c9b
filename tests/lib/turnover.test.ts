import {describe, expect, it} from "vitest";
import {turnover} from "../../lib/index.ts";

const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("turnover", () => {
  it("works the documented example", () => {
    const staff = [{hired: D(2010, 9, 1), left: null}, {hired: D(2015, 9, 1), left: D(2024, 12, 31)},
      {hired: D(2024, 9, 1), left: null}, {hired: D(2020, 9, 1), left: D(2025, 6, 20)}];
    const [t] = turnover(staff, [2025]);
    expect(t).toMatchObject({year: 2025, headcountStart: 4, headcountEnd: 2, averageHeadcount: 3, hires: 1, leavers: 2});
    expect(t!.rate).toBeCloseTo(200 / 3, 8);
  });

  it("gives a null rate for a year with nobody employed and sorts years once each", () => {
    const r = turnover([{hired: D(2024, 9, 1), left: null}], [2025, 2020, 2025]);
    expect(r.map((t) => t.year)).toEqual([2020, 2025]);
    expect(r[0]).toEqual({year: 2020, headcountStart: 0, headcountEnd: 0, averageHeadcount: 0, hires: 0, leavers: 0, rate: null});
    expect(r[1]!.rate).toBe(0);
  });
});
