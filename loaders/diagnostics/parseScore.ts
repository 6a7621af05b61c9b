// A diagnostic result as people write it: «52», «52%», «52,5», «52,5 %», a percent-formatted cell
// (stored 0.52), and the individual-route form «48% (результат выполнения теста входной
// диагностики - 52%)» (deficit 48, result 52). A blank cell or a dash is «not measured», not 0.
import type {Cell} from "../xlsx/workbook.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";

export type ScoreResult =
  | {ok: true; result: number; note?: "route-form" | "share"}
  /** A deficit and a result that do not add up to 100: the stated result is kept. */
  | {ok: true; result: number; note: "mismatch"; deficit: number}
  | {ok: false; reason: "blank"}
  | {ok: false; reason: "not-a-percent" | "out-of-range" | "formula-no-result" | "error"; value?: number};

const NOT_MEASURED = /^([-–—]+|н\/д|н\.д\.?|нет данных|не проходил[аи]?|не участвовал[аи]?|отсутствовал[аи]?|не измерял[осьи]+|не проводилась)$/;

/** Results are kept to 6 decimals: 0.525 × 100 is 52.5, not 52.50000000000001. */
export function roundResult(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function toNumber(s: string): number {
  return Number(s.replace(",", "."));
}

function finish(value: number, deficitColumn: boolean, note?: "share"): ScoreResult {
  if (!Number.isFinite(value)) return {ok: false, reason: "not-a-percent"};
  const v = roundResult(value);
  if (v < 0 || v > 100) return {ok: false, reason: "out-of-range", value: v};
  const result = deficitColumn ? roundResult(100 - v) : v;
  return note ? {ok: true, result, note} : {ok: true, result};
}

/** Reads the text of a cell; `deficitColumn` when the header says the column holds deficits. */
export function parseScoreText(raw: string, deficitColumn: boolean): ScoreResult {
  const s = collapseSpaces(raw).replace(/\u00a0/g, " ");
  if (s === "" || NOT_MEASURED.test(s.toLowerCase())) return {ok: false, reason: "blank"};
  const m = /^([+-]?\d+(?:[.,]\d+)?)\s*%?\s*(?:\((.*)\))?\.?$/.exec(s);
  if (!m) return {ok: false, reason: "not-a-percent"};
  const first = toNumber(m[1]!);
  const note = m[2];
  if (note === undefined) return finish(first, deficitColumn);
  // «48% (результат выполнения теста входной диагностики - 52%)»: the bracket states the result.
  const stated = /(результат|выполнени)[^\d]*?(\d+(?:[.,]\d+)?)\s*%?/i.exec(note);
  if (!stated) return {ok: false, reason: "not-a-percent"};
  const result = roundResult(toNumber(stated[2]!));
  const deficit = roundResult(first);
  if (result < 0 || result > 100) return {ok: false, reason: "out-of-range", value: result};
  if (deficit < 0 || deficit > 100) return {ok: false, reason: "out-of-range", value: deficit};
  if (Math.abs(deficit + result - 100) > 1e-6) return {ok: true, result, note: "mismatch", deficit};
  return {ok: true, result, note: "route-form"};
}

/**
 * Reads a result (0–100) from a cell. `asShare`: the column holds plain shares (0.52 meaning 52 %),
 * decided from the whole column by the caller.
 */
export function parseScore(cell: Cell | undefined, deficitColumn: boolean, asShare = false): ScoreResult {
  if (!cell) return {ok: false, reason: "blank"};
  if (cell.error) return {ok: false, reason: "error"};
  const v = cell.value;
  if (v === null) return cell.formula ? {ok: false, reason: "formula-no-result"} : {ok: false, reason: "blank"};
  if (typeof v === "number") {
    if (cell.percent) return finish(v * 100, deficitColumn);
    return asShare ? finish(v * 100, deficitColumn, "share") : finish(v, deficitColumn);
  }
  if (typeof v === "string") return parseScoreText(v, deficitColumn);
  return {ok: false, reason: "not-a-percent"};
}
