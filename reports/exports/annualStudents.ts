// The annual report's section on the mentees' students (issue 14 §4; seed 004: «процент обучающихся
// наставляемого, успешно прошедших ВПР/ОГЭ/ЕГЭ», «динамику участия обучающихся в олимпиадах»):
// aggregates only, groups smaller than the group-size setting hidden. A section object and its HTML, for the
// annual report to place (reports/exports/annualReport.ts, annualHtml.ts).
import type {Store} from "../../store/database.ts";
import {formatNumber, formatPercent} from "../../lib/format.ts";
import type {Settings} from "../../settings/index.ts";
import {studentResultsReport} from "../studentResults.ts";
import type {ReportScope} from "../scope.ts";

export type AnnualSection<T> = {available: true; data: T} | {available: false; note: string};

export interface AnnualStudents {
  before: number;
  after: number;
  method: string;
  groups: Array<{label: string; teachers: number; small: boolean; meanGrade: {before: number | null; after: number | null};
    shares: Array<{label: string; before: {x: number; n: number}; after: {x: number; n: number}; difference: number | null;
      ci95: [number, number] | null; test: "z" | "fisher" | null; p: number | null}>}>;
}

const NONE = "Результатов обучающихся (ВПР, ОГЭ, ЕГЭ, олимпиады) за два учебных года пока нет.";

/** The school year ending in the report's year against the one before (else the two latest in the data). */
export async function annualStudentsSection(store: Store, settings: Settings, options: {year?: number; scope?: ReportScope} = {}): Promise<AnnualSection<AnnualStudents>> {
  try {
    const scope = options.scope;
    const all = await studentResultsReport(store, settings, {scope});
    const after = options.year !== undefined && all.years.includes(options.year) ? options.year : all.after;
    const before = after === null ? null : all.years.filter((y) => y < after).at(-1) ?? null;
    if (after === null || before === null) return {available: false, note: NONE};
    const r = after === all.after && before === all.before ? all : await studentResultsReport(store, settings, {before, after, scope});
    return {available: true, data: {before, after, method: r.method, groups: r.groups.map((g) => ({label: g.label, teachers: g.teachers, small: g.small,
      meanGrade: g.small ? {before: null, after: null} : {before: g.before.meanGrade, after: g.after.meanGrade},
      shares: g.small ? [] : g.shares.filter((s) => s.comparison.before.n + s.comparison.after.n > 0).map((s) => ({label: s.label,
        before: {x: s.comparison.before.x, n: s.comparison.before.n}, after: {x: s.comparison.after.x, n: s.comparison.after.n},
        difference: s.comparison.difference, ci95: s.comparison.ci95, test: s.comparison.test, p: s.comparison.p}))}))}};
  } catch (e) {
    return {available: false, note: `Раздел не удалось подготовить (${e instanceof Error ? e.name : "ошибка"}); остальные разделы не затронуты.`};
  }
}

const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"})[c]!);
const frac = (s: {x: number; n: number}) => (s.n ? `${formatNumber(s.x)} из ${formatNumber(s.n)} (${formatPercent((100 * s.x) / s.n, 1)})` : "—");
const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${formatNumber(Math.abs(v), 1)}`;

/** The section as an HTML fragment in the annual report's table style. */
export function annualStudentsHtml(s: AnnualSection<AnnualStudents>, minGroupSize: number): string {
  if (!s.available) return `<p class="missing">${esc(s.note)}</p>`;
  const d = s.data;
  const year = (y: number) => `${y - 1}/${y}`;
  return d.groups.map((g) => `<h3>${esc(g.label)}: ${esc(year(d.before))} → ${esc(year(d.after))}</h3>` + (g.small
    ? `<p class="missing">Учителей с результатами обоих лет меньше ${minGroupSize} (${g.teachers}): показатели не выводятся.</p>`
    : `<table><thead><tr><th>Показатель</th><th class="n">${esc(year(d.before))}</th><th class="n">${esc(year(d.after))}</th><th class="n">Разница, п. п.</th>` +
      `<th class="n">95 % ДИ</th><th class="n">p</th></tr></thead><tbody>` +
      g.shares.map((x) => `<tr><td>${esc(x.label)}</td><td class="n">${esc(frac(x.before))}</td><td class="n">${esc(frac(x.after))}</td>` +
        `<td class="n">${x.difference === null ? "—" : esc(signed(x.difference * 100))}</td>` +
        `<td class="n">${x.ci95 ? esc(`${signed(x.ci95[0] * 100)} … ${signed(x.ci95[1] * 100)}`) : "—"}</td>` +
        `<td class="n">${x.p === null ? "—" : esc(`${x.p < 0.001 ? "< 0,001" : formatNumber(x.p, 3)} (${x.test === "z" ? "z" : "Фишер"})`)}</td></tr>`).join("") +
      `<tr><td>Средняя отметка</td><td class="n">${esc(formatNumber(g.meanGrade.before, 2))}</td><td class="n">${esc(formatNumber(g.meanGrade.after, 2))}</td><td></td><td></td><td></td></tr>` +
      `</tbody></table><p class="note">Учителей с результатами обоих лет: ${g.teachers}.</p>`)).join("") +
    `<p class="note">${esc(d.method)} «z» — z-критерий для двух долей, «Фишер» — точный критерий Фишера.</p>`;
}
