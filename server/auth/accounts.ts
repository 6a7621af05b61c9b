// Accounts in the database (issue 16 §1): created by the methodologist (the accounts page or
// `mentoring users`), never deleted (disabled instead, so the audit log's logins stay unique),
// with a password set by the person herself through a one-time link, or typed at the console.
// Each change and its audit record commit in one transaction.
import {createHash, randomBytes} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, one, type Store} from "../../store/database.ts";
import {auditIn, type Actor} from "../../store/audit.ts";
import {hashPassword, passwordProblem} from "./passwords.ts";
import {scopeColumns, scopeFromColumns, scopeProblem, type Role, type Scope} from "./roles.ts";

/** An expected refusal with a Russian message (a taken login, the last methodologist …). */
export class AccountError extends Error {}

export interface Account {
  id: number;
  login: string;
  name: string;
  role: Role;
  scope: Scope;
  hasPassword: boolean;
  createdAt: Date;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  passwordSetAt: Date | null;
}

interface AccountRow {
  account_id: number; login: string; display_name: string; role: Role; scope_level: string; scope_id: string | null;
  password_hash: string | null; created_at: Date; disabled_at: Date | null; last_login_at: Date | null; password_set_at: Date | null;
}

const toAccount = (r: AccountRow): Account => ({id: r.account_id, login: r.login, name: r.display_name, role: r.role,
  scope: scopeFromColumns(r.scope_level, r.scope_id), hasPassword: r.password_hash !== null, createdAt: r.created_at,
  disabledAt: r.disabled_at, lastLoginAt: r.last_login_at, passwordSetAt: r.password_set_at});

export const sha256hex = (s: string): string => createHash("sha256").update(s).digest("hex");

/** A login as stored: trimmed, lower case. */
export function normalizeLogin(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, "е");
}

/** Why a login will not do (Russian), or null: 2–40 letters, digits, dot, dash or underscore. */
export function loginProblem(login: string): string | null {
  return /^[\p{L}\p{N}][\p{L}\p{N}._-]{1,39}$/u.test(login) ? null
    : `имя для входа «${login.slice(0, 40)}» не подходит: от 2 до 40 букв, цифр, точек, дефисов или подчёркиваний, без пробелов.`;
}

export async function listAccounts(store: Store): Promise<Account[]> {
  return (await store.read((c) => all<AccountRow>(c, "SELECT * FROM accounts ORDER BY disabled_at IS NOT NULL, login"))).map(toAccount);
}

export async function accountById(store: Store, id: number): Promise<Account | null> {
  const r = await store.read((c) => one<AccountRow>(c, "SELECT * FROM accounts WHERE account_id = $id", {id}));
  return r ? toAccount(r) : null;
}

/** An account with its password hash, for checking a login. */
export async function accountForLogin(store: Store, login: string): Promise<(Account & {passwordHash: string | null}) | null> {
  const r = await store.read((c) => one<AccountRow>(c, "SELECT * FROM accounts WHERE login = $l", {l: normalizeLogin(login)}));
  return r ? {...toAccount(r), passwordHash: r.password_hash} : null;
}

async function accountByLoginIn(conn: DuckDBConnection, login: string): Promise<Account> {
  const r = await one<AccountRow>(conn, "SELECT * FROM accounts WHERE login = $l", {l: normalizeLogin(login)});
  if (!r) throw new AccountError(`учётной записи «${normalizeLogin(login).slice(0, 40)}» нет. Список: mentoring users list.`);
  return toAccount(r);
}

export async function activeMethodologists(conn: DuckDBConnection): Promise<number> {
  return (await one<{n: number}>(conn, "SELECT count(*) AS n FROM accounts WHERE role = 'methodologist' AND disabled_at IS NULL"))!.n;
}

export interface NewAccount {
  login: string;
  name: string;
  role: Role;
  scope: Scope;
  /** Set now (typed at the console); otherwise the person sets it through a one-time link. */
  password?: string | null;
}

