import {describe, expect, it} from "vitest";
import {normalizedGain} from "../../lib/index.ts";

describe("normalizedGain", () => {
  it("is the share of the entry deficit removed: (64 − 52)/(100 − 52) = 0.25", () => {
    expect(normalizedGain(52, 64)).toBe(0.25);
  });

  it("is 1 when the whole deficit is removed and negative when the result fell", () => {
    expect(normalizedGain(0, 100)).toBe(1);
    expect(normalizedGain(60, 50)).toBe(-0.25);
  });

  it("is null when there was no deficit at entry", () => {
    expect(normalizedGain(100, 90)).toBeNull();
  });

  it("works on another scale", () => {
    expect(normalizedGain(2, 4, 5)).toBeCloseTo(2 / 3, 12);
  });

  it("refuses results outside the scale", () => {
    expect(() => normalizedGain(-1, 50)).toThrow();
    expect(() => normalizedGain(50, 101)).toThrow();
  });
});
