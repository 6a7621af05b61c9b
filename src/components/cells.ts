// Small DOM pieces for tables and cards (no htl: the pages' `html` is the vendored one).
import {formatNumber, formatPercent} from "./format.js";

/** A percentage with an inline bar for a table cell; «< 5» or another note where it is hidden. */
export function barCell(pct: number | null, {target, note}: {target: number; note?: string}): HTMLElement {
  const cell = document.createElement("div");
  cell.className = "bar-cell";
  if (pct === null) {
    cell.textContent = note ?? "—";
    return cell;
  }
  const bar = document.createElement("span");
  bar.className = `bar${pct > 100 ? " over" : pct < target ? " low" : ""}`;
  bar.style.width = `${Math.min(100, pct) * 0.6}px`;
  const text = document.createElement("span");
  text.textContent = formatPercent(pct, 1, target);
  cell.append(bar, text);
  return cell;
}

/**
 * A big number card body: «67,4 %», under it «3 222 из 4 869 · цель 70 % · цель достигнута». `verdict` is the
 * report's own words (over incomplete data: «данные неполные (по 9 из 12 школ): цель не оценивается»).
 */
export function bigPercent({pct, engaged, population, target, met, id, verdict, coverage}: {pct: number | null; engaged: number | null;
  population: number | null; target: number; met: boolean | null; id: string; verdict?: string; coverage?: string}): HTMLElement {
  const box = document.createElement("div");
  const big = document.createElement("div");
  big.className = `big${met === null ? "" : met ? " met" : " missed"}`;
  big.id = id;
  big.textContent = formatPercent(pct, 1, target);
  const sub = document.createElement("div");
  sub.className = "muted";
  sub.textContent = pct === null
    ? `нет данных${coverage ? ` · ${coverage}` : ""}`
    : `${formatNumber(engaged)} из ${formatNumber(population)} · цель ${formatNumber(target)} % · ${verdict ?? (met ? "достигнута" : "не достигнута")}`;
  sub.id = `${id}-verdict`;
  box.append(big, sub);
  return box;
}
