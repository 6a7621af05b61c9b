import {describe, expect, it} from "vitest";
import {effectSizeLabel} from "../../lib/index.ts";

describe("effectSizeLabel", () => {
  it("words |d| by Cohen's thresholds 0.2, 0.5, 0.8, whatever the sign", () => {
    expect([0.1, 0.2, 0.49, 0.5, -0.65, 0.8, -1.4].map(effectSizeLabel))
      .toEqual(["пренебрежимо малый", "малый", "малый", "средний", "средний", "большой", "большой"]);
  });

  it("has no words without a d", () => {
    expect(effectSizeLabel(null)).toBeNull();
  });
});
