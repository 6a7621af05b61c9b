// Paired t-test on the differences of matched pairs.
import {mean, sampleStandardDeviation} from "simple-statistics";
import {tQuantile, twoSidedTPValue} from "./studentT.ts";

export interface PairedTTest {
  n: number;
  /** Mean difference; null when n = 0. */
  mean: number | null;
  /** Sample standard deviation of the differences (n − 1 in the denominator); null when n < 2. */
  sd: number | null;
  /** t = mean / (sd / √n); null when n < 2 or sd = 0 (all differences equal). */
  t: number | null;
  /** n − 1; null when n < 2. */
  df: number | null;
  /** Two-sided p from Student's t(df); null with t. */
  p: number | null;
  /** 95 % confidence interval of the mean difference, mean ± t₀.₉₇₅(df) · sd/√n; null when n < 2. */
  ci95: [number, number] | null;
}

/**
 * «Парный t-критерий Стьюдента» on differences d = after − before (DOMAIN.md «Pre/post»):
 * t = mean(d) / (sd(d)/√n), df = n − 1, p = 2·P(T ≥ |t|) (@stdlib t CDF); the 95 % interval
 * of the mean difference is mean ± t₀.₉₇₅(df) · sd/√n. Matches `scipy.stats.ttest_rel(after, before)`
 * and its `confidence_interval(0.95)`.
 *
 * Too little data gives nulls: n = 0 (everything null), n = 1 (only the mean), all differences
 * equal (sd = 0: no t, p; the interval collapses to [mean, mean]). Throws on a non-finite value.
 * @example
 * pairedTTest([2, 4, 6])
 * // mean 4, sd 2, se 2/√3, t = 2√3 = 3.4641016, df 2, p = 0.0741799,
 * // ci95 = 4 ± 4.3026527 · 1.1547005 = [-0.9682754, 8.9682754]
 */
export function pairedTTest(differences: readonly number[]): PairedTTest {
  for (const d of differences) if (!Number.isFinite(d)) throw new Error(`difference must be a finite number, got ${d}`);
  const n = differences.length;
  if (n === 0) return {n, mean: null, sd: null, t: null, df: null, p: null, ci95: null};
  const m = mean(differences as number[]);
  if (n === 1) return {n, mean: m, sd: null, t: null, df: null, p: null, ci95: null};
  const df = n - 1;
  // Equal differences can leave a residue of 1e-15 in the sum of squares; that is sd = 0.
  let lo = differences[0]!, hi = lo;
  for (const d of differences) { if (d < lo) lo = d; else if (d > hi) hi = d; }
  const spread = hi - lo;
  const sd = spread === 0 ? 0 : sampleStandardDeviation(differences as number[]);
  if (sd === 0) return {n, mean: m, sd: 0, t: null, df, p: null, ci95: [m, m]};
  const se = sd / Math.sqrt(n);
  const t = m / se;
  const half = tQuantile(0.975, df) * se;
  return {n, mean: m, sd, t, df, p: twoSidedTPValue(t, df), ci95: [m - half, m + half]};
}
