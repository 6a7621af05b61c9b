// «Сбор отчётов» (issue 16 §4, the methodologist's): for a quarter chosen from those with data, every
// expected school by municipality — its state, the date of its last upload and a contact — with the
// counts per state on top and the XLSX of the schools to remind.
import {escapeHtml} from "../http.ts";
import {plural} from "../../loaders/messages/index.ts";
import type {CollectionBoard} from "../../reports/collection.ts";
import {STATE_ORDER, toRemind} from "../../reports/collection.ts";
import {STATE_LABELS} from "../../lib/coverage.ts";
import type {PeriodOption} from "../../reports/periods.ts";
import {page} from "./layout.ts";

/** The wording of the contact column's source (shown on the page, tested). */
export const CONTACT_NOTE = "Контакт — из формы 1 последнего принятого отчёта школы (ФИО директора, телефон, почта, как их написала школа); " +
  "это персональные данные: их видит только методист РНЦ, и они удаляются вместе с другими персональными данными по истечении срока хранения. " +
  "Учётная запись — вход и ФИО ответственного ОО или куратора школы, если она заведена.";

function municipalityBlock(name: string, rows: CollectionBoard["schools"]): string {
  const body = rows.map((s) => `<tr data-school="${s.id}"><td>${escapeHtml(s.name)}</td>
<td><span class="badge ${s.state}">${escapeHtml(s.stateLabel)}</span></td>
<td>${s.lastUpload ? escapeHtml(s.lastUpload) : "—"}</td><td>${s.contact ? escapeHtml(s.contact) : "<span class=\"muted\">нет в форме 1</span>"}</td>
<td>${s.account ? escapeHtml(s.account) : "<span class=\"muted\">нет учётной записи</span>"}</td>
<td>${escapeHtml(s.reason)}</td></tr>`).join("\n");
  return `<h3>${escapeHtml(name)}</h3>
<table class="collection"><thead><tr><th>Школа</th><th>Состояние</th><th>Последняя загрузка</th><th>Контакт (форма 1)</th><th>Учётная запись</th><th>Причина</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

export function collectionPage(o: {csrf: string; periods: PeriodOption[]; board: CollectionBoard | null; label: string | null}): string {
  const options = [...o.periods].reverse().map((p) => `<option value="${escapeHtml(p.id)}"${p.id === o.board?.period ? " selected" : ""}>${escapeHtml(p.label)}</option>`).join("");
  const b = o.board;
  if (!b) {
    return page({title: "Сбор отчётов", active: "collection", csrf: o.csrf, body: "<p class=\"missing\">Квартальных отчётов ещё нет: собирать пока нечего.</p>"});
  }
  const municipalities = [...new Set(b.schools.map((s) => s.municipality))];
  const remind = toRemind(b).length;
  const counts = STATE_ORDER.map((s) => `<li data-state="${s}">${escapeHtml(STATE_LABELS[s])}: <strong>${b.counts[s]}</strong></li>`).join("");
  return page({title: "Сбор отчётов", active: "collection", csrf: o.csrf, body: `
<form method="get" action="/collection" id="collection-period"><label>Квартал: <select name="period">${options}</select></label>
<button type="submit">Показать</button></form>
<section class="card"><h2>Школы, которые должны отчитаться за ${escapeHtml(o.label ?? b.period)}</h2>
<p id="collection-expected">Ожидается ${b.expected} ${plural(b.expected, "школа", "школы", "школ")}.</p>
<ul id="collection-counts" class="counts">${counts}</ul>
${b.unknownRejected ? `<p class="hint" id="collection-unknown">Ещё ${b.unknownRejected} ${plural(b.unknownRejected, "отклонённый файл", "отклонённых файла", "отклонённых файлов")} без известной школы — см. «Справочник школ».</p>` : ""}
<p>${remind ? `<a class="button" id="collection-xlsx" href="/exports/collection.xlsx?period=${encodeURIComponent(b.period)}">Скачать список школ для напоминания (XLSX, ${remind})</a>`
    : "<span id=\"collection-none\">Напоминать некому: все школы прислали отчёты, прочитанные полностью.</span>"}</p>
<p class="hint" id="contact-note">${escapeHtml(CONTACT_NOTE)}</p>
</section>
${municipalities.map((m) => municipalityBlock(m, b.schools.filter((s) => s.municipality === m))).join("\n")}`});
}
