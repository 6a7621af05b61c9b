// A competence deficit from a diagnostic result.

/**
 * «Профессиональный дефицит» in an area, in percent: deficit = 100 − result
 * (DOMAIN.md «Competence deficits»; seed IOM, block 4: result 52 % → deficit 48 %).
 * Throws when the result is not a number in 0–100 (loaders refuse such cells first).
 * @example deficit(52) // 48
 */
export function deficit(result: number): number {
  if (!Number.isFinite(result) || result < 0 || result > 100) throw new Error(`result must be within 0–100, got ${result}`);
  return 100 - result;
}
