// «Вход»: login and password when the server serves others (service mode). The session id goes
// to an HttpOnly cookie; the password never leaves this form.
import {escapeHtml} from "../http.ts";
import {page} from "./layout.ts";

export interface LoginPageOptions {
  next: string;
  login?: string;
  error?: string | null;
  notice?: string | null;
}

export function loginPage(o: LoginPageOptions): string {
  return page({title: "Вход", active: "login", csrf: null, body: `
<p class="lead">Аналитика наставничества региона. Войдите под своей учётной записью; её создаёт методист РНЦ.</p>
${o.notice ? `<p class="notice" role="status">${escapeHtml(o.notice)}</p>` : ""}
${o.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(o.error)}</p>` : ""}
<form method="post" action="/login" class="login">
  <input type="hidden" name="next" value="${escapeHtml(o.next)}">
  <label>Имя для входа: <input name="login" autocomplete="username" required maxlength="40" value="${escapeHtml(o.login ?? "")}"${o.login ? "" : " autofocus"}></label>
  <label>Пароль: <input type="password" name="password" autocomplete="current-password" required maxlength="200"${o.login ? " autofocus" : ""}></label>
  <button type="submit">Войти</button>
</form>
<p class="hint">Забыли пароль — попросите у методиста новую одноразовую ссылку. После 5 неудачных попыток вход
приостанавливается на время, которое растёт с каждой новой ошибкой.</p>`});
}
