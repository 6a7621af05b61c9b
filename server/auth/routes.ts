// The auth pages as routes, each declaring what it needs ("anyone", any "session", or an action):
// login, logout, the one-time link page, the own account page, the accounts page, the audit log
// and its XLSX, and the purge page. The route table of server/app.ts can take these entries as
// they are (method, path, needs, handle).
import type {IncomingMessage, ServerResponse} from "node:http";
import type {Store} from "../../store/database.ts";
import {readAudit, type AuditAction, type AuditFilter, AUDIT_ACTIONS} from "../../store/audit.ts";
import {compactionPending, findPeople, planPurge, purgePersonalData, type PurgeRequest} from "../../store/personalData.ts";
import {HttpError, readForm, redirect, sendBytes, sendPage} from "../http.ts";
import {csrfAllowed, fromAnotherSite, originAllowed} from "../security.ts";
import {loginPage} from "../pages/login.ts";
import {linkGonePage, setupPage} from "../pages/setup.ts";
import {accountPage} from "../pages/account.ts";
import {accountsPage, type IssuedLink} from "../pages/accounts.ts";
import {auditPage, type AuditPageFilter} from "../pages/audit.ts";
import {purgePage} from "../pages/purge.ts";
import {AccountError, accountForLogin, createWithLink, issuePasswordLink, linkInfo, listAccounts, normalizeLogin, setDisabled, setPassword,
  useLink} from "./accounts.ts";
import {decoyHash, verifyPassword} from "./passwords.ts";
import {actorOf, type Action, type Session} from "./permissions.ts";
import {landingFor} from "./requirements.ts";
import {safeNext} from "./redirect.ts";
import {parseRole, parseScope, scopeText, type Scope} from "./roles.ts";
import type {ThrottleKey} from "./throttle.ts";
import type {Auth} from "./service.ts";

export interface AuthRouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  session: Session | null;
  auth: Auth;
  store: Store;
  log: (line: string) => void;
  address: string;
  retentionDays: number;
  uploadsDir: string | null;
  dataChanged: () => void;
  scopeName: (scope: Scope) => Promise<string | null>;
  /** A Set-Cookie value for a session id (null: clear the cookie). */
  setCookie: (id: string | null, maxAgeS: number) => string;
  /** The session id the browser sent, valid or not. */
  hadCookie: string | null;
}

export interface AuthRoute {
  method: "GET" | "POST";
  path: string | RegExp;
  name: string;
  needs: "anyone" | "session" | Action;
  handle(ctx: AuthRouteContext): Promise<void>;
}

/** AccountError messages start in lower case (the CLI prefixes «Ошибка: »); a page shows a sentence. */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Whether a POST comes from this server's own page. With `Referrer-Policy: no-referrer` Chromium
 * sends `Origin: null` for a form it submits to its own site; `Sec-Fetch-Site` (which no page can
 * set) then says whether the form was this site's.
 */
export function sameSitePost(req: IncomingMessage): boolean {
  if (req.headers.origin === "null") return req.headers["sec-fetch-site"] === "same-origin";
  return originAllowed(req);
}

/** A POST from this server's own page with the session's CSRF token; the form it carried. */
async function trustedForm(ctx: AuthRouteContext, needCsrf = true): Promise<URLSearchParams> {
  if (!sameSitePost(ctx.req)) throw new HttpError(403, "Запрос пришёл с другого сайта и отклонён.");
  const form = await readForm(ctx.req, 16 * 1024);
  if (needCsrf && !csrfAllowed(form.get("csrf"), ctx.session!.csrf)) {
    throw new HttpError(403, "Нет ключа защиты формы (CSRF): обновите страницу и повторите.");
  }
  return form;
}

const minutes = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `${s} с` : `${Math.ceil(s / 60)} мин`;
};

