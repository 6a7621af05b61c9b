// Words for an effect size, for the curator who does not read d.

/** Cohen's conventional thresholds for |d|: 0.2 small, 0.5 medium, 0.8 large. */
export const EFFECT_SIZE_THRESHOLDS = {small: 0.2, medium: 0.5, large: 0.8} as const;

/**
 * «Величина эффекта» in words from Cohen's d_z (Cohen 1988 conventions):
 * |d| < 0,2 «пренебрежимо малый», 0,2–0,5 «малый», 0,5–0,8 «средний», ≥ 0,8 «большой».
 * null when d is null (too little data).
 * @example effectSizeLabel(-0.65) // "средний"
 */
export function effectSizeLabel(d: number | null): string | null {
  if (d === null || !Number.isFinite(d)) return null;
  const a = Math.abs(d);
  if (a >= EFFECT_SIZE_THRESHOLDS.large) return "большой";
  if (a >= EFFECT_SIZE_THRESHOLDS.medium) return "средний";
  if (a >= EFFECT_SIZE_THRESHOLDS.small) return "малый";
  return "пренебрежимо малый";
}
