// «Персональные данные» (the methodologist; 152-ФЗ): what removing names and contacts past the
// retention period would touch, the button that does it, and the removal of one person's data on
// request (find by name, tick, remove). Aggregates do not change: only what identifies people goes.
import {escapeHtml} from "../http.ts";
import {formatNumber} from "../../lib/format.ts";
import type {PersonMatch, PurgePlan} from "../../store/personalData.ts";
import {hiddenCsrf, page} from "./layout.ts";

const day = (ms: number | null) => ms === null ? "—" : new Date(ms).toLocaleDateString("ru-RU");

function planRows(p: PurgePlan): string {
  const rows: Array<[string, number]> = [
    ["педагогов (ФИО, код, должность, предмет, стаж)", p.teacherIds.length],
    ["участников баз наставников и наставляемых (ФИО, контакты, год рождения)", p.participantIds.length],
    ["педагогов из маршрутов (ИОМ) и результатов учеников (ФИО, код, должность)", p.namedIds.length],
    ["обезличенных ключей анкет и штатных списков (заменяются новыми случайными)", p.keys],
    ["замечаний, где в значении мог быть текст из файла", p.issues],
    ["имён файлов", p.fileNames],
    ["ответов анкет и ячеек штатных списков с этим именем", p.texts],
    ["исходных файлов загрузок (удаляются с диска)", p.originals.length]
  ];
  return `<table class="plan"><tbody>${rows.filter(([, n], i) => n > 0 || i < 3).map(([label, n]) =>
    `<tr><td>${escapeHtml(label)}</td><td class="n">${formatNumber(n)}</td></tr>`).join("")}</tbody></table>`;
}

export interface PurgePageOptions {
  csrf: string;
  retentionDays: number;
  plan: PurgePlan;
  query: string;
  matches: PersonMatch[] | null;
  compactionPending: boolean;
  notice?: string | null;
  error?: string | null;
}

export function purgePage(o: PurgePageOptions): string {
  const p = o.plan;
  const nothing = p.teacherIds.length + p.participantIds.length + p.namedIds.length + p.keys + p.issues + p.fileNames + p.originals.length === 0;
  const matches = o.matches === null ? "" : o.matches.length === 0 ? `<p id="no-matches">Никого не нашлось по запросу «${escapeHtml(o.query)}».</p>` : `
<form method="post" action="/purge" id="person-form">${hiddenCsrf(o.csrf)}<input type="hidden" name="mode" value="person">
<table><thead><tr><th></th><th>ФИО</th><th>Где</th><th>Школа</th><th>Последняя загрузка</th></tr></thead><tbody>
${o.matches.map((m) => `<tr><td><input type="checkbox" name="${m.kind}" value="${m.id}" aria-label="${escapeHtml(m.name)}"></td>
<td>${escapeHtml(m.name)}</td><td>${m.kind === "teacher" ? `диагностика, педагог № ${m.id}` : `базы наставничества, участник № ${m.id}`}</td>
<td>${escapeHtml(m.municipality)}, ${escapeHtml(m.school)}</td><td>${day(m.lastLoaded)}</td></tr>`).join("\n")}
</tbody></table>
<button type="submit" class="danger" data-confirm="Удалить персональные данные отмеченных людей? Это нельзя отменить.">Удалить данные отмеченных</button>
</form>`;
  return page({title: "Персональные данные", active: "purge", csrf: o.csrf, scripts: ["history.js"], body: `
${o.notice ? `<p class="notice" role="status" id="purge-notice">${escapeHtml(o.notice)}</p>` : ""}
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ""}
<p class="lead">ФИО, коды, контакты и годы рождения педагогов и участников хранятся отдельно от результатов, под номерами.
Удаление стирает их, а все сводные показатели (вовлечённость, дефициты, статистика до/после, нарушения, закрепление,
SWOT) остаются прежними. Удаление записывается в журнал действий.</p>
<section class="card"><h2>Старше срока хранения</h2>
<h3>Данные, которые последний раз загружались раньше ${day(p.cutoff)} (срок хранения — ${formatNumber(o.retentionDays)} дн.)</h3>
${planRows(p)}
${nothing ? "<p>Удалять нечего.</p>" : `<form method="post" action="/purge">${hiddenCsrf(o.csrf)}<input type="hidden" name="mode" value="older-than">
<input type="hidden" name="days" value="${o.retentionDays}">
<button type="submit" class="danger" id="purge-old" data-confirm="Удалить персональные данные старше срока хранения? Это нельзя отменить.">Удалить</button></form>`}
</section>
<section class="card"><h2>Данные одного человека (по его заявлению)</h2>
<form method="get" action="/purge" class="filters"><label>ФИО или фамилия <input name="person" value="${escapeHtml(o.query)}" size="30" required></label>
<button type="submit">Найти</button></form>
${matches}
</section>
${o.compactionPending ? `<p class="hint">Из базы имена уже удалены; их следы в свободных блоках файла базы сотрутся при следующем запуске сервера
(файл базы переписывается заново) или командой <code>mentoring purge</code> при остановленном сервере.</p>` : ""}`});
}
