// The share of a deficit that was removed between two measurements.

/**
 * «Доля устранённого дефицита» (normalized gain, DOMAIN.md «Pre/post»):
 * g = (exit − entry) / (max − entry), results on a 0–max scale (max = 100 for percents).
 * Works for one teacher's results and for a group's mean results alike. null when the entry
 * result is already max (no deficit to remove). Negative when the result fell.
 * Throws for non-finite values or values outside 0–max.
 * @example normalizedGain(52, 64) // (64 − 52) / (100 − 52) = 0.25
 */
export function normalizedGain(entry: number, exit: number, max = 100): number | null {
  for (const v of [entry, exit]) {
    if (!Number.isFinite(v) || v < 0 || v > max) throw new Error(`result must be within 0–${max}, got ${v}`);
  }
  if (entry === max) return null;
  return (exit - entry) / (max - entry);
}
