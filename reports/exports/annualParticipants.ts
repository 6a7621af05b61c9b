// The annual report's section «Что говорят участники: до и после»: its object, DOCX/HTML blocks and XLSX sheet.
//
// Issue 15 §2; seed 001, stage 2 of monitoring: satisfaction, psychological climate, wish to become a mentor, measured before and
// after): the section object built from reports/participantWaves.ts, and its renderers — blocks of
// text and tables the DOCX and the HTML/PDF lay out, and a sheet of the workbook. Aggregates only:
// a question with fewer respondents than the group-size setting (in a wave, or among the matched
// when compared paired) shows «< N» and no figures.
import type ExcelJS from "exceljs";
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import type {Period} from "../../lib/period.ts";
import {periodLabel} from "../../lib/period.ts";
import {formatNumber, formatPercent, formatPValue} from "../../lib/format.ts";
import {participantWavesReport, type WaveQuestion} from "../participantWaves.ts";
import type {ReportScope} from "../scope.ts";
import {addTable, PERCENT_FORMAT} from "./xlsxStyle.ts";

export type ParticipantsSectionOf<T> = {available: true; data: T} | {available: false; note: string};

export interface AnnualParticipantLine {
  question: string;
  kind: "rating" | "yes-no";
  nEntry: number;
  nExit: number;
  matched: number;
  /** Too few respondents for aggregate readers: every figure below is null. */
  suppressed: boolean;
  /** Paired (the matched respondents) or two independent samples (every answer). */
  comparison: "paired" | "unpaired";
  /** Ratings: the scale («от 1 до 5»). */
  scale: {min: number; max: number} | null;
  /** Ratings: the mean rating; yes/no: the share «да», 0–1 — of the compared respondents. */
  before: number | null;
  after: number | null;
  /** Yes/no: 95 % Wilson intervals of the shares. */
  beforeCi: [number, number] | null;
  afterCi: [number, number] | null;
  /** after − before: rating points, or a share (0.1 = 10 п. п.). */
  change: number | null;
  /** The test the comparison is judged by, with its Russian name, and its two-sided p. */
  test: {label: string | null; p: number | null} | null;
  reading: string | null;
}

export interface AnnualParticipants {
  /** The report period («2024/25 учебный год»). */
  period: string;
  respondents: {entry: number; exit: number; matched: number};
  undated: number;
  ratings: AnnualParticipantLine[];
  yesNo: AnnualParticipantLine[];
  method: string;
}

/**
 * One question as a table row shows it; for aggregate readers (the default) its figures are hidden
 * when the group is small, the service's own readers (the CLI) see them.
 */
export function participantLine(q: WaveQuestion, hideSmall = true): AnnualParticipantLine {
  const suppressed = hideSmall && q.small;
  const base = {question: q.question, kind: q.kind, nEntry: q.nEntry, nExit: q.nExit, matched: q.matched, suppressed,
    comparison: q.comparison.type, scale: q.kind === "rating" ? q.scale : null};
  const hidden = {before: null, after: null, beforeCi: null, afterCi: null, change: null, test: null, reading: null};
  if (suppressed) return {...base, ...hidden};
  if (q.kind === "rating") {
    const r = q.comparison.result;
    const change = r.meanBefore === null || r.meanAfter === null ? null : r.meanAfter - r.meanBefore;
    return {...base, before: r.meanBefore, after: r.meanAfter, beforeCi: null, afterCi: null, change,
      test: {label: r.test.label, p: r.test.p}, reading: q.reading};
  }
  const c = q.comparison;
  return {...base, before: c.before.share, after: c.after.share, beforeCi: c.before.ci95, afterCi: c.after.ci95, change: c.difference,
    test: {label: c.test.label, p: c.test.p}, reading: q.reading};
}

/** The section's data for a report period (and scope), or null when no question was asked in both waves. */
export async function participantsSection(store: Store, settings: Settings, period: Period, scope?: ReportScope): Promise<AnnualParticipants | null> {
  const r = await participantWavesReport(store, settings, {period, ...(scope ? {scope} : {})});
  if (!r.questions.length) return null;
  const lines = r.questions.map((q) => participantLine(q));
  return {period: periodLabel(period), respondents: r.respondents, undated: r.undated,
    ratings: lines.filter((l) => l.kind === "rating"), yesNo: lines.filter((l) => l.kind === "yes-no"), method: r.method};
}

