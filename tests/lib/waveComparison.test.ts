// «До и после» of one question: McNemar's exact test, yes/no answers, shares with Wilson intervals,
// the unpaired proportions test, and ratings — against scipy (tests/fixtures/scipy/participants_reference.py
// and .json, to 1e-9) and the hand-worked examples of the modules' documentation.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {mcnemarExact, MIN_PAIRS, pairedComparison, PROPORTION_TEST_LABELS, ratingWaves, ratingWavesReading, unpairedComparison,
  yesNoAnswer, yesNoWaves, yesNoWavesReading, type WaveAnswer, type YesNo} from "../../lib/index.ts";

interface YesNoCase {
  name: string; entry: YesNo[]; exit: YesNo[]; yesBefore: number; yesAfter: number; wilsonBefore: [number, number]; wilsonAfter: [number, number];
  difference: number; test: string; p: number | null; b?: number; c?: number; n?: number; nBefore?: number; nAfter?: number; z?: number | null;
}
const ref = JSON.parse(readFileSync(new URL("../fixtures/scipy/participants_reference.json", import.meta.url), "utf8")) as {
  mcnemar: Array<{b: number; c: number; p: number}>;
  wilson: Array<{x: number; n: number; ci95: [number, number]}>;
  fixture: {wishSchool1: YesNoCase; wishSchool2: YesNoCase;
    satSchool1: {entry: number[]; exit: number[]; meanBefore: number; meanAfter: number; W: number; p: number; method: string};
    satSchool2: {before: number[]; after: number[]; meanBefore: number; meanAfter: number; U: number; p: number; method: string}};
  paired: YesNoCase[];
  unpaired: YesNoCase[];
};

const close = (a: number | null | undefined, b: number | null | undefined) => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b!)).toBeLessThan(1e-9);
};
const coded = <T>(xs: T[], prefix: string | null): Array<WaveAnswer<T>> => xs.map((value, i) => ({key: prefix === null ? null : `${prefix}-${i + 1}`, value}));

describe("mcnemarExact", () => {
  it("is 2·P(X ≤ min(b, c)), X ~ Bin(b + c, ½), worked by hand", () => {
    // b = 1, c = 5: (C(6,0) + C(6,1)) / 64 = 7/64, doubled 14/64.
    expect(mcnemarExact(1, 5)).toBeCloseTo(14 / 64, 14);
    // b = 1, c = 3: (1 + 4)/16 doubled = 10/16.
    expect(mcnemarExact(1, 3)).toBeCloseTo(0.625, 14);
    expect(mcnemarExact(3, 3)).toBe(1);
    expect(mcnemarExact(0, 0)).toBeNull();
    expect(() => mcnemarExact(-1, 2)).toThrow();
    expect(() => mcnemarExact(1.5, 2)).toThrow();
  });
  it("matches scipy.stats.binomtest(c, b + c, 0.5) on every case to 1e-9", () => {
    for (const c of ref.mcnemar) close(mcnemarExact(c.b, c.c), c.p);
    expect(ref.mcnemar.length).toBeGreaterThan(10);
  });
});

describe("yesNoAnswer", () => {
  it("reads yes, no and undecided as people write them, and nothing else", () => {
    expect(["Да", "да, конечно", "Скорее да", "ДА.", "Yes"].map(yesNoAnswer)).toEqual(["yes", "yes", "yes", "yes", "yes"]);
    expect(["Нет", "скорее нет", "нет, не хочу", "Пока нет"].map(yesNoAnswer)).toEqual(["no", "no", "no", "no"]);
    expect(["Затрудняюсь ответить", "не знаю", "Не определилась", "возможно"].map(yesNoAnswer)).toEqual(["unsure", "unsure", "unsure", "unsure"]);
    expect(["Иногда", "данные", "нетрудно", "5"].map(yesNoAnswer)).toEqual([null, null, null, null]);
  });
});

