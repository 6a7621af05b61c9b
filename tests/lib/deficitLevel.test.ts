import {describe, expect, it} from "vitest";
import {deficitLevel, defaultDeficitLevels, DeficitLevelsSchema} from "../../lib/index.ts";

describe("deficitLevel", () => {
  it("puts the seed route's deficits into the default levels", () => {
    expect([17, 48, 56, 32].map((d) => deficitLevel(d).code)).toEqual(["low", "medium", "high", "medium"]);
  });

  it("includes each threshold in the level it starts", () => {
    expect(deficitLevel(50).code).toBe("high");
    expect(deficitLevel(25).code).toBe("medium");
    expect(deficitLevel(0).code).toBe("low");
    expect(deficitLevel(100).code).toBe("high");
  });

  it("follows a configuration with other levels", () => {
    const config = DeficitLevelsSchema.parse({levels: [{code: "critical", label: "критический", from: 70},
      {code: "none", label: "нет", from: 0}]});
    expect(deficitLevel(69.9, config).code).toBe("none");
    expect(deficitLevel(70, config).label).toBe("критический");
  });

  it("rejects a configuration without a level from 0", () => {
    expect(DeficitLevelsSchema.safeParse({levels: [{code: "x", label: "x", from: 10}]}).success).toBe(false);
    expect(defaultDeficitLevels.levels).toHaveLength(3);
  });
});
