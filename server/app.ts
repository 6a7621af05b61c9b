// The local server (issue 8; issue 13; issue 12 §5, §7): one node:http server for the upload and
// history pages, the exports, the JSON API and the built dashboards. startServer runs five named
// steps — limits, parsers, scheduler, routes, listen —; what each address does is the route table
// (server/routes/index.ts), what it needs is its guard (server/routes.ts).
import {createServer, type IncomingMessage, type Server, type ServerResponse} from "node:http";
import {createServer as createHttpsServer} from "node:https";
import type {AddressInfo} from "node:net";
import {resolve} from "node:path";
import type {Store} from "../store/database.ts";
import type {IngestLimits} from "../loaders/ingest.ts";
import {UserError} from "../bin/io.ts";
import {ParseSupervisor, type ChildEntry} from "./parseSupervisor.ts";
import {Admission, type AdmissionOptions} from "./admission.ts";
import {LiveShells, type BuildFn, type DashboardStatus} from "./rebuild.ts";
import {defaultUploadLimits, type UploadLimits} from "./uploads.ts";
import {StoreQueue} from "./storeQueue.ts";
import {KnownBytes} from "./knownBytes.ts";
import {defaultOriginalsPolicy, enforcePolicy, reconcileOriginals, type OriginalsPolicy} from "./originals.ts";
import {PdfQueue} from "./pdfQueue.ts";
import {HttpError, answerClientError, closeSilentConnections, escapeHtml, sendJson, sendPage, wantsPage} from "./http.ts";
import {newSecret} from "./security.ts";
import {compile, dispatch, match} from "./routes.ts";
import {routeTable} from "./routes/index.ts";
import {sessionAccess} from "./access.ts";
import {createAuth, type Auth, type AuthOptions} from "./auth/service.ts";
import {hostAccepted, resolveAccess, type Access} from "./auth/access.ts";
import {currentSession} from "./auth/context.ts";
import type {Settings} from "../settings/index.ts";
import {loadSettings, readSettingsFiles, settingsDir} from "../settings/load.ts";
import {page} from "./pages/layout.ts";
import type {App} from "./appContext.ts";

export interface ServerOptions {
  store: Store;
  host: string;
  /** 0: any free port (tests). */
  port: number;
  /** Local or service mode, TLS, proxy (server/auth/access.ts); by default decided from `host` alone. */
  access?: Access;
  /** Session and throttle timings, retention of personal data (tests shorten them). */
  auth?: Pick<AuthOptions, "sessions" | "throttle" | "retentionDays" | "scopeName">;
  /** The dashboards served at / (the live shells, or a static build given ready). */
  distDir: string;
  /** Originals of accepted files, never served (data/uploads/). */
  uploadsDir: string;
  /** No longer used: the live pages read the database through the server (kept for callers). */
  snapshotPath?: string;
  /** Builds the live shells into `distDir` once, unless the ones there are of the same sources (server/rebuild.ts); null: serve `distDir` as it is. */
  build: BuildFn | null;
  uploadLimits?: UploadLimits;
  ingestLimits?: IngestLimits;
  /** Parse children kept ready (default 2). */
  workers?: number;
  /** Parse children at most: files parsed at once, all senders together (default workers + 1). */
  maxWorkers?: number;
  parseTimeoutMs?: number;
  /** V8 heap of a parse child, MB (default 128). */
  workerHeapMb?: number;
  /** OS limit (RLIMIT_DATA) of a parse child, MB (default 512; null: none). */
  workerDataMb?: number | null;
  /** Resident size a parse child may reach with a file in hand, MB (default 320). */
  workerRssMb?: number;
  /** Admission control (defaults: see admissionDefaults). */
  admission?: Partial<AdmissionOptions>;
  /** Quota and retention of kept originals (defaults: server/originals.ts). */
  originals?: Partial<OriginalsPolicy>;
  /** For tests: the parse child's script. */
  childEntry?: ChildEntry;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /** The parse children's supervisor. */
  pool: ParseSupervisor;
  /** The dashboards' live shells (built once; nothing is rebuilt after uploads). */
  rebuild: LiveShells | null;
  /** The CSRF token of local mode (in service mode each session has its own). */
  csrf: string;
  app: App;
  auth: Auth;
  close(): Promise<void>;
}

