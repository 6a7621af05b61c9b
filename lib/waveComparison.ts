// One question asked at entry and at exit, compared: paired where respondents match, independent samples otherwise.
//
// Issue 15 §2 «что говорят участники: до и после»: the comparison of the two waves, paired where respondents are matched by their code, independent
// samples otherwise — for rating questions («оцените от 1 до 5») and for yes/no questions
// («хотели бы вы стать наставником?»). The CLI's SWOT report, the annual report and the page all
// take these figures from here.
import {pairedComparison, type PairedComparison} from "./pairedComparison.ts";
import {unpairedComparison, type UnpairedComparison} from "./unpairedComparison.ts";
import {compareProportions} from "./compareProportions.ts";
import {wilsonInterval} from "./wilsonInterval.ts";
import {mcnemarExact} from "./mcnemarExact.ts";
import {ALPHA} from "./chosenTest.ts";

/** Paired comparison needs at least this many matched respondents; fewer → the independent-samples one. */
export const MIN_PAIRS = 2;

/** One answer of one wave: the respondent's code (null: anonymous) and the answer. */
export interface WaveAnswer<T> { key: string | null; value: T }

/** Why the waves were compared as independent samples, in Russian. */
function unpairedReason(keysEntry: number, keysExit: number): string {
  return keysEntry === 0 || keysExit === 0
    ? "ответы анонимные: нет кода участника, сопоставить входные и итоговые ответы нельзя"
    : `совпавших участников меньше ${MIN_PAIRS}`;
}

/** The last answer of each code in a wave (a respondent who answered twice counts once, by the later answer). */
function byKey<T>(xs: ReadonlyArray<WaveAnswer<T>>): Map<string, T> {
  const m = new Map<string, T>();
  for (const a of xs) if (a.key) m.set(a.key, a.value);
  return m;
}

export type RatingWaves =
  | {type: "paired"; matched: number; unmatchedEntry: number; unmatchedExit: number; result: PairedComparison}
  | {type: "unpaired"; reason: string; result: UnpairedComparison};

/**
 * «Оценки до и после»: entry and exit ratings of one question. Respondents are matched by code
 * (the last answer of a code in a wave counts); with at least MIN_PAIRS matched, the paired
 * comparison of the matched (lib/pairedComparison.ts: Wilcoxon below 30 pairs, paired t from 30);
 * otherwise the two waves as independent samples (lib/unpairedComparison.ts: Mann–Whitney below 30
 * answers in a wave, Welch from 30), with the reason. `unmatchedEntry`/`unmatchedExit` are the
 * wave's answers outside the pairs.
 * @example
 * ratingWaves([{key: "Н-1", value: 3}, {key: "Н-2", value: 4}, {key: "М-1", value: 2}, {key: "М-3", value: 3}],
 *   [{key: "Н-1", value: 5}, {key: "Н-2", value: 4}, {key: "М-1", value: 4}, {key: "М-2", value: 3}])
 * // matched Н-1 3→5, Н-2 4→4, М-1 2→4: {type: "paired", matched: 3, unmatchedEntry: 1, unmatchedExit: 1,
 * //  result: pairedComparison([3, 4, 2], [5, 4, 4])} — changes 2, 0, 2: Wilcoxon (tied, normal) p = 0.1572992
 */
export function ratingWaves(entry: ReadonlyArray<WaveAnswer<number>>, exit: ReadonlyArray<WaveAnswer<number>>): RatingWaves {
  const e = byKey(entry), x = byKey(exit);
  const matched = [...e.keys()].filter((k) => x.has(k));
  if (matched.length >= MIN_PAIRS) {
    return {type: "paired", matched: matched.length, unmatchedEntry: entry.length - matched.length, unmatchedExit: exit.length - matched.length,
      result: pairedComparison(matched.map((k) => e.get(k)!), matched.map((k) => x.get(k)!))};
  }
  return {type: "unpaired", reason: unpairedReason(e.size, x.size),
    result: unpairedComparison(entry.map((a) => a.value), exit.map((a) => a.value))};
}

/** Tests of two shares, as a report names them next to their p. */
export const PROPORTION_TEST_LABELS = {
  "mcnemar-exact": "точный критерий Макнемара",
  z: "z-критерий для двух долей",
  fisher: "точный критерий Фишера"
} as const;

export type ProportionTestCode = keyof typeof PROPORTION_TEST_LABELS;

/** A yes/no answer: «да», «нет», or «затрудняюсь ответить» (counted as not «да»). */
export type YesNo = "yes" | "no" | "unsure";

/**
 * «Ответ да/нет»: how a person wrote it — «Да», «да, конечно», «Скорее да», «yes» → yes; «Нет»,
 * «скорее нет», «нет, не хочу» → no; «Затрудняюсь ответить», «не знаю», «не определился(-ась)»,
 * «возможно», «пока не решил» → unsure; anything else null (the question is then not a yes/no one).
 * @example yesNoAnswer("Да") // "yes"
 * @example yesNoAnswer("Скорее нет") // "no"
 * @example yesNoAnswer("Затрудняюсь ответить") // "unsure"
 * @example yesNoAnswer("Иногда") // null
 */
