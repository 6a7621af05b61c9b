// Wilcoxon signed-rank test on paired differences, two-sided.
import signrankCdf from "@stdlib/stats-base-dists-signrank-cdf";
import erfc from "@stdlib/math-base-special-erfc";

export interface WilcoxonSignedRank {
  /** Non-zero differences (zeros are dropped, Wilcoxon's original rule). */
  n: number;
  /** Differences equal to 0, dropped. */
  nZero: number;
  /** Sum of ranks of positive and of negative differences. */
  rPlus: number;
  rMinus: number;
  /** W = min(R⁺, R⁻), the two-sided statistic as scipy reports it. */
  W: number;
  /** Normal-approximation z (no continuity correction); null for the exact method. */
  z: number | null;
  p: number;
  /** exact: the signed-rank distribution; normal: the normal approximation with tie correction. */
  method: "exact" | "normal";
}

/** Largest n for which the exact distribution is used (scipy's own switch point). */
export const EXACT_MAX_N = 50;

/** Differences closer than this are the same value: 52,3 − 48,1 and 60,3 − 56,1 tie. */
const EPS_DIGITS = 1e9;

/** A difference rounded to 9 decimals, so binary noise neither breaks ties nor hides zeros. */
export function cleanDifference(d: number): number {
  return Math.round(d * EPS_DIGITS) / EPS_DIGITS;
}

/**
 * «Критерий Уилкоксона (знаковых рангов)» for paired changes, two-sided (DOMAIN.md «Pre/post»).
 *
 * Zero differences are dropped; the rest are ranked by |d| with average ranks for ties;
 * W = min(R⁺, R⁻). With n ≤ 50 non-zero differences and no ties, p = min(1, 2·P(W⁺ ≤ W)) from
 * the exact signed-rank distribution (@stdlib); otherwise the normal approximation
 * z = (R⁺ − n(n+1)/4) / σ with σ² = (n(n+1)(2n+1) − Σ(t³ − t)/2) / 24 over tie groups of size t,
 * p = erfc(|z|/√2), without continuity correction. Matches
 * `scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False, method=…)`.
 *
 * Returns null when no non-zero difference is left (nothing to test). Throws on a non-finite value.
 * @example
 * wilcoxonSignedRank([1, 2, 3, -4, 5])
 * // ranks 1..5, R⁺ = 11, R⁻ = 4, W = 4; exact: 7 of the 32 sign patterns have W⁺ ≤ 4
 * // ({}, {1}, {2}, {3}, {4}, {1,2}, {1,3}), so p = 2 · 7/32 = 0.4375
 */
export function wilcoxonSignedRank(differences: readonly number[]): WilcoxonSignedRank | null {
  const nonZero: number[] = [];
  let nZero = 0;
  for (const raw of differences) {
    if (!Number.isFinite(raw)) throw new Error(`difference must be a finite number, got ${raw}`);
    const d = cleanDifference(raw);
    if (d === 0) nZero++; else nonZero.push(d);
  }
  const n = nonZero.length;
  if (n === 0) return null;
  // Ranks without per-element objects: sort the |d| natively, give each run of equal values its
  // average rank, then sum the ranks of the positive differences by looking their |d| up.
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(nonZero[i]!);
  abs.sort();
  const runValue: number[] = [], runRank: number[] = [];
  let tieTerm = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && abs[end] === abs[start]) end++;
    const t = end - start;
    runValue.push(abs[start]!);
    runRank.push((start + 1 + end) / 2); // average of ranks start+1 … end
    if (t > 1) tieTerm += t * t * t - t;
    start = end;
  }
  let rPlus = 0;
  for (let i = 0; i < n; i++) {
    const d = nonZero[i]!;
    if (d <= 0) continue;
    let lo = 0, hi = runValue.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (runValue[mid]! < d) lo = mid + 1; else hi = mid; }
    rPlus += runRank[lo]!;
  }
  const rMinus = n * (n + 1) / 2 - rPlus;
  const W = Math.min(rPlus, rMinus);
  if (n <= EXACT_MAX_N && tieTerm === 0) {
    // Ranks are whole numbers without ties; by symmetry P(W⁺ ≥ R⁺) = P(W⁺ ≤ R⁻).
    const p = Math.min(1, 2 * signrankCdf(W, n));
    return {n, nZero, rPlus, rMinus, W, z: null, p, method: "exact"};
  }
  const mean = n * (n + 1) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const z = (rPlus - mean) / sigma;
  const p = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  return {n, nZero, rPlus, rMinus, W, z, p, method: "normal"};
}
