// The health check, the pages' own assets and icon, and the small JSON reads the pages' scripts use
// (the login and account pages are server/auth/routes.ts, answered by the accounts' gate).
import {createReadStream, existsSync, statSync} from "node:fs";
import type {ServerResponse} from "node:http";
import {extname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {HttpError, readForm, redirect, sendBytes, sendJson, sendPage} from "../http.ts";
import {FAVICON} from "../favicon.ts";
import {AUTH_COOKIE, BASE_HEADERS, sameSecret} from "../security.ts";
import {loginPage} from "../pages/login.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import type {Route} from "../routes.ts";
import {underRoot} from "./files.ts";

const ASSETS = resolve(fileURLToPath(new URL("../pages/assets/", import.meta.url)));
const ASSET_TYPES: Record<string, string> = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"};

export const kindLabels = () => Object.fromEntries(fileKinds.map((k) => [k.name, k.label]));

export function serveFile(res: ServerResponse, path: string, type: string, extra: Record<string, string> = {}): void {
  const size = statSync(path).size;
  res.writeHead(200, {...BASE_HEADERS, "Content-Type": type, "Content-Length": size, "Cache-Control": "no-cache", ...extra});
  createReadStream(path).pipe(res);
}

export const basicRoutes = (): Route[] => [
  {method: "GET", path: "/healthz", guard: "public", handle: ({res}) => sendJson(res, 200, {ok: true})},
  {method: "GET", path: "/favicon.ico", guard: "public", handle: ({res}) =>
    sendBytes(res, FAVICON, "image/x-icon", undefined, {"Cache-Control": "max-age=86400"})},
  {method: "GET", path: "/assets/*", guard: "public", handle: ({res, params}) => {
    const file = underRoot(ASSETS, params.rest ?? "");
    const type = file ? ASSET_TYPES[extname(file)] : undefined;
    if (!file || !type || !existsSync(file)) throw new HttpError(404, "Нет такой страницы.");
    serveFile(res, file, type);
  }},
  {method: "GET", path: "/api/session", guard: "read", access: "view", handle: ({app, res}) =>
    sendJson(res, 200, {csrf: app.csrf, limits: app.uploadLimits, kinds: kindLabels()})},
  {method: "GET", path: "/api/status", guard: "read", access: "view", handle: ({app, res}) =>
    sendJson(res, 200, {dashboards: app.dashboards(), dataVersion: app.dataVersion(),
      parsing: {pending: app.parsers.pending + app.admission.waiting, workerRestarts: app.parsers.restarts, heldBytes: app.admission.heldBytes,
        refused: app.admission.refused, children: app.parsers.pids.length, childrenStarted: app.parsers.started, filesParsed: app.parsers.parsed,
        peakChildMb: Math.round(app.parsers.peakChildMb)}})}
];
