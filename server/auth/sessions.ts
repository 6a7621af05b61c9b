// Sessions (issue 16 §1): a random 256-bit id in an HttpOnly cookie; the database keeps only its
// sha256, so a copy of the database opens no session. A new id at every login (no fixation);
// an idle limit and an absolute limit; logout ends it. Sessions survive a restart (read back from
// the database on first use); the time of last use is kept in memory and written at most once a
// minute. The CSRF token of a session is an HMAC of its key under a secret of this process.
import {createHmac, randomBytes} from "node:crypto";
import {all, one, type Store} from "../../store/database.ts";
import {sha256hex, type Account} from "./accounts.ts";
import type {Session} from "./permissions.ts";
import {scopeFromColumns, type Role} from "./roles.ts";

export interface SessionOptions {
  /** A session unused this long ends (default 30 min). */
  idleMs: number;
  /** A session ends this long after login whatever happens (default 10 h: a working day). */
  absoluteMs: number;
  /** Last use is written to the database at most this often. */
  touchEveryMs: number;
  now: () => number;
}

export const defaultSessionOptions: SessionOptions = {idleMs: 30 * 60_000, absoluteMs: 10 * 3600_000, touchEveryMs: 60_000, now: () => Date.now()};

interface Live {
  key: string;
  account: Account;
  createdAt: number;
  lastSeen: number;
  written: number;
  expiresAt: number;
}

export type EndReason = "logout" | "idle" | "expired" | "disabled" | "password" | "replaced";

export class SessionManager {
  private readonly live = new Map<string, Live>();
  private readonly secret = randomBytes(32);
  readonly o: SessionOptions;

  constructor(private readonly store: Store, options: Partial<SessionOptions> = {}) {
    this.o = {...defaultSessionOptions, ...options};
  }

  csrfFor(key: string): string {
    return createHmac("sha256", this.secret).update(`csrf:${key}`).digest("base64url");
  }

  private toSession(l: Live): Session {
    const a = l.account;
    return {accountId: a.id, login: a.login, name: a.name, role: a.role, scope: a.scope, local: false, csrf: this.csrfFor(l.key), key: l.key,
      expiresAt: l.expiresAt, idleExpiresAt: Math.min(l.expiresAt, l.lastSeen + this.o.idleMs)};
  }

  /** Starts a session for an account that has just proved its password; returns the cookie's id. */
  async create(account: Account, previousId: string | null = null): Promise<{id: string; session: Session}> {
    const id = randomBytes(32).toString("base64url");
    const key = sha256hex(id);
    const now = this.o.now();
    const l: Live = {key, account, createdAt: now, lastSeen: now, written: now, expiresAt: now + this.o.absoluteMs};
    await this.store.write(async (c) => {
      await c.run(`INSERT INTO account_sessions (session_hash, account_id, created_at, last_seen_at, expires_at)
        VALUES ($k, $a, epoch_ms($now::BIGINT), epoch_ms($now::BIGINT), epoch_ms($exp::BIGINT))`, {k: key, a: account.id, now, exp: l.expiresAt});
      await c.run("UPDATE accounts SET last_login_at = epoch_ms($now::BIGINT) WHERE account_id = $a", {now, a: account.id});
    });
    // A session id the browser brought to the login page never becomes (or stays) valid.
    if (previousId) await this.end(previousId, "replaced");
    this.live.set(key, l);
    return {id, session: this.toSession(l)};
  }

  /** The session a cookie's id names, if it is still valid; `touch` counts this request as use. */
  async resolve(id: string | null | undefined, touch = true): Promise<Session | null> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = sha256hex(id);
    const l = this.live.get(key) ?? await this.load(key);
    if (!l) return null;
    const now = this.o.now();
    if (now >= l.expiresAt || now >= l.lastSeen + this.o.idleMs) {
      await this.endKey(key, now >= l.expiresAt ? "expired" : "idle");
      return null;
    }
    if (touch) {
      l.lastSeen = now;
      if (now - l.written >= this.o.touchEveryMs) {
        l.written = now;
        await this.store.write((c) => c.run("UPDATE account_sessions SET last_seen_at = epoch_ms($now::BIGINT) WHERE session_hash = $k",
          {now, k: key}).then(() => undefined));
      }
    }
    return this.toSession(l);
  }

  private async load(key: string): Promise<Live | null> {
    const r = await this.store.read((c) => one<{account_id: number; created: number; seen: number; expires: number; login: string; display_name: string;
      role: Role; scope_level: string; scope_id: string | null; password_hash: string | null; created_at: Date; disabled_at: Date | null;
      last_login_at: Date | null; password_set_at: Date | null}>(c,
      `SELECT s.account_id, epoch_ms(s.created_at) AS created, epoch_ms(s.last_seen_at) AS seen, epoch_ms(s.expires_at) AS expires,
         a.login, a.display_name, a.role, a.scope_level, a.scope_id, a.password_hash, a.created_at, a.disabled_at, a.last_login_at, a.password_set_at
       FROM account_sessions s JOIN accounts a USING (account_id)
       WHERE s.session_hash = $k AND s.ended_at IS NULL AND a.disabled_at IS NULL`, {k: key}));
    if (!r) return null;
    const account: Account = {id: r.account_id, login: r.login, name: r.display_name, role: r.role, scope: scopeFromColumns(r.scope_level, r.scope_id),
      hasPassword: r.password_hash !== null, createdAt: r.created_at, disabledAt: null, lastLoginAt: r.last_login_at, passwordSetAt: r.password_set_at};
    const l: Live = {key, account, createdAt: r.created, lastSeen: r.seen, written: r.seen, expiresAt: r.expires};
    this.live.set(key, l);
    return l;
  }

  /** Ends the session a cookie's id names (logout). */
  async end(id: string, reason: EndReason): Promise<void> {
    await this.endKey(sha256hex(id), reason);
  }

  async endKey(key: string, reason: EndReason): Promise<void> {
    this.live.delete(key);
    await this.store.write((c) => c.run(`UPDATE account_sessions SET ended_at = epoch_ms($now::BIGINT), end_reason = $r
      WHERE session_hash = $k AND ended_at IS NULL`, {now: this.o.now(), r: reason, k: key}).then(() => undefined));
  }

  /**
   * Forgets an account's sessions held in memory (after it was disabled, reset or its password
   * changed: the database rows were ended in that change's transaction), except `keepKey`.
   */
  forgetAccount(accountId: number, keepKey: string | null = null): void {
    for (const [k, l] of this.live) if (l.account.id === accountId && k !== keepKey) this.live.delete(k);
  }

  /** Open sessions per account (the accounts page). */
  async openSessions(): Promise<Map<number, number>> {
    const now = this.o.now();
    const rows = await this.store.read((c) => all<{account_id: number; n: number}>(c,
      `SELECT account_id, count(*) AS n FROM account_sessions
       WHERE ended_at IS NULL AND expires_at > epoch_ms($now::BIGINT) AND last_seen_at > epoch_ms($idle::BIGINT) GROUP BY ALL`,
      {now, idle: now - this.o.idleMs - this.o.touchEveryMs}));
    return new Map(rows.map((r) => [r.account_id, r.n]));
  }

  /** Removes rows of sessions that ended more than 90 days ago (called at start). */
  async prune(): Promise<void> {
    const cutoff = this.o.now() - 90 * 86_400_000;
    await this.store.write((c) => c.run(`DELETE FROM account_sessions WHERE (ended_at IS NOT NULL AND ended_at < epoch_ms($c::BIGINT))
      OR expires_at < epoch_ms($c::BIGINT)`, {c: cutoff}).then(() => undefined));
  }
}
