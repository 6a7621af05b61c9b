import {describe, expect, it} from "vitest";
import * as page from "../../src/components/deficitChange.ts";
import * as lib from "../../lib/deficitChange.ts";

describe("the pages' deficit wording agrees with lib/deficitChange.ts", () => {
  it("gives the same text for every value", () => {
    for (const v of [29, -10, 10.24, -0.96, 0.04, 0, -0.05, 12.35, -12.35, 100, null, undefined, NaN]) {
      expect(page.deficitChangeText(v)).toBe(lib.deficitChangeText(v));
    }
  });

  it("shows the deficit's own change: a fall from 80 to 51 is −29,0, a rise from 35 to 45 is +10,0", () => {
    expect(page.deficitDelta(29)).toBe("\u221229,0");
    expect(page.deficitDelta(-10)).toBe("+10,0");
    expect(page.deficitDelta(0.04)).toBe("0,0");
    expect(page.deficitDelta(null)).toBe("—");
  });
});
