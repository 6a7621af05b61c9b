import {describe, expect, it} from "vitest";
import {rankDeficits} from "../../lib/rankDeficits.ts";
import {DeficitLevelsSchema} from "../../lib/deficitLevel.ts";

const SEED = [
  {area: "communicative", label: "Коммуникативные", deficit: 17},
  {area: "methodological", label: "Методические", deficit: 48},
  {area: "subject", label: "Предметные", deficit: 56},
  {area: "psych_pedagogical", label: "Психолого-педагогические", deficit: 32}
];

describe("rankDeficits", () => {
  it("ranks seed 001's block 4 deficits: high first, then the larger medium one; the low one needs no route", () => {
    expect(rankDeficits(SEED)).toEqual([
      {area: "subject", label: "Предметные", deficit: 56, level: "high", levelLabel: "высокий", rank: 1},
      {area: "methodological", label: "Методические", deficit: 48, level: "medium", levelLabel: "средний", rank: 2},
      {area: "psych_pedagogical", label: "Психолого-педагогические", deficit: 32, level: "medium", levelLabel: "средний", rank: 3}]);
  });

  it("puts a higher level before a larger deficit of a lower level under other thresholds", () => {
    const levels = DeficitLevelsSchema.parse({levels: [{code: "a", label: "А", from: 40}, {code: "b", label: "Б", from: 10}, {code: "c", label: "В", from: 0}]});
    const r = rankDeficits([{area: "x", label: "X", deficit: 39}, {area: "y", label: "Y", deficit: 41}, {area: "z", label: "Z", deficit: 5}], levels, ["a", "b"]);
    expect(r.map((d) => [d.area, d.level, d.rank])).toEqual([["y", "a", 1], ["x", "b", 2]]);
  });

  it("keeps the given order for equal deficits of one level", () => {
    const r = rankDeficits([{area: "p", label: "P", deficit: 30}, {area: "q", label: "Q", deficit: 30}]);
    expect(r.map((d) => d.area)).toEqual(["p", "q"]);
  });

  it("returns nothing when no deficit reaches a route level, and for no deficits", () => {
    expect(rankDeficits([{area: "p", label: "P", deficit: 24.9}])).toEqual([]);
    expect(rankDeficits([])).toEqual([]);
  });

  it("refuses a deficit outside 0–100", () => {
    expect(() => rankDeficits([{area: "p", label: "P", deficit: 101}])).toThrow();
  });
});