/** The note of a section without data. */
export function participantsEmptyNote(period: Period): string {
  return `Вопросов, заданных и во входном, и в итоговом анкетировании участников, за ${periodLabel(period)} нет ` +
    "(нужны выгрузки обеих волн с одинаковыми формулировками вопросов).";
}

// ── Rendering ──────────────────────────────────────────────────────────────────────────────────

/** A piece of the section for a document: a paragraph, or a table with its header row (text columns listed). */
export type ParticipantsBlock =
  | {kind: "text"; text: string; style: "plain" | "bold" | "note" | "missing"}
  | {kind: "table"; header: string[]; rows: string[][]; textColumns: number[];
    /** Relative column widths for a page (the DOCX): the question and the test's name get room. */
    weights: number[]};

const NBSP = "\u00a0";
/** A change with its sign: «+1,25», «-0,50»; one that rounds to zero has none («0,00»). */
function signed(v: number, digits: number): string {
  const text = formatNumber(v, digits);
  return /^-?[0,]+$/.test(text) ? text.replace("-", "") : `${v > 0 ? "+" : ""}${text}`;
}

function shareText(share: number | null, ci: [number, number] | null): string {
  if (share === null) return "—";
  const s = formatPercent(share * 100, 0);
  return ci ? `${s} (${formatNumber(ci[0] * 100, 0)}–${formatNumber(ci[1] * 100, 0)}${NBSP}%)` : s;
}

export const PARTICIPANTS_HEADER = ["Вопрос", "Ответов до / после", "Пар", "До", "После", "Разница", "Критерий", "p"];
const WEIGHTS = [2.3, 1.4, 0.8, 1.5, 1.5, 1.3, 1.9, 1];

/** A question's row of the section's tables (and of the CLI's), in ru-RU formats. */
export function participantRow(l: AnnualParticipantLine, min: number): string[] {
  const counts = `${formatNumber(l.nEntry)} / ${formatNumber(l.nExit)}`;
  if (l.suppressed) return [l.question, counts, l.comparison === "paired" ? formatNumber(l.matched) : "—", `< ${min}`, "—", "—", "—", "—"];
  const rating = l.kind === "rating";
  const before = rating ? formatNumber(l.before, 2) : shareText(l.before, l.beforeCi);
  const after = rating ? formatNumber(l.after, 2) : shareText(l.after, l.afterCi);
  const change = l.change === null ? "—"
    : rating ? signed(l.change, 2) : `${signed(l.change * 100, 0)}${NBSP}п.${NBSP}п.`;
  // «Пар»: the matched respondents compared; independent samples compare no pairs (the test's cell says so).
  const paired = l.comparison === "paired";
  return [l.question, counts, paired ? formatNumber(l.matched) : "—", before, after, change,
    l.test?.label ? (paired ? l.test.label : `${l.test.label} (независимые выборки)`) : "—", formatPValue(l.test?.p)];
}

/** The section as paragraphs and tables, in order (the DOCX and the HTML lay these out). */
export function participantsBlocks(s: ParticipantsSectionOf<AnnualParticipants>, minGroupSize: number): ParticipantsBlock[] {
  if (!s.available) return [{kind: "text", text: s.note, style: "missing"}];
  const d = s.data;
  const out: ParticipantsBlock[] = [{kind: "text", style: "plain", text: `${d.period}: ответили во входном анкетировании ${formatNumber(d.respondents.entry)}, ` +
    `в итоговом ${formatNumber(d.respondents.exit)}, в обоих (по коду участника) ${formatNumber(d.respondents.matched)}.` +
    (d.undated ? ` Без даты ответа (не учтены): ${formatNumber(d.undated)}.` : "")}];
  const part = (title: string, lines: AnnualParticipantLine[]) => {
    if (!lines.length) return;
    out.push({kind: "text", style: "bold", text: title});
    out.push({kind: "table", header: PARTICIPANTS_HEADER, rows: lines.map((l) => participantRow(l, minGroupSize)), textColumns: [0, 6], weights: WEIGHTS});
  };
  part("Оценки (средний балл)", d.ratings);
  part("Вопросы «да/нет» (доля ответивших «да», в скобках — 95 % доверительный интервал)", d.yesNo);
  const readings = [...d.ratings, ...d.yesNo].map((l) => l.reading).filter((t): t is string => t !== null);
  if (readings.length) {
    out.push({kind: "text", style: "bold", text: "Что это значит"});
    for (const t of readings) out.push({kind: "text", style: "plain", text: `— ${t}`});
  }
  const hidden = [...d.ratings, ...d.yesNo].filter((l) => l.suppressed).length;
  out.push({kind: "text", style: "note", text: `${d.method}` +
    (hidden ? ` Вопросы, где ответивших в одной из волн (или сопоставленных) меньше ${minGroupSize}, показаны без цифр.` : "")});
  return out;
}

