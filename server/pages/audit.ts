// «Журнал действий» (the methodologist): who did what and when, newest first, with filters and an
// XLSX of the same selection. Whose data was seen is shown as pseudonymous ids, never names.
import {escapeHtml} from "../http.ts";
import {AUDIT_ACTIONS, OUTCOME_LABELS, detailsLabel, objectLabel, subjectsLabel, whoLabel, type AuditRow} from "../../store/audit.ts";
import {ROLE_LABELS, roleLabelOf} from "../auth/roles.ts";
import {page} from "./layout.ts";

export const auditTime = (d: Date) => d.toLocaleString("ru-RU", {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit"});

export interface AuditPageFilter {
  from: string;
  to: string;
  action: string;
  login: string;
  subject: string;
}

export function auditPage(o: {events: AuditRow[]; more: boolean; filter: AuditPageFilter; query: string; error?: string | null}): string {
  const f = o.filter;
  const actions = Object.entries(AUDIT_ACTIONS).map(([k, label]) => `<option value="${k}"${f.action === k ? " selected" : ""}>${escapeHtml(label)}</option>`).join("");
  const rows = o.events.map((e) => `<tr data-action="${e.action}">
<td>${escapeHtml(auditTime(e.at))}</td><td>${escapeHtml(whoLabel(e))}</td><td>${escapeHtml(roleLabelOf(e.role))}</td>
<td>${escapeHtml(AUDIT_ACTIONS[e.action] ?? e.action)}</td><td class="outcome-${e.outcome}">${escapeHtml(OUTCOME_LABELS[e.outcome] ?? e.outcome)}</td>
<td>${escapeHtml(objectLabel(e.object))}</td><td class="subjects">${escapeHtml(subjectsLabel(e))}</td><td>${escapeHtml(e.address ?? "")}</td>
<td>${escapeHtml(detailsLabel(e.details, ROLE_LABELS))}</td></tr>`).join("\n");
  const last = o.events[o.events.length - 1];
  const older = o.more && last ? `<p><a href="/audit?${escapeHtml(new URLSearchParams({...Object.fromEntries(new URLSearchParams(o.query)), before: String(last.id)}).toString())}">Более ранние записи →</a></p>` : "";
  return page({title: "Журнал действий", active: "audit", csrf: null, body: `
<p class="lead">Входы и неудачные попытки, выходы, загрузки, отмены, выгрузки, изменения учётных записей и настроек, удаление
персональных данных и каждый просмотр персональных данных педагогов и участников (152-ФЗ). В журнале — номера, а не имена:
чьи данные смотрели, видно по номерам педагогов и участников; содержимое файлов и ячеек сюда не пишется.</p>
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ""}
<form method="get" action="/audit" class="filters">
  <label>С даты <input type="date" name="from" value="${escapeHtml(f.from)}"></label>
  <label>По дату <input type="date" name="to" value="${escapeHtml(f.to)}"></label>
  <label>Действие <select name="action"><option value="">любое</option>${actions}</select></label>
  <label>Учётная запись <input name="login" value="${escapeHtml(f.login)}" size="14"></label>
  <label>Номер педагога <input name="subject" value="${escapeHtml(f.subject)}" size="6" inputmode="numeric"></label>
  <button type="submit">Показать</button>
  <a class="button" id="audit-xlsx" href="/audit.xlsx?${escapeHtml(o.query)}">Скачать XLSX</a>
</form>
${o.events.length ? `<table class="audit"><thead><tr><th>Время</th><th>Кто</th><th>Роль</th><th>Действие</th><th>Итог</th><th>Что</th>
<th>Чьи данные</th><th>Адрес</th><th>Подробности</th></tr></thead><tbody>${rows}</tbody></table>${older}` : "<p>Записей нет.</p>"}`});
}
