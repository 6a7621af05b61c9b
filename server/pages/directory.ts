// «Справочник школ» for the methodologist: proposed matches to decide («Это та же школа» / «Это
// другая школа»), refused files that count against a quarter's completeness (to dismiss), and the
// schools by municipality (close / open). Plain forms: every button works without a script.
import {escapeHtml} from "../http.ts";
import {hiddenCsrf, page} from "./layout.ts";
import type {DirectorySchool, Proposal} from "../../store/directory.ts";

export interface RefusedEntry {
  uploadId: number;
  file: string;
  period: string;
  /** The school it was for, when known. */
  school: string | null;
  message: string | null;
}

const button = (csrf: string, action: string, label: string, cls = "") =>
  `<form method="post" action="${action}" class="inline">${hiddenCsrf(csrf)}<button type="submit"${cls ? ` class="${cls}"` : ""}>${escapeHtml(label)}</button></form>`;

function periodName(p: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(p);
  return m ? `${["I", "II", "III", "IV"][Number(m[2]) - 1]} квартал ${m[1]}` : p;
}

function proposalsSection(csrf: string, proposals: Proposal[]): string {
  if (!proposals.length) return `<p id="proposals">Нерешённых совпадений нет: все новые названия либо совпали со справочником, либо уже решены.</p>`;
  return `<table id="proposals"><thead><tr><th>Район</th><th>Новое написание</th><th>Похоже на школу справочника</th><th>Из файла</th><th></th></tr></thead><tbody>
${proposals.map((p) => `<tr data-proposal="${p.id}"><td>${escapeHtml(p.municipality)}</td><td>${escapeHtml(p.name)}</td>
<td>${escapeHtml(p.candidate)}</td><td class="file">${escapeHtml(p.file ?? "—")}</td>
<td>${button(csrf, `/directory/proposals/${p.id}/same`, "Это та же школа")} ${button(csrf, `/directory/proposals/${p.id}/different`, "Это другая школа", "small")}</td></tr>`).join("\n")}
</tbody></table>`;
}

function refusedSection(csrf: string, refused: RefusedEntry[]): string {
  if (!refused.length) return `<p id="refused">Отклонённых файлов, которые считаются против полноты, нет.</p>`;
  return `<table id="refused"><thead><tr><th class="n">Загрузка</th><th>Квартал</th><th>Файл</th><th>Школа</th><th>Почему отклонён</th><th></th></tr></thead><tbody>
${refused.map((r) => `<tr data-upload="${r.uploadId}"><td class="n">${r.uploadId}</td><td>${escapeHtml(periodName(r.period))}</td><td class="file">${escapeHtml(r.file)}</td>
<td>${escapeHtml(r.school ?? "не определена")}</td><td>${escapeHtml(r.message ?? "")}</td>
<td>${button(csrf, `/directory/uploads/${r.uploadId}/dismiss`, "Не учитывать", "small")}</td></tr>`).join("\n")}
</tbody></table>`;
}

function schoolsSection(csrf: string, schools: DirectorySchool[]): string {
  if (!schools.length) return "<p>В справочнике пока нет школ: загрузите файл справочника или квартальные отчёты на странице «Загрузка отчётов».</p>";
  const byMunicipality = new Map<string, DirectorySchool[]>();
  for (const s of schools) byMunicipality.set(s.municipality, [...(byMunicipality.get(s.municipality) ?? []), s]);
  return [...byMunicipality].map(([m, list]) => `<h3>${escapeHtml(m)} <span class="hint">(${list.length})</span></h3>
<table class="schools"><thead><tr><th class="n">№</th><th>Школа</th><th>Код</th><th>Состояние</th><th>Откуда</th><th class="n">Написаний</th><th></th></tr></thead><tbody>
${list.map((s) => `<tr data-school="${s.id}"${s.open ? "" : " class=\"undone\""}><td class="n">${s.id}</td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.code ?? "")}</td>
<td>${s.open ? "действует" : s.closedFrom ? `закрыта с ${escapeHtml(periodName(s.closedFrom))}` : "закрыта"}</td>
<td>${s.listed ? "справочник" : "из отчётов"}</td><td class="n">${s.spellings}</td>
<td>${s.open ? button(csrf, `/directory/schools/${s.id}/close`, "Закрыть", "small") : button(csrf, `/directory/schools/${s.id}/open`, "Открыть")}</td></tr>`).join("\n")}
</tbody></table>`).join("\n");
}

export function directoryPage(o: {csrf: string; schools: DirectorySchool[]; proposals: Proposal[]; refused: RefusedEntry[]; notice: string | null}): string {
  return page({title: "Справочник школ", active: "directory", csrf: o.csrf, scripts: ["directory.js"], body: `
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
<p class="lead">Кто должен отчитываться: школы справочника региона и все школы, уже присылавшие форму 1. Разные написания одной школы
в одном районе («МБОУ СОШ №1», «МБОУ «СОШ № 1»») — одна школа; похожие, но не совпавшие названия ждут вашего решения ниже.
Решение применяется ко всем загрузкам, прошлым и будущим, без повторной загрузки файлов.</p>
<h2>Совпадения на проверку</h2>
${proposalsSection(o.csrf, o.proposals)}
<h2>Отклонённые файлы, которые считаются против полноты</h2>
<p class="hint">Пока школа не пришлёт исправленный файл, квартал по ней неполный. Если файл прислан по ошибке, нажмите «Не учитывать».</p>
${refusedSection(o.csrf, o.refused)}
<h2>Школы по муниципалитетам</h2>
<p class="hint">Закрытая школа больше не ожидается в отчётах. Добавить школу, переименовать или добавить написание: <code>mentoring directory help</code>.</p>
${schoolsSection(o.csrf, o.schools)}`});
}
