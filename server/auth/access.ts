// Local mode or service mode, and how the service is reached (issue 16 §1). On 127.0.0.1 with no
// flags the server is the tool of the person at this computer: no accounts. Anything that serves
// others — another address, `--service`, a certificate, a reverse proxy — is service mode, where
// every request needs a session. Off loopback, passwords and personal data cross the network, so
// the server needs TLS: its own certificate (node:https) or a reverse proxy that terminates HTTPS
// (Caddy, nginx; docs/service.md), unless started with --insecure-http, which says the risk.
import {readFileSync} from "node:fs";
import type {IncomingMessage} from "node:http";
import {isIP} from "node:net";
import {createSecureContext} from "node:tls";
import {UserError} from "../../bin/io.ts";
import {hostAllowed, isLoopback} from "../security.ts";

export interface AccessOptions {
  /** Service mode on loopback too (e.g. to try accounts, or behind a proxy on this machine). */
  service?: boolean;
  /** PEM files: the server speaks HTTPS itself. */
  tlsCert?: string | null;
  tlsKey?: string | null;
  /** Addresses of the reverse proxy in front of the server (it terminates HTTPS). */
  behindProxy?: string[] | null;
  /** The address people open (https://наставничество.example.ru): links, host check, redirects. */
  publicUrl?: string | null;
  /** Off loopback without TLS, knowingly. */
  insecureHttp?: boolean;
}

export interface Access {
  mode: "local" | "service";
  tls: {cert: Buffer; key: Buffer} | null;
  proxies: string[];
  publicUrl: URL | null;
  /** Cookies get `Secure` (and the `__Host-` name): the browser sends them over HTTPS only. */
  secureCookies: boolean;
  /** Russian lines to print at start. */
  warnings: string[];
}

export const LOCAL_ACCESS: Access = {mode: "local", tls: null, proxies: [], publicUrl: null, secureCookies: false, warnings: []};

const normalizeAddress = (a: string): string => a.replace(/^::ffff:/, "").replace(/^\[|\]$/g, "");

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new UserError(`не удалось прочитать ${what} «${path}»: проверьте путь и права на чтение.`);
  }
}