const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"})[c]!);

/** The section as an HTML fragment in the annual report's page style (annualHtml.ts). */
export function annualParticipantsHtml(s: ParticipantsSectionOf<AnnualParticipants>, minGroupSize: number): string {
  return participantsBlocks(s, minGroupSize).map((b) => {
    if (b.kind === "table") {
      const cls = (i: number) => (b.textColumns.includes(i) ? "" : " class=\"n\"");
      return `<table><thead><tr>${b.header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join("")}</tr>`).join("") + "</tbody></table>";
    }
    if (b.style === "bold") return `<p><b>${esc(b.text)}</b></p>`;
    if (b.style === "missing") return `<p class="missing">${esc(b.text)}</p>`;
    return `<p${b.style === "note" ? " class=\"note\"" : ""}>${esc(b.text)}</p>`;
  }).join("");
}

/** The section as a sheet «Участники до и после»: figures as numbers (shares percent-formatted), p with its test. */
export function annualParticipantsSheet(wb: ExcelJS.Workbook, s: ParticipantsSectionOf<AnnualParticipants>, minGroupSize: number): void {
  const name = "Участники до и после";
  if (!s.available) {
    addTable(wb, name, s.note, [{header: "Нет данных", width: 80}], [[s.note]]);
    return;
  }
  const d = s.data;
  const lines = [...d.ratings, ...d.yesNo];
  const ws = addTable(wb, name, `Что говорят участники: до и после, ${d.period} (ответили: входное ${d.respondents.entry}, итоговое ` +
    `${d.respondents.exit}, в обоих ${d.respondents.matched})`,
  [{header: "Вопрос", width: 50}, {header: "Вид", width: 12}, {header: "Ответов до", width: 10}, {header: "Ответов после", width: 10},
    {header: "Сопоставлено", width: 12}, {header: "Сравнение", width: 14}, {header: "До", width: 10}, {header: "После", width: 10},
    {header: "Изменение", width: 11}, {header: "ДИ до, от", width: 9}, {header: "ДИ до, до", width: 9}, {header: "ДИ после, от", width: 9},
    {header: "ДИ после, до", width: 9}, {header: "Критерий", width: 28}, {header: "p", width: 9, format: "0.000"}, {header: "Вывод", width: 80}],
  lines.map((l) => [l.question, l.kind === "rating" ? "оценка" : "да/нет", l.nEntry, l.nExit, l.matched,
    l.comparison === "paired" ? "парное" : "независимые выборки",
    ...(l.suppressed ? [`< ${minGroupSize}`, null, null, null, null, null, null, null, null, null]
      : [l.before, l.after, l.change, l.beforeCi?.[0] ?? null, l.beforeCi?.[1] ?? null, l.afterCi?.[0] ?? null, l.afterCi?.[1] ?? null,
        l.test?.label ?? "—", l.test?.p ?? null, l.reading])]));
  lines.forEach((l, i) => {
    const r = 3 + i;
    const fmt = l.kind === "rating" ? "0.00" : PERCENT_FORMAT;
    for (const c of [7, 8, 9]) ws.getCell(r, c).numFmt = fmt;
    for (const c of [10, 11, 12, 13]) ws.getCell(r, c).numFmt = PERCENT_FORMAT;
    // p below 0,001 is written as such, never «0,000».
    if (l.test?.p !== null && l.test?.p !== undefined && l.test.p < 0.001) ws.getCell(r, 15).numFmt = "\"< 0,001\"";
  });
}
