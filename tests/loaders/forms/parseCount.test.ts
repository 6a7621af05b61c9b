import {describe, expect, it} from "vitest";
import {parseCount, parseCountText} from "../../../loaders/cells/parseCount.ts";

describe("counts are read as schools write them", () => {
  it.each([
    ["85", 85], ["85.0", 85], ["85,0", 85], [" 85 ", 85], ["'3'", 3], ["85 человек", 85], ["85 человека", 85], ["85 чел.", 85],
    ["85 чел", 85], ["пять", 5], ["Десять", 10], ["ДВАДЦАТЬ", 20], ["двадцать пять", 25], ["один", 1], ["семнадцать человек", 17],
    ["4 Студент 2 курса Технологического колледжа", 4], ["6 студентов 3 курса БПОУ «Омский колледж № 1»", 6],
    ["3 Маркетолог торговой организации; Менеджер по рекламе; Менеджер по продажам", 3], ["-", 0], ["0", 0], ["1 234", 1234], ["1\u00a0234 человека", 1234]
  ])("«%s» is %d", (text, expected) => {
    const r = parseCountText(text);
    expect(r).toMatchObject({ok: true, value: expected});
  });

  it.each([
    ["10-12", "ambiguous"], ["около 50", "ambiguous"], ["более 10", "ambiguous"], ["5/6", "ambiguous"], ["10 12", "ambiguous"],
    ["много", "not-a-number"], ["-5", "negative"], ["2,5", "fractional"], ["", "empty"]
  ])("«%s» is refused as %s, not guessed", (text, reason) => {
    expect(parseCountText(text)).toMatchObject({ok: false, reason});
  });

  it("a number cell holding 85.0 is 85 and 85.5 is a fractional count", () => {
    expect(parseCount({value: 85.0})).toEqual({ok: true, value: 85});
    expect(parseCount({value: 85.5})).toMatchObject({ok: false, reason: "fractional"});
  });

  it("a formula counts by its cached value, and without one it is reported", () => {
    expect(parseCount({value: 12, formula: "SUM(D5:D7)"})).toEqual({ok: true, value: 12});
    expect(parseCount({value: null, formula: "SUM(D5:D7)"})).toMatchObject({ok: false, reason: "formula-no-result"});
  });
});
