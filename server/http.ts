// Small answers for node:http: JSON, HTML, files, redirects, errors in Russian.
import type {IncomingMessage, Server, ServerResponse} from "node:http";
import type {Duplex} from "node:stream";
import {BASE_HEADERS, PAGE_CSP} from "./security.ts";

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** 503 «сервер занят, повторите через N с» with Retry-After (issue 13 §3). */
export function busy(seconds: number, what = "сервер занят"): HttpError {
  return new HttpError(503, `${what}, повторите через ${seconds} с.`, {"Retry-After": String(seconds)});
}

/** How slow a request body may be (see cutStalledBody). */
export interface StallLimits {
  /** The window, ms. */
  windowMs: number;
  /** Bytes that must arrive in every window while the server is reading the body. */
  minBytes: number;
}

/** Under 4 KB in 15 s is about 2 kbit/s: no school's line, only a sender holding the server's reserve open. */
export const defaultStall: StallLimits = {windowMs: 15_000, minBytes: 4096};

/**
 * Cuts a request whose body stalls (slowloris: a byte a second): while the server is reading the body,
 * fewer than `minBytes` arriving in a window answer 408 in Russian and close the connection, so the
 * memory reserved for the body is given back in seconds, not at the request timeout (two such
 * senders declaring 30 MB each held back every upload over 4 MB for two minutes, renewable at will).
 * A window in which the server itself paused reading (it is parsing earlier files) does not count.
 * Returns the function that stops watching.
 */
export function cutStalledBody(req: IncomingMessage, res: ServerResponse, limits: StallLimits = defaultStall): () => void {
  const socket = req.socket;
  let last = socket.bytesRead;
  const timer = setInterval(() => {
    const read = socket.bytesRead;
    const paused = req.readableFlowing !== true || req.isPaused();
    if (req.complete || paused || read - last >= limits.minBytes) { last = read; return; }
    clearInterval(timer);
    if (!res.headersSent) {
      const text = JSON.stringify({error: `Файл передаётся слишком медленно (меньше ${Math.round(limits.minBytes / 1024)} КБ за ${Math.round(limits.windowMs / 1000)} с), приём остановлен. Проверьте связь и загрузите файл ещё раз.`});
      head(res, 408, {"Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), Connection: "close"});
      // The request itself is destroyed too: after an answer, closing only the socket does not end it,
      // and the body's reader (with the reserve) would wait for it forever.
      res.end(text, () => { req.destroy(); socket.destroy(); });
    } else { req.destroy(); socket.destroy(); }
  }, limits.windowMs);
  timer.unref();
  return () => clearInterval(timer);
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "Слишком большие заголовки запроса (очень длинный адрес или cookie). Очистите cookie этого сайта и повторите."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "Запрос не получен полностью за отведённое время. Проверьте связь и повторите."]
};

/**
 * Node's answer to a request it cannot parse (a 1 MB cookie or address, a broken request line) is a
 * bare English status line; this one says what happened in Russian (`server.on("clientError", …)`).
 */
export function answerClientError(err: Error & {code?: string}, socket: Duplex): void {
  const inFlight = (socket as Duplex & {_httpMessage?: {headersSent?: boolean}})._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) { socket.destroy(); return; }
  const [status, reason, text] = CLIENT_ERRORS[err.code ?? ""] ?? [400, "Bad Request", "Запрос не понят: он повреждён или составлен не по правилам HTTP."];
  const body = JSON.stringify({error: text});
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Closes connections that have not sent a whole request's headers within `ms` of opening (or of
 * their previous answer's keep-alive, which Node handles itself). Node's `headersTimeout` closed
 * neither a silent connection nor one stopped inside its headers (measured: 200 such connections
 * still open after 95 s), so 20,000 of them — the process's file limit — would have left the
 * server unable to accept anyone, /healthz included. A request in progress is never timed here:
 * its socket's timer is cleared when its headers are in.
 */
export function closeSilentConnections(server: Server, ms: number): void {
  // The socket the HTTP layer reads: the TLS socket under HTTPS (its handshake has its own timeout).
  const event = "cert" in server || "setSecureContext" in server ? "secureConnection" : "connection";
  server.on(event, (socket: import("node:net").Socket) => socket.setTimeout(ms));
  server.on("request", (req: IncomingMessage) => req.socket.setTimeout(0));
}

/** Whether the answer should be a page (a browser navigating or posting a form) rather than JSON. */
export function wantsPage(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.includes("text/html") && !accept.includes("application/json");
}

function head(res: ServerResponse, status: number, headers: Record<string, string | number>): void {
  res.writeHead(status, {...BASE_HEADERS, "Cache-Control": "no-store", ...headers});
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  head(res, status, {"Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...extra});
  res.end(text);
}

/** A page the server writes itself: strict CSP (no inline script, nothing from elsewhere). */
export function sendPage(res: ServerResponse, html: string, status = 200, extra: Record<string, string> = {}): void {
  head(res, status, {"Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html),
    "Content-Security-Policy": PAGE_CSP, ...extra});
  res.end(html);
}

export function sendBytes(res: ServerResponse, bytes: Buffer, type: string, downloadName?: string, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | number> = {"Content-Type": type, "Content-Length": bytes.length, ...extra};
  if (downloadName) headers["Content-Disposition"] = contentDisposition(downloadName);
  head(res, 200, headers);
  res.end(bytes);
}

export function redirect(res: ServerResponse, location: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(303, {...BASE_HEADERS, Location: location, "Cache-Control": "no-store", ...extra});
  res.end();
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266), so Cyrillic names survive. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Reads a small urlencoded body (the login form), at most `limit` bytes. */
export async function readForm(req: IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "Слишком большой запрос.");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"})[c]!);
}