async function login(ctx: AuthRouteContext): Promise<void> {
  const {req, res, auth, store} = ctx;
  if (auth.access.mode === "local") return redirect(res, "/");
  const form = await trustedForm(ctx, false);
  const typed = normalizeLogin(form.get("login") ?? "").slice(0, 64);
  const password = form.get("password") ?? "";
  const next = form.get("next") ?? "";
  const again = (status: number, error: string, headers: Record<string, string> = {}) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    sendPage(res, loginPage({next: safeNext(next, ""), login: typed, error}), status);
  };
  if (!typed || !password) return again(400, "Введите имя для входа и пароль.");
  const keys: ThrottleKey[] = [{kind: "account", value: typed}, {kind: "address", value: ctx.address}];
  const wait = auth.throttle.begin(keys);
  if (wait !== null) {
    return again(429, `Слишком много неудачных попыток входа. Повторите через ${minutes(wait)}.`, {"Retry-After": String(Math.ceil(wait / 1000))});
  }
  const account = await accountForLogin(store, typed);
  const ok = await verifyPassword(password, account?.passwordHash ?? await decoyHash());
  if (!ok || !account) {
    await auth.audit(req, null, {action: "login-failed", outcome: "failed", object: account ? `account:${account.id}` : null,
      details: {reason: account ? "password" : "unknown-login"}});
    for (const k of keys) {
      if (auth.throttle.justBlocked(k)) {
        await auth.audit(req, null, {action: "login-blocked", outcome: "denied", object: account && k.kind === "account" ? `account:${account.id}` : null,
          details: {reason: k.kind, waitSeconds: Math.ceil(auth.throttle.waitFor(k) / 1000)}});
      }
    }
    return again(401, "Неверное имя для входа или пароль.");
  }
  if (account.disabledAt) {
    await auth.audit(req, null, {action: "login-failed", outcome: "denied", object: `account:${account.id}`, details: {reason: "disabled"}});
    return again(403, "Учётная запись отключена. Если это ошибка, обратитесь к методисту РНЦ.");
  }
  auth.throttle.succeeded(keys);
  const {id, session} = await auth.sessions.create(account, ctx.hadCookie);
  await auth.audit(req, session, {action: "login", object: `account:${account.id}`});
  redirect(res, safeNext(next, landingFor(session)), {"Set-Cookie": ctx.setCookie(id, Math.ceil(auth.sessions.o.absoluteMs / 1000))});
}

async function loginForm(ctx: AuthRouteContext): Promise<void> {
  const q = ctx.url.searchParams;
  if (ctx.auth.access.mode === "local") return redirect(ctx.res, safeNext(q.get("next"), "/"));
  if (ctx.session) return redirect(ctx.res, safeNext(q.get("next"), landingFor(ctx.session)));
  sendPage(ctx.res, loginPage({next: safeNext(q.get("next"), ""),
    notice: q.has("bye") ? "Вы вышли." : q.has("expired") ? "Сессия закончилась: войдите снова." : q.has("password") ? "Пароль изменён: войдите с новым паролем." : null}));
}

async function logout(ctx: AuthRouteContext): Promise<void> {
  if (!ctx.session || ctx.session.local) return redirect(ctx.res, "/");
  await trustedForm(ctx);
  await ctx.auth.sessions.endKey(ctx.session.key!, "logout");
  await ctx.auth.audit(ctx.req, ctx.session, {action: "logout", object: `account:${ctx.session.accountId}`});
  redirect(ctx.res, "/login?bye=1", {"Set-Cookie": ctx.setCookie(null, 0)});
}

async function setupForm(ctx: AuthRouteContext): Promise<void> {
  const token = ctx.url.searchParams.get("token") ?? "";
  try {
    const info = await ctx.store.read((c) => linkInfo(c, token));
    sendPage(ctx.res, setupPage({token, purpose: info.purpose, account: info.account}));
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    sendPage(ctx.res, linkGonePage(sentence(e.message)), 410);
  }
}

async function setup(ctx: AuthRouteContext): Promise<void> {
  const form = await trustedForm(ctx, false);
  const token = form.get("token") ?? "";
  const input = {password: form.get("password") ?? "", login: form.get("login") ?? "", name: form.get("name") ?? ""};
  let info;
  try {
    info = await ctx.store.read((c) => linkInfo(c, token));
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return sendPage(ctx.res, linkGonePage(sentence(e.message)), 410);
  }
  const again = (error: string) => sendPage(ctx.res, setupPage({token, purpose: info.purpose, account: info.account, error,
    login: input.login, name: input.name}), 400);
  if (input.password !== (form.get("password2") ?? "")) return again("Пароли не совпадают: введите один и тот же пароль дважды.");
  let account;
  try {
    account = await useLink(ctx.store, token, input, ctx.address);
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return again(sentence(e.message));
  }
  ctx.auth.sessions.forgetAccount(account.id);
  if (ctx.auth.access.mode === "local") return redirect(ctx.res, "/accounts");
  const {id, session} = await ctx.auth.sessions.create(account, ctx.hadCookie);
  await ctx.auth.audit(ctx.req, session, {action: "login", object: `account:${account.id}`, details: {reason: "link"}});
  redirect(ctx.res, landingFor(session), {"Set-Cookie": ctx.setCookie(id, Math.ceil(ctx.auth.sessions.o.absoluteMs / 1000))});
}

