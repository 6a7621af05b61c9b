// The server's route table (issue 12 §7): every address the server answers is one line
// `{method, path, guard, access, handle}`, and what a route needs before its handler runs is said by
// its guard, checked in one place (`dispatch`), never inside handlers:
//
//   public  anyone who reaches the server (health check, the pages' assets, the login page)
//   read    a known user (pages, JSON reads)
//   export  a known user, and not asked for by another site (XLSX, PDF, large JSON): an <img src>
//           on any web page must not make this server start Chromium
//   write   a known user, from this server's own pages (Origin / Sec-Fetch-Site), with the CSRF token
//   form    from this server's own pages, no user yet (the login form)
//
// `access` is the role a route needs ("view" | "upload" | "manage"); AccessControl decides whether
// the request's user has it. Today every user it knows has every access (the local user, or whoever
// has the access token); server/auth/ can replace AccessControl without touching a route.
//
// To add routes: write a function returning Route[] (server/routes/<area>.ts) and add it to the list
// in server/routes/index.ts — one line.
import type {IncomingMessage, ServerResponse} from "node:http";
import {HttpError, readForm, redirect} from "./http.ts";
import {csrfAllowed, fromAnotherSite, originAllowed} from "./security.ts";
import type {App} from "./appContext.ts";

export type Guard = "public" | "read" | "export" | "write" | "form";
export type Access = "view" | "upload" | "manage";

/** Who sends a request, as AccessControl knows them. */
export interface Principal {
  /** Stable id: the account id once accounts exist; "local" for the person at this computer. */
  id: string;
  /** Roles this user holds. */
  access: ReadonlySet<Access>;
}

export interface RequestContext {
  app: App;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Named parts of the path (`:id` → params.id). */
  params: Record<string, string>;
  /** The user (null only on public and form routes). */
  user: Principal | null;
  /** A urlencoded form body, when the guard had to read it for the CSRF token. */
  form: URLSearchParams | null;
}

export interface Route {
  method: "GET" | "POST";
  /** "/api/uploads/:id/undo": `:name` is one path segment; a final "/*" matches any rest (params.rest). */
  path: string;
  guard: Guard;
  /** The role the route needs (ignored on public and form routes). */
  access?: Access;
  handle(c: RequestContext): Promise<void> | void;
}

/** Decides who a request comes from and what they may do (server/auth/ replaces the default). */
export interface AccessControl {
  /** The request's user, or null (not signed in). */
  identify(req: IncomingMessage): Principal | null | Promise<Principal | null>;
  /** Where a browser that is not signed in goes (null: answer 401). */
  loginPage(path: string): string | null;
}

interface Compiled extends Route {
  pattern: RegExp;
  names: string[];
}

export function compile(routes: Route[]): Compiled[] {
  return routes.map((r) => {
    const names: string[] = [];
    const body = r.path.split("/").map((part) => {
      if (part === "*") { names.push("rest"); return "(.*)"; }
      if (part.startsWith(":")) { names.push(part.slice(1)); return "([^/]+)"; }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("/");
    return {...r, pattern: new RegExp(`^${body.replace("/(.*)", "(?:/(.*))?")}$`), names};
  });
}

export function match(table: Compiled[], method: string, path: string): {route: Compiled; params: Record<string, string>} | null | "method" {
  const head = method === "HEAD" ? "GET" : method;
  let pathMatched = false;
  for (const route of table) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== head) continue;
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => { params[n] = m[i + 1] ?? ""; });
    return {route, params};
  }
  return pathMatched ? "method" : null;
}

/** Runs the route's guard, then its handler. Throws HttpError with a Russian message when refused. */
export async function dispatch(app: App, table: Compiled[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const found = match(table, req.method ?? "GET", url.pathname);
  if (found === "method") throw new HttpError(405, "Такой запрос не поддерживается.");
  if (!found) throw new HttpError(404, "Нет такой страницы.");
  const {route, params} = found;
  let user: Principal | null = null;
  let form: URLSearchParams | null = null;
  if (route.guard === "form" && !originAllowed(req)) throw new HttpError(403, "Запрос пришёл с другого сайта и отклонён.");
  if (route.guard === "read" || route.guard === "export" || route.guard === "write") {
    user = await app.access.identify(req);
    if (!user) {
      const login = route.method === "GET" && !url.pathname.startsWith("/api/") ? app.access.loginPage(url.pathname) : null;
      if (login) return redirect(res, login);
      throw new HttpError(401, "Нужен вход: откройте /login или передайте заголовок Authorization: Bearer <пароль>.");
    }
    if (route.access && !user.access.has(route.access)) throw new HttpError(403, "У вас нет прав на это действие.");
  }
  if (route.guard === "export" && fromAnotherSite(req)) {
    throw new HttpError(403, "Выгрузку можно получить только со страниц этого сервера: запрос с другого сайта отклонён.");
  }
  if (route.guard === "write") {
    if (!originAllowed(req)) throw new HttpError(403, "Запрос пришёл с другого сайта и отклонён.");
    const given = req.headers["x-csrf-token"];
    let ok = false;
    if (typeof given === "string") ok = csrfAllowed(given, app.csrf);
    else if ((req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      form = await readForm(req);
      ok = csrfAllowed(form.get("csrf"), app.csrf);
    }
    if (!ok) throw new HttpError(403, "Нет ключа защиты формы (CSRF): обновите страницу и повторите.");
  }
  await route.handle({app, req, res, url, params, user, form});
}