/** Decides the mode from the address and flags; refuses (Russian) what would be unsafe or contradictory. */
export function resolveAccess(host: string, o: AccessOptions = {}): Access {
  const loopback = isLoopback(host);
  const proxies = (o.behindProxy ?? []).map((p) => normalizeAddress(p.trim())).filter(Boolean);
  for (const p of proxies) if (!isIP(p)) throw new UserError(`--behind-proxy: «${p}» — не IP-адрес. Укажите адрес прокси, например 127.0.0.1.`);
  const wantsTls = Boolean(o.tlsCert || o.tlsKey);
  if (wantsTls && !(o.tlsCert && o.tlsKey)) throw new UserError("для HTTPS нужны оба файла: --tls-cert СЕРТИФИКАТ.pem и --tls-key КЛЮЧ.pem.");
  if (wantsTls && proxies.length) throw new UserError("выберите одно: свой сертификат (--tls-cert/--tls-key) или прокси (--behind-proxy), не оба.");
  if (wantsTls && o.insecureHttp) throw new UserError("--insecure-http вместе с сертификатом не имеет смысла: уберите --insecure-http.");
  let publicUrl: URL | null = null;
  if (o.publicUrl) {
    try {
      publicUrl = new URL(o.publicUrl);
    } catch {
      throw new UserError(`--public-url: «${o.publicUrl}» — не адрес. Пример: --public-url https://nastavnik.example.ru`);
    }
    if (!["https:", "http:"].includes(publicUrl.protocol) || publicUrl.pathname !== "/" || publicUrl.search || publicUrl.username) {
      throw new UserError(`--public-url: нужен адрес сайта без пути, например https://nastavnik.example.ru, а не «${o.publicUrl}».`);
    }
  }
  const service = Boolean(o.service) || !loopback || wantsTls || proxies.length > 0;
  if (!service) return {...LOCAL_ACCESS, warnings: o.insecureHttp ? ["--insecure-http не нужен: сервер слушает только этот компьютер."] : []};

  if (proxies.length && !publicUrl) {
    throw new UserError("за прокси укажите адрес, который открывают люди: --public-url https://… (по нему строятся ссылки и проверяется имя сайта).");
  }
  if (publicUrl?.protocol === "http:" && !o.insecureHttp && !loopback) {
    throw new UserError(`--public-url ${publicUrl.origin}: адрес без HTTPS. Настройте на прокси сертификат (docs/service.md) или, понимая риск, добавьте --insecure-http.`);
  }
  const encrypted = wantsTls || (proxies.length > 0 && publicUrl?.protocol === "https:");
  if (!loopback && !encrypted && !o.insecureHttp) {
    throw new UserError(`адрес ${host} открывает сервер для сети, а пароли и персональные данные нельзя передавать без шифрования. ` +
      "Дайте серверу сертификат (--tls-cert ФАЙЛ --tls-key ФАЙЛ) или поставьте перед ним обратный прокси с HTTPS " +
      "(--behind-proxy АДРЕС_ПРОКСИ --public-url https://…; Caddy и nginx — в docs/service.md). " +
      "Только для проверки в закрытой сети, понимая риск: --insecure-http.");
  }
  let tls: Access["tls"] = null;
  if (wantsTls) {
    tls = {cert: readPem(o.tlsCert!, "сертификат"), key: readPem(o.tlsKey!, "ключ")};
    try {
      createSecureContext(tls);
    } catch {
      throw new UserError("сертификат и ключ не подходят друг к другу или записаны не в формате PEM: проверьте --tls-cert и --tls-key.");
    }
  }
  const warnings: string[] = [];
  if (!encrypted && !loopback) {
    warnings.push("ВНИМАНИЕ: сервер открыт в сети без шифрования (--insecure-http). Пароли, cookie сессий и персональные данные " +
      "идут открытым текстом: их может прочитать и подменить любой в той же сети. Только для проверки в закрытой сети.");
  }
  return {mode: "service", tls, proxies, publicUrl, secureCookies: encrypted, warnings};
}

/** The client's address: the socket's, or — from a trusted proxy only — the last X-Forwarded-For entry. */
export function clientAddress(req: IncomingMessage, access: Access): string {
  const socket = normalizeAddress(req.socket.remoteAddress ?? "");
  if (!access.proxies.includes(socket)) return socket || "unknown";
  const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => normalizeAddress(s.trim())).filter(Boolean);
  const last = forwarded[forwarded.length - 1];
  return last && isIP(last) ? last : socket;
}

/** Whether the request came through the proxy over HTTPS (X-Forwarded-Proto is believed only from the proxy). */
export function viaHttps(req: IncomingMessage, access: Access): boolean {
  if (access.tls) return true;
  const socket = normalizeAddress(req.socket.remoteAddress ?? "");
  return access.proxies.includes(socket) && String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]!.trim() === "https";
}

/**
 * Host names the server answers to: those of security.ts (loopback names when bound to
 * loopback), plus the public address's host.
 */
export function hostAccepted(req: IncomingMessage, bindHost: string, access: Access): boolean {
  if (access.publicUrl && req.headers.host === access.publicUrl.host) return true;
  return hostAllowed(req, bindHost);
}

/**
 * Behind a proxy: a request that went around it is refused, and one that reached it over plain
 * HTTP is sent to the HTTPS address. null: go on.
 */
export function proxyVerdict(req: IncomingMessage, access: Access): {status: 403} | {status: 308; location: string} | null {
  if (!access.proxies.length) return null;
  const socket = normalizeAddress(req.socket.remoteAddress ?? "");
  if (!access.proxies.includes(socket)) return {status: 403};
  // Appended to the origin, never resolved against it: «//evil.example» stays a path of this site.
  const path = (req.url ?? "/").startsWith("/") ? req.url! : "/";
  if (access.secureCookies && !viaHttps(req, access)) return {status: 308, location: `${access.publicUrl!.origin}${path}`};
  return null;
}