describe("yesNoWaves", () => {
  it("the hand-worked 8 matched respondents: 4/8 → 6/8, b = 1, c = 3, McNemar p = 2·(1 + 4)/16 = 0,625 (= scipy), Wilson as scipy", () => {
    const f = ref.fixture.wishSchool1;
    const w = yesNoWaves(coded(f.entry, "У"), coded(f.exit, "У"));
    expect(w).toMatchObject({type: "paired", reason: null, matched: 8, discordant: {yesToNo: 1, noToYes: 3},
      test: {test: "mcnemar-exact", label: "точный критерий Макнемара", p: 0.625, significant: false}});
    expect([w.before.yes, w.before.n, w.after.yes, w.after.n]).toEqual([4, 8, 6, 8]);
    expect(w.difference).toBe(0.25);
    close(w.test.p, f.p);
    for (const i of [0, 1] as const) { close(w.before.ci95![i], f.wilsonBefore[i]); close(w.after.ci95![i], f.wilsonAfter[i]); }
    expect(yesNoWavesReading("Хотели бы стать наставником", w)).toBe("«Хотели бы стать наставником»: доля ответивших «да» выросла с 50\u00a0% до 75\u00a0% " +
      "(сопоставлено участников: 8; стали отвечать «да» — 3, перестали — 1); изменение статистически не значимо (точный критерий Макнемара, p = 0,625).");
  });

  it("anonymous waves are two independent samples: Fisher's exact test for 1/6 vs 5/7 (p = 176/1716, worked by hand, = scipy)", () => {
    const f = ref.fixture.wishSchool2;
    const w = yesNoWaves(coded(f.entry, null), coded(f.exit, null));
    expect(w).toMatchObject({type: "unpaired", matched: 0, discordant: null,
      reason: "ответы анонимные: нет кода участника, сопоставить входные и итоговые ответы нельзя",
      test: {test: "fisher", label: PROPORTION_TEST_LABELS.fisher, significant: false}});
    // Margins 6, 7 and 6 «да» of 13: P(k) = C(6,k)·C(7,6−k)/1716 = 7, 126, 525, 700, 315, 42, 1 (/1716); as unlikely as k = 1: 7 + 126 + 42 + 1.
    close(w.test.p, 176 / 1716);
    close(w.test.p, f.p);
    close(w.difference, f.difference);
    for (const i of [0, 1] as const) { close(w.before.ci95![i], f.wilsonBefore[i]); close(w.after.ci95![i], f.wilsonAfter[i]); }
  });

  it("matches scipy on the other paired and unpaired cases (McNemar, z-test by formula, Fisher)", () => {
    for (const f of ref.paired) {
      const w = yesNoWaves(coded(f.entry, "К"), coded(f.exit, "К"));
      expect(w.type, f.name).toBe("paired");
      expect([w.discordant!.yesToNo, w.discordant!.noToYes], f.name).toEqual([f.b, f.c]);
      if (f.p === null) expect(w.test, f.name).toEqual({test: null, label: null, p: null, significant: null});
      else close(w.test.p, f.p);
    }
    for (const f of ref.unpaired) {
      const w = yesNoWaves(coded(f.entry, null), coded(f.exit, null));
      expect(w.test.test, f.name).toBe(f.test);
      expect(w.test.label).toBe(PROPORTION_TEST_LABELS[f.test as "z" | "fisher"]);
      close(w.test.p, f.p);
      for (const i of [0, 1] as const) { close(w.before.ci95![i], f.wilsonBefore[i]); close(w.after.ci95![i], f.wilsonAfter[i]); }
    }
  });

  it("pairs from MIN_PAIRS matched codes on, by the last answer of a code; one match is not a pair", () => {
    expect(MIN_PAIRS).toBe(2);
    const one = yesNoWaves([{key: "А", value: "no"}, {key: null, value: "no"}], [{key: "А", value: "yes"}, {key: "Б", value: "yes"}]);
    expect(one).toMatchObject({type: "unpaired", matched: 1, reason: "совпавших участников меньше 2"});
    const twice = yesNoWaves([{key: "А", value: "no"}, {key: "А", value: "yes"}, {key: "Б", value: "no"}], [{key: "А", value: "yes"}, {key: "Б", value: "yes"}]);
    expect(twice.discordant).toEqual({yesToNo: 0, noToYes: 1});
  });
});

describe("ratingWaves", () => {
  it("is the SWOT report's documented example: matched Н-1 3→5, Н-2 4→4, М-1 2→4", () => {
    const w = ratingWaves([{key: "Н-1", value: 3}, {key: "Н-2", value: 4}, {key: "М-1", value: 2}, {key: "М-3", value: 3}],
      [{key: "Н-1", value: 5}, {key: "Н-2", value: 4}, {key: "М-1", value: 4}, {key: "М-2", value: 3}]);
    expect(w).toEqual({type: "paired", matched: 3, unmatchedEntry: 1, unmatchedExit: 1, result: pairedComparison([3, 4, 2], [5, 4, 4])});
    // Changes 2, 0, 2: the zero dropped, two tied ranks 1,5 → the normal approximation: W+ = 3, mean 1,5,
    // variance 2·3·5/24 − (2³ − 2)/48 = 1,125, z = 1,5/√1,125 = √2, p = 2·(1 − Φ(√2)) = 0,1572992.
    expect(w.result.test.test).toBe("wilcoxon");
    expect(w.result.test.p).toBeCloseTo(0.1572992, 7);
    expect(ratingWavesReading("Удовлетворённость", w)).toBe("«Удовлетворённость»: средняя оценка выросла с 3,00 до 4,33 (сопоставлено участников: 3); " +
      "изменение статистически не значимо (критерий Уилкоксона, p = 0,157).");
  });

  it("the fixture's 8 matched: Wilcoxon as scipy; the anonymous school: Mann–Whitney as scipy", () => {
    const p = ref.fixture.satSchool1;
    const w = ratingWaves(coded(p.entry, "У"), coded(p.exit, "У"));
    if (w.type !== "paired") throw new Error("paired expected");
    close(w.result.meanBefore, p.meanBefore);
    close(w.result.meanAfter, p.meanAfter);
    expect(w.result.wilcoxon).toMatchObject({W: p.W, method: p.method});
    close(w.result.test.p, p.p);
    const u = ref.fixture.satSchool2;
    const v = ratingWaves(coded(u.before, null), coded(u.after, null));
    expect(v).toEqual({type: "unpaired", reason: "ответы анонимные: нет кода участника, сопоставить входные и итоговые ответы нельзя",
      result: unpairedComparison(u.before, u.after)});
    if (v.type !== "unpaired") throw new Error("unpaired expected");
    expect(v.result.mannWhitney).toMatchObject({U: u.U, method: u.method});
    close(v.result.test.p, u.p);
    expect(v.result.test.label).toBe("U-критерий Манна — Уитни");
  });
});
