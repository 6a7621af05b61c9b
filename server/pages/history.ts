// «История загрузок»: a table of every upload, newest first, with undo buttons (plain forms: they
// work without the script) and links to each file's issues.
import {escapeHtml} from "../http.ts";
import type {HistoryEntry} from "../history.ts";
import {hiddenCsrf, page} from "./layout.ts";

const STATUS: Record<HistoryEntry["status"], string> = {accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён"};

const when = (iso: string) => {
  const [d, t] = iso.split("T");
  const [y, m, day] = d!.split("-");
  return `${day}.${m}.${y} ${t?.slice(0, 5) ?? ""}`;
};

export function historyPage(o: {csrf: string; entries: HistoryEntry[]; kinds: Record<string, string>; notice: string | null}): string {
  const rows = o.entries.map((e) => {
    const notes = [
      e.replaces.length ? `заменила № ${e.replaces.join(", ")}` : "",
      e.replacedBy.length ? `заменена загрузкой № ${e.replacedBy.join(", ")}` : "",
      e.undoneAt ? `отменена ${when(e.undoneAt)}` : ""
    ].filter(Boolean).join("; ");
    const undo = !e.undoneAt && e.status !== "rejected"
      ? `<form method="post" action="/api/uploads/${e.uploadId}/undo" class="inline">${hiddenCsrf(o.csrf)}<button type="submit" class="small" data-confirm="Отменить загрузку № ${e.uploadId}? Её данные перестанут учитываться, заменённые ею снова станут действующими.">Отменить</button></form>`
      : "";
    return `<tr class="${e.undoneAt ? "undone" : ""}">
<td class="n">${e.uploadId}</td><td>${when(e.loadedAt)}</td><td class="file">${escapeHtml(e.file)}</td>
<td>${escapeHtml(o.kinds[e.kind ?? ""] ?? "—")}${e.period ? `, ${escapeHtml(e.period)}` : ""}</td>
<td><span class="badge ${e.status}">${STATUS[e.status]}</span></td>
<td class="n">${e.issueCount ? `<a href="/api/uploads/${e.uploadId}/issues.xlsx">${e.issueCount}</a>` : "0"}</td>
<td><code title="SHA-256: ${e.sha256}">${e.sha256.slice(0, 12)}</code></td>
<td>${escapeHtml(notes)}</td><td>${undo}</td></tr>`;
  }).join("\n");
  return page({title: "История загрузок", active: "history", csrf: o.csrf, scripts: ["history.js"], body: `
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
<p class="lead">Все загрузки, новые сверху. Отмена загрузки ничего не удаляет: её данные перестают учитываться,
а данные, которые она заменила, снова становятся действующими. Число замечаний — ссылка на файл XLSX с ними.</p>
${o.entries.length ? `<table class="history"><thead><tr><th class="n">№</th><th>Время</th><th>Файл</th><th>Что это</th><th>Итог</th>
<th class="n">Замечаний</th><th>Хеш</th><th>Замены и отмены</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>Загрузок пока не было. <a href=\"/upload\">Загрузить отчёты</a></p>"}`});
}
