// Exact fractions on BigInt, for deciding targets without a floating-point edge at the boundary.

/** «Дробь»: n / d, reduced, with d > 0. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** n / d reduced; throws on a zero denominator. */
export function fraction(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new Error("denominator must not be zero");
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d) || 1n;
  return {n: n / g, d: d / g};
}

/**
 * The exact value of a number as a person wrote it: the number's shortest decimal form
 * (`String(x)`, which JavaScript guarantees to read back as the same number), so 0.1 is 1/10 and
 * 72.5 is 145/2 — not the binary double nearest to them.
 * @throws when x is not finite
 * @example rational(72.5) // {n: 145n, d: 2n}
 * @example rational(0.1)  // {n: 1n, d: 10n}
 */
export function rational(x: number): Rational {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new Error(`cannot read ${x} as a decimal`);
  const [, sign, whole, frac = "", exp = "0"] = m;
  let n = BigInt(`${sign}${whole}${frac}`), d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) n *= 10n ** BigInt(e); else d *= 10n ** BigInt(-e);
  return fraction(n, d);
}

export const add = (a: Rational, b: Rational): Rational => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => fraction(a.n * b.n, a.d * b.d);
/** a / b; throws when b is zero. */
export const div = (a: Rational, b: Rational): Rational => fraction(a.n * b.d, a.d * b.n);
/** −1, 0 or 1 as a is below, equal to or above b. */
export const compare = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
/** The smallest integer ≥ a. */
export const ceil = (a: Rational): bigint => {
  const q = a.n / a.d;  // truncates toward zero
  return a.n > 0n && q * a.d !== a.n ? q + 1n : q;
};
/** The nearest double, for display only (decisions compare Rationals). */
export const toNumber = (a: Rational): number => Number(a.n) / Number(a.d);
