/**
 * «Доля вовлечённых», in percent: engaged / population × 100, unrounded.
 * Null when the population is unknown or zero.
 * @example engagementPercent(58, 86) // 67.44186046511628
 */
export function engagementPercent(engaged: number | null, population: number | null): number | null {
  if (engaged === null || population === null || population === 0) return null;
  return (engaged / population) * 100;
}
