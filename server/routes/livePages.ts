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
import {uploadScopeOf} from "../scope.ts";
import {PageCache, type CachedPage} from "../pageCache.ts";
import {SnapshotPool} from "../readSnapshot.ts";
import {PAGES, isPageName} from "../../reports/pages/index.ts";
import {namedTeacherIds, type TeachersData} from "../../reports/pages/teachers.ts";
import type {View} from "../../reports/scope.ts";
import {audienceOf} from "../scope.ts";


const caches = new WeakMap<App, PageCache>();
const pools = new WeakMap<App, SnapshotPool>();
/** The app's snapshots for page computations (server/readSnapshot.ts). */
function snapshots(app: App): SnapshotPool {
  let p = pools.get(app);
  if (!p) pools.set(app, p = new SnapshotPool(app.store));
  return p;
}
/** The app's page cache (one per server). */
export function pageCache(app: App): PageCache {
  let c = caches.get(app);
  if (!c) {
    const cache = new PageCache();
    caches.set(app, c = cache);
    // Pages open somewhere are recomputed as soon as an upload commits, not when their viewers next ask.
    app.onDataChanged((v) => cache.changed(v));
  }
  return c;
}

/** The answer, or 304 Not Modified when the page already shows it (If-None-Match: its entity tag). */
function send(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const headers = {...BASE_HEADERS, "Cache-Control": "no-store", ETag: page.etag};
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": page.bytes.length});
  res.end(page.bytes);
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
  const cached = await pageCache(app).get(key, app.dataVersion(), async (hint) => {
    // The version as the computation starts (the newest, whatever was asked), then every read in one
    // snapshot that holds at least that version: one answer never mixes data from before and after a commit.
    const version = app.dataVersion();
    const settings = await app.settings();
    return snapshots(app).use(version, async (snapshot, use) => {
      const data = await page.data(snapshot, settings, view, params);
      return {data, version, dbMs: use.readMs, queries: use.queries, memoHits: use.memoHits,
        named: name === "teachers" ? namedTeacherIds(data as TeachersData) : []};
    }, hint?.priority ?? 0);
  });
  if (cached.named.length && session) {
    await app.auth.audit(req, session, {action: "view-personal-data", object: "page:teacher-card",
      subjects: {kind: "teacher", ids: cached.named}, details: {teachers: cached.named.length}});
  }
  send(req, res, cached);
}

export const livePageRoutes = (): Route[] => [
  {method: "GET", path: "/api/pages/:file", guard: "read", access: "view", handle: ({app, req, res, params, url}) => answer(app, req, res, params.file ?? "", url)},
  {method: "GET", path: "/api/pages", guard: "read", access: "view", handle: ({app, res, url}) => sendJson(res, 200, {pages: Object.keys(PAGES).map((p) => `/api/pages/${p}.json`),
    ...(url.searchParams.has("stats") ? {stats: pageCache(app).report()} : {})})}
];
