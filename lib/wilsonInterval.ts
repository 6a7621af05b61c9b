// The Wilson score interval of a proportion.

/** The 0.975 quantile of the standard normal distribution (scipy.stats.norm.ppf(0.975)). */
export const Z_975 = 1.959963984540054;

/**
 * «Доверительный интервал доли по Уилсону» (95 %): for x successes of n,
 * centre = (x + z²/2) / (n + z²), half-width = z / (n + z²) · √(x(n − x)/n + z²/4), z = 1,96.
 * Unlike p ± z·√(p(1 − p)/n) it stays within 0–1 and is not empty at 0 % or 100 %.
 * Matches scipy.stats.binomtest(x, n).proportion_ci(0.95, method="wilson").
 * null for n = 0; throws for counts that are not integers with 0 ≤ x ≤ n.
 * @example wilsonInterval(8, 10) // [0.4901625, 0.9433178]  (p = 0.8)
 */
export function wilsonInterval(x: number, n: number): [number, number] | null {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) throw new Error(`need integers 0 ≤ x ≤ n, got ${x} of ${n}`);
  if (n === 0) return null;
  const z2 = Z_975 * Z_975;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (Z_975 / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
