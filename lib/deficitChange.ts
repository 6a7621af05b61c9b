// A change of a deficit in words, with one direction of «good»: a deficit going down.
import {formatNumber} from "./format.ts";

/**
 * «Изменение дефицита» in words, from the change of the result (exit − entry, percentage points;
 * the deficit falls by as much as the result rises): «дефицит снизился на 29 п. п.», «дефицит
 * вырос на 10 п. п.», «дефицит не изменился». One decimal, dropped when it is 0. «—» for nothing.
 * src/components/deficitChange.ts says the same on the pages (tests/dashboards/deficitChange.test.ts).
 * @example deficitChangeText(29) // "дефицит снизился на 29 п. п."  (80 → 51)
 * @example deficitChangeText(-10) // "дефицит вырос на 10 п. п."  (35 → 45)
 * @example deficitChangeText(10.24) // "дефицит снизился на 10,2 п. п."
 */
export function deficitChangeText(resultChange: number | null | undefined): string {
  if (resultChange === null || resultChange === undefined || !Number.isFinite(resultChange)) return "—";
  const size = Math.round(Math.abs(resultChange) * 10) / 10;
  if (size === 0) return "дефицит не изменился";
  const text = formatNumber(size, Number.isInteger(size) ? 0 : 1);
  return `дефицит ${resultChange > 0 ? "снизился" : "вырос"} на ${text}\u00a0п.\u00a0п.`;
}
