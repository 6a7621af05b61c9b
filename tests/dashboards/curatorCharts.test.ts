import {describe, expect, it} from "vitest";
import {fittedDomain} from "../../src/components/curatorCharts.ts";

describe("the curator's charts scale to the values shown", () => {
  it("pads the values' range by 5 and rounds it to 5: deficits of 20–55 get 15–60, not 0–100", () => {
    expect(fittedDomain([20, 35.4, 55])).toEqual([15, 60]);
    expect(fittedDomain([17, 52], 0)).toEqual([15, 55]);
  });

  it("stays within 0–100, ignores unknown values and never collapses to one point", () => {
    expect(fittedDomain([2, 98])).toEqual([0, 100]);
    expect(fittedDomain([null, undefined, NaN])).toEqual([0, 100]);
    expect(fittedDomain([40, 40], 0)).toEqual([35, 45]);
  });
});
