// GET /api/pages/<page>.json (issue 16 §2–3): a dashboard page's data for the session's view — the
// same functions the static build's data loaders call (reports/pages/), with the session's scope
// (server/scope.ts) and audience: "aggregate" for management and for any role without the right to
// see names (no name, no file name, no quoted cell), "service" otherwise. Cached per data version,
// view and the page's own parameters (server/pageCache.ts).
import type {IncomingMessage, ServerResponse} from "node:http";
import {HttpError, sendJson} from "../http.ts";
import {BASE_HEADERS} from "../security.ts";
import type {Route} from "../routes.ts";
import type {App} from "../appContext.ts";
import {currentSession} from "../auth/context.ts";
import {can, type Session} from "../auth/permissions.ts";
import {uploadScopeOf} from "../scope.ts";
import {PageCache} from "../pageCache.ts";
import {PAGES, isPageName} from "../../reports/pages/index.ts";
import {namedTeacherIds, type TeachersData} from "../../reports/pages/teachers.ts";
import type {Audience, View} from "../../reports/scope.ts";

/** Who reads: management and roles without the right to see names get aggregates only. */
export function audienceOf(session: Pick<Session, "role"> | null): Audience {
  if (!session) return "service";
  return session.role === "management" || !can(session, "view-names") ? "aggregate" : "service";
}

const caches = new WeakMap<App, PageCache>();
/** The app's page cache (one per server). */
export function pageCache(app: App): PageCache {
  let c = caches.get(app);
  if (!c) caches.set(app, c = new PageCache());
  return c;
}

function send(res: ServerResponse, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(200, {...BASE_HEADERS, "Content-Type": "application/json; charset=utf-8", "Content-Length": bytes.length, "Cache-Control": "no-store"});
  res.end(bytes);
}

async function answer(app: App, req: IncomingMessage, res: ServerResponse, file: string, url: URL): Promise<void> {
  const name = /^([a-z]+)\.json$/.exec(file)?.[1] ?? "";
  if (!isPageName(name)) throw new HttpError(404, "Нет такой страницы.");
  const page = PAGES[name];
  const session = currentSession();
  const view: View = {scope: await uploadScopeOf(app.store, session), audience: audienceOf(session)};
  // The gate already refused a session without the right (server/auth/requirements.ts); this is the second line.
  if (page.names && view.audience !== "service") throw new HttpError(403, "Нет доступа: страница с именами педагогов не для вашей роли.");
  const params = new URLSearchParams();
  for (const k of page.params) {
    const v = url.searchParams.get(k);
    if (v !== null && v.length <= 32) params.set(k, v);
  }
  const scopeKey = view.scope.level === "region" ? "region" : `${view.scope.level}:${view.scope.id}`;
  const key = `${name}|${view.audience}|${scopeKey}|${params}`;
  const cached = await pageCache(app).get(key, app.dataVersion(), async () => {
    const data = await page.data(app.store, await app.settings(), view, params);
    return {data, named: name === "teachers" ? namedTeacherIds(data as TeachersData) : []};
  });
  if (cached.named.length && session) {
    await app.auth.audit(req, session, {action: "view-personal-data", object: "page:teacher-card",
      subjects: {kind: "teacher", ids: cached.named}, details: {teachers: cached.named.length}});
  }
  send(res, cached.body);
}

export const livePageRoutes = (): Route[] => [
  {method: "GET", path: "/api/pages/:file", guard: "read", access: "view", handle: ({app, req, res, params, url}) => answer(app, req, res, params.file ?? "", url)},
  {method: "GET", path: "/api/pages", guard: "read", access: "view", handle: ({res}) => sendJson(res, 200, {pages: Object.keys(PAGES).map((p) => `/api/pages/${p}.json`)})}
];
