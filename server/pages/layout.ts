// The frame of the server's own pages: Russian, no CDN, no inline script or style (the CSP forbids
// them), the CSRF token in a meta tag for the page's script and in every form.
import {escapeHtml} from "../http.ts";
import {currentSession} from "../auth/context.ts";
import {accountBox, AUTH_MENU, mayOpen} from "../auth/nav.ts";

export interface PageOptions {
  title: string;
  /** Which menu item is current. */
  active: "upload" | "history" | "exports" | "directory" | "collection" | "login" | "account" | (typeof AUTH_MENU)[number]["key"];
  csrf: string | null;
  body: string;
  scripts?: string[];
}

const MENU: Array<[PageOptions["active"] | "dashboards", string, string]> = [
  ["upload", "/upload", "Загрузка отчётов"],
  ["history", "/history", "История загрузок"],
  ["exports", "/exports", "Выгрузки"],
  ["directory", "/directory", "Справочник школ"],
  ["collection", "/collection", "Сбор отчётов"],
  ["dashboards", "/", "Дашборды"],
  ...AUTH_MENU.map((m): [PageOptions["active"], string, string] => [m.key, m.href, m.label])
];

export function page(o: PageOptions): string {
  // The session of this request (server/auth/context.ts): only the items she may open, and who she is.
  const session = currentSession();
  const menu = o.active === "login" ? "" : MENU.filter(([, href]) => mayOpen(session, href)).map(([key, href, label]) =>
    `<a href="${href}"${key === o.active ? " aria-current=\"page\"" : ""}>${label}</a>`).join("");
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} — Наставничество</title>
${o.csrf ? `<meta name="csrf-token" content="${escapeHtml(o.csrf)}">` : ""}
<link rel="icon" href="/favicon.ico" type="image/x-icon">
<link rel="stylesheet" href="/assets/style.css">
<link rel="stylesheet" href="/assets/auth.css">
${(o.scripts ?? []).map((s) => `<script type="module" src="/assets/${s}"></script>`).join("\n")}
</head><body>
<header><span class="brand">Наставничество: аналитика</span><nav>${menu}</nav>${o.active === "login" ? "" : accountBox(session)}</header>
<main><h1>${escapeHtml(o.title)}</h1>
${o.body}
</main></body></html>`;
}

export function hiddenCsrf(csrf: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`;
}