/** Checks a new account's fields; throws AccountError with every problem in Russian. */
export function checkNewAccount(a: NewAccount): void {
  const problems = [loginProblem(normalizeLogin(a.login)), scopeProblem(a.role, a.scope),
    a.name.trim().length < 2 || a.name.length > 120 ? "укажите имя человека (от 2 до 120 знаков), как к нему обращаться." : null,
    a.password != null ? passwordProblem(a.password, normalizeLogin(a.login)) : null].filter((p): p is string => p !== null);
  // Each problem is a sentence; the first stays lower case (the CLI prints it after «Ошибка: »).
  if (problems.length) throw new AccountError(problems.map((p, i) => i ? p.charAt(0).toUpperCase() + p.slice(1) : p).join(" "));
}

export async function createAccountIn(conn: DuckDBConnection, a: NewAccount, actor: Actor, createdBy: number | null,
  address: string | null = null): Promise<Account> {
  checkNewAccount(a);
  const login = normalizeLogin(a.login);
  if (await one(conn, "SELECT 1 FROM accounts WHERE login = $l", {l: login})) {
    throw new AccountError(`имя для входа «${login}» уже занято (учётные записи не удаляются, только отключаются): выберите другое.`);
  }
  const hash = a.password != null ? await hashPassword(a.password) : null;
  const s = scopeColumns(a.scope);
  const now = Date.now();
  const row = (await one<AccountRow>(conn, `INSERT INTO accounts (login, display_name, role, scope_level, scope_id, password_hash, password_set_at, created_at, created_by)
    VALUES ($login, $name, $role, $level, $sid, $hash, CASE WHEN $hash IS NULL THEN NULL ELSE epoch_ms($now::BIGINT) END, epoch_ms($now::BIGINT), $by)
    RETURNING *`, {login, name: a.name.trim(), role: a.role, level: s.level, sid: s.id, hash, now, by: createdBy}))!;
  await auditIn(conn, {actor, action: "account-create", object: `account:${row.account_id}`, address,
    details: {role: a.role, scope: s.id ? `${s.level}:${s.id}` : s.level}});
  return toAccount(row);
}

export function createAccount(store: Store, a: NewAccount, actor: Actor, createdBy: number | null, address: string | null = null): Promise<Account> {
  checkNewAccount(a);
  return store.write((conn) => createAccountIn(conn, a, actor, createdBy, address));
}

/** Ends every open session of an account (in the database; the server also drops them from memory). */
export async function endSessionsIn(conn: DuckDBConnection, accountId: number, reason: string, exceptKey: string | null = null): Promise<void> {
  await conn.run(`UPDATE account_sessions SET ended_at = epoch_ms($now::BIGINT), end_reason = $r
    WHERE account_id = $id AND ended_at IS NULL AND session_hash IS DISTINCT FROM $except`, {now: Date.now(), r: reason, id: accountId, except: exceptKey});
}

export async function setDisabled(store: Store, login: string, disabled: boolean, actor: Actor, address: string | null = null): Promise<Account> {
  return store.write(async (conn) => {
    const a = await accountByLoginIn(conn, login);
    if (disabled && a.disabledAt) throw new AccountError(`учётная запись «${a.login}» уже отключена.`);
    if (!disabled && !a.disabledAt) throw new AccountError(`учётная запись «${a.login}» и так действует.`);
    if (disabled && a.role === "methodologist" && (await activeMethodologists(conn)) <= 1) {
      throw new AccountError(`«${a.login}» — последняя действующая учётная запись методиста: сначала создайте другую, иначе управлять сервисом будет некому.`);
    }
    await conn.run(`UPDATE accounts SET disabled_at = ${disabled ? "epoch_ms($now::BIGINT)" : "NULL"} WHERE account_id = $id`,
      disabled ? {now: Date.now(), id: a.id} : {id: a.id});
    if (disabled) await endSessionsIn(conn, a.id, "disabled");
    await auditIn(conn, {actor, action: disabled ? "account-disable" : "account-enable", object: `account:${a.id}`, address});
    return {...a, disabledAt: disabled ? new Date() : null};
  });
}

