// Answers on a rating scale («оцените от 1 до 5»): centre, spread and how the answers spread over the scale.
import {mean, median, sampleStandardDeviation} from "simple-statistics";

export interface RatingSummary {
  n: number;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation; null when n < 2. */
  sd: number | null;
  /** Every point of the scale (or every value seen, without a scale), with its count and share in percent. */
  distribution: Array<{value: number; count: number; share: number | null}>;
}

/**
 * «Сводка оценок»: n, mean, median, sample sd and the distribution of answers over the points of
 * the scale (share = count / n × 100). With a scale every whole point from min to max is listed,
 * also those nobody chose; values off the scale are a programmer error and throw.
 * Source: issue 6, «Ratings» (mean, median and distribution per role).
 * @example
 * ratingSummary([5, 4, 4, 2], {min: 1, max: 5})
 * // n 4, mean 3.75, median 4, sd √(((1.25)² + 2·(0.25)² + (1.75)²)/3) = 1.2583057;
 * // distribution 1: 0, 2: 1 (25 %), 3: 0, 4: 2 (50 %), 5: 1 (25 %)
 */
export function ratingSummary(values: readonly number[], scale?: {min: number; max: number}): RatingSummary {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`rating must be a finite number, got ${v}`);
    if (scale && (v < scale.min || v > scale.max)) throw new Error(`rating ${v} is off the scale ${scale.min}–${scale.max}`);
  }
  const n = values.length;
  const points = scale
    ? Array.from({length: Math.floor(scale.max) - Math.ceil(scale.min) + 1}, (_, i) => Math.ceil(scale.min) + i)
    : [...new Set(values)].sort((a, b) => a - b);
  for (const v of values) if (!points.includes(v)) points.push(v);
  points.sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return {
    n,
    mean: n ? mean(values as number[]) : null,
    median: n ? median(values as number[]) : null,
    sd: n >= 2 ? sampleStandardDeviation(values as number[]) : null,
    distribution: points.map((value) => {
      const count = counts.get(value) ?? 0;
      return {value, count, share: n ? (100 * count) / n : null};
    })
  };
}
