// Student's t distribution: the CDF from @stdlib and its inverse by bisection on that CDF.
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/**
 * Two-sided p-value of a t statistic, «двусторонний p-уровень»: 2 · P(T ≥ |t|), T ~ t(df).
 * Throws when df is not positive.
 * @example twoSidedTPValue(2.5, 5) // 0.054490...  (scipy: 2 * t.sf(2.5, 5))
 */
export function twoSidedTPValue(t: number, df: number): number {
  if (!(df > 0)) throw new Error(`degrees of freedom must be positive, got ${df}`);
  // cdf(−|t|) keeps precision in the tail, where 1 − cdf(|t|) would cancel.
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/**
 * The q-quantile of t(df), «квантиль распределения Стьюдента», found by bisection of the @stdlib
 * CDF to machine precision (@stdlib's quantile module is not installed; bisection on a monotone
 * CDF needs no approximation of its own). Throws for q outside (0, 1) or df ≤ 0.
 * @example tQuantile(0.975, 4) // 2.776445105...  (scipy: t.ppf(0.975, 4))
 */
export function tQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1)) throw new Error(`quantile level must be in (0, 1), got ${q}`);
  if (!(df > 0)) throw new Error(`degrees of freedom must be positive, got ${df}`);
  if (q === 0.5) return 0;
  if (q < 0.5) return -tQuantile(1 - q, df);
  // ~55 CDF evaluations per quantile; a report of 2,000 schools asks for the same few df again and again.
  const key = `${q}|${df}`;
  const cached = QUANTILES.get(key);
  if (cached !== undefined) return cached;
  const value = bisect(q, df);
  if (QUANTILES.size < 10_000) QUANTILES.set(key, value);
  return value;
}

const QUANTILES = new Map<string, number>();

function bisect(q: number, df: number): number {
  let lo = 0, hi = 1;
  while (tCdf(hi, df) < q) { lo = hi; hi *= 2; }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < q) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
