// The access page when the server is opened to the network (--host other than 127.0.0.1): the
// token is asked once and kept in an HttpOnly cookie.
import {escapeHtml} from "../http.ts";
import {page} from "./layout.ts";

export function loginPage(o: {wrong: boolean; next: string}): string {
  return page({title: "Вход", active: "login", csrf: null, body: `
<p class="lead">Этот сервер открыт в сети, поэтому нужен пароль доступа (его задали при запуске: <code>--token</code>).</p>
${o.wrong ? "<p class=\"error\" role=\"alert\">Пароль не подошёл.</p>" : ""}
<form method="post" action="/login" class="login">
  <input type="hidden" name="next" value="${escapeHtml(o.next)}">
  <label>Пароль доступа: <input type="password" name="token" autocomplete="current-password" required autofocus></label>
  <button type="submit">Войти</button>
</form>`});
}