async function accountView(ctx: AuthRouteContext, extra: {error?: string; notice?: string} = {}, status = 200): Promise<void> {
  const s = ctx.session!;
  sendPage(ctx.res, accountPage({session: s, scopeName: await ctx.scopeName(s.scope), ...extra}), status);
}

async function changePassword(ctx: AuthRouteContext): Promise<void> {
  const s = ctx.session!;
  if (s.local) return redirect(ctx.res, "/account");
  const form = await trustedForm(ctx);
  const password = form.get("password") ?? "";
  if (password !== (form.get("password2") ?? "")) return accountView(ctx, {error: "Новые пароли не совпадают."}, 400);
  // A stolen session must not be a free way to guess the password: the same throttle as the login.
  const keys: ThrottleKey[] = [{kind: "account", value: s.login}, {kind: "address", value: ctx.address}];
  const wait = ctx.auth.throttle.begin(keys);
  if (wait !== null) return accountView(ctx, {error: `Слишком много неудачных попыток. Повторите через ${minutes(wait)}.`}, 429);
  const account = await accountForLogin(ctx.store, s.login);
  if (!account || !await verifyPassword(form.get("current") ?? "", account.passwordHash)) {
    await ctx.auth.audit(ctx.req, s, {action: "password-change", outcome: "failed", object: `account:${s.accountId}`, details: {reason: "password"}});
    return accountView(ctx, {error: "Текущий пароль введён неверно."}, 400);
  }
  ctx.auth.throttle.succeeded(keys);
  try {
    await setPassword(ctx.store, s.login, password, actorOf(s), {address: ctx.address, keepSession: s.key});
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return accountView(ctx, {error: sentence(e.message)}, 400);
  }
  ctx.auth.sessions.forgetAccount(s.accountId!, s.key);
  return accountView(ctx, {notice: "Пароль изменён. Другие ваши сессии закончены."});
}

async function accountsView(ctx: AuthRouteContext, extra: {link?: IssuedLink; error?: string; notice?: string; form?: Record<string, string>} = {},
  status = 200): Promise<void> {
  const accounts = await listAccounts(ctx.store);
  const scopeNames = new Map<string, string | null>();
  for (const a of accounts) if (!scopeNames.has(scopeText(a.scope))) scopeNames.set(scopeText(a.scope), await ctx.scopeName(a.scope));
  sendPage(ctx.res, accountsPage({csrf: ctx.session!.csrf, accounts, sessions: await ctx.auth.sessions.openSessions(), scopeNames,
    selfId: ctx.session!.accountId, ...extra}), status);
}

/** The address a link is opened at: the public one, else this request's own origin. */
function origin(ctx: AuthRouteContext): string {
  if (ctx.auth.access.publicUrl) return ctx.auth.access.publicUrl.origin;
  return `${ctx.auth.access.tls ? "https" : "http"}://${ctx.req.headers.host ?? "127.0.0.1"}`;
}

async function addAccount(ctx: AuthRouteContext): Promise<void> {
  const form = await trustedForm(ctx);
  const fields = Object.fromEntries(["login", "name", "role", "level", "scopeId"].map((k) => [k, (form.get(k) ?? "").slice(0, 200)]));
  const role = parseRole(fields.role!);
  const parsed = parseScope(fields.level === "region" ? "регион" : `${fields.level}:${fields.scopeId!.trim()}`);
  const problem = !role ? "Выберите роль." : "error" in parsed ? sentence(parsed.error) : null;
  if (problem) return accountsView(ctx, {error: problem, form: fields}, 400);
  try {
    const s = ctx.session!;
    const {account, token, expiresAt} = await createWithLink(ctx.store, {login: fields.login!, name: fields.name!, role: role!,
      scope: (parsed as {scope: Scope}).scope}, actorOf(s), s.accountId, ctx.address);
    return accountsView(ctx, {link: {login: account.login, url: `${origin(ctx)}/setup?token=${token}`, expiresAt, created: true}});
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return accountsView(ctx, {error: sentence(e.message), form: fields}, 400);
  }
}

