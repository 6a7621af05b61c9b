import {describe, expect, it} from "vitest";
import {calendarYear, comparePeriods, enclosingPeriods, parsePeriod, periodBounds, periodContains, periodContainsDate, periodFromId,
  periodId, periodLabel, periodOfDate, periodShortLabel, periodsWithin, quarter, schoolYear, academicYear, type Period} from "../../lib/index.ts";

const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const ok = (text: string, kinds?: Parameters<typeof parsePeriod>[1]) => {
  const r = parsePeriod(text, kinds);
  if (!r.ok) throw new Error(r.message);
  return periodId(r.period);
};

describe("periods: ids and Russian names", () => {
  it("a quarter is «2024-Q3» and «III квартал 2024»", () => {
    expect(periodId(quarter(2024, 3))).toBe("2024-Q3");
    expect(periodLabel(quarter(2024, 3))).toBe("III квартал 2024");
    expect(periodShortLabel(quarter(2024, 1))).toBe("I кв. 2024");
  });
  it("a school year is numbered by the year it ends in and written «2024/25»", () => {
    expect(periodId(schoolYear(2025))).toBe("2024/25");
    expect(periodLabel(schoolYear(2025))).toBe("2024/25 учебный год");
    expect(periodId(schoolYear(2000))).toBe("1999/00");
    // the same convention as lib/academicYear.ts
    expect(periodId(schoolYear(academicYear(D(2024, 9, 1))))).toBe("2024/25");
  });
  it("a calendar year is «2024» and «2024 год»", () => {
    expect(periodId(calendarYear(2024))).toBe("2024");
    expect(periodLabel(calendarYear(2024))).toBe("2024 год");
  });
});

describe("parsePeriod: Russian or ISO", () => {
  it("reads quarters as people type them", () => {
    for (const t of ["2024-Q3", "2024Q3", "2024-q3", " 2024 - Q3 ", "Q3 2024", "3 кв 2024", "3 кв. 2024", "III квартал 2024",
      "iii квартал 2024 г.", "3-й квартал 2024 года", "за III квартал 2024 г.", "III кв. 2024"]) expect(ok(t), t).toBe("2024-Q3");
  });
  it("reads school years: 2024/25, 2024-2025, «2024/25 учебный год»", () => {
    for (const t of ["2024/25", "2024/2025", "2024-2025", "2024–2025", "2024 - 25", "2024/25 учебный год", "2024-2025 уч. г.", "2024/25 уч.год"]) {
      expect(ok(t), t).toBe("2024/25");
    }
  });
  it("reads a calendar year", () => {
    expect(ok("2024")).toBe("2024");
    expect(ok("2024 год")).toBe("2024");
    expect(ok("2024 г.")).toBe("2024");
  });
  it("refuses what is not a period, naming the accepted forms and no command-line option", () => {
    for (const t of ["2024-Q5", "5 кв 2024", "2024/26", "2024-2026", "24", "осень 2024", "", "2024-Q1; DROP"]) {
      const r = parsePeriod(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) {
        expect(r.message).toContain("2024-Q3");
        expect(r.message).toContain("2024/25");
        expect(r.message).not.toContain("--");
      }
    }
  });
  it("refuses a period of the wrong kind and says which kind is wanted", () => {
    const r = parsePeriod("2024-Q1", ["school-year", "calendar-year"]);
    expect(r).toEqual({ok: false, message: "«2024-Q1» — не период (это квартал, а здесь нужен учебный год или календарный год). " +
      "Допустимая запись: учебный год — 2024/25, 2024-2025 или «2024/25 учебный год»; календарный год — 2024."});
    expect(parsePeriod("2024/25", ["quarter"])).toMatchObject({ok: false});
  });
  it("reads back every id it writes", () => {
    for (const p of [quarter(2024, 1), quarter(2025, 4), schoolYear(2025), calendarYear(2024)]) expect(periodFromId(periodId(p))).toEqual(p);
    expect(() => periodFromId("III квартал 2024")).toThrow();
  });
});

describe("bounds, membership, lists", () => {
  it("a school year runs 01.09–31.08, a quarter three months", () => {
    expect(periodBounds(schoolYear(2025))).toEqual({start: D(2024, 9, 1), end: D(2025, 8, 31)});
    expect(periodBounds(quarter(2024, 3))).toEqual({start: D(2024, 7, 1), end: D(2024, 9, 30)});
    expect(periodBounds(quarter(2024, 4))).toEqual({start: D(2024, 10, 1), end: D(2024, 12, 31)});
    expect(periodBounds(calendarYear(2024))).toEqual({start: D(2024, 1, 1), end: D(2024, 12, 31)});
  });
  it("says which period a date falls in", () => {
    expect(periodId(periodOfDate(D(2024, 8, 31), "school-year"))).toBe("2023/24");
    expect(periodId(periodOfDate(D(2024, 9, 1), "school-year"))).toBe("2024/25");
    expect(periodId(periodOfDate(D(2024, 9, 1), "quarter"))).toBe("2024-Q3");
    expect(periodId(periodOfDate(D(2024, 12, 31), "quarter"))).toBe("2024-Q4");
    expect(periodId(periodOfDate(D(2024, 1, 1), "calendar-year"))).toBe("2024");
    expect(periodContainsDate(schoolYear(2025), "2025-08-31")).toBe(true);
    expect(periodContainsDate(schoolYear(2025), "2025-09-01")).toBe(false);
  });
  it("a period belongs to the longer one holding its last day", () => {
    expect(periodsWithin(schoolYear(2025)).map(periodId)).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(periodsWithin(calendarYear(2024)).map(periodId)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(periodsWithin(calendarYear(2024), "school-year").map(periodId)).toEqual(["2023/24"]);
    expect(periodContains(schoolYear(2025), quarter(2025, 3))).toBe(false);
  });
  it("lists the school years and calendar years that hold given quarters, oldest first", () => {
    const qs: Period[] = [quarter(2025, 3), quarter(2024, 1), quarter(2024, 2), quarter(2024, 3)];
    expect(enclosingPeriods(qs, "school-year").map(periodId)).toEqual(["2023/24", "2024/25", "2025/26"]);
    expect(enclosingPeriods(qs, "calendar-year").map(periodId)).toEqual(["2024", "2025"]);
    expect([schoolYear(2025), quarter(2024, 3), calendarYear(2024)].sort(comparePeriods).map(periodId)).toEqual(["2024-Q3", "2024", "2024/25"]);
  });
});