/**
 * What the server parses: real reports are well under a megabyte inflated, so the zip guard and the
 * row caps are far tighter than the command line's, which keeps a parse child's memory small; and
 * a file's issues are bounded tighter too (they travel in every answer).
 */
export const serverIngestLimits: IngestLimits = {
  zip: {maxFileBytes: 10 * 1024 * 1024, maxEntries: 500, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 48 * 1024 * 1024, maxRatio: 250},
  read: {maxRowsPerSheet: 50_000, maxCells: 500_000},
  maxIssues: 1000,
  maxIssueBytes: 256 * 1024
};

// ── step 1: limits ──────────────────────────────────────────────────────────────────────────

interface Limits {
  upload: UploadLimits;
  ingest: IngestLimits;
  admission: AdmissionOptions;
  originals: OriginalsPolicy;
}

function resolveLimits(o: ServerOptions): Limits {
  const upload = o.uploadLimits ?? defaultUploadLimits;
  const ingest = {...(o.ingestLimits ?? serverIngestLimits)};
  ingest.zip = {...ingest.zip, maxFileBytes: Math.min(ingest.zip.maxFileBytes, upload.maxFileBytes)};
  const workers = o.workers ?? 2;
  const maxParsing = Math.max(workers, o.maxWorkers ?? workers + 1);
  const admission: AdmissionOptions = {
    maxParsing,
    // One sender never takes every parser: another sender's file always finds one.
    perSender: Math.max(1, maxParsing - 1),
    // Bodies held at once: six 10 MB files (each is copied twice more while parsed: ~200 MB at worst).
    maxHeldBytes: 6 * upload.maxFileBytes + 4 * 1024 * 1024,
    maxQueuedPerSender: 2 * upload.maxFiles,
    ...o.admission
  };
  return {upload, ingest, admission, originals: {...defaultOriginalsPolicy, ...o.originals}};
}

// ── step 2: parsers ─────────────────────────────────────────────────────────────────────────

function startParsers(o: ServerOptions, limits: Limits, log: (line: string) => void): Promise<ParseSupervisor> {
  return ParseSupervisor.create({size: o.workers ?? 2, max: limits.admission.maxParsing, timeoutMs: o.parseTimeoutMs ?? 15_000,
    heapMb: o.workerHeapMb ?? 128, semiSpaceMb: 8, dataLimitMb: o.workerDataMb === undefined ? 512 : o.workerDataMb,
    rssLimitMb: o.workerRssMb ?? 320, recycleRssMb: 160, limits: limits.ingest, log, ...(o.childEntry ? {entry: o.childEntry} : {})});
}

// ── step 3: scheduler (admission, write queue, dashboards, originals) ───────────────────────

