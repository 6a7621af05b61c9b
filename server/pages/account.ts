// «Учётная запись»: who is logged in, her role, scope and rights, when the session ends, and a
// form to change the password (which ends her other sessions).
import {escapeHtml} from "../http.ts";
import {ACTION_LABELS, actionsOf, type Session} from "../auth/permissions.ts";
import {ROLE_LABELS, scopeLabel} from "../auth/roles.ts";
import {MIN_PASSWORD_LENGTH} from "../auth/passwords.ts";
import {hiddenCsrf, page} from "./layout.ts";

const time = (ms: number) => new Date(ms).toLocaleString("ru-RU", {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit"});

export function accountPage(o: {session: Session; scopeName: string | null; error?: string | null; notice?: string | null}): string {
  const s = o.session;
  const rights = actionsOf(s.role).map((a) => `<li>${escapeHtml(ACTION_LABELS[a])}</li>`).join("");
  const who = s.local
    ? `<p class="lead">Сервер работает только на этом компьютере (локальный режим): учётные записи не нужны, вы работаете как
методист РНЦ. Чтобы открыть сервис для других, запустите его в режиме сервиса (docs/service.md).</p>`
    : `<dl class="facts-list">
<dt>Имя для входа</dt><dd id="account-login">${escapeHtml(s.login)}</dd>
<dt>Имя</dt><dd>${escapeHtml(s.name)}</dd>
<dt>Роль</dt><dd id="account-role">${escapeHtml(ROLE_LABELS[s.role])}</dd>
<dt>Область доступа</dt><dd>${escapeHtml(scopeLabel(s.scope, o.scopeName))}</dd>
<dt>Сессия</dt><dd>закончится без действий в ${escapeHtml(time(s.idleExpiresAt!))}, в любом случае — в ${escapeHtml(time(s.expiresAt!))}</dd>
</dl>`;
  const password = s.local ? "" : `
<section class="card"><h2>Сменить пароль</h2>
<form method="post" action="/account/password" class="login">${hiddenCsrf(s.csrf)}
  <label>Текущий пароль: <input type="password" name="current" autocomplete="current-password" required maxlength="200"></label>
  <label>Новый пароль (не короче ${MIN_PASSWORD_LENGTH} знаков): <input type="password" name="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="200"></label>
  <label>Новый пароль ещё раз: <input type="password" name="password2" autocomplete="new-password" required maxlength="200"></label>
  <button type="submit">Сменить пароль</button>
</form>
<p class="hint">После смены пароля другие ваши сессии (на других компьютерах) закончатся.</p></section>`;
  return page({title: "Учётная запись", active: "account", csrf: s.csrf, body: `
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ""}
${who}
<section class="card"><h2>Что можно этой роли</h2><ul class="rights">${rights}</ul></section>
${password}`});
}
