// Before/after answers of respondents who cannot be matched (anonymous questionnaires): two
// independent samples, compared with Welch's t-test and the Mann–Whitney U test.
import erfc from "@stdlib/math-base-special-erfc";
import {mean, sampleVariance} from "simple-statistics";
import {tQuantile, twoSidedTPValue} from "./studentT.ts";
import {chosenUnpairedTest, type ChosenTest} from "./chosenTest.ts";

/** Mann–Whitney exact p is used up to this size of the smaller sample, without ties (as scipy's "auto"). */
export const MWU_EXACT_MAX_N = 8;

export interface UnpairedComparison {
  /** Always "unpaired": the samples are independent, nobody was matched. */
  method: "unpaired";
  nBefore: number;
  nAfter: number;
  meanBefore: number | null;
  meanAfter: number | null;
  /** meanAfter − meanBefore. */
  meanDifference: number | null;
  /** Welch's t-test: t, Welch–Satterthwaite df, two-sided p and the 95 % interval of the difference. */
  welch: {t: number; df: number; p: number; ci95: [number, number]} | null;
  /** Mann–Whitney U of the «after» sample, two-sided p; exact or normal (tie and continuity corrected). */
  mannWhitney: {U: number; p: number; method: "exact" | "normal"} | null;
  /** Cohen's d = difference / pooled sd. */
  d: number | null;
  /** The one test this comparison is judged by (lib/chosenTest.ts): its name and p. */
  test: ChosenTest;
}

/** Counts of U = 0 … m·n over all orderings of m and n distinct values (the exact null distribution). */
function uCounts(m: number, n: number): number[] {
  // table[i][j] = counts for sizes i, j; c(i, j, u) = c(i−1, j, u − j) + c(i, j−1, u).
  const table: number[][][] = [];
  for (let i = 0; i <= m; i++) {
    table.push([]);
    for (let j = 0; j <= n; j++) {
      if (i === 0 || j === 0) { table[i]!.push([1]); continue; }
      const a = table[i - 1]![j]!, b = table[i]![j - 1]!;
      const c = new Array<number>(i * j + 1).fill(0);
      a.forEach((v, u) => { c[u + j]! += v; });
      b.forEach((v, u) => { c[u]! += v; });
      table[i]!.push(c);
    }
  }
  return table[m]![n]!;
}

function mannWhitney(before: readonly number[], after: readonly number[]): UnpairedComparison["mannWhitney"] {
  const nB = before.length, nA = after.length, n = nA + nB;
  if (nA === 0 || nB === 0) return null;
  const all = [...before.map((v) => ({v, after: false})), ...after.map((v) => ({v, after: true}))].sort((x, y) => x.v - y.v);
  let rankAfter = 0, tieTerm = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && all[end]!.v === all[start]!.v) end++;
    const rank = (start + 1 + end) / 2, t = end - start;
    for (let k = start; k < end; k++) if (all[k]!.after) rankAfter += rank;
    if (t > 1) tieTerm += t * t * t - t;
    start = end;
  }
  const U = rankAfter - nA * (nA + 1) / 2;
  const big = Math.max(U, nA * nB - U);
  if (tieTerm === 0 && Math.min(nA, nB) <= MWU_EXACT_MAX_N) {
    const counts = uCounts(nA, nB);
    const total = counts.reduce((s, c) => s + c, 0);
    let tail = 0;
    for (let u = Math.round(big); u < counts.length; u++) tail += counts[u]!;
    return {U, p: Math.min(1, (2 * tail) / total), method: "exact"};
  }
  const sigma = Math.sqrt((nA * nB / 12) * ((n + 1) - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return null;
  const z = (big - nA * nB / 2 - 0.5) / sigma;
  return {U, p: Math.min(1, erfc(z / Math.SQRT2)), method: "normal"};
}

/**
 * «Сравнение независимых выборок» (before/after answers that cannot be paired; issue 6, «Ratings»):
 * difference = mean(after) − mean(before);
 * Welch: se = √(s²₁/n₁ + s²₂/n₂), t = difference / se, df = se⁴ / Σ((s²ᵢ/nᵢ)² / (nᵢ − 1)),
 * p two-sided from the t distribution, 95 % interval difference ± t₀.₉₇₅(df)·se;
 * Mann–Whitney: U = R_after − n_after(n_after + 1)/2 with average ranks for ties; two-sided p exact
 * when the smaller sample has at most 8 values and nothing is tied, else the normal approximation
 * with tie and continuity correction (z = (max(U, n₁n₂ − U) − n₁n₂/2 − ½)/σ);
 * Cohen's d = difference / pooled sd. Matches scipy.stats.ttest_ind(after, before, equal_var=False)
 * and scipy.stats.mannwhitneyu(after, before, method="exact" | "asymptotic")
 * (tests/fixtures/scipy/effectiveness_reference.py). Too little data (n < 2 in a sample, zero
 * spread) gives nulls, never NaN. Throws on a non-finite value.
 * @example
 * unpairedComparison([1, 2, 3], [4, 5])
 * // difference 4.5 − 2 = 2.5; se = √(1/3 + 0.5/2) = 0.7637626, t = 3.2732684, df = 2.8823529;
 * // U = 6 (each «after» value beats all three «before» ones), exact p = 2 · 1/10 = 0.2;
 * // pooled sd = √((2·1 + 1·0.5)/3) = 0.9128709, d = 2.7386128; test: Mann–Whitney (samples < 30), p 0.2
 */
export function unpairedComparison(before: readonly number[], after: readonly number[]): UnpairedComparison {
  for (const v of [...before, ...after]) if (!Number.isFinite(v)) throw new Error(`value must be a finite number, got ${v}`);
  const nB = before.length, nA = after.length;
  const meanBefore = nB ? mean(before as number[]) : null, meanAfter = nA ? mean(after as number[]) : null;
  const diff = meanBefore !== null && meanAfter !== null ? meanAfter - meanBefore : null;
  let welch: UnpairedComparison["welch"] = null, d: number | null = null;
  if (nA >= 2 && nB >= 2 && diff !== null) {
    const vB = sampleVariance(before as number[]), vA = sampleVariance(after as number[]);
    const se2 = vA / nA + vB / nB;
    if (se2 > 0) {
      const se = Math.sqrt(se2);
      const df = se2 * se2 / ((vA / nA) ** 2 / (nA - 1) + (vB / nB) ** 2 / (nB - 1));
      const t = diff / se, q = tQuantile(0.975, df);
      welch = {t, df, p: twoSidedTPValue(t, df), ci95: [diff - q * se, diff + q * se]};
    }
    const pooled = Math.sqrt(((nA - 1) * vA + (nB - 1) * vB) / (nA + nB - 2));
    if (pooled > 0) d = diff / pooled;
  }
  const mw = mannWhitney(before, after);
  return {method: "unpaired", nBefore: nB, nAfter: nA, meanBefore, meanAfter, meanDifference: diff, welch,
    mannWhitney: mw, d, test: chosenUnpairedTest({nBefore: nB, nAfter: nA, welch, mannWhitney: mw})};
}
