// The server's side of accounts (issue 16 §1, §5): who is asking (`authenticate`), the gate every
// request passes (`gate`: the auth pages, then the requirement of the route asked for), and the
// audit calls the rest of the server makes. In local mode every request is the implicit
// methodologist; in service mode a request needs a session cookie.
import {readFileSync, statSync} from "node:fs";
import type {IncomingMessage, ServerResponse} from "node:http";
import type {Store} from "../../store/database.ts";
import {audit, auditManyIn, type Actor, type AuditEvent} from "../../store/audit.ts";
import {DEFAULT_RETENTION_DAYS} from "../../store/personalData.ts";
import {HttpError, escapeHtml, sendJson, sendPage} from "../http.ts";
import {cookies} from "../security.ts";
import {page} from "../pages/layout.ts";
import {clientAddress, proxyVerdict, type Access} from "./access.ts";
import {hasActiveMethodologist, issueLinkIn} from "./accounts.ts";
import {inSession} from "./context.ts";
import {actorOf, can, type Session} from "./permissions.ts";
import {requirementFor, unmet, type Requirement} from "./requirements.ts";
import {SessionManager, type SessionOptions} from "./sessions.ts";
import {LoginThrottle, type ThrottleOptions} from "./throttle.ts";
import {AUTH_ROUTES, type AuthRouteContext} from "./routes.ts";
import type {Scope} from "./roles.ts";

export interface AuthOptions {
  store: Store;
  access: Access;
  /** The server's CSRF token, which the implicit session of local mode carries. */
  localCsrf: string;
  log?: (line: string) => void;
  sessions?: Partial<SessionOptions>;
  throttle?: Partial<ThrottleOptions>;
  /** Retention of personal data, days (to be read from the settings module; default 1095). */
  retentionDays?: number;
  /** Originals of uploads (a purge deletes those past retention). */
  uploadsDir?: string | null;
  /** Called after a purge changed data (the server rebuilds the dashboards and their snapshot). */
  dataChanged?: () => void;
  /** The directory's name of a municipality or school (null: unknown id — shown as its number). */
  scopeName?: (scope: Scope) => Promise<string | null>;
}

