// McNemar's exact test: the same people answering a yes/no question twice.

/**
 * «Точный критерий Макнемара» for paired yes/no answers (entry and exit of the same respondents):
 * only the discordant pairs tell a change — b said «да» before and not after, c said it after and
 * not before. Without a change each discordant pair goes either way with probability ½, so
 * X = c ~ Bin(b + c, ½) and the two-sided p = min(1, 2·P(X ≤ min(b, c))) = min(1, 2·Σₖ₌₀^{min(b,c)} C(b+c, k) / 2^{b+c}).
 * Matches scipy.stats.binomtest(c, b + c, 0.5).pvalue (tests/fixtures/scipy/participants_reference.py).
 * null when there is no discordant pair (nothing to test). Throws for counts that are not
 * non-negative integers.
 * @example
 * mcnemarExact(1, 5)
 * // 6 discordant pairs, min 1: P(X ≤ 1) = (C(6,0) + C(6,1)) / 2⁶ = 7/64; p = 14/64 = 0.21875
 */
export function mcnemarExact(b: number, c: number): number | null {
  for (const v of [b, c]) if (!Number.isInteger(v) || v < 0) throw new Error(`counts must be non-negative integers, got ${v}`);
  const n = b + c;
  if (n === 0) return null;
  const lo = Math.min(b, c);
  if (2 * lo === n) return 1;
  // ln P(X = k) step by step: ln C(n, k) = ln C(n, k − 1) + ln(n − k + 1) − ln k.
  let lnP = -n * Math.LN2, tail = Math.exp(lnP);
  for (let k = 1; k <= lo; k++) {
    lnP += Math.log(n - k + 1) - Math.log(k);
    tail += Math.exp(lnP);
  }
  return Math.min(1, 2 * tail);
}
