// The @stdlib distribution packages we use ship no TypeScript types.

declare module "@stdlib/stats-base-dists-t-cdf" {
  /** P(T ≤ x) for Student's t with v degrees of freedom. */
  export default function cdf(x: number, v: number): number;
}

declare module "@stdlib/stats-base-dists-signrank-cdf" {
  /** P(W⁺ ≤ x) for the Wilcoxon signed-rank statistic with n non-zero differences (x is rounded). */
  export default function cdf(x: number, n: number): number;
}

declare module "@stdlib/math-base-special-erfc" {
  /** The complementary error function. */
  export default function erfc(x: number): number;
}
