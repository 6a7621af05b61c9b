// The local server (issue 8): one node:http server for the upload and history pages, the exports,
// the JSON API and the built dashboards. One Store (one DuckDB instance, one write queue), parsing
// in worker threads, dashboards rebuilt after uploads.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type IncomingMessage, type Server, type ServerResponse} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import type {Store} from "../store/database.ts";
import {defaultIngestLimits, type IngestLimits} from "../loaders/ingest.ts";
import {fileKinds} from "../loaders/kinds.ts";
import {engagementPeriods} from "../reports/engagement.ts";
import {checkPeriod} from "../bin/args.ts";
import {UserError} from "../bin/io.ts";
import {ParsePool} from "./parsePool.ts";
import {RebuildScheduler, type BuildFn} from "./rebuild.ts";
import {receiveUploads, defaultUploadLimits, type UploadLimits} from "./uploads.ts";
import {uploadHistory, undoUpload} from "./history.ts";
import {HttpError, readForm, redirect, sendBytes, sendJson, sendPage, escapeHtml} from "./http.ts";
import {AUTH_COOKIE, BASE_HEADERS, csrfAllowed, givenToken, hostAllowed, isLoopback, newSecret, originAllowed, sameSecret} from "./security.ts";
import {uploadPage} from "./pages/upload.ts";
import {historyPage} from "./pages/history.ts";
import {exportsPage} from "./pages/exports.ts";
import {loginPage} from "./pages/login.ts";
import {page} from "./pages/layout.ts";

export interface ServerOptions {
  store: Store;
  host: string;
  /** 0: any free port (tests). */
  port: number;
  /** Required unless host is loopback; when set, every request needs it. */
  token?: string | null;
  /** The built dashboards served at / (dist/). */
  distDir: string;
  /** Originals of uploaded files, never served (data/uploads/). */
  uploadsDir: string;
  snapshotPath: string;
  /** Builds the dashboards from a snapshot; null: never rebuild (tests of the upload path only). */
  build: BuildFn | null;
  rebuildQuietMs?: number;
  rebuildMaxWaitMs?: number;
  uploadLimits?: UploadLimits;
  ingestLimits?: IngestLimits;
  workers?: number;
  parseTimeoutMs?: number;
  workerHeapMb?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  pool: ParsePool;
  rebuild: RebuildScheduler | null;
  csrf: string;
  close(): Promise<void>;
}

/**
 * What the server parses: real reports are well under a megabyte inflated, so the zip guard and the
 * row caps are far tighter than the command line's, which keeps a worker's memory small.
 */
export const serverIngestLimits: IngestLimits = {
  zip: {maxFileBytes: 10 * 1024 * 1024, maxEntries: 500, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 48 * 1024 * 1024, maxRatio: 250},
  read: {maxRowsPerSheet: 50_000, maxCells: 500_000},
  maxIssues: defaultIngestLimits.maxIssues
};

const ASSETS = resolve(fileURLToPath(new URL("./pages/assets/", import.meta.url)));
const ASSET_TYPES: Record<string, string> = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"};
const STATIC_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".woff2": "font/woff2", ".wasm": "application/wasm", ".parquet": "application/octet-stream",
  ".arrow": "application/vnd.apache.arrow.file", ".txt": "text/plain; charset=utf-8", ".duckdb": "application/octet-stream"
};

const kindLabels = () => Object.fromEntries(fileKinds.map((k) => [k.name, k.label]));

/** A file under `root` named by a URL path, or null (no escaping the folder, no dot-files). */
function underRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  if (decoded.split("/").some((p) => p.startsWith(".") && p.length > 0)) return null;
  return full;
}

function serveFile(res: ServerResponse, path: string, type: string, extra: Record<string, string> = {}): void {
  const size = statSync(path).size;
  res.writeHead(200, {...BASE_HEADERS, "Content-Type": type, "Content-Length": size, "Cache-Control": "no-cache", ...extra});
  createReadStream(path).pipe(res);
}