/** Sets a password (console or the account page); ends the account's other sessions. */
export async function setPassword(store: Store, login: string, password: string, actor: Actor, o: {address?: string | null;
  keepSession?: string | null; action?: "password-change" | "password-set"} = {}): Promise<Account> {
  const a0 = await accountForLogin(store, login);
  if (!a0) throw new AccountError(`учётной записи «${normalizeLogin(login).slice(0, 40)}» нет.`);
  const problem = passwordProblem(password, a0.login);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(password);
  return store.write(async (conn) => {
    const a = await accountByLoginIn(conn, login);
    await conn.run("UPDATE accounts SET password_hash = $h, password_set_at = epoch_ms($now::BIGINT) WHERE account_id = $id",
      {h: hash, now: Date.now(), id: a.id});
    await endSessionsIn(conn, a.id, "password", o.keepSession ?? null);
    await auditIn(conn, {actor, action: o.action ?? "password-change", object: `account:${a.id}`, address: o.address ?? null});
    return {...a, hasPassword: true};
  });
}

export type LinkPurpose = "first-account" | "set-password";

export const LINK_TTL_MS: Record<LinkPurpose, number> = {"first-account": 30 * 60_000, "set-password": 72 * 3600_000};

/**
 * A one-time link's token (returned once, stored as a hash). For `set-password` the account's
 * current password stops working and its sessions end (a reset); earlier links of the same
 * purpose and account stop working.
 */
export async function issueLinkIn(conn: DuckDBConnection, purpose: LinkPurpose, accountId: number | null, actor: Actor,
  o: {ttlMs?: number; address?: string | null; now?: number; reset?: boolean} = {}): Promise<{token: string; expiresAt: number}> {
  const token = randomBytes(32).toString("base64url");
  const now = o.now ?? Date.now();
  const expiresAt = now + (o.ttlMs ?? LINK_TTL_MS[purpose]);
  await conn.run(`UPDATE account_links SET used_at = epoch_ms($now::BIGINT)
    WHERE used_at IS NULL AND purpose = $p AND account_id IS NOT DISTINCT FROM $a`, {now, p: purpose, a: accountId});
  await conn.run(`INSERT INTO account_links (token_hash, purpose, account_id, created_at, expires_at)
    VALUES ($h, $p, $a, epoch_ms($now::BIGINT), epoch_ms($exp::BIGINT))`, {h: sha256hex(token), p: purpose, a: accountId, now, exp: expiresAt});
  if (purpose === "set-password" && accountId !== null) {
    await conn.run("UPDATE accounts SET password_hash = NULL WHERE account_id = $id", {id: accountId});
    await endSessionsIn(conn, accountId, "password");
  }
  await auditIn(conn, {actor, action: purpose === "set-password" && o.reset !== false ? "account-reset" : "link-issued",
    object: accountId !== null ? `account:${accountId}` : "page:setup", address: o.address ?? null,
    details: {reason: purpose, validMinutes: Math.round((expiresAt - now) / 60_000)}});
  return {token, expiresAt};
}

/** Creates an account without a password and the one-time link by which its holder sets one. */
export async function createWithLink(store: Store, a: NewAccount, actor: Actor, createdBy: number | null, address: string | null = null):
  Promise<{account: Account; token: string; expiresAt: number}> {
  checkNewAccount({...a, password: null});
  return store.write(async (conn) => {
    const account = await createAccountIn(conn, {...a, password: null}, actor, createdBy, address);
    return {account, ...await issueLinkIn(conn, "set-password", account.id, actor, {address, reset: false})};
  });
}