async function changeAccount(ctx: AuthRouteContext): Promise<void> {
  const m = /^\/accounts\/([^/]+)\/(disable|enable|reset)$/.exec(ctx.url.pathname)!;
  let login: string;
  try {
    login = decodeURIComponent(m[1]!);
  } catch {
    throw new HttpError(400, "Имя учётной записи в адресе записано неверно.");
  }
  await trustedForm(ctx);
  const s = ctx.session!;
  try {
    if (m[2] === "reset") {
      const {account, token, expiresAt} = await issuePasswordLink(ctx.store, login, actorOf(s), {address: ctx.address});
      ctx.auth.sessions.forgetAccount(account.id);
      return accountsView(ctx, {link: {login: account.login, url: `${origin(ctx)}/setup?token=${token}`, expiresAt, created: false}});
    }
    if (normalizeLogin(login) === s.login && m[2] === "disable") throw new AccountError("свою учётную запись отключить нельзя.");
    const a = await setDisabled(ctx.store, login, m[2] === "disable", actorOf(s), ctx.address);
    if (m[2] === "disable") ctx.auth.sessions.forgetAccount(a.id);
    return accountsView(ctx, {notice: m[2] === "disable" ? `Учётная запись «${a.login}» отключена, её сессии закончены.` : `Учётная запись «${a.login}» снова действует.`});
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return accountsView(ctx, {error: sentence(e.message)}, 400);
  }
}

const DAY_MS = 86_400_000;

