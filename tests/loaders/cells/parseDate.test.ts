import {describe, expect, it} from "vitest";
import {endOfMonth, parseDate, parseDateText} from "../../../loaders/cells/parseDate.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("parseDateText", () => {
  it.each([
    ["01.09.2024", "2024-09-01"], ["1.9.24", "2024-09-01"], [" 01 . 09 . 2024 ", "2024-09-01"], ["01/09/2024", "2024-09-01"],
    ["2024-09-01", "2024-09-01"], ["1 сентября 2024 г.", "2024-09-01"], ["01 сент. 2024", "2024-09-01"], ["31.12.99", "1999-12-31"],
    ["01.09.2024г.", "2024-09-01"]
  ])("reads «%s» as the day %s", (text, iso) => {
    expect(parseDateText(text)).toEqual({ok: true, date: d(iso), precision: "day"});
  });
  it.each([["сентябрь 2024", "2024-09-01"], ["Сентябрь  2024 г.", "2024-09-01"], ["09.2024", "2024-09-01"], ["9.2024", "2024-09-01"],
    ["май 2025", "2025-05-01"], ["2025-05", "2025-05-01"]])("reads «%s» as the month starting %s", (text, iso) => {
    expect(parseDateText(text)).toEqual({ok: true, date: d(iso), precision: "month"});
  });
  it("refuses a day that does not exist", () => {
    expect(parseDateText("31.02.2024")).toEqual({ok: false, reason: "impossible"});
    expect(parseDateText("13.2024")).toEqual({ok: false, reason: "impossible"});
  });
  it("refuses a range and words that are no date", () => {
    expect(parseDateText("01.09.2024 - 31.05.2025")).toEqual({ok: false, reason: "ambiguous"});
    expect(parseDateText("осень 2024")).toEqual({ok: false, reason: "not-a-date"});
    expect(parseDateText("в процессе")).toEqual({ok: false, reason: "not-a-date"});
  });
  it("an empty text or a dash is empty", () => {
    expect(parseDateText("  ")).toEqual({ok: false, reason: "empty"});
    expect(parseDateText("—")).toEqual({ok: false, reason: "empty"});
  });
});

describe("parseDate", () => {
  it("keeps the calendar day of an Excel date", () => {
    expect(parseDate({value: d("2024-09-01")})).toEqual({ok: true, date: d("2024-09-01"), precision: "day"});
  });
  it("reads a bare serial number in the plausible range as a date, and a year as no date", () => {
    expect(parseDate({value: 45536})).toEqual({ok: true, date: d("2024-09-01"), precision: "day"});
    expect(parseDate({value: 2024})).toEqual({ok: false, reason: "not-a-date"});
  });
  it("an empty cell, a formula without result and an error cell have their own reasons", () => {
    expect(parseDate(undefined)).toEqual({ok: false, reason: "empty"});
    expect(parseDate({value: null, formula: "A1+30"})).toEqual({ok: false, reason: "formula-no-result"});
    expect(parseDate({value: null, error: "#VALUE!"})).toEqual({ok: false, reason: "error"});
  });
  it("the end of a month is its last day", () => {
    expect(endOfMonth(d("2024-02-01"))).toEqual(d("2024-02-29"));
  });
});
