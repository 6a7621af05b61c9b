// «Что говорят участники: до и после» on a page, from the annual report object's `participants` section.
// Framework cannot import reports/ (outside its root): participantRowText mirrors participantRow of
// reports/exports/annualParticipants.ts (tests/dashboards/participants.test.ts keeps them equal).
import type {AnnualParticipantLine, AnnualParticipants} from "../../reports/exports/annualParticipants.ts";
import {formatNumber, formatPercent, formatPValue} from "./format.js";

const NBSP = "\u00a0";

export const PARTICIPANTS_HEADER = ["Вопрос", "Ответов до / после", "Пар", "До", "После", "Разница", "Критерий", "p"];

function signed(v: number, digits: number): string {
  const text = formatNumber(v, digits);
  return /^-?[0,]+$/.test(text) ? text.replace("-", "") : `${v > 0 ? "+" : ""}${text}`;
}

function shareText(share: number | null, ci: [number, number] | null): string {
  if (share === null) return "—";
  const s = formatPercent(share * 100, 0);
  return ci ? `${s} (${formatNumber(ci[0] * 100, 0)}–${formatNumber(ci[1] * 100, 0)}${NBSP}%)` : s;
}

/** A question's row, as the annual report's tables write it. */
export function participantRowText(l: AnnualParticipantLine, min: number): string[] {
  const counts = `${formatNumber(l.nEntry)} / ${formatNumber(l.nExit)}`;
  const paired = l.comparison === "paired";
  if (l.suppressed) return [l.question, counts, paired ? formatNumber(l.matched) : "—", `< ${min}`, "—", "—", "—", "—"];
  const rating = l.kind === "rating";
  const before = rating ? formatNumber(l.before, 2) : shareText(l.before, l.beforeCi);
  const after = rating ? formatNumber(l.after, 2) : shareText(l.after, l.afterCi);
  const change = l.change === null ? "—"
    : rating ? signed(l.change, 2) : `${signed(l.change * 100, 0)}${NBSP}п.${NBSP}п.`;
  return [l.question, counts, paired ? formatNumber(l.matched) : "—", before, after, change,
    l.test?.label ? (paired ? l.test.label : `${l.test.label} (независимые выборки)`) : "—", formatPValue(l.test?.p)];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function table(lines: AnnualParticipantLine[], min: number): HTMLTableElement {
  const t = el("table");
  const head = t.createTHead().insertRow();
  for (const h of PARTICIPANTS_HEADER) head.append(el("th", h));
  const body = t.createTBody();
  for (const l of lines) {
    const row = body.insertRow();
    participantRowText(l, min).forEach((text, i) => {
      const cell = row.insertCell();
      cell.textContent = text;
      if (i > 0 && i !== 6) cell.style.textAlign = "right";
    });
  }
  return t;
}

/**
 * The section: respondents, a table per kind of question, the readings and the method; or the
 * report's note when there is nothing to compare.
 */
export function participantsSection(section: {available: true; data: AnnualParticipants} | {available: false; note: string},
  minGroupSize: number): HTMLElement {
  const box = el("div", undefined, "participants");
  if (!section.available) {
    box.append(el("p", section.note, "unavailable"));
    return box;
  }
  const d = section.data;
  box.append(el("p", `${d.period}: ответили во входном анкетировании ${formatNumber(d.respondents.entry)}, в итоговом ` +
    `${formatNumber(d.respondents.exit)}, в обоих (по коду участника) ${formatNumber(d.respondents.matched)}.`));
  if (d.ratings.length) box.append(el("h3", "Оценки (средний балл)"), table(d.ratings, minGroupSize));
  if (d.yesNo.length) box.append(el("h3", "Вопросы «да/нет»: доля ответивших «да», в скобках — 95 % доверительный интервал"), table(d.yesNo, minGroupSize));
  const readings = [...d.ratings, ...d.yesNo].map((l) => l.reading).filter((t): t is string => t !== null);
  if (readings.length) {
    const list = el("ul");
    for (const r of readings) list.append(el("li", r));
    box.append(list);
  }
  box.append(el("p", d.method, "muted"));
  return box;
}
