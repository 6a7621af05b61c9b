import {describe, expect, it} from "vitest";
import {deficitChangeText} from "../../lib/deficitChange.ts";

const N = "\u00a0";

describe("deficitChangeText", () => {
  it("says a deficit that fell from 80 to 51 fell by 29 points, one that rose from 35 to 45 rose by 10", () => {
    // The result rose by 29 (20 → 49), so the deficit fell by 29 (80 → 51).
    expect(deficitChangeText(29)).toBe(`дефицит снизился на 29${N}п.${N}п.`);
    expect(deficitChangeText(-10)).toBe(`дефицит вырос на 10${N}п.${N}п.`);
  });

  it("keeps one decimal unless it is 0, and calls a change that rounds to 0 none", () => {
    expect(deficitChangeText(10.24)).toBe(`дефицит снизился на 10,2${N}п.${N}п.`);
    expect(deficitChangeText(-0.96)).toBe(`дефицит вырос на 1${N}п.${N}п.`);
    expect(deficitChangeText(0.04)).toBe("дефицит не изменился");
    expect(deficitChangeText(null)).toBe("—");
  });
});