export function yesNoAnswer(text: string): YesNo | null {
  const v = text.trim().toLowerCase().replace(/ё/g, "е").replace(/[.!]+$/, "").replace(/\s+/g, " ");
  if (/^(скорее |конечно |пожалуй )?(да|yes)([ ,;:–—-]|$)/.test(v) || v === "конечно") return "yes";
  if (/^(скорее |пожалуй |пока )?(нет|no)([ ,;:–—-]|$)/.test(v)) return "no";
  if (/^(затрудняюсь|не знаю|не определил|не решил|пока не решил|пока не знаю|возможно|может быть|не уверен)/.test(v)) return "unsure";
  return null;
}

export interface YesNoShare {
  /** Answered «да». */
  yes: number;
  /** Answered at all (да, нет, затрудняюсь). */
  n: number;
  /** yes / n, 0–1; null when n = 0. */
  share: number | null;
  /** 95 % Wilson interval of the share (lib/wilsonInterval.ts); null when n = 0. */
  ci95: [number, number] | null;
}

export interface YesNoTest {
  test: ProportionTestCode | null;
  /** Its Russian name (PROPORTION_TEST_LABELS); null with `test`. */
  label: string | null;
  /** Two-sided p; null when no test can be run (no discordant pair, an empty wave). */
  p: number | null;
  significant: boolean | null;
}

export interface YesNoWaves {
  type: "paired" | "unpaired";
  /** Why independent samples (Russian); null when paired. */
  reason: string | null;
  /** Respondents matched by code across the waves. */
  matched: number;
  /** Shares «да» of the compared respondents: the matched ones when paired, every answer of the wave when not. */
  before: YesNoShare;
  after: YesNoShare;
  /** after.share − before.share (0.1 = 10 п. п.); null when a wave is empty. */
  difference: number | null;
  /** Paired only: b = «да» at entry and not at exit, c = not «да» at entry and «да» at exit. */
  discordant: {yesToNo: number; noToYes: number} | null;
  test: YesNoTest;
}

const share = (yes: number, n: number): YesNoShare => ({yes, n, share: n ? yes / n : null, ci95: wilsonInterval(yes, n)});
const testOf = (test: ProportionTestCode | null, p: number | null): YesNoTest =>
  ({test: p === null ? null : test, label: p === null || test === null ? null : PROPORTION_TEST_LABELS[test], p, significant: p === null ? null : p < ALPHA});

/**
 * «Доля ответивших «да» до и после»: «затрудняюсь ответить» counts in the wave's answers but not
 * as «да». With at least MIN_PAIRS respondents matched by code, the matched ones: shares at entry
 * and exit with Wilson intervals, and McNemar's exact test on the discordant pairs b (да → не да)
 * and c (не да → да), p = min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½) (lib/mcnemarExact.ts).
 * Otherwise every answer of each wave as two independent samples, compared by
 * lib/compareProportions.ts: the pooled two-proportion z-test when every expected count of the
 * 2×2 table is at least 5, Fisher's exact test when one is below (Cochran's rule).
 * @example
 * // 8 matched: да→да 3, да→нет 1, нет→да 3, нет→нет 1: before 4/8, after 6/8, b = 1, c = 3,
 * // p = 2·(C(4,0) + C(4,1))/2⁴ = 10/16 = 0.625 (точный критерий Макнемара)
 */
export function yesNoWaves(entry: ReadonlyArray<WaveAnswer<YesNo>>, exit: ReadonlyArray<WaveAnswer<YesNo>>): YesNoWaves {
  const e = byKey(entry), x = byKey(exit);
  const matched = [...e.keys()].filter((k) => x.has(k));
  if (matched.length >= MIN_PAIRS) {
    let yesBefore = 0, yesAfter = 0, b = 0, c = 0;
    for (const k of matched) {
      const before = e.get(k) === "yes", after = x.get(k) === "yes";
      if (before) yesBefore++;
      if (after) yesAfter++;
      if (before && !after) b++;
      if (!before && after) c++;
    }
    const n = matched.length;
    return {type: "paired", reason: null, matched: n, before: share(yesBefore, n), after: share(yesAfter, n),
      difference: (yesAfter - yesBefore) / n, discordant: {yesToNo: b, noToYes: c}, test: testOf("mcnemar-exact", mcnemarExact(b, c))};
  }
  const yes = (xs: ReadonlyArray<WaveAnswer<YesNo>>) => xs.filter((a) => a.value === "yes").length;
  const before = share(yes(entry), entry.length), after = share(yes(exit), exit.length);
  const cmp = compareProportions({x: before.yes, n: before.n}, {x: after.yes, n: after.n});
  return {type: "unpaired", reason: unpairedReason(e.size, x.size), matched: matched.length, before, after,
    difference: cmp.difference, discordant: null, test: testOf(cmp.test, cmp.p)};
}
