// Which significance test a group gets, decided once: every surface (CLI, dashboards, XLSX, the
// annual report, the curator's sentence) shows this test's p and its name, never another one.
import {TEST_LABELS} from "./glossary.ts";

/** Significance level of every reading. */
export const ALPHA = 0.05;
/** From this many pairs (or this many answers in each sample) on, the t-test; below it, the rank test. */
export const SMALL_SAMPLE = 30;

export type TestCode = keyof typeof TEST_LABELS;

export interface ChosenTest {
  /** paired-t | wilcoxon | welch | mann-whitney; null when no test can be run (n < 2, no change at all). */
  test: TestCode | null;
  /** Its Russian name: «парный t-критерий», «критерий Уилкоксона» …; null with `test`. */
  label: string | null;
  /** Two-sided p of that test; null when it cannot be computed. */
  p: number | null;
  /** Whether p < ALPHA; null without p. */
  significant: boolean | null;
}

const chosen = (test: TestCode | null, p: number | null): ChosenTest =>
  ({test, label: test ? TEST_LABELS[test] : null, p, significant: p === null ? null : p < ALPHA});

/**
 * «Выбор критерия» for a before/after comparison of the same people (DOMAIN.md «Pre/post»: the
 * paired t-test; Wilcoxon signed-rank where n is small or skewed): n ≥ 30 pairs and a t p-value →
 * the paired t-test; otherwise the Wilcoxon signed-rank test (also when the t-test cannot be
 * computed because every change is equal); nothing when neither exists.
 * @example chosenPairedTest({n: 136, pT: 0.267, wilcoxon: {p: 0.191}}) // {test: "paired-t", label: "парный t-критерий", p: 0.267, significant: false}
 * @example chosenPairedTest({n: 12, pT: 0.03, wilcoxon: {p: 0.04}}) // {test: "wilcoxon", label: "критерий Уилкоксона", p: 0.04, significant: true}
 * @example chosenPairedTest({n: 1, pT: null, wilcoxon: null}) // {test: null, label: null, p: null, significant: null}
 */
export function chosenPairedTest(c: {n: number; pT: number | null; wilcoxon: {p: number} | null}): ChosenTest {
  if (c.n >= SMALL_SAMPLE && c.pT !== null) return chosen("paired-t", c.pT);
  if (c.wilcoxon) return chosen("wilcoxon", c.wilcoxon.p);
  return chosen(null, null);
}

/**
 * «Выбор критерия» for two independent samples (anonymous before/after answers): both samples of
 * at least 30 → Welch's t-test, otherwise the Mann–Whitney U test (also when Welch cannot be computed).
 * @example chosenUnpairedTest({nBefore: 40, nAfter: 35, welch: {p: 0.02}, mannWhitney: {p: 0.03}}) // {test: "welch", p: 0.02, …}
 * @example chosenUnpairedTest({nBefore: 10, nAfter: 12, welch: {p: 0.02}, mannWhitney: {p: 0.03}}) // {test: "mann-whitney", p: 0.03, …}
 */
export function chosenUnpairedTest(c: {nBefore: number; nAfter: number; welch: {p: number} | null; mannWhitney: {p: number} | null}): ChosenTest {
  if (Math.min(c.nBefore, c.nAfter) >= SMALL_SAMPLE && c.welch) return chosen("welch", c.welch.p);
  if (c.mannWhitney) return chosen("mann-whitney", c.mannWhitney.p);
  return chosen(null, null);
}

/** The rule in one Russian sentence, for method notes on every surface. */
export const TEST_CHOICE_TEXT = `Значимость: при ${SMALL_SAMPLE} парах и больше — ${TEST_LABELS["paired-t"]}, при меньшем числе пар — ` +
  `${TEST_LABELS.wilcoxon} (для независимых выборок — ${TEST_LABELS.welch} и ${TEST_LABELS["mann-whitney"]} соответственно); ` +
  `значимо при p < 0,05.`;
