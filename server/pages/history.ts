// «История загрузок»: a page of uploads, newest first, with undo buttons and the deletion of kept
// originals (plain forms: they work without the script), links to each file's issues, and links to
// older pages.
import {escapeHtml} from "../http.ts";
import type {HistoryPage, HistoryEntry} from "../history.ts";
import type {OriginalsPolicy} from "../originals.ts";
import {hiddenCsrf, page} from "./layout.ts";
import {plural} from "../../loaders/messages/index.ts";

const STATUS: Record<HistoryEntry["status"], string> = {accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён"};

const when = (iso: string) => {
  const [d, t] = iso.split("T");
  const [y, m, day] = d!.split("-");
  return `${day}.${m}.${y} ${t?.slice(0, 5) ?? ""}`;
};

const mb = (bytes: number) => (bytes / 1048576).toLocaleString("ru-RU", {maximumFractionDigits: 1});

export interface HistoryPageOptions {
  csrf: string;
  history: HistoryPage;
  /** Whether this is the first (newest) page. */
  first: boolean;
  kinds: Record<string, string>;
  notice: string | null;
  originals: {files: number; bytes: number; policy: OriginalsPolicy};
  /** What the session may do here (a school's account reads her uploads: no undo, no originals). Both true when absent. */
  may?: {undo: boolean; originals: boolean};
  /** Whose uploads the page lists, when not the whole region («Загрузки вашей школы: …»). */
  scopeNote?: string | null;
}

function row(o: HistoryPageOptions, e: HistoryEntry): string {
  const notes = [
    e.replaces.length ? `заменила № ${e.replaces.join(", ")}` : "",
    e.replacedBy.length ? `заменена загрузкой № ${e.replacedBy.join(", ")}` : "",
    e.undoneAt ? `отменена ${when(e.undoneAt)}` : ""
  ].filter(Boolean).join("; ");
  const may = o.may ?? {undo: true, originals: true};
  const undo = may.undo && !e.undoneAt && e.status !== "rejected"
    ? `<form method="post" action="/api/uploads/${e.uploadId}/undo" class="inline">${hiddenCsrf(o.csrf)}<button type="submit" class="small" data-confirm="Отменить загрузку № ${e.uploadId}? Её данные перестанут учитываться, заменённые ею снова станут действующими.">Отменить</button></form>`
    : "";
  const original = !may.originals ? "" : e.originalKept
    ? `<form method="post" action="/api/uploads/${e.uploadId}/original/delete" class="inline">${hiddenCsrf(o.csrf)}<button type="submit" class="small secondary" data-confirm="Удалить исходный файл загрузки № ${e.uploadId}? Данные загрузки останутся, удалится только сам файл.">Удалить файл</button></form>`
    : `<span class="muted">${e.status === "rejected" ? "не хранится" : "удалён"}</span>`;
  return `<tr class="${e.undoneAt ? "undone" : ""}">
<td class="n">${e.uploadId}</td><td>${when(e.loadedAt)}</td><td class="file">${escapeHtml(e.file)}</td>
<td>${escapeHtml(o.kinds[e.kind ?? ""] ?? "—")}${e.period ? `, ${escapeHtml(e.period)}` : ""}</td>
<td><span class="badge ${e.status}">${STATUS[e.status]}</span></td>
<td class="n">${e.issueCount ? `<a href="/api/uploads/${e.uploadId}/issues.xlsx">${e.issueCount}</a>` : "0"}</td>
<td><code title="SHA-256: ${e.sha256}">${e.sha256.slice(0, 12)}</code></td>
<td>${escapeHtml(notes)}</td><td>${undo}</td><td>${original}</td></tr>`;
}

export function historyPage(o: HistoryPageOptions): string {
  const {history: h} = o;
  const shown = h.uploads.length ? `Загрузки № ${h.uploads.at(-1)!.uploadId}–${h.uploads[0]!.uploadId} из ${h.total}.` : "";
  const pager = `<nav class="pager">${o.first ? "" : "<a href=\"/history\">← Новые загрузки</a>"}
${h.nextBefore !== null ? `<a href="/history?before=${h.nextBefore}">Более ранние загрузки →</a>` : ""}</nav>`;
  const kept = o.originals;
  return page({title: "История загрузок", active: "history", csrf: o.csrf, scripts: ["history.js"], body: `
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
${o.scopeNote ? `<p class="lead" id="history-scope">${escapeHtml(o.scopeNote)}</p>` : ""}
<p class="lead">Все загрузки, новые сверху. Отмена загрузки ничего не удаляет: её данные перестают учитываться,
а данные, которые она заменила, снова становятся действующими. Число замечаний — ссылка на файл XLSX с ними.</p>
${h.uploads.length ? `<p class="hint">${escapeHtml(shown)}</p>
<table class="history"><thead><tr><th class="n">№</th><th>Время</th><th>Файл</th><th>Что это</th><th>Итог</th>
<th class="n">Замечаний</th><th>Хеш</th><th>Замены и отмены</th><th></th><th>${(o.may?.originals ?? true) ? "Исходный файл" : ""}</th></tr></thead><tbody>${h.uploads.map((e) => row(o, e)).join("\n")}</tbody></table>
${pager}`
    : "<p>Загрузок пока не было. <a href=\"/upload\">Загрузить отчёты</a></p>"}
${(o.may?.originals ?? true) ? `<section class="card"><h2>Исходные файлы</h2>
<p>Сервер хранит исходные файлы принятых загрузок (отклонённые не хранятся): сейчас ${kept.files} ${plural(kept.files, "файл", "файла", "файлов")},
${escapeHtml(mb(kept.bytes))} МБ из ${escapeHtml(mb(kept.policy.quotaMb * 1048576))} МБ. Файлы старше ${kept.policy.retentionDays}
${plural(kept.policy.retentionDays, "дня", "дней", "дней")} и самые старые сверх предела удаляются сами; данные загрузок при этом остаются.</p>
<form method="post" action="/api/originals/purge" class="inline">${hiddenCsrf(o.csrf)}
<label>Удалить исходные файлы старше <input name="olderThan" type="number" min="0" max="36500" value="${kept.policy.retentionDays}" size="5"> дней</label>
<button type="submit" class="small secondary" data-confirm="Удалить исходные файлы старше указанного срока? Данные загрузок останутся.">Удалить</button></form>
</section>` : ""}`});
}
