// «Учётные записи» (the methodologist): every account with its role, scope and state; a form to
// add one (the person then sets her password through a one-time link the methodologist passes on);
// disable, enable, and a new link when a password is forgotten.
import {escapeHtml} from "../http.ts";
import type {Account} from "../auth/accounts.ts";
import {ROLE_LABELS, ROLES, scopeLabel, scopeText} from "../auth/roles.ts";
import {hiddenCsrf, page} from "./layout.ts";

const date = (d: Date | null) => d ? d.toLocaleString("ru-RU", {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit"}) : "—";

export interface IssuedLink {
  login: string;
  url: string;
  expiresAt: number;
  created: boolean;
}

export function accountsPage(o: {csrf: string; accounts: Account[]; sessions: Map<number, number>; scopeNames: Map<string, string | null>;
  selfId: number | null; link?: IssuedLink | null; error?: string | null; notice?: string | null; form?: Record<string, string>}): string {
  const f = o.form ?? {};
  const rows = o.accounts.map((a) => {
    const state = a.disabledAt ? `отключена ${date(a.disabledAt)}` : a.hasPassword ? "действует" : "ждёт пароль по ссылке";
    const act = (what: string, label: string, confirm: string, cls = "small") => `<form method="post" action="/accounts/${encodeURIComponent(a.login)}/${what}" class="inline">
${hiddenCsrf(o.csrf)}<button type="submit" class="${cls}" data-confirm="${escapeHtml(confirm)}">${label}</button></form>`;
    const actions = a.disabledAt
      ? act("enable", "Включить", `Включить учётную запись «${a.login}»?`, "small plain")
      : [act("reset", "Новая ссылка для пароля", `Выдать «${a.login}» новую ссылку? Текущий пароль перестанет действовать, сессии закончатся.`, "small plain"),
        a.id === o.selfId ? "" : act("disable", "Отключить", `Отключить учётную запись «${a.login}»? Её сессии закончатся сразу.`)].join(" ");
    return `<tr class="${a.disabledAt ? "undone" : ""}" data-login="${escapeHtml(a.login)}">
<td><code>${escapeHtml(a.login)}</code></td><td>${escapeHtml(a.name)}</td><td>${escapeHtml(ROLE_LABELS[a.role])}</td>
<td>${escapeHtml(scopeLabel(a.scope, o.scopeNames.get(scopeText(a.scope)) ?? null))}</td><td class="state">${escapeHtml(state)}</td>
<td>${date(a.lastLoginAt)}</td><td class="n">${o.sessions.get(a.id) ?? 0}</td><td>${actions}</td></tr>`;
  }).join("\n");
  const roleOptions = ROLES.map((r) => `<option value="${r}"${f.role === r ? " selected" : ""}>${escapeHtml(ROLE_LABELS[r])}</option>`).join("");
  const level = (v: string, label: string) => `<option value="${v}"${(f.level ?? "region") === v ? " selected" : ""}>${label}</option>`;
  const link = o.link ? `<section class="card link-box" id="issued-link"><h2>${o.link.created ? "Учётная запись создана" : "Новая ссылка выдана"}: ${escapeHtml(o.link.login)}</h2>
<p>Передайте ссылку этому человеку лично (не по общей почте и не в общий чат). По ней он сам задаст пароль. Ссылка действует один раз,
до ${escapeHtml(date(new Date(o.link.expiresAt)))}; больше её не покажут.</p>
<p><input class="link" readonly value="${escapeHtml(o.link.url)}" aria-label="Одноразовая ссылка" id="link-url"></p></section>` : "";
  return page({title: "Учётные записи", active: "accounts", csrf: o.csrf, scripts: ["history.js"], body: `
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
${o.error ? `<p class="error" role="alert" id="accounts-error">${escapeHtml(o.error)}</p>` : ""}
${link}
<table class="accounts"><thead><tr><th>Имя для входа</th><th>Имя</th><th>Роль</th><th>Область</th><th>Состояние</th><th>Последний вход</th>
<th class="n">Сессий</th><th></th></tr></thead><tbody>${rows || "<tr><td colspan=\"8\">Учётных записей пока нет.</td></tr>"}</tbody></table>
<section class="card"><h2>Добавить учётную запись</h2>
<form method="post" action="/accounts" class="account-form">${hiddenCsrf(o.csrf)}
  <label>Имя для входа: <input name="login" required maxlength="40" autocomplete="off" value="${escapeHtml(f.login ?? "")}"></label>
  <label>ФИО (как обращаться): <input name="name" required maxlength="120" autocomplete="off" value="${escapeHtml(f.name ?? "")}"></label>
  <label>Роль: <select name="role">${roleOptions}</select></label>
  <label>Область доступа: <select name="level">${level("region", "весь регион")}${level("municipality", "муниципалитет")}${level("school", "школа")}</select></label>
  <label>Номер муниципалитета или школы в справочнике: <input name="scopeId" maxlength="64" value="${escapeHtml(f.scopeId ?? "")}"></label>
  <button type="submit">Создать и получить ссылку</button>
</form>
<p class="hint">Методист РНЦ — весь регион; куратор муниципалитета — муниципалитет; куратор школы и ответственный ОО — школа;
руководство — любой уровень (видит только сводные данные, без имён). Учётные записи не удаляются, только отключаются:
журнал действий всегда знает, кто что сделал.</p></section>`});
}
