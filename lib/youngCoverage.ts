// How many young specialists have a mentor.

export interface YoungCoverage {
  young: number;
  withMentor: number;
  withoutMentor: number;
  /** Young specialists who could not be looked up (no mentee base for their school, no name to match). */
  unknown: number;
  /** withMentor / (withMentor + withoutMentor), percent; null when nobody could be checked. */
  share: number | null;
  /** share ≥ target; null when the share is null. */
  meetsTarget: boolean | null;
}

/**
 * «Доля молодых специалистов, за которыми закреплён наставник»: with a mentor × 100 / (with +
 * without), over the young specialists that could be checked (the unknown are counted apart, never
 * as «без наставника»); compared with the target exactly (seed 001: «100% молодых педагогов
 * получают поддержку и сопровождение»).
 * Throws for negative or non-integer counts.
 * @example youngCoverage(9, 1, 2, 100) // young 12, share 90, meetsTarget false (2 could not be checked)
 */
export function youngCoverage(withMentor: number, withoutMentor: number, unknown: number, target: number): YoungCoverage {
  for (const v of [withMentor, withoutMentor, unknown]) if (!Number.isInteger(v) || v < 0) throw new Error(`counts must be non-negative integers, got ${v}`);
  const checked = withMentor + withoutMentor;
  const share = checked ? (withMentor * 100) / checked : null;
  return {young: checked + unknown, withMentor, withoutMentor, unknown, share,
    meetsTarget: share === null ? null : withMentor * 100 >= target * checked};
}
