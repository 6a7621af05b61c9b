// A server in service mode for tests, accounts made directly in its database, and the requests a
// browser makes: a form POST from the server's own page (Origin), with or without a session cookie.
import {testServer, type TestServer} from "../helpers.ts";
import type {ServerOptions} from "../../../server/app.ts";
import {resolveAccess} from "../../../server/auth/access.ts";
import {createAccount, type Account} from "../../../server/auth/accounts.ts";
import type {Role, Scope} from "../../../server/auth/roles.ts";

export const PASSWORD = "зелёный чайник 42";

export interface Clock {
  now: number;
  advance(ms: number): void;
}

export function clock(start = Date.now()): Clock {
  const c: Clock = {now: start, advance: (ms) => { c.now += ms; }};
  return c;
}

/** A server on 127.0.0.1 in service mode (accounts needed), on a clock the test moves. */
export async function serviceServer(c: Clock, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const {auth, ...rest} = options;
  return testServer({access: resolveAccess("127.0.0.1", {service: true}), ...rest,
    auth: {...auth, sessions: {...auth?.sessions, now: () => c.now}, throttle: {...auth?.throttle, now: () => c.now}}});
}

export function addAccount(s: TestServer, login: string, role: Role, scope: Scope = {level: "region"}, password: string | null = PASSWORD): Promise<Account> {
  return createAccount(s.store, {login, name: `Тестовая ${login}`, role, scope, password}, {kind: "console"}, null);
}

export interface Answer {
  status: number;
  location: string | null;
  setCookie: string | null;
  /** name=value of the session cookie set, if any. */
  cookie: string | null;
  body: string;
  headers: Headers;
}

async function answer(res: Response): Promise<Answer> {
  const setCookie = res.headers.get("set-cookie");
  const m = setCookie ? /^([^=]+=[^;]*)/.exec(setCookie) : null;
  return {status: res.status, location: res.headers.get("location"), setCookie, cookie: m?.[1] ?? null, body: await res.text(), headers: res.headers};
}

/** A form POST as a browser sends it from the server's page. */
export async function postForm(url: string, path: string, fields: Record<string, string | string[]>, cookie: string | null = null,
  headers: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return answer(await fetch(`${url}${path}`, {method: "POST", body, redirect: "manual",
    headers: {"Content-Type": "application/x-www-form-urlencoded", Origin: new URL(url).origin, Accept: "text/html", ...(cookie ? {Cookie: cookie} : {}), ...headers}}));
}

export async function get(url: string, path: string, cookie: string | null = null, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(`${url}${path}`, {redirect: "manual", headers: {Accept: "text/html", ...(cookie ? {Cookie: cookie} : {}), ...headers}}));
}

export function login(url: string, who: string, password = PASSWORD, next = "", cookie: string | null = null): Promise<Answer> {
  return postForm(url, "/login", {login: who, password, next}, cookie);
}

/** Logs in and returns the session cookie (name=value). */
export async function session(url: string, who: string, password = PASSWORD): Promise<string> {
  const r = await login(url, who, password);
  if (r.status !== 303 || !r.cookie) throw new Error(`login of ${who} failed: ${r.status} ${r.body.slice(0, 200)}`);
  return r.cookie;
}

/** The CSRF token of a session (as the pages' scripts read it). */
export async function csrfOf(url: string, cookie: string): Promise<string> {
  const r = await fetch(`${url}/api/session`, {headers: {Cookie: cookie}});
  return ((await r.json()) as {csrf: string}).csrf;
}
