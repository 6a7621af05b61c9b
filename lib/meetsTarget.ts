/**
 * «Целевой показатель достигнут»: engaged × 100 ≥ target × population, decided exactly on
 * integers, so 69,96 % is not 70 % and 70,00 % is (DOMAIN.md «Engagement against targets»).
 * No decision (null) when the population is unknown or zero, or when more people are engaged
 * than exist — a data error (double counting), not a success.
 *
 * @param engaged people engaged (integer ≥ 0)
 * @param population people in the group (integer ≥ 0)
 * @param targetPct the target in percent, e.g. 70 or 72.5
 * @throws when a count is negative or not an integer, or the target is not a finite number
 * @example meetsTarget(14, 20, 70) // true  (exactly 70 %)
 * @example meetsTarget(1749, 2500, 70) // false (69,96 %)
 */
export function meetsTarget(engaged: number | null, population: number | null, targetPct: number): boolean | null {
  if (!Number.isFinite(targetPct)) throw new Error(`target must be a finite number, got ${targetPct}`);
  if (engaged === null || population === null) return null;
  for (const n of [engaged, population]) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`counts must be integers ≥ 0, got ${n}`);
  }
  if (population === 0 || engaged > population) return null;
  // Scale the target to an integer: 72.5 → 725 / 10.
  const [whole, fraction = ""] = String(targetPct).split(".");
  const scale = 10n ** BigInt(fraction.length);
  const target = BigInt(whole! + fraction);
  return BigInt(engaged) * 100n * scale >= target * BigInt(population);
}
