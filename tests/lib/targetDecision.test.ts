import {describe, expect, it} from "vitest";
import {countFigure, gapText, shareFigure, TARGET_KIND_WORDS, targetAmount, targetDecision, targetFitsMeasure, targetFromWord, targetKindWord,
  TargetSchema, targetText, type Target} from "../../lib/targetDecision.ts";
import {ceil, compare, fraction, rational, sub} from "../../lib/rational.ts";

const MK = {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"};
const TURNOVER = {text: "текучесть", gender: "f" as const};
/** Phrases use no-break spaces before units; tests read them with plain ones. */
const plain = (s: string) => s.replace(/\u00a0/g, " ");
const say = (...a: Parameters<typeof targetDecision>) => plain(targetDecision(...a).phrase);

describe("rational reads numbers as the decimals people wrote", () => {
  it("the @examples: 72.5 is 145/2 and 0.1 is 1/10", () => {
    expect(rational(72.5)).toEqual({n: 145n, d: 2n});
    expect(rational(0.1)).toEqual({n: 1n, d: 10n});
  });
  it("exponent forms, negatives and integers", () => {
    expect(rational(1e-7)).toEqual({n: 1n, d: 10000000n});
    expect(rational(1.5e21)).toEqual({n: 1500000000000000000000n, d: 1n});
    expect(rational(-2.25)).toEqual({n: -9n, d: 4n});
    expect(rational(0)).toEqual({n: 0n, d: 1n});
  });
  it("0,3 − 0,2 is exactly 0,1 (the double arithmetic gives 0.09999999999999998)", () => {
    expect(compare(sub(rational(0.3), rational(0.2)), rational(0.1))).toBe(0);
  });
  it("ceil rounds up only what is not whole", () => {
    expect(ceil(fraction(12n, 1n))).toBe(12n);
    expect(ceil(fraction(121n, 10n))).toBe(13n);
    expect(ceil(fraction(0n, 1n))).toBe(0n);
  });
  it("a non-finite number or a zero denominator is a programmer error", () => {
    expect(() => rational(Number.NaN)).toThrow();
    expect(() => fraction(1n, 0n)).toThrow();
  });
});

describe("targetDecision: the @examples, worked by hand", () => {
  it("3 master classes against «не менее 5»: 2 short", () => {
    expect(targetDecision({type: "count_at_least", count: 5}, countFigure(3), null, {unit: MK})).toEqual({
      met: false, actual: 3, previous: null, measured: 3, gap: -2, unit: "count",
      phrase: "не достигнута: не хватает 2 мастер-классов (3 мастер-класса при цели не менее 5)"
    });
  });
  it("turnover 24 of 200 (12 %) last year, 21 of 200 (10,5 %) now: fell by 1,5 п. п., met", () => {
    const r = targetDecision({type: "decline_points", points: 0}, shareFigure(21, 200), shareFigure(24, 200), {subject: TURNOVER});
    expect(r).toMatchObject({met: true, actual: 10.5, previous: 12, unit: "points"});
    expect(r.measured).toBeCloseTo(1.5, 12);
    expect(r.gap).toBeCloseTo(1.5, 12);
    expect(plain(r.phrase)).toBe("достигнута: текучесть снизилась на 1,5 п. п. (с 12 % до 10,5 %)");
  });
  it("1 749 of 2 500 is 69,96 %: short of 70 % by 0,04 п. п.", () => {
    const r = targetDecision({type: "share_at_least", percent: 70}, shareFigure(1749, 2500));
    expect(r.met).toBe(false);
    expect(r.gap).toBeCloseTo(-0.04, 12);
    expect(plain(r.phrase)).toBe("не достигнута: 69,96 % при цели не менее 70 %, не хватает 0,04 п. п.");
  });
  it("10 → 11 master classes is +10 %; +20 % needs 12: one short", () => {
    const r = targetDecision({type: "growth_relative", percent: 20}, countFigure(11), countFigure(10), {unit: MK});
    expect(r).toMatchObject({met: false, actual: 11, previous: 10, measured: 10, gap: -10, unit: "percent"});
    expect(plain(r.phrase)).toBe("не достигнута: рост на 10 % (с 10 до 11 мастер-классов); цель — рост не менее чем на 20 %: нужно не менее 12, не хватает 1 мастер-класса");
  });
});

describe("targetDecision on the boundaries, exactly", () => {
  it("share at least: exactly on the target is met, one person fewer is not", () => {
    expect(targetDecision({type: "share_at_least", percent: 70}, shareFigure(14, 20)).met).toBe(true);
    expect(targetDecision({type: "share_at_least", percent: 70}, shareFigure(13, 20)).met).toBe(false);
    // 57/100 × 100 is 56.99999999999999 in doubles; exactly 57.
    expect(targetDecision({type: "share_at_least", percent: 57}, shareFigure(57, 100)).met).toBe(true);
    expect(targetDecision({type: "share_at_least", percent: 72.5}, shareFigure(29, 40)).met).toBe(true);
    expect(targetDecision({type: "share_at_least", percent: 72.5}, shareFigure(28, 40)).met).toBe(false);
  });
  it("share at least: 0 % and 100 %", () => {
    expect(targetDecision({type: "share_at_least", percent: 0}, shareFigure(0, 10)).met).toBe(true);
    expect(targetDecision({type: "share_at_least", percent: 100}, shareFigure(10, 10))).toMatchObject({met: true, gap: 0});
    expect(say({type: "share_at_least", percent: 100}, shareFigure(9, 10))).toBe("не достигнута: 90 % при цели не менее 100 %, не хватает 10 п. п.");
  });
  it("share at most (lower is better): on the target met, a hair above not, and the gap is negative", () => {
    expect(say({type: "share_at_most", percent: 10}, shareFigure(10, 100))).toBe("достигнута: 10 % при цели не более 10 %");
    const above = targetDecision({type: "share_at_most", percent: 10}, shareFigure(10001, 100000));
    expect(above.met).toBe(false);
    expect(above.gap).toBeCloseTo(-0.001, 12);
    // Never «10 %» next to «не достигнута»: enough decimals to differ from the target.
    expect(plain(above.phrase)).toBe("не достигнута: 10,001 % при цели не более 10 %, выше цели на 0,001 п. п.");
    expect(targetDecision({type: "share_at_most", percent: 10}, shareFigure(12, 100)).gap).toBeCloseTo(-2, 12);
  });
  it("an average headcount of 22,5 is read exactly: 2 of 22,5 against «не более 8,8 %» is 8,88… %, not met", () => {
    expect(targetDecision({type: "share_at_most", percent: 8.9}, shareFigure(2, 22.5)).met).toBe(true);
    expect(targetDecision({type: "share_at_most", percent: 8.8}, shareFigure(2, 22.5)).met).toBe(false);
  });
  it("count at least: 5 of «не менее 5» is met; nouns agree with the number", () => {
    expect(say({type: "count_at_least", count: 5}, countFigure(5), null, {unit: MK})).toBe("достигнута: 5 мастер-классов при цели не менее 5");
    expect(say({type: "count_at_least", count: 5}, countFigure(21), null, {unit: MK})).toBe("достигнута: 21 мастер-класс при цели не менее 5");
    expect(say({type: "count_at_least", count: 25}, countFigure(4), null, {unit: MK})).toBe("не достигнута: не хватает 21 мастер-класса (4 мастер-класса при цели не менее 25)");
    expect(say({type: "count_at_least", count: 12}, countFigure(1), null, {unit: MK})).toBe("не достигнута: не хватает 11 мастер-классов (1 мастер-класс при цели не менее 12)");
    expect(say({type: "count_at_least", count: 5}, countFigure(4))).toBe("не достигнута: не хватает 1 (4 при цели не менее 5)");
  });
  it("count at most: on the limit met, above it not", () => {
    const complaints = {unit: {one: "жалоба", few: "жалобы", many: "жалоб"}};
    expect(say({type: "count_at_most", count: 2}, countFigure(2), null, complaints)).toBe("достигнута: 2 жалобы при цели не более 2");
    const r = targetDecision({type: "count_at_most", count: 2}, countFigure(5), null, complaints);
    expect(r).toMatchObject({met: false, gap: -3});
    expect(plain(r.phrase)).toBe("не достигнута: 5 жалоб при цели не более 2, больше цели на 3");
  });
  it("growth in п. п.: exactly +2 is met, +1 is 1 short; 0,2 % → 0,3 % is +0,1 exactly", () => {
    expect(say({type: "growth_points", points: 2}, shareFigure(62, 100), shareFigure(60, 100))).toBe("достигнута: рост на 2 п. п. (с 60 % до 62 %); цель — рост не менее чем на 2 п. п.");
    expect(say({type: "growth_points", points: 2}, shareFigure(61, 100), shareFigure(60, 100))).toBe("не достигнута: рост на 1 п. п. (с 60 % до 61 %); цель — рост не менее чем на 2 п. п., не хватает 1 п. п.");
    expect(targetDecision({type: "growth_points", points: 0.1}, shareFigure(3, 1000), shareFigure(2, 1000)).met).toBe(true);
  });
  it("growth with no amount needs a real rise: no change is gap 0 and not met", () => {
    const same = targetDecision({type: "growth_points", points: 0}, shareFigure(6, 10), shareFigure(12, 20), {subject: {text: "доля", gender: "f"}});
    expect(same).toMatchObject({met: false, gap: 0, measured: 0});
    expect(plain(same.phrase)).toBe("не достигнута: доля не изменилась (60 %); цель — рост");
    expect(say({type: "growth_points", points: 0}, shareFigure(59, 100), shareFigure(60, 100), {subject: {text: "показатель", gender: "m"}}))
      .toBe("не достигнута: показатель снизился на 1 п. п. (с 60 % до 59 %); цель — рост");
  });
  it("growth in percent of last year: +20 % of 10 is 12, exactly met; of shares 40 % → 44 % is +10 %", () => {
    expect(targetDecision({type: "growth_relative", percent: 20}, countFigure(12), countFigure(10))).toMatchObject({met: true, gap: 0, measured: 20});
    const shares = targetDecision({type: "growth_relative", percent: 20}, shareFigure(44, 100), shareFigure(40, 100));
    expect(shares).toMatchObject({met: false, measured: 10, gap: -10, unit: "percent"});
    expect(plain(shares.phrase)).toBe("не достигнута: рост на 10 % (с 40 % до 44 %); цель — рост не менее чем на 20 %, не хватает 10 % прироста");
    // 7 → 8 is +14,28… %: short of +15 % (needs ⌈8,05⌉ = 9).
    expect(say({type: "growth_relative", percent: 15}, countFigure(8), countFigure(7), {unit: MK}))
      .toBe("не достигнута: рост на 14,3 % (с 7 до 8 мастер-классов); цель — рост не менее чем на 15 %: нужно не менее 9, не хватает 1 мастер-класса");
  });
  it("decline in п. п.: exactly the amount is met, less is short; a rise is said as a rise", () => {
    expect(targetDecision({type: "decline_points", points: 1.5}, shareFigure(21, 200), shareFigure(24, 200)).met).toBe(true);
    expect(say({type: "decline_points", points: 2}, shareFigure(21, 200), shareFigure(24, 200), {subject: TURNOVER}))
      .toBe("не достигнута: текучесть снизилась на 1,5 п. п. (с 12 % до 10,5 %); цель — снижение не менее чем на 2 п. п., не хватает 0,5 п. п.");
    const rose = targetDecision({type: "decline_points", points: 0}, shareFigure(25, 200), shareFigure(24, 200), {subject: TURNOVER});
    expect(rose).toMatchObject({met: false, measured: -0.5, gap: -0.5});
    expect(plain(rose.phrase)).toBe("не достигнута: текучесть выросла на 0,5 п. п. (с 12 % до 12,5 %); цель — снижение");
  });
  it("turnover from an average headcount: 4 of 22,5 → 3 of 22,5 fell by 4,4 п. п.", () => {
    const r = targetDecision({type: "decline_points", points: 0}, shareFigure(3, 22.5), shareFigure(4, 22.5), {subject: TURNOVER});
    expect(r.met).toBe(true);
    expect(r.measured).toBeCloseTo(400 / 90, 12);
    expect(plain(r.phrase)).toBe("достигнута: текучесть снизилась на 4,4 п. п. (с 17,8 % до 13,3 %)");
  });
  it("decline in percent of last year: 10 → 9 is −10 %, met; no change needs 9 and is 1 over", () => {
    expect(targetDecision({type: "decline_relative", percent: 10}, countFigure(9), countFigure(10))).toMatchObject({met: true, measured: 10, gap: 0});
    expect(say({type: "decline_relative", percent: 10}, countFigure(10), countFigure(10), {unit: MK}))
      .toBe("не достигнута: без изменений (10 мастер-классов); цель — снижение не менее чем на 10 %: нужно не более 9, больше нужного на 1");
  });
});

describe("targetDecision says when it cannot decide", () => {
  it("no figure, a zero denominator, no last year, a relative change from 0", () => {
    expect(targetDecision({type: "share_at_least", percent: 70}, null)).toMatchObject({met: null, gap: null, phrase: "не оценивается: нет данных"});
    expect(targetDecision({type: "share_at_least", percent: 70}, shareFigure(0, 0))).toMatchObject({met: null, phrase: "не оценивается: численность равна 0"});
    expect(targetDecision({type: "growth_points", points: 1}, shareFigure(5, 10), null)).toMatchObject({met: null, actual: 50, phrase: "не оценивается: нет данных за прошлый год"});
    expect(targetDecision({type: "decline_points", points: 1}, shareFigure(5, 10), shareFigure(0, 0)).met).toBeNull();
    expect(targetDecision({type: "growth_relative", percent: 10}, countFigure(3), countFigure(0)))
      .toMatchObject({met: null, previous: 0, phrase: "не оценивается: в прошлом году было 0, рост в процентах не определён"});
  });
  it("a negative, fractional or mismatched figure is a programmer error", () => {
    expect(() => targetDecision({type: "count_at_least", count: 5}, countFigure(-1))).toThrow();
    expect(() => targetDecision({type: "count_at_least", count: 5}, countFigure(2.5))).toThrow();
    expect(() => targetDecision({type: "count_at_least", count: 5}, shareFigure(1, 2))).toThrow(/count figure/);
    expect(() => targetDecision({type: "growth_points", points: 1}, countFigure(3), countFigure(2))).toThrow(/share figure/);
    expect(() => targetDecision({type: "growth_relative", percent: 1}, countFigure(3), shareFigure(1, 2))).toThrow(/one kind/);
    expect(() => targetDecision({type: "share_at_least", percent: 70}, shareFigure(Number.NaN, 2))).toThrow();
  });
});

describe("targets are data", () => {
  it("the seeds' targets read from JSON", () => {
    const targets: Target[] = [
      {type: "share_at_least", percent: 70}, {type: "count_at_least", count: 5}, {type: "decline_points", points: 0},
      {type: "growth_points", points: 2}, {type: "growth_relative", percent: 10}, {type: "share_at_most", percent: 10},
      {type: "count_at_most", count: 2}, {type: "decline_relative", percent: 5}
    ];
    for (const t of targets) expect(TargetSchema.parse(JSON.parse(JSON.stringify(t)))).toEqual(t);
  });
  it("refuses a share over 100 %, a fractional count, a negative change and an unknown type", () => {
    expect(TargetSchema.safeParse({type: "share_at_least", percent: 120}).success).toBe(false);
    expect(TargetSchema.safeParse({type: "count_at_least", count: 2.5}).success).toBe(false);
    expect(TargetSchema.safeParse({type: "growth_points", points: -1}).success).toBe(false);
    expect(TargetSchema.safeParse({type: "share_at_lest", percent: 70}).success).toBe(false);
  });
});

describe("a target in words, and the gap in its direction (the @examples)", () => {
  const S = "\u00a0", PP = `${S}п.${S}п.`;
  const MASTER = {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"};

  it("words every kind of target", () => {
    expect(targetText({type: "share_at_least", percent: 60})).toBe(`не менее 60${S}%`);
    expect(targetText({type: "share_at_most", percent: 12.5})).toBe(`не более 12,5${S}%`);
    expect(targetText({type: "count_at_least", count: 5}, MASTER)).toBe("не менее 5 мастер-классов");
    expect(targetText({type: "count_at_least", count: 1}, MASTER)).toBe("не менее 1 мастер-класса");
    expect(targetText({type: "count_at_most", count: 2})).toBe("не более 2");
    expect(targetText({type: "growth_points", points: 2})).toBe(`рост не менее чем на 2${PP}`);
    expect(targetText({type: "growth_relative", percent: 10})).toBe(`рост не менее чем на 10${S}%`);
    expect(targetText({type: "decline_points", points: 0})).toBe("снижение");
    expect(targetText({type: "decline_relative", percent: 20})).toBe(`снижение не менее чем на 20${S}%`);
  });

  it("turns the decision's oriented gap into the words of a table cell", () => {
    // 4 of «не менее 5»: 1 short; 12,5 % against «не более 10 %»: 2,5 п. п. above; 61 → 62,5 % against growth 2 п. п.: 0,5 short.
    expect(gapText({type: "count_at_least", count: 5}, targetDecision({type: "count_at_least", count: 5}, countFigure(4)), MASTER))
      .toBe("не хватает 1 мастер-класса");
    expect(gapText({type: "share_at_most", percent: 10}, targetDecision({type: "share_at_most", percent: 10}, shareFigure(1, 8))))
      .toBe(`выше цели на 2,5${PP}`);
    const growth = targetDecision({type: "growth_points", points: 2}, shareFigure(125, 200), shareFigure(61, 100));
    expect([growth.met, growth.gap, gapText({type: "growth_points", points: 2}, growth)]).toEqual([false, -0.5, `не хватает 0,5${PP} роста`]);
    // Turnover 12,5 → 10 % against «снижение»: met with 2,5 п. п.; 0 → 16 %: the rise instead of a fall.
    const fell = targetDecision({type: "decline_points", points: 0}, shareFigure(1, 10), shareFigure(1, 8));
    expect(gapText({type: "decline_points", points: 0}, fell)).toBe(`запас 2,5${PP}`);
    const rose = targetDecision({type: "decline_points", points: 0}, shareFigure(2, 12.5), shareFigure(0, 12.5));
    expect(gapText({type: "decline_points", points: 0}, rose)).toBe(`рост на 16${PP} вместо снижения`);
    expect(gapText({type: "decline_points", points: 0}, targetDecision({type: "decline_points", points: 0}, shareFigure(1, 8), shareFigure(1, 8))))
      .toBe("без изменений вместо снижения");
    expect(gapText({type: "share_at_least", percent: 70}, targetDecision({type: "share_at_least", percent: 70}, null))).toBe("—");
  });

  it("reads a kind word with the measure, and knows which kinds fit which measure", () => {
    expect(targetFromWord("at_least", "count", 5)).toEqual({type: "count_at_least", count: 5});
    expect(targetFromWord("at_most", "share", 10)).toEqual({type: "share_at_most", percent: 10});
    expect(targetFromWord("decline_points", "share", 0)).toEqual({type: "decline_points", points: 0});
    expect(TARGET_KIND_WORDS[targetKindWord({type: "count_at_most", count: 2})]).toBe("не более");
    expect(targetAmount({type: "growth_relative", percent: 12.5})).toBe(12.5);
    expect(targetFitsMeasure({type: "growth_points", points: 1}, "count")).toBe(false);
    expect(targetFitsMeasure({type: "growth_relative", percent: 10}, "count")).toBe(true);
    expect(targetFitsMeasure({type: "count_at_least", count: 5}, "share")).toBe(false);
  });
});