async function startScheduler(o: ServerOptions, limits: Limits, parsers: ParseSupervisor, log: (line: string) => void): Promise<{app: App; stop: () => Promise<void>}> {
  const distDir = resolve(o.distDir);
  const uploadsDir = resolve(o.uploadsDir);
  // The pages are live (issue 16 §3): built once as shells, they fetch their data from /api/pages/; an upload only bumps the data version.
  const rebuild = o.build ? new LiveShells({distDir, build: o.build, log}) : null;
  let version = 0;
  // Changes that may touch the effective settings: every change but an upload commit without a
  // settings file (an undo may restore an earlier version, a purge or a directory edit is rare).
  let settingsVersion = 0;
  const versionListeners: Array<(version: number) => void> = [];
  const dataChanged = (settingsToo: boolean) => {
    version++;
    if (settingsToo) settingsVersion++;
    for (const l of versionListeners) l(version);
  };
  const changed = () => dataChanged(true);
  // The effective settings, read again after a change that may touch them (a settings upload, or
  // an undo that restores an earlier version), not after every file of a batch: reports, exports,
  // the PDF and the parse children get them.
  // An edited JSON file is seen too: readSettingsFiles answers the same object while the files are unchanged.
  let settings: {version: number; files: unknown; value: Promise<Settings>} | null = null;
  const filesNow = () => { try { return readSettingsFiles(settingsDir(o.store.path)); } catch { return null; } };
  const currentSettings = () => {
    const files = filesNow();
    if (settings?.version !== settingsVersion || files === null || settings.files !== files) {
      const value = loadSettings(o.store).then((l) => l.settings);
      // A failed read is not kept: the next request reads again.
      value.catch(() => { if (settings?.value === value) settings = null; });
      settings = {version: settingsVersion, files, value};
    }
    return settings.value;
  };
  await reconcileOriginals(o.store, uploadsDir);
  const known = await KnownBytes.load(o.store);
  // The quota and the retention period: after uploads (at most every few seconds) and hourly.
  let policyTimer: NodeJS.Timeout | null = null;
  const enforce = () => enforcePolicy(o.store, uploadsDir, limits.originals)
    .then((r) => { if (r.files) log(`исходные файлы удалены по сроку или пределу объёма: ${r.files}`); })
    .catch((e: unknown) => log(`исходные файлы: ошибка ${e instanceof Error ? e.name : "?"}`));
  const soon = () => { policyTimer ??= setTimeout(() => { policyTimer = null; void enforce(); }, 2000); };
  await enforce();
  const hourly = setInterval(() => void enforce(), 3600_000);
  hourly.unref();
  const admission = new Admission(limits.admission);
  const storeQueue = new StoreQueue(o.store, {maxFiles: 64, limits: limits.ingest, maxWaitMs: 50, gatherMs: 2, committed: (items) => {
    for (const {item, outcome} of items) known.stored(outcome, item.rememberUnder);
    const live = items.filter(({outcome}) => outcome.uploadId !== null && outcome.status !== "rejected");
    if (live.length) {
      dataChanged(live.some(({outcome}) => outcome.kind === "settings"));
      soon();
    }
  }});
  const dashboards = (): DashboardStatus => rebuild?.status() ?? {state: "up-to-date", upToDate: true, live: true, builtAt: null,
    message: "Дашборды показывают загруженные данные сразу после загрузки: страницы обновляются сами."};
  // Off loopback without TLS this refuses to start (server/auth/access.ts); accounts replace the shared --token.
  const access = o.access ?? resolveAccess(o.host);
  const localCsrf = newSecret();
  const auth = await createAuth({store: o.store, access, localCsrf, log, uploadsDir, dataChanged: changed, ...o.auth});
  const app: App = {host: o.host, get csrf() { return currentSession()?.csrf ?? localCsrf; }, store: o.store, access: sessionAccess(), auth,
    uploadLimits: limits.upload, ingestLimits: limits.ingest, parsers, admission, storeQueue, known,
    originals: {dir: uploadsDir, policy: limits.originals}, pdf: new PdfQueue<{bytes: Buffer; name: string}>({maxWaiting: 16, cacheEntries: 4}), rebuild, distDir,
    dataVersion: () => version, onDataChanged: (l) => { versionListeners.push(l); }, changed, dashboards, settings: currentSettings, log};
  return {app, stop: async () => {
    clearInterval(hourly);
    if (policyTimer) clearTimeout(policyTimer);
    await rebuild?.stop();
  }};
}

// ── step 4: routes ──────────────────────────────────────────────────────────────────────────

const ERROR_TITLES: Record<number, string> = {400: "Запрос не понят", 401: "Нужен вход", 403: "Запрос отклонён", 404: "Нет такой страницы",
  409: "Действие не выполнено", 411: "Запрос не понят", 413: "Слишком большой запрос", 421: "Запрос отклонён", 503: "Сервер занят"};

