/**
 * «Малая группа»: a group of fewer than `min` people (the setting «Малые группы»,
 * settings/groupSize.ts, 5 in data/config/group-size.json), whose figures an aggregate page must hide
 * («< 5» instead of counts and percentages) so nobody in it can be recognised.
 * An unknown size (null) is not small: there is nothing to hide, the figures are null already.
 * Source: RELIABILITY.md «What trusted references ask» (152-ФЗ: suppress groups of fewer than 5),
 * issue 7 §2.
 * @throws Error when `min` is not a positive integer.
 * @example isSmallGroup(4, 5) // true
 * @example isSmallGroup(5, 5) // false
 * @example isSmallGroup(null, 5) // false
 */
export function isSmallGroup(size: number | null, min: number): boolean {
  if (!Number.isInteger(min) || min < 1) throw new Error(`min must be a positive integer, got ${min}`);
  return size !== null && size < min;
}
