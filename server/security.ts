// The server's guards (issue 8 §4; RELIABILITY.md «What trusted references ask»): who may talk to
// it (the Host it answers to, the access token), whether a write comes from its own pages (Origin,
// CSRF token), and how a sender's file name is made safe to keep and show.
import {createHash, randomBytes, timingSafeEqual} from "node:crypto";
import type {IncomingMessage} from "node:http";

/** Loopback addresses: only the person at this computer can reach the server. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Equal strings, compared in constant time (a token must not leak through timing). */
export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is no credential.
    }
  }
  return out;
}

export const AUTH_COOKIE = "mentoring_auth";

/** The access token from the cookie the login page sets, or from `Authorization: Bearer …`. */
export function givenToken(req: IncomingMessage): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return bearer?.[1]?.trim() ?? cookies(req)[AUTH_COOKIE] ?? null;
}

/**
 * Hosts the server answers to. Bound to loopback it answers only to loopback names, so a web page
 * on another site cannot reach it through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
 */
export function hostAllowed(req: IncomingMessage, bindHost: string): boolean {
  if (!isLoopback(bindHost)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return isLoopback(name);
}

/**
 * A write must come from this server's own pages: a browser sends Origin (or at least
 * Sec-Fetch-Site) with every POST, and it must name this very host. `Origin: null` is what a
 * browser sends when a page's referrer policy hides its origin: accepted only together with
 * `Sec-Fetch-Site: same-origin`, which the browser sets itself and a page cannot forge (issue 12 §5).
 * Clients that are not browsers (scripts, the benchmark) send neither and are held by the CSRF
 * token and the access token.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  const site = req.headers["sec-fetch-site"];
  if (origin !== undefined) {
    if (origin === "null") return site === "same-origin";
    if (!host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return site === undefined || site === "same-origin" || site === "none";
}

/**
 * A read that costs work (an export, a PDF) asked for by another site: an `<img src>` or a link on
 * any page would otherwise start Chromium here. `same-site` is refused too: another port of this
 * host is another program. A typed address or a bookmark is `none`; scripts send nothing.
 */
export function fromAnotherSite(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  return site === "cross-site" || site === "same-site";
}

/** The CSRF token a POST carries: header `X-CSRF-Token` (pages' scripts) or form field `csrf`. */
export function csrfAllowed(given: string | undefined | null, expected: string): boolean {
  return sameSecret(given ?? null, expected);
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is shown and recorded under: the last path component only (a name like
 * «..\..\boot.ini» or «/etc/passwd» keeps no folders), without control or bidi characters, at most
 * 150 characters. The file itself is stored under a generated name: this one never reaches a path.
 */
export function safeDisplayName(raw: string | undefined | null): string {
  const base = String(raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(CONTROL, "").replace(/\s+/g, " ").trim();
  const chars = [...clean];
  const short = chars.length > 150 ? chars.slice(0, 110).join("") + "…" + chars.slice(-39).join("") : clean;
  return short === "" || short === "." || short === ".." ? "без имени.xlsx" : short;
}

/** Headers on every answer; pages the server writes itself also get a strict CSP. */
export const BASE_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  // Not no-referrer: with it Chromium posts the pages' own forms with `Origin: null` (issue 12 §5).
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "SAMEORIGIN",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin"
};

export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'self'";
