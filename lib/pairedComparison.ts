// Everything the curator asks about a before/after pair of measurements of one group.
import {mean} from "simple-statistics";
import {pairedTTest} from "./pairedTTest.ts";
import {cleanDifference, wilcoxonSignedRank} from "./wilcoxonSignedRank.ts";
import {chosenPairedTest, type ChosenTest} from "./chosenTest.ts";

export interface PairedComparison {
  /** Number of pairs. */
  n: number;
  meanBefore: number | null;
  meanAfter: number | null;
  /** Mean of after − before. */
  meanChange: number | null;
  /** 95 % confidence interval of the mean change (t distribution); null when n < 2. */
  ci95: [number, number] | null;
  /** Sample sd of the changes; null when n < 2. */
  sdChange: number | null;
  /** Paired t statistic, its degrees of freedom and two-sided p; null when n < 2 or all changes equal. */
  t: number | null;
  df: number | null;
  pT: number | null;
  /** Wilcoxon signed-rank test; null when every change is 0. */
  wilcoxon: {W: number; p: number; method: "exact" | "normal"} | null;
  /** Cohen's d_z = mean change / sd of changes; null when sd is 0 or undefined. */
  dz: number | null;
  /** Shares of pairs with after > before, after = before, after < before (0–1); null when n = 0. */
  shareImproved: number | null;
  shareUnchanged: number | null;
  shareWorse: number | null;
  /** The one test this comparison is judged by (lib/chosenTest.ts): its name and p. */
  test: ChosenTest;
}

/**
 * «Сравнение до/после» of paired measurements (DOMAIN.md «Pre/post»; higher is better):
 * changes d = after − before (rounded to 9 decimals so float noise is not a change); n pairs,
 * mean before/after/change; the paired t-test with the 95 % interval of the mean change;
 * the Wilcoxon signed-rank test (zeros dropped; exact for n ≤ 50 without ties, else normal with
 * tie correction); Cohen's d_z = mean(d)/sd(d); shares improved (d > 0), unchanged (d = 0),
 * worse (d < 0); `test` — the test chosen for the group (chosenPairedTest). Too little data gives nulls, never NaN. Throws when the arrays differ in length
 * or hold a non-finite number.
 * @example
 * pairedComparison([50, 60, 70], [52, 64, 76])
 * // changes 2, 4, 6: n 3, meanBefore 60, meanAfter 64, meanChange 4, sdChange 2, dz 2,
 * // t 3.4641016, df 2, pT 0.0741799, ci95 [-0.9682754, 8.9682754],
 * // wilcoxon {W: 0, p: 2 · 1/8 = 0.25, method: "exact"}, shares 1 / 0 / 0,
 * // test {test: "wilcoxon", p: 0.25} (3 pairs < 30)
 */
export function pairedComparison(before: readonly number[], after: readonly number[]): PairedComparison {
  if (before.length !== after.length) {
    throw new Error(`paired samples must have equal length, got ${before.length} and ${after.length}`);
  }
  const n = before.length;
  const changes: number[] = new Array(n);
  let up = 0, same = 0, down = 0;
  for (let i = 0; i < n; i++) {
    const b = before[i]!, a = after[i]!;
    if (!Number.isFinite(b) || !Number.isFinite(a)) throw new Error(`pair ${i} is not a pair of finite numbers: ${b}, ${a}`);
    const d = cleanDifference(a - b);
    changes[i] = d;
    if (d > 0) up++; else if (d < 0) down++; else same++;
  }
  if (n === 0) {
    return {n, meanBefore: null, meanAfter: null, meanChange: null, ci95: null, sdChange: null, t: null, df: null,
      pT: null, wilcoxon: null, dz: null, shareImproved: null, shareUnchanged: null, shareWorse: null,
      test: chosenPairedTest({n, pT: null, wilcoxon: null})};
  }
  const tt = pairedTTest(changes);
  const w = wilcoxonSignedRank(changes);
  return {
    n,
    meanBefore: mean(before as number[]),
    meanAfter: mean(after as number[]),
    meanChange: tt.mean,
    ci95: tt.ci95,
    sdChange: tt.sd,
    t: tt.t,
    df: tt.df,
    pT: tt.p,
    wilcoxon: w ? {W: w.W, p: w.p, method: w.method} : null,
    dz: tt.sd !== null && tt.sd > 0 && tt.mean !== null ? tt.mean / tt.sd : null,
    shareImproved: up / n,
    shareUnchanged: same / n,
    shareWorse: down / n,
    test: chosenPairedTest({n, pT: tt.p, wilcoxon: w})
  };
}
