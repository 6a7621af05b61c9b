// «Установка пароля»: the page a one-time link opens — the first methodologist of a new service
// chooses her login, name and password; anyone else sets the password of the account the
// methodologist created for her (or reset).
import {escapeHtml} from "../http.ts";
import type {Account} from "../auth/accounts.ts";
import {ROLE_LABELS, scopeLabel} from "../auth/roles.ts";
import {MIN_PASSWORD_LENGTH} from "../auth/passwords.ts";
import {page} from "./layout.ts";

export function setupPage(o: {token: string; purpose: "first-account" | "set-password"; account: Account | null; error?: string | null;
  login?: string; name?: string}): string {
  const first = o.purpose === "first-account";
  const who = o.account
    ? `<p>Учётная запись <strong>${escapeHtml(o.account.login)}</strong> (${escapeHtml(o.account.name)}): ${escapeHtml(ROLE_LABELS[o.account.role])},
${escapeHtml(scopeLabel(o.account.scope))}.</p>` : "";
  return page({title: first ? "Первая учётная запись методиста" : "Установка пароля", active: "login", csrf: null, body: `
${first ? `<p class="lead">Сервис только что запущен, учётных записей ещё нет. Создайте учётную запись методиста РНЦ: она управляет
остальными учётными записями. Эта ссылка действует один раз.</p>` : `<p class="lead">Придумайте пароль. Ссылка действует один раз.</p>`}
${who}
${o.error ? `<p class="error" role="alert" id="setup-error">${escapeHtml(o.error)}</p>` : ""}
<form method="post" action="/setup" class="login">
  <input type="hidden" name="token" value="${escapeHtml(o.token)}">
  ${first ? `<label>Имя для входа: <input name="login" autocomplete="username" required maxlength="40" value="${escapeHtml(o.login ?? "")}"></label>
  <label>Как к вам обращаться (ФИО): <input name="name" autocomplete="name" required maxlength="120" value="${escapeHtml(o.name ?? "")}"></label>` : ""}
  <label>Пароль (не короче ${MIN_PASSWORD_LENGTH} знаков; удобно — фраза из нескольких слов):
    <input type="password" name="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="200"></label>
  <label>Пароль ещё раз: <input type="password" name="password2" autocomplete="new-password" required maxlength="200"></label>
  <button type="submit">${first ? "Создать и войти" : "Сохранить пароль и войти"}</button>
</form>`});
}

export function linkGonePage(message: string): string {
  return page({title: "Ссылка не действует", active: "login", csrf: null, body: `<p class="error" role="alert">${escapeHtml(message)}</p>
<p><a href="/login">Ко входу</a></p>`});
}