export interface Auth {
  readonly access: Access;
  readonly sessions: SessionManager;
  readonly throttle: LoginThrottle;
  readonly cookieName: string;
  /** The implicit methodologist (local mode), the cookie's session (service mode), or null. */
  authenticate(req: IncomingMessage, touch?: boolean): Promise<Session | null>;
  /**
   * Every request after the Host check: answers the auth pages itself, refuses what the session
   * may not do (redirecting to /login when there is no session). Returns the session to go on
   * with, or null when it has answered.
   */
  gate(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Session | null>;
  /** Records an event as this session, from this client. */
  audit(req: IncomingMessage, session: Session | null, event: Omit<AuditEvent, "actor" | "address">): Promise<void>;
  /** One event per file of an upload request (in one transaction). */
  auditUploads(req: IncomingMessage, session: Session, files: UploadedFile[]): Promise<void>;
  /** Who a request's uploads are recorded as: the store queue writes a stored file's event in the file's own transaction. */
  uploader(req: IncomingMessage, session: Session): Uploader;
  /** A dashboard file that carries people's data is about to be served: records whose. */
  auditDashboardFile(req: IncomingMessage, session: Session, urlPath: string, file: string): Promise<void>;
  /** Lines to print when the server has started (warnings, the first account's one-time link). */
  startupNotes(baseUrl: string): Promise<string[]>;
  /** Runs fn with the session as the request's context (the page frame reads it). */
  run<T>(session: Session, fn: () => T): T;
}

/** What the audit records of one file of an upload request. */
export interface UploadedFile {
  uploadId: number | null;
  sameAs?: number | null;
  status: string;
  kind: string | null;
  period: string | null;
}

/** The sender of an upload request, as the audit log records it. */
export interface Uploader {
  actor: Actor;
  address: string;
}

/** The audit event of one file of an upload request. */
export function uploadEvent(by: Uploader, f: UploadedFile): AuditEvent {
  const id = f.uploadId ?? f.sameAs ?? null;
  return {actor: by.actor, action: "upload", object: id !== null ? `upload:${id}` : null, address: by.address,
    outcome: f.status === "rejected" ? "failed" : "ok", details: {status: f.status, kind: f.kind, period: f.period}};
}

/** Dashboard data files with people's names, and how to read whose they are. */
const PERSONAL_FILES: Array<{test: RegExp; object: string; ids: (json: any) => number[]}> = [
  {test: /^\/_file\/data\/teachers(\.[0-9a-f]+)?\.json$/, object: "page:teacher-card",
    // The curator's page data (reports/curatorPage.ts): {teachers: {available, data: {teachers: [{id, name …}]}}, routes …}.
    ids: (j) => {
      const list = j?.teachers?.data?.teachers ?? j?.data?.teachers?.data?.teachers ?? j?.data?.teachers;
      return Array.isArray(list) ? list.map((t: {id: unknown}) => Number(t.id)).filter(Number.isInteger) : [];
    }}
];

export async function createAuth(o: AuthOptions): Promise<Auth> {
  const {store, access} = o;
  const log = o.log ?? (() => undefined);
  const sessions = new SessionManager(store, o.sessions);
  const throttle = new LoginThrottle(o.throttle);
  const cookieName = access.secureCookies ? "__Host-mentoring_session" : "mentoring_session";
  const local: Session = {accountId: null, login: "local", name: "Этот компьютер", role: "methodologist", scope: {level: "region"}, local: true,
    csrf: o.localCsrf, key: null, expiresAt: null, idleExpiresAt: null};
  if (access.mode === "service") await sessions.prune();
  const idsCache = new Map<string, {mtime: number; ids: number[]}>();

  const address = (req: IncomingMessage) => clientAddress(req, access);

  async function authenticate(req: IncomingMessage, touch = true): Promise<Session | null> {
    if (access.mode === "local") return local;
    return sessions.resolve(cookies(req)[cookieName], touch);
  }

  const auth: Auth = {
    access, sessions, throttle, cookieName, authenticate,

    async gate(req, res, url) {
      const path = url.pathname;
      const method = req.method === "HEAD" ? "GET" : req.method ?? "GET";
      if (access.secureCookies) res.setHeader("Strict-Transport-Security", "max-age=31536000");
      const verdict = proxyVerdict(req, access);
      if (verdict?.status === 308) {
        res.writeHead(308, {Location: verdict.location, "Cache-Control": "no-store"});
        res.end();
        return null;
      }
      if (verdict) throw new HttpError(403, "Сервер принимает запросы только через свой прокси с HTTPS: откройте его адрес.");

      const route = AUTH_ROUTES.find((r) => r.method === method && (typeof r.path === "string" ? r.path === path : r.path.test(path)));
      const requirement: Requirement | null = route ? null : requirementFor(method, path);
      const session = await authenticate(req, requirement?.touch ?? true);
      const ctx: AuthRouteContext = {req, res, url, session, auth, store, log, address: address(req), retentionDays: o.retentionDays ?? DEFAULT_RETENTION_DAYS,
        uploadsDir: o.uploadsDir ?? null, dataChanged: o.dataChanged ?? (() => undefined), scopeName: o.scopeName ?? (async () => null),
        setCookie: (id, maxAgeS) => cookie(id, maxAgeS), hadCookie: cookies(req)[cookieName] ?? null};
      if (route) {
        if (route.needs !== "anyone") {
          if (!session) {
            notLoggedIn(req, res, url, method, ctx.hadCookie !== null);
            return null;
          }
          if (route.needs !== "session" && !can(session, route.needs)) {
            await deny(req, res, session, `route:${route.name}`, `Нет доступа к этой странице: она для методиста РНЦ.`);
            return null;
          }
        }
        // An anonymous page (login, link) is rendered with no session: its frame shows no menu.
        await (session ? inSession(session, () => route.handle(ctx)) : route.handle(ctx));
        return null;
      }
      if (!session) {
        notLoggedIn(req, res, url, method, ctx.hadCookie !== null);
        return null;
      }
      const why = unmet(session, requirement!);
      if (why) {
        await deny(req, res, session, `route:${requirement!.name}`, why);
        return null;
      }
      return session;
    },

    audit(req, session, event) {
      return audit(store, {...event, actor: actorOf(session), address: address(req)});
    },

    async auditUploads(req, session, files) {
      if (!files.length) return;
      const by = auth.uploader(req, session);
      await store.write((conn) => auditManyIn(conn, files.map((f) => uploadEvent(by, f))));
    },

    uploader: (req, session) => ({actor: actorOf(session), address: address(req)}),

    async auditDashboardFile(req, session, urlPath, file) {
      const personal = PERSONAL_FILES.find((p) => p.test.test(urlPath));
      if (!personal) return;
      const mtime = statSync(file).mtimeMs;
      let cached = idsCache.get(file);
      if (!cached || cached.mtime !== mtime) {
        let ids: number[] = [];
        try {
          ids = personal.ids(JSON.parse(readFileSync(file, "utf8")));
        } catch {
          // Not JSON we know: recorded as a view with no ids rather than not at all.
        }
        cached = {mtime, ids};
        idsCache.set(file, cached);
      }
      await auth.audit(req, session, {action: "view-personal-data", object: personal.object,
        subjects: {kind: "teacher", ids: cached.ids}, details: {teachers: cached.ids.length}});
    },

    async startupNotes(baseUrl) {
      if (access.mode === "local") return [...access.warnings];
      const lines = [...access.warnings];
      const origin = access.publicUrl?.origin ?? baseUrl;
      if (await hasActiveMethodologist(store)) {
        lines.push(`Режим сервиса: вход по учётным записям — ${origin}/login`);
        return lines;
      }
      const {token, expiresAt} = await store.write((conn) => issueLinkIn(conn, "first-account", null, {kind: "console"}));
      const until = new Date(expiresAt).toLocaleTimeString("ru-RU", {hour: "2-digit", minute: "2-digit"});
      lines.push("Учётных записей ещё нет. Создайте первую учётную запись методиста РНЦ по одноразовой ссылке",
        `(действует один раз, до ${until}; не пересылайте её по почте и в чаты):`, `  ${origin}/setup?token=${token}`,
        "Ссылка устарела — перезапустите сервер, он напечатает новую. Или, остановив сервер: mentoring users add ЛОГИН --role методист");
      log("выдана ссылка для первой учётной записи");
      return lines;
    },

    run: (session, fn) => inSession(session, fn)
  };

  function cookie(id: string | null, maxAgeS: number): string {
    return `${cookieName}=${id ?? ""}; Path=/; HttpOnly; SameSite=Lax${access.secureCookies ? "; Secure" : ""}; Max-Age=${id ? maxAgeS : 0}`;
  }

  function notLoggedIn(req: IncomingMessage, res: ServerResponse, url: URL, method: string, expired: boolean): void {
    if (method === "GET" && !url.pathname.startsWith("/api/")) {
      const next = encodeURIComponent(url.pathname + url.search);
      res.writeHead(303, {Location: `/login?next=${next}${expired ? "&expired=1" : ""}`, "Cache-Control": "no-store"});
      res.end();
      return;
    }
    req.resume();
    sendJson(res, 401, {error: expired ? "Сессия закончилась: войдите снова (/login)." : "Нужно войти: откройте /login."});
  }

  async function deny(req: IncomingMessage, res: ServerResponse, session: Session, object: string, message: string): Promise<void> {
    await auth.audit(req, session, {action: "access-denied", outcome: "denied", object});
    req.resume();
    if ((req.headers.accept ?? "").includes("text/html") && !(req.url ?? "").startsWith("/api/")) {
      sendPage(res, inSession(session, () => page({title: "Нет доступа", active: "account", csrf: session.csrf,
        body: `<p class="error" role="alert" id="denied">${escapeHtml(message)}</p><p><a href="/account">Моя учётная запись и права</a></p>`})), 403);
      return;
    }
    sendJson(res, 403, {error: message});
  }

  return auth;
}
