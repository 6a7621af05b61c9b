// Small ru-RU pieces the routes' commands share.
import {formatDate, formatNumber, formatPercent} from "../../../lib/format.ts";

export const share = (v: number | null) => (v === null ? "—" : formatPercent(v * 100, 0));
export const day = (iso: string | null) => (iso ? formatDate(iso) : "—");
export const signed = (v: number | null, d = 1) => {
  if (v === null) return "—";
  const text = formatNumber(Math.abs(v), d);
  return /^[0,]+$/.test(text) ? text : `${v > 0 ? "+" : "\u2212"}${text}`;
};
export const STATES: Record<string, string> = {done: "пройдено", overdue: "просрочено", planned: "запланировано", undated: "без срока"};
