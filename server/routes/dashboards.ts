// The dashboards' pages (the live shells, server/rebuild.ts) at every address no other route takes: the last line of the table.
import {existsSync, readFileSync, statSync} from "node:fs";
import type {ServerResponse} from "node:http";
import {extname} from "node:path";
import {HttpError, escapeHtml, sendPage} from "../http.ts";
import {page} from "../pages/layout.ts";
import type {Route} from "../routes.ts";
import {serveFile} from "./basics.ts";
import {underRoot} from "./files.ts";
import {currentSession} from "../auth/context.ts";
import {mayOpen} from "../auth/nav.ts";
import {sidebarFor} from "../rebuild.ts";
import {BASE_HEADERS} from "../security.ts";

function sendShell(res: ServerResponse, html: string): void {
  const bytes = Buffer.from(html);
  res.writeHead(200, {...BASE_HEADERS, "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length, "Cache-Control": "no-cache"});
  res.end(bytes);
}

const STATIC_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".woff2": "font/woff2", ".wasm": "application/wasm", ".parquet": "application/octet-stream",
  ".arrow": "application/vnd.apache.arrow.file", ".txt": "text/plain; charset=utf-8", ".duckdb": "application/octet-stream"
};

export const dashboardRoutes = (): Route[] => [
  {method: "GET", path: "/*", guard: "read", access: "view", handle: async ({app, req, res, url}) => {
    const path = url.pathname;
    if (path.startsWith("/api/")) throw new HttpError(404, "Нет такого адреса.");
    const candidates = path.endsWith("/") ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
    for (const c of candidates) {
      const file = underRoot(app.distDir, c);
      if (file && existsSync(file) && statSync(file).isFile()) {
        // The teacher card's data carries names: whose is recorded in the audit log (server/auth/service.ts).
        const session = currentSession();
        if (session) await app.auth.auditDashboardFile(req, session, c, file);
        // A page's menu shows only what the session may open (server/rebuild.ts sidebarFor).
        if (session && file.endsWith(".html")) return sendShell(res, sidebarFor(readFileSync(file, "utf8"), path, (href) => mayOpen(session, href)));
        return serveFile(res, file, STATIC_TYPES[extname(file)] ?? "application/octet-stream");
      }
    }
    if (path === "/" || path === "/index.html") {
      return sendPage(res, page({title: "Дашборды", active: "upload", csrf: null, body:
        `<p class="status">${escapeHtml(app.dashboards().state === "building" ? "Дашборды собираются в первый раз, это займёт около 20 секунд. Обновите страницу чуть позже."
          : "Дашборды ещё не собраны.")}</p><p><a href="/upload">Загрузить отчёты</a> · <a href="/history">История загрузок</a></p>`}));
    }
    throw new HttpError(404, "Нет такой страницы.");
  }}
];