/** The audit page's filter from the query, or a Russian problem. */
function auditFilter(q: URLSearchParams): {filter: AuditFilter; shown: AuditPageFilter; error: string | null} {
  const shown: AuditPageFilter = {from: q.get("from") ?? "", to: q.get("to") ?? "", action: q.get("action") ?? "", login: q.get("login") ?? "",
    subject: q.get("subject") ?? ""};
  const filter: AuditFilter = {};
  const problems: string[] = [];
  const date = (v: string, what: string) => {
    if (!v) return undefined;
    const t = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00`).getTime() : NaN;
    if (Number.isNaN(t)) problems.push(`${what}: нужна дата`);
    return Number.isNaN(t) ? undefined : t;
  };
  const from = date(shown.from, "«С даты»"), to = date(shown.to, "«По дату»");
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to + DAY_MS;
  if (shown.action) {
    if (shown.action in AUDIT_ACTIONS) filter.action = shown.action as AuditAction;
    else problems.push("неизвестное действие");
  }
  if (shown.login) filter.login = shown.login;
  if (shown.subject) {
    if (/^\d{1,9}$/.test(shown.subject.trim())) filter.subject = {kind: "teacher", id: Number(shown.subject.trim())};
    else problems.push("номер педагога — число");
  }
  const before = q.get("before");
  if (before && /^\d{1,15}$/.test(before)) filter.beforeId = Number(before);
  return {filter, shown, error: problems.length ? `Фильтр не применён полностью: ${problems.join("; ")}.` : null};
}

async function auditView(ctx: AuthRouteContext): Promise<void> {
  const {filter, shown, error} = auditFilter(ctx.url.searchParams);
  const {events, more} = await readAudit(ctx.store, {...filter, limit: 200});
  const query = new URLSearchParams(Object.entries(shown).filter(([, v]) => v !== "")).toString();
  sendPage(ctx.res, auditPage({events, more, filter: shown, query, error}));
}

async function auditXlsx(ctx: AuthRouteContext): Promise<void> {
  // An export (server/routes.ts guard "export"): an <img> on another site must not build it, nor add an audit event per load.
  if (fromAnotherSite(ctx.req)) throw new HttpError(403, "Выгрузку можно получить только со страниц этого сервера: запрос с другого сайта отклонён.");
  const {filter} = auditFilter(ctx.url.searchParams);
  const {events} = await readAudit(ctx.store, {...filter, limit: 100_000});
  const {auditWorkbook} = await import("../../reports/exports/auditXlsx.ts");
  const bytes = await auditWorkbook(events, `Журнал действий: ${events.length} записей, выгружен ${new Date().toLocaleString("ru-RU")}`);
  await ctx.auth.audit(ctx.req, ctx.session, {action: "export", object: "export:audit.xlsx", details: {rows: events.length}});
  sendBytes(ctx.res, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "журнал действий.xlsx");
}

async function purgeView(ctx: AuthRouteContext, extra: {notice?: string; error?: string} = {}, status = 200): Promise<void> {
  const query = (ctx.url.searchParams.get("person") ?? "").slice(0, 200);
  const matches = query ? await findPeople(ctx.store, query) : null;
  if (matches?.length) {
    // The methodologist sees names here: each search that shows people is a view of their data.
    const teachers = matches.filter((m) => m.kind === "teacher").map((m) => m.id);
    const participants = matches.filter((m) => m.kind === "participant").map((m) => m.id);
    if (teachers.length) await ctx.auth.audit(ctx.req, ctx.session, {action: "view-personal-data", object: "page:purge", subjects: {kind: "teacher", ids: teachers}});
    if (participants.length) await ctx.auth.audit(ctx.req, ctx.session, {action: "view-personal-data", object: "page:purge", subjects: {kind: "participant", ids: participants}});
  }
  const plan = await planPurge(ctx.store, {mode: "older-than", days: ctx.retentionDays});
  sendPage(ctx.res, purgePage({csrf: ctx.session!.csrf, retentionDays: ctx.retentionDays, plan, query, matches,
    compactionPending: await compactionPending(ctx.store), ...extra}), status);
}

async function purge(ctx: AuthRouteContext): Promise<void> {
  const form = await trustedForm(ctx);
  let request: PurgeRequest;
  if (form.get("mode") === "person") {
    const ids = (k: string) => form.getAll(k).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
    request = {mode: "person", teacherIds: ids("teacher"), participantIds: ids("participant")};
    if (!request.teacherIds.length && !request.participantIds.length) return purgeView(ctx, {error: "Отметьте, чьи данные удалить."}, 400);
  } else {
    const days = Number(form.get("days") ?? ctx.retentionDays);
    if (!Number.isInteger(days) || days < 0) return purgeView(ctx, {error: "Срок хранения — целое число дней."}, 400);
    request = {mode: "older-than", days};
  }
  const r = await purgePersonalData(ctx.store, request, {actor: actorOf(ctx.session), address: ctx.address, uploadsDir: ctx.uploadsDir});
  ctx.dataChanged();
  ctx.log(`удаление персональных данных № ${r.purgeId}: педагогов ${r.teacherIds.length}, участников ${r.participantIds.length}, из маршрутов ${r.namedIds.length}`);
  const notice = `Удалено: педагогов — ${r.teacherIds.length}, участников баз — ${r.participantIds.length}, ` +
    `педагогов из маршрутов и результатов учеников — ${r.namedIds.length}, обезличенных ключей заменено — ${r.keys}, ` +
    `значений в замечаниях — ${r.issues}, имён файлов — ${r.fileNames}, исходных файлов — ${r.originals.length - r.missingOriginals}. ` +
    "Сводные показатели не изменились; дашборды пересоберутся.";
  ctx.url.searchParams.delete("person");
  return purgeView(ctx, {notice});
}

export const AUTH_ROUTES: AuthRoute[] = [
  {method: "GET", path: "/login", name: "login", needs: "anyone", handle: loginForm},
  {method: "POST", path: "/login", name: "login", needs: "anyone", handle: login},
  {method: "POST", path: "/logout", name: "logout", needs: "anyone", handle: logout},
  {method: "GET", path: "/setup", name: "setup", needs: "anyone", handle: setupForm},
  {method: "POST", path: "/setup", name: "setup", needs: "anyone", handle: setup},
  {method: "GET", path: "/account", name: "account", needs: "session", handle: (ctx) => accountView(ctx)},
  {method: "POST", path: "/account/password", name: "account", needs: "session", handle: changePassword},
  {method: "GET", path: "/accounts", name: "accounts", needs: "manage-accounts", handle: (ctx) => accountsView(ctx)},
  {method: "POST", path: "/accounts", name: "accounts", needs: "manage-accounts", handle: addAccount},
  {method: "POST", path: /^\/accounts\/[^/]+\/(disable|enable|reset)$/, name: "accounts", needs: "manage-accounts", handle: changeAccount},
  {method: "GET", path: "/audit", name: "audit", needs: "read-audit", handle: auditView},
  {method: "GET", path: "/audit.xlsx", name: "audit", needs: "read-audit", handle: auditXlsx},
  {method: "GET", path: "/purge", name: "purge", needs: "purge-personal-data", handle: (ctx) => purgeView(ctx)},
  {method: "POST", path: "/purge", name: "purge", needs: "purge-personal-data", handle: purge}
];
