import {describe, expect, it} from "vitest";
import * as page from "../../src/components/format.ts";
import * as pageGlossary from "../../src/components/glossary.ts";
import * as lib from "../../lib/index.ts";
import * as libGlossary from "../../lib/glossary.ts";
import {plural as libPlural} from "../../lib/plural.ts";

// The pages cannot import lib/ (outside Framework's root): their copies must agree with it.
const numbers = [0, 1, -1, 0.5, 0.05, 0.0049, 67.3641, 69.9588, 69.96, 70, 99.999, 100, 130.77, 1234.5, -12.345, 1e6 + 0.25, 4869, NaN, Infinity];

describe("the pages' ru-RU formats agree with lib/format.ts", () => {
  it("formatNumber gives the same text for every value and digit count", () => {
    for (const v of [...numbers, null, undefined]) for (const d of [0, 1, 2, 3]) expect(page.formatNumber(v, d)).toBe(lib.formatNumber(v, d));
  });
  it("formatPercent gives the same text, with and without a target", () => {
    for (const v of [...numbers, null, undefined]) {
      expect(page.formatPercent(v)).toBe(lib.formatPercent(v));
      for (const target of [70, 50, 100]) expect(page.formatPercent(v, 1, target)).toBe(lib.formatPercent(v, 1, target));
    }
  });
  it("formatDate and formatPeriod give the same text", () => {
    for (const d of ["2024-09-01", "2025-05-31T00:00:00.000Z", new Date(Date.UTC(2024, 8, 1)), "not a date", null, undefined]) {
      expect(page.formatDate(d)).toBe(lib.formatDate(d));
    }
    for (const p of ["2024-Q1", "2024-Q2", "2025-Q4", "2024", "2024/25", "2025/26", "2024/26", "1899", "2024-Q5", "x", null, undefined]) {
      expect(page.formatPeriod(p)).toBe(lib.formatPeriod(p));
    }
    for (const y of [2000, 2024, 2025, 2100, null, undefined]) expect(page.formatSchoolYear(y)).toBe(lib.formatSchoolYear(y));
    expect(page.formatPeriod("2024/25")).toBe("2024/25 учебный год");
    expect(page.formatSchoolYear(2025)).toBe("2024/25");
  });
  it("formatPValue and formatP write p as «< 0,001» or with three decimals, never «0,000»", () => {
    for (const p of [0, 0.0004, 0.00099, 0.001, 0.0123, 0.05, 0.267, 0.9996, 1, null, undefined, NaN]) {
      expect(page.formatPValue(p)).toBe(lib.formatPValue(p));
      expect(page.formatP(p)).toBe(lib.formatP(p));
    }
    expect(page.formatPValue(0.0001)).toBe("< 0,001");
    expect(page.formatPValue(0.26712)).toBe("0,267");
  });
  it("the pages' glossary is lib/glossary.ts word for word", () => {
    for (const [name, value] of Object.entries(libGlossary)) {
      if (typeof value === "function") continue;
      expect((pageGlossary as Record<string, unknown>)[name], name).toEqual(value);
    }
    for (const s of ["error", "warning", "info", "other"]) expect(pageGlossary.severityLabel(s)).toBe(libGlossary.severityLabel(s));
    for (const w of ["entry", "exit"]) for (const c of ["nominative", "genitive", "dative", "accusative", "prepositional"] as const) {
      expect(pageGlossary.waveLabel(w, c)).toBe(libGlossary.waveLabel(w, c));
    }
    expect(page.severityLabel("warning")).toBe("замечание");
  });
  it("formatP words p as the curator's reading does", () => {
    for (const p of [0, 0.0004, 0.001, 0.0123, 0.05, 0.267, 1]) expect(page.formatP(p)).toBe(lib.formatP(p));
    expect(page.formatP(null)).toBe("—");
  });
  it("plural follows the messages' rule", () => {
    for (let n = 0; n < 130; n++) expect(page.plural(n, "школа", "школы", "школ")).toBe(libPlural(n, "школа", "школы", "школ"));
  });
});

describe("the pages' own formats", () => {
  it("a share 0.6736 reads «67,4 %», never the raw number", () => expect(page.formatShare(0.6736)).toBe("67,4\u00a0%"));
  it("a signed change uses a true minus and no sign for zero", () => {
    expect(page.formatSigned(11.2556)).toBe("+11,3");
    expect(page.formatSigned(-0.6)).toBe("\u22120,6");
    expect(page.formatSigned(0.04)).toBe("0,0");
    expect(page.formatSigned(null)).toBe("—");
  });
  it("a database timestamp reads «24.11.2026, 14:05»", () => expect(page.formatDateTime("2026-11-24T14:05:31")).toBe("24.11.2026, 14:05"));
  it("kinds of files have Russian names", () => {
    expect(page.kindLabel("registry-mentors")).toBe("база наставников");
    expect(page.kindLabel(null)).toBe("не распознан");
  });
});
