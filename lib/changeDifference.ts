// Did the teachers of one group improve more than those of another? The difference of their mean changes.
import {unpairedComparison} from "./unpairedComparison.ts";

export interface ChangeDifference {
  /** Teachers in the group of interest (e.g. whose completed route addressed the area) and in the comparison group. */
  nWith: number;
  nWithout: number;
  /** Mean paired change of each group (exit − entry result, points: positive = the deficit fell). */
  meanWith: number | null;
  meanWithout: number | null;
  /** meanWith − meanWithout. */
  difference: number | null;
  /** Welch's 95 % interval of the difference; null when a group has fewer than 2 teachers or no spread. */
  ci95: [number, number] | null;
  /** Welch's two-sided p. */
  p: number | null;
  df: number | null;
}

/**
 * «Разница средних изменений двух групп»: each teacher's own change (exit − entry, paired), then
 * the two groups compared as independent samples with Welch's t-test (unequal variances):
 * difference = mean(with) − mean(without), 95 % interval difference ± t₀.₉₇₅(df)·se,
 * se = √(s²_with/n_with + s²_without/n_without) (lib/unpairedComparison, checked against scipy).
 * An observation, not proof of cause: the groups were not formed at random (issue 14 §3).
 * @example
 * changeDifference([10, 14, 12], [4, 6])
 * // means 12 and 5, difference 7; se = √(4/3 + 2/2) = 1.5275252, t = 4.5825757, df = 2.8823529
 */
export function changeDifference(withChanges: readonly number[], withoutChanges: readonly number[]): ChangeDifference {
  const u = unpairedComparison(withoutChanges, withChanges);
  return {nWith: u.nAfter, nWithout: u.nBefore, meanWith: u.meanAfter, meanWithout: u.meanBefore, difference: u.meanDifference,
    ci95: u.welch?.ci95 ?? null, p: u.welch?.p ?? null, df: u.welch?.df ?? null};
}
