// The SWOT as a 2 × 2 grid: internal (strengths, weaknesses) on top, external below; each
// quadrant with its mentions, share of respondents, counts by role and top statements.
import type {QuadrantTally} from "../../lib/swotTally.ts";
import {formatNumber, formatPercent, plural} from "./format.js";

const FILL: Record<string, string> = {strengths: "#e6f4ea", weaknesses: "#fdecea", opportunities: "#e8f0fe", threats: "#fff4e5"};
const ORDER = ["strengths", "weaknesses", "opportunities", "threats"];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function swotGrid(quadrants: QuadrantTally[], {roles, top = 3}: {roles: string[]; top?: number}): HTMLElement {
  const grid = el("div", undefined, "swot");
  for (const code of ORDER) {
    const q = quadrants.find((x) => x.quadrant === code);
    if (!q) continue;
    const box = el("div");
    box.dataset.quadrant = code;
    box.style.background = FILL[code] ?? "#f4f4f4";
    box.append(el("h3", q.label));
    box.append(el("div", `${formatNumber(q.mentions)} ${plural(q.mentions, "упоминание", "упоминания", "упоминаний")} · назвали ${formatPercent(q.share, 0)} опрошенных`, "muted"));
    box.append(el("div", roles.map((r) => `${r}: ${formatNumber(q.byRole[r]?.mentions ?? 0)}`).join(" · "), "muted"));
    const list = el("ol");
    for (const s of q.top.slice(0, top)) list.append(el("li", `${s.label} — ${formatNumber(s.mentions)} (${formatPercent(s.share, 0)})`));
    box.append(list);
    grid.append(box);
  }
  return grid;
}