/** A set-password link for an existing account (a reset: its password stops working). */
export async function issuePasswordLink(store: Store, login: string, actor: Actor, o: {address?: string | null; ttlMs?: number} = {}):
  Promise<{account: Account; token: string; expiresAt: number}> {
  return store.write(async (conn) => {
    const account = await accountByLoginIn(conn, login);
    if (account.disabledAt) throw new AccountError(`учётная запись «${account.login}» отключена: сначала включите её.`);
    return {account, ...await issueLinkIn(conn, "set-password", account.id, actor, o)};
  });
}

export interface LinkInfo {
  purpose: LinkPurpose;
  account: Account | null;
}

const LINK_GONE = "ссылка недействительна: она уже использована, устарела или набрана с ошибкой. Попросите у методиста новую " +
  "(или, для первой учётной записи, перезапустите сервер — он напечатает новую ссылку).";

/** What a link is for, if it can still be used. */
export async function linkInfo(conn: DuckDBConnection, token: string, now = Date.now()): Promise<LinkInfo> {
  const r = await one<{purpose: LinkPurpose; account_id: number | null; expired: boolean; used: boolean}>(conn,
    `SELECT purpose, account_id, expires_at <= epoch_ms($now::BIGINT) AS expired, used_at IS NOT NULL AS used
     FROM account_links WHERE token_hash = $h`, {h: sha256hex(token), now});
  if (!r || r.expired || r.used) throw new AccountError(LINK_GONE);
  if (r.purpose === "first-account") {
    if ((await activeMethodologists(conn)) > 0) throw new AccountError("первая учётная запись методиста уже создана: войдите под ней.");
    return {purpose: r.purpose, account: null};
  }
  const a = await one<AccountRow>(conn, "SELECT * FROM accounts WHERE account_id = $id", {id: r.account_id});
  if (!a || a.disabled_at) throw new AccountError(LINK_GONE);
  return {purpose: r.purpose, account: toAccount(a)};
}

/**
 * Uses a link: sets the account's password (`set-password`) or creates the first methodologist
 * (`first-account`, with her login and name). The link then stops working.
 */
export async function useLink(store: Store, token: string, input: {password: string; login?: string; name?: string},
  address: string | null = null): Promise<Account> {
  const info = await store.read((c) => linkInfo(c, token));
  const login = info.account?.login ?? normalizeLogin(input.login ?? "");
  if (info.purpose === "first-account") checkNewAccount({login, name: input.name ?? "", role: "methodologist", scope: {level: "region"}, password: input.password});
  const problem = passwordProblem(input.password, login);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(input.password);
  return store.write(async (conn) => {
    const again = await linkInfo(conn, token);
    await conn.run("UPDATE account_links SET used_at = epoch_ms($now::BIGINT) WHERE token_hash = $h", {now: Date.now(), h: sha256hex(token)});
    if (again.purpose === "first-account") {
      const created = await createAccountIn(conn, {login, name: input.name ?? "", role: "methodologist", scope: {level: "region"}},
        {kind: "anonymous"}, null, address);
      await conn.run("UPDATE accounts SET password_hash = $h, password_set_at = epoch_ms($now::BIGINT) WHERE account_id = $id",
        {h: hash, now: Date.now(), id: created.id});
      await auditIn(conn, {actor: {kind: "account", accountId: created.id, login: created.login, role: created.role},
        action: "password-set", object: `account:${created.id}`, address});
      return {...created, hasPassword: true};
    }
    const a = again.account!;
    await conn.run("UPDATE accounts SET password_hash = $h, password_set_at = epoch_ms($now::BIGINT) WHERE account_id = $id",
      {h: hash, now: Date.now(), id: a.id});
    await endSessionsIn(conn, a.id, "password");
    await auditIn(conn, {actor: {kind: "account", accountId: a.id, login: a.login, role: a.role}, action: "password-set",
      object: `account:${a.id}`, address});
    return {...a, hasPassword: true};
  });
}

/** Is there any methodologist who can log in? (Else a service needs its first-account link.) */
export async function hasActiveMethodologist(store: Store): Promise<boolean> {
  return store.read(async (c) => (await activeMethodologists(c)) > 0);
}
