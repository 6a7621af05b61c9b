// Two shares of independent groups compared: the right test for the counts at hand.
import erfc from "@stdlib/math-base-special-erfc";
import {fisherExact} from "./fisherExact.ts";
import {wilsonInterval} from "./wilsonInterval.ts";

/** Below this smallest expected count of the 2×2 table the z-test is not trusted: Fisher's exact test instead (Cochran's rule). */
export const MIN_EXPECTED_COUNT = 5;

export interface Share {
  /** Successes (passed, took part …). */
  x: number;
  /** Of how many. */
  n: number;
}

export interface ProportionComparison {
  before: {x: number; n: number; share: number | null};
  after: {x: number; n: number; share: number | null};
  /** after − before, as a share (0.1 = 10 percentage points); null when a group is empty. */
  difference: number | null;
  /** 95 % interval of the difference (Newcombe's hybrid score interval, from Wilson intervals). */
  ci95: [number, number] | null;
  /** "z": two-proportion z-test (pooled); "fisher": Fisher's exact test, used when an expected count is below 5. */
  test: "z" | "fisher" | null;
  /** The z statistic (after − before), for the z-test only. */
  z: number | null;
  /** Two-sided p. */
  p: number | null;
  /** The smallest expected count of the table, which chose the test. */
  minExpected: number | null;
}

/**
 * «Сравнение двух долей» of independent groups (the classes of a year before and of a year after:
 * other pupils, so not paired). The 2×2 table [[x₁, n₁ − x₁], [x₂, n₂ − x₂]]; when every expected
 * count (row total · column total / N) is at least 5, the pooled two-proportion z-test:
 * z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (x₁ + x₂)/(n₁ + n₂), p = 2·(1 − Φ(|z|))
 * (= the χ² test without continuity correction, z² = χ²); otherwise Fisher's exact test.
 * The 95 % interval of p₂ − p₁ is Newcombe's hybrid score interval (his method 10) from the two
 * Wilson intervals [l, u]: (d − √((p₂ − l₂)² + (u₁ − p₁)²), d + √((u₂ − p₂)² + (p₁ − l₁)²)).
 * Matches scipy.stats.chi2_contingency(table, correction=False), scipy.stats.fisher_exact and
 * binomtest(…).proportion_ci(method="wilson") (tests/fixtures/scipy/students_reference.py).
 * A group with n = 0 gives nulls. Throws for counts that are not integers with 0 ≤ x ≤ n.
 * @example
 * compareProportions({x: 30, n: 50}, {x: 40, n: 50})
 * // 60 % → 80 %, difference 0.2; expected counts 35, 15, 35, 15 (all ≥ 5) → z-test:
 * // p̄ = 0.7, se = √(0.7·0.3·(2/50)) = 0.0916515, z = 2.1821789, p = 0.0290963
 */
export function compareProportions(before: Share, after: Share): ProportionComparison {
  for (const s of [before, after]) {
    if (!Number.isInteger(s.x) || !Number.isInteger(s.n) || s.x < 0 || s.x > s.n) throw new Error(`need integers 0 ≤ x ≤ n, got ${s.x} of ${s.n}`);
  }
  const share = (s: Share) => (s.n ? s.x / s.n : null);
  const out: ProportionComparison = {before: {...before, share: share(before)}, after: {...after, share: share(after)},
    difference: null, ci95: null, test: null, z: null, p: null, minExpected: null};
  if (before.n === 0 || after.n === 0) return out;
  const p1 = before.x / before.n, p2 = after.x / after.n, d = p2 - p1;
  out.difference = d;
  const [l1, u1] = wilsonInterval(before.x, before.n)!, [l2, u2] = wilsonInterval(after.x, after.n)!;
  out.ci95 = [d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
  const N = before.n + after.n, successes = before.x + after.x, failures = N - successes;
  out.minExpected = Math.min(before.n, after.n) * Math.min(successes, failures) / N;
  if (out.minExpected >= MIN_EXPECTED_COUNT) {
    const pooled = successes / N;
    const z = d / Math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n));
    out.test = "z";
    out.z = z;
    out.p = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  } else {
    out.test = "fisher";
    out.p = fisherExact(before.x, before.n - before.x, after.x, after.n - after.x);
  }
  return out;
}
