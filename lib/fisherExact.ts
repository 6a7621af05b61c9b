// Fisher's exact test of a 2×2 table, two-sided.

const LN_FACTORIAL: number[] = [0];

/** ln(n!) by summing logarithms (exact to ~1e-13 relative for the class sizes we meet). */
function lnFactorial(n: number): number {
  for (let k = LN_FACTORIAL.length; k <= n; k++) LN_FACTORIAL.push(LN_FACTORIAL[k - 1]! + Math.log(k));
  return LN_FACTORIAL[n]!;
}

/** Relative tolerance under which two table probabilities count as equal (as R's fisher.test). */
export const FISHER_TOLERANCE = 1e-7;

/**
 * «Точный критерий Фишера» for the table [[a, b], [c, d]], two-sided: with the margins fixed, the
 * count in the first cell is hypergeometric; p = Σ P(k) over every k whose probability is not
 * above P(a) (within a relative 1e-7, so equal probabilities are not lost to rounding).
 * Matches scipy.stats.fisher_exact(table, alternative="two-sided") (tests/fixtures/scipy/students_reference.py).
 * Throws for counts that are not non-negative integers.
 * @example
 * fisherExact(1, 9, 11, 3)
 * // margins: rows 10, 14; first column 12; P(k) = C(10,k)·C(14,12−k)/C(24,12);
 * // P(1) = 0.0013460, and only k = 0, 1, 9, 10 are as unlikely: p = 0.0027594
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  for (const v of [a, b, c, d]) if (!Number.isInteger(v) || v < 0) throw new Error(`counts must be non-negative integers, got ${v}`);
  const row1 = a + b, row2 = c + d, col1 = a + c, n = row1 + row2;
  const lo = Math.max(0, col1 - row2), hi = Math.min(row1, col1);
  const lnDen = lnFactorial(n) - lnFactorial(row1) - lnFactorial(row2) - lnFactorial(col1) - lnFactorial(n - col1);
  // P(k) = C(row1, k)·C(row2, col1 − k) / C(n, col1)
  const p = (k: number) => Math.exp(-lnDen - lnFactorial(k) - lnFactorial(row1 - k) - lnFactorial(col1 - k) - lnFactorial(row2 - col1 + k));
  const observed = p(a);
  let sum = 0;
  for (let k = lo; k <= hi; k++) {
    const pk = p(k);
    if (pk <= observed * (1 + FISHER_TOLERANCE)) sum += pk;
  }
  return Math.min(1, sum);
}
