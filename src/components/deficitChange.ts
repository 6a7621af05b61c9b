// A deficit's change in words, one direction of «good»: the deficit going down. Framework cannot
// import lib/ (outside its root): this mirrors lib/deficitChange.ts (tests/dashboards/deficitChange.test.ts).
import {formatNumber} from "./format.js";

/** «дефицит снизился на 29 п. п.» from the change of the result (exit − entry; the deficit falls by as much). */
export function deficitChangeText(resultChange: number | null | undefined): string {
  if (resultChange === null || resultChange === undefined || !Number.isFinite(resultChange)) return "—";
  const size = Math.round(Math.abs(resultChange) * 10) / 10;
  if (size === 0) return "дефицит не изменился";
  const text = formatNumber(size, Number.isInteger(size) ? 0 : 1);
  return `дефицит ${resultChange > 0 ? "снизился" : "вырос"} на ${text}\u00a0п.\u00a0п.`;
}

/** The change of the deficit itself (exit − entry deficit: negative when it fell), «−12,3», «+4,0». */
export function deficitDelta(resultChange: number | null | undefined, digits = 1): string {
  if (resultChange === null || resultChange === undefined || !Number.isFinite(resultChange)) return "—";
  const v = -resultChange;
  const text = formatNumber(Math.abs(v), digits);
  if (Number(Math.abs(v).toFixed(digits)) === 0) return text;
  return `${v > 0 ? "+" : "\u2212"}${text}`;
}
