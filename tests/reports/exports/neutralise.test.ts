import {describe, expect, it} from "vitest";
import {neutralise, safeCell} from "../../../reports/exports/neutralise.ts";
import {percentFormat} from "../../../reports/exports/engagementXlsx.ts";

describe("formula neutralisation in exported cells", () => {
  it("every text starting with =, +, -, @, TAB, CR, LF or NUL gets a leading apostrophe", () => {
    expect(["=1+2", "+7 900", "-5", "@SUM(A1)", "\tx", "\rx", "\nx", "\0x"].map(neutralise))
      .toEqual(["'=1+2", "'+7 900", "'-5", "'@SUM(A1)", "'\tx", "'\rx", "'\nx", "'\0x"]);
  });

  it("ordinary text, an apostrophe inside, and an empty string stay as they are", () => {
    expect(["СОШ № 1", "a=b", "", " =x"].map(neutralise)).toEqual(["СОШ № 1", "a=b", "", " =x"]);
  });

  it("numbers, dates and empty cells are written as they are, never as text", () => {
    const d = new Date(Date.UTC(2024, 8, 1));
    expect([safeCell(-5), safeCell(d), safeCell(null), safeCell(undefined), safeCell("-5")]).toEqual([-5, d, null, null, "'-5"]);
  });
});

describe("percentage format against a target", () => {
  it("one decimal normally, more when rounding would reach the target from below", () => {
    expect(percentFormat(67.36, 70)).toBe("0.0%");
    expect(percentFormat(69.96, 70)).toBe("0.00%");
    expect(percentFormat(69.996, 70)).toBe("0.000%");
    expect(percentFormat(70, 70)).toBe("0.0%");
    expect(percentFormat(null, 70)).toBe("0.0%");
  });
});