/** Listening beyond this computer needs an access token (issue 8 §4). */
export function checkAccess(host: string, token: string | null): void {
  if (!isLoopback(host) && !token) {
    throw new UserError(`адрес ${host} открывает сервер для сети: задайте пароль доступа (--token или переменная MENTORING_TOKEN), ` +
      "иначе любой в сети сможет загружать файлы. Для работы на этом компьютере оставьте адрес 127.0.0.1.");
  }
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = o.token ?? null;
  checkAccess(o.host, token);
  const csrf = newSecret();
  const uploadLimits = o.uploadLimits ?? defaultUploadLimits;
  const ingestLimits = {...(o.ingestLimits ?? serverIngestLimits)};
  ingestLimits.zip = {...ingestLimits.zip, maxFileBytes: Math.min(ingestLimits.zip.maxFileBytes, uploadLimits.maxFileBytes)};
  const pool = await ParsePool.create({size: o.workers ?? 2, timeoutMs: o.parseTimeoutMs ?? 15_000, maxOldGenerationSizeMb: o.workerHeapMb ?? 96,
    maxYoungGenerationSizeMb: 16, limits: ingestLimits});
  const distDir = resolve(o.distDir);
  const rebuild = o.build ? new RebuildScheduler({store: o.store, distDir, snapshotPath: o.snapshotPath, build: o.build,
    quietMs: o.rebuildQuietMs ?? 2000, maxWaitMs: o.rebuildMaxWaitMs ?? 8000, log}) : null;
  const uploadCtx = {store: o.store, pool, uploadsDir: resolve(o.uploadsDir), limits: uploadLimits, log};

  const dashboardsStatus = () => rebuild?.status() ?? {state: "up-to-date" as const, upToDate: true, dataVersion: 0, builtVersion: 0,
    builtAt: null, message: "Дашборды не обновляются этим сервером."};

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = req.method ?? "GET";

    if (!hostAllowed(req, o.host)) throw new HttpError(421, "Сервер отвечает только по адресу 127.0.0.1 или localhost.");
    if (path === "/healthz") return sendJson(res, 200, {ok: true});
    if (path.startsWith("/assets/")) {
      const file = underRoot(ASSETS, path.slice("/assets/".length));
      const type = file ? ASSET_TYPES[extname(file)] : undefined;
      if (!file || !type || !existsSync(file)) throw new HttpError(404, "Нет такой страницы.");
      return serveFile(res, file, type);
    }
    if (token && path === "/login") {
      if (method === "POST") {
        if (!originAllowed(req)) throw new HttpError(403, "Запрос пришёл с другого сайта и отклонён.");
        const form = await readForm(req);
        const next = form.get("next") ?? "/upload";
        const safeNext = next.startsWith("/") && !next.startsWith("//") ? next : "/upload";
        if (!sameSecret(form.get("token"), token)) return sendPage(res, loginPage({wrong: true, next: safeNext}), 401);
        return redirect(res, safeNext, {"Set-Cookie": `${AUTH_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`});
      }
      return sendPage(res, loginPage({wrong: false, next: url.searchParams.get("next") ?? "/upload"}));
    }
    if (token && !sameSecret(givenToken(req), token)) {
      if (method === "GET" && !path.startsWith("/api/")) return redirect(res, `/login?next=${encodeURIComponent(path)}`);
      throw new HttpError(401, "Нужен пароль доступа: откройте /login или передайте заголовок Authorization: Bearer <пароль>.");
    }
    if (method === "POST") {
      // Every write: from this server's own pages (Origin), carrying the page's CSRF token.
      if (!originAllowed(req)) throw new HttpError(403, "Запрос пришёл с другого сайта и отклонён.");
      const given = req.headers["x-csrf-token"];
      const ok = typeof given === "string" ? csrfAllowed(given, csrf)
        : (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
          ? csrfAllowed((await readForm(req)).get("csrf"), csrf) : false;
      if (!ok) throw new HttpError(403, "Нет ключа защиты формы (CSRF): обновите страницу и повторите.");
      return post(req, res, url);
    }
    if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Такой запрос не поддерживается.");
    return get(req, res, url);
  }

  async function post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === "/api/uploads") {
      let period: string | undefined;
      try {
        period = checkPeriod(url.searchParams.get("period") ?? undefined);
      } catch (e) {
        throw new HttpError(400, `Квартал: ${(e as Error).message}`);
      }
      const wave = url.searchParams.get("wave") || undefined;
      if (wave !== undefined && wave !== "entry" && wave !== "exit") throw new HttpError(400, "Этап диагностики: entry или exit.");
      const batch = (url.searchParams.get("batch") ?? "").slice(0, 64).replace(/[^A-Za-z0-9-]/g, "") || null;
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > uploadLimits.maxFiles * (uploadLimits.maxFileBytes + 64 * 1024)) {
        throw new HttpError(413, `Слишком большой запрос: не больше ${uploadLimits.maxFiles} файлов по ${Math.round(uploadLimits.maxFileBytes / 1048576)} МБ.`);
      }
      const files = await receiveUploads(uploadCtx, req, {...(period ? {period} : {}), ...(wave ? {wave} : {})}, batch);
      if (files.some((f) => f.uploadId !== null && f.status !== "rejected")) rebuild?.changed();
      return sendJson(res, 200, {batch, files, dashboards: dashboardsStatus()});
    }
    const undo = /^\/api\/uploads\/(\d+)\/undo$/.exec(path);
    if (undo) {
      const result = await undoUpload(o.store, Number(undo[1]));
      rebuild?.changed();
      log(`загрузка ${result.uploadId} отменена`);
      if ((req.headers.accept ?? "").includes("application/json")) return sendJson(res, 200, {...result, dashboards: dashboardsStatus()});
      return redirect(res, `/history?undone=${result.uploadId}`);
    }
    throw new HttpError(404, "Нет такого адреса.");
  }

  async function get(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    // Exports load exceljs and the report modules on first use: the idle server stays small.
    const exportsXlsx = () => import("../reports/exports/issuesXlsx.ts");
    const annual = async () => ({...await import("../reports/exports/annualReport.ts"), ...await import("../reports/exports/annualHtml.ts"),
      ...await import("../reports/exports/annualPdf.ts")});
    switch (path) {
      case "/upload":
        return sendPage(res, uploadPage({csrf, maxFileMb: Math.round(uploadLimits.maxFileBytes / 1048576), maxFiles: uploadLimits.maxFiles,
          kinds: fileKinds.map((k) => k.label), dashboards: dashboardsStatus().message}));
      case "/history": {
        const undone = url.searchParams.get("undone");
        return sendPage(res, historyPage({csrf, entries: await uploadHistory(o.store), kinds: kindLabels(),
          notice: undone && /^\d+$/.test(undone) ? `Загрузка № ${undone} отменена; дашборды обновятся в течение полуминуты.` : null}));
      }
      case "/exports": {
        const periods = await engagementPeriods(o.store);
        return sendPage(res, exportsPage({csrf, periods, years: [...new Set(periods.map((p) => Number(p.slice(0, 4))))]}));
      }
      case "/api/session":
        return sendJson(res, 200, {csrf, limits: uploadLimits, kinds: kindLabels()});
      case "/api/status":
        return sendJson(res, 200, {dashboards: dashboardsStatus(), parsing: {pending: pool.pending, workerRestarts: pool.restarts}});
      case "/api/history":
        return sendJson(res, 200, {uploads: await uploadHistory(o.store)});
      case "/exports/engagement.xlsx": {
        const period = optionalPeriod(url);
        const {engagementExport} = await import("../reports/exports/engagementXlsx.ts");
        const {period: p, bytes} = await engagementExport(o.store, period ? {period} : {});
        return sendBytes(res, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `вовлечённость ${p ?? "нет данных"}.xlsx`);
      }
      case "/exports/route.xlsx":
      case "/exports/route.docx": {
        const {routeExport} = await import("../reports/exports/routeExport.ts");
        const file = await routeExport(o.store, url.searchParams.get("teacher"), path.endsWith(".docx") ? "docx" : "xlsx");
        if (!file) throw new HttpError(404, "Нет такого педагога или у него нет результатов диагностики.");
        return sendBytes(res, file.bytes, file.type, file.fileName);
      }
      case "/api/annual":
        return sendJson(res, 200, await (await annual()).annualReport(o.store, yearOption(url)));
      case "/exports/annual.html": {
        const {annualHtml, annualReport} = await annual();
        const html = annualHtml(await annualReport(o.store, yearOption(url)));
        res.writeHead(200, {...BASE_HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"});
        res.end(html);
        return;
      }
      case "/exports/annual.pdf": {
        const {annualHtml, annualReport, htmlToPdf} = await annual();
        const r = await annualReport(o.store, yearOption(url));
        const pdf = await htmlToPdf(annualHtml(r));
        return sendBytes(res, pdf, "application/pdf", `итоговый отчёт ${r.year}.pdf`);
      }
    }
    const one = /^\/api\/uploads\/(\d+)\/issues\.xlsx$/.exec(path);
    if (one) {
      const {uploadsWithIssues, issuesWorkbook} = await exportsXlsx();
      const files = await uploadsWithIssues(o.store, [Number(one[1])]);
      if (!files.length) throw new HttpError(404, `Загрузки № ${one[1]} нет.`);
      const f = files[0]!;
      return sendBytes(res, await issuesWorkbook(files, `Замечания к файлу «${f.file}» (загрузка № ${f.uploadId})`),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `замечания ${f.file.replace(/\.xlsx$/i, "")}.xlsx`);
    }
    const batch = /^\/api\/batches\/([A-Za-z0-9-]{1,64})\/issues\.xlsx$/.exec(path);
    if (batch) {
      const {uploadsWithIssues, issuesWorkbook, batchUploadIds} = await exportsXlsx();
      const files = await uploadsWithIssues(o.store, await batchUploadIds(o.store, batch[1]!));
      if (!files.length) throw new HttpError(404, "В этой загрузке нет сохранённых файлов.");
      return sendBytes(res, await issuesWorkbook(files, `Замечания к загрузке из ${files.length} файлов`),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "замечания по загрузке.xlsx");
    }
    if (path.startsWith("/api/")) throw new HttpError(404, "Нет такого адреса.");
    return dashboards(req, res, path);
  }

  function dashboards(_req: IncomingMessage, res: ServerResponse, path: string): void {
    const candidates = path.endsWith("/") ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
    for (const c of candidates) {
      const file = underRoot(distDir, c);
      if (file && existsSync(file) && statSync(file).isFile()) {
        return serveFile(res, file, STATIC_TYPES[extname(file)] ?? "application/octet-stream");
      }
    }
    if (path === "/" || path === "/index.html") {
      return sendPage(res, page({title: "Дашборды", active: "upload", csrf: null, body:
        `<p class="status">${escapeHtml(dashboardsStatus().state === "building" ? "Дашборды собираются, это займёт около полуминуты. Обновите страницу чуть позже."
          : "Дашборды ещё не собраны.")}</p><p><a href="/upload">Загрузить отчёты</a> · <a href="/history">История загрузок</a></p>`}));
    }
    throw new HttpError(404, "Нет такой страницы.");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : "Внутренняя ошибка сервера. Данные не изменены; повторите действие.";
      // Unexpected errors are logged by kind only: their text may quote a cell or a name.
      if (!(e instanceof HttpError)) log(`ошибка ${req.method} ${new URL(req.url ?? "/", "http://x").pathname}: ${e instanceof Error ? e.name : "?"}`);
      req.resume();
      if (res.headersSent) { res.destroy(); return; }
      if ((req.headers.accept ?? "").includes("text/html") && !(req.url ?? "").startsWith("/api/")) {
        return sendPage(res, page({title: "Не получилось", active: "upload", csrf: null, body: `<p class="error">${escapeHtml(message)}</p>`}), status);
      }
      sendJson(res, status, {error: message});
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;

  await new Promise<void>((done, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) => fail(e.code === "EADDRINUSE"
      ? new UserError(`порт ${o.port} уже занят (возможно, сервер уже запущен). Укажите другой: --port 3001.`) : e));
    server.listen(o.port, o.host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(":") ? `[${o.host}]` : o.host;
  return {url: `http://${shownHost}:${port}`, port, server, pool, rebuild, csrf,
    async close() {
      await new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); });
      await rebuild?.stop();
      await pool.close();
    }};
}

function optionalPeriod(url: URL): string | undefined {
  try {
    return checkPeriod(url.searchParams.get("period") || undefined);
  } catch (e) {
    throw new HttpError(400, (e as Error).message);
  }
}

function yearOption(url: URL): {year?: number} {
  const y = url.searchParams.get("year");
  if (!y) return {};
  if (!/^\d{4}$/.test(y)) throw new HttpError(400, "Год записан неверно: нужен вид ГГГГ, например 2024.");
  return {year: Number(y)};
}