/** A refused or failed request: a Russian page for a browser (a form post, a link), JSON for a script. */
function answerError(req: IncomingMessage, res: ServerResponse, e: unknown, log: (line: string) => void): void {
  const status = e instanceof HttpError ? e.status : 500;
  // No claim about the data here: the upload route answers every file itself, and other writes are
  // one transaction each.
  const message = e instanceof HttpError ? e.message : "Внутренняя ошибка сервера; повторите действие. Если не получится — сообщите разработчикам.";
  const headers = e instanceof HttpError ? e.headers : {};
  // Unexpected errors are logged by kind only: their text may quote a cell or a name.
  if (!(e instanceof HttpError)) log(`ошибка ${req.method} ${new URL(req.url ?? "/", "http://x").pathname}: ${e instanceof Error ? e.name : "?"}`);
  if (res.headersSent) { res.destroy(); return; }
  // The body is read to its end (and dropped) before the answer: a client still sending would
  // otherwise meet a closed connection instead of the answer. A body past the bound is cut off.
  if (!req.complete && !req.readableEnded && status !== 413 && status !== 411) {
    let drained = 0;
    const cut = setTimeout(() => req.destroy(), 60_000);
    req.on("data", (c: Buffer) => { drained += c.length; if (drained > 1024 * 1048576) req.destroy(); });
    req.once("end", () => { clearTimeout(cut); answerError(req, res, e, () => undefined); });
    req.once("error", () => clearTimeout(cut));
    req.resume();
    return;
  }
  if (wantsPage(req)) {
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    return sendPage(res, page({title: ERROR_TITLES[status] ?? "Не получилось", active: "upload", csrf: null,
      body: `<p class="error" role="alert">${escapeHtml(text)}</p><p><a href="/upload">Загрузка отчётов</a> · <a href="/history">История загрузок</a> · ` +
        "<a href=\"/exports\">Выгрузки</a></p>"}), status, headers);
  }
  sendJson(res, status, {error: message}, headers);
}

function routes(app: App): (req: IncomingMessage, res: ServerResponse) => void {
  const table = compile(routeTable());
  // Public routes (health, assets, icon) answer anyone; every other request passes the accounts'
  // gate first (server/auth/: login pages, the session, what its role may open) and runs in its session.
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!hostAccepted(req, app.host, app.auth.access)) throw new HttpError(421, "Сервер отвечает только по адресу 127.0.0.1 или localhost.");
    const found = match(table, req.method ?? "GET", url.pathname);
    if (found && found !== "method" && found.route.guard === "public") return dispatch(app, table, req, res);
    const session = await app.auth.gate(req, res, url);
    if (!session) return;
    return app.auth.run(session, () => dispatch(app, table, req, res));
  }
  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      answerError(req, res, e, app.log);
    });
  };
}

// ── step 5: listen ──────────────────────────────────────────────────────────────────────────

async function listen(server: Server, o: ServerOptions, https: boolean): Promise<{url: string; port: number}> {
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  server.on("clientError", answerClientError);
  closeSilentConnections(server, server.headersTimeout);
  await new Promise<void>((done, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) => fail(e.code === "EADDRINUSE"
      ? new UserError(`порт ${o.port} уже занят (возможно, сервер уже запущен). Укажите другой: --port 3001.`) : e));
    server.listen(o.port, o.host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(":") ? `[${o.host}]` : o.host;
  return {url: `${https ? "https" : "http"}://${shownHost}:${port}`, port};
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limits = resolveLimits(o);
  const parsers = await startParsers(o, limits, log);
  let scheduler: Awaited<ReturnType<typeof startScheduler>>;
  try {
    scheduler = await startScheduler(o, limits, parsers, log);
  } catch (e) {
    await parsers.close();
    throw e;
  }
  const {app} = scheduler;
  const handler = routes(app);
  const tls = app.auth.access.tls;
  const server: Server = tls ? createHttpsServer({...tls, minVersion: "TLSv1.2"}, handler) : createServer(handler);
  let address: {url: string; port: number};
  try {
    address = await listen(server, o, !!tls);
  } catch (e) {
    await scheduler.stop();
    await parsers.close();
    throw e;
  }
  return {...address, server, pool: parsers, rebuild: app.rebuild, csrf: app.csrf, app, auth: app.auth,
    async close() {
      await new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); });
      await scheduler.stop();
      await parsers.close();
    }};
}
