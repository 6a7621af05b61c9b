// Off loopback the server needs TLS (issue 16 §1): its own certificate (a self-signed one made
// here with openssl), or a reverse proxy whose X-Forwarded-* headers are believed only from its
// address, or an explicit --insecure-http that says the risk.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {request} from "node:https";
import {request as httpRequest} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {resolveAccess} from "../../../server/auth/access.ts";
import {testServer} from "../helpers.ts";
import {addAccount, PASSWORD} from "./helpers.ts";
import {serveCommand} from "../../../bin/commands/serve.ts";
import {bufferIo} from "../../../bin/io.ts";

let dir: string, cert: string, key: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-tls-"));
  cert = join(dir, "cert.pem");
  key = join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert], {stdio: "ignore"});
});
afterAll(() => { if (dir) rmSync(dir, {recursive: true, force: true}); });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request that trusts only the test's certificate. */
function https(url: string, o: {method?: string; body?: string; headers?: Record<string, string>} = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request(url, {method: o.method ?? "GET", ca: readFileSync(cert), headers: o.headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8")}));
    });
    req.on("error", fail);
    req.end(o.body);
  });
}

/** A plain HTTP request with any Host header (as a proxy sends it). */
function http(url: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((done, fail) => {
    httpRequest(url, {headers, method: body === undefined ? "GET" : "POST"}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8")}));
    }).on("error", fail).end(body);
  });
}

describe("which mode, and what the network needs", () => {
  it("127.0.0.1 without flags is local mode: no accounts", () => {
    expect(resolveAccess("127.0.0.1").mode).toBe("local");
    expect(resolveAccess("::1").mode).toBe("local");
    expect(resolveAccess("127.0.0.1", {service: true}).mode).toBe("service");
  });

  it("another address without TLS refuses to start and says what to do, in Russian", () => {
    expect(() => resolveAccess("0.0.0.0")).toThrow(/адрес 0\.0\.0\.0 открывает сервер для сети.*--tls-cert ФАЙЛ --tls-key ФАЙЛ.*--behind-proxy.*--insecure-http/);
    expect(() => resolveAccess("0.0.0.0", {tlsCert: cert})).toThrow("для HTTPS нужны оба файла");
    expect(() => resolveAccess("0.0.0.0", {tlsCert: cert, tlsKey: join(dir, "нет.pem")})).toThrow("не удалось прочитать ключ");
    expect(() => resolveAccess("0.0.0.0", {tlsCert: key, tlsKey: cert})).toThrow("сертификат и ключ не подходят");
    expect(() => resolveAccess("0.0.0.0", {behindProxy: ["127.0.0.1"]})).toThrow("--public-url");
    expect(() => resolveAccess("0.0.0.0", {behindProxy: ["caddy"], publicUrl: "https://n.example.ru"})).toThrow("не IP-адрес");
    expect(() => resolveAccess("0.0.0.0", {behindProxy: ["10.0.0.2"], publicUrl: "http://n.example.ru"})).toThrow("адрес без HTTPS");
  });

  it("--insecure-http starts off loopback, with a warning that names the risk", () => {
    const a = resolveAccess("0.0.0.0", {insecureHttp: true});
    expect([a.mode, a.secureCookies]).toEqual(["service", false]);
    expect(a.warnings[0]).toMatch(/^ВНИМАНИЕ: сервер открыт в сети без шифрования \(--insecure-http\)\. Пароли, cookie сессий и персональные данные идут открытым текстом/);
  });

  it("the serve command refuses the old shared password and says what replaced it", async () => {
    await expect(serveCommand(["--token", "x", "--port", "0"], bufferIo())).rejects.toThrow(/общий пароль \(--token, MENTORING_TOKEN\) больше не поддерживается/);
    await expect(serveCommand(["--host", "0.0.0.0", "--port", "0"], bufferIo())).rejects.toThrow(/открывает сервер для сети/);
  });
});

describe("HTTPS with the server's own certificate", () => {
  it("serves the login over TLS; the session cookie is Secure and __Host-, with HSTS", async () => {
    const access = resolveAccess("127.0.0.1", {tlsCert: cert, tlsKey: key});
    expect([access.mode, access.secureCookies]).toEqual(["service", true]);
    const s = await testServer({access});
    try {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await addAccount(s, "metod", "methodologist");
      const page = await https(`${s.url}/upload`);
      expect([page.status, page.headers.location, page.headers["strict-transport-security"]]).toEqual([303, "/login?next=%2Fupload", "max-age=31536000"]);
      const login = await https(`${s.url}/login`, {method: "POST", body: new URLSearchParams({login: "metod", password: PASSWORD, next: "/history"}).toString(),
        headers: {"Content-Type": "application/x-www-form-urlencoded", Origin: s.url}});
      expect(login.status).toBe(303);
      const setCookie = String(login.headers["set-cookie"]);
      expect(setCookie).toMatch(/^__Host-mentoring_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=36000$/);
      const history = await https(`${s.url}/history`, {headers: {Cookie: setCookie.split(";")[0]!}});
      expect(history.status).toBe(200);
      // The plain-HTTP cookie name means nothing here.
      expect((await https(`${s.url}/history`, {headers: {Cookie: `mentoring_session=${setCookie.split(";")[0]!.split("=")[1]}`}})).status).toBe(303);
      await expect(http(s.url.replace("https:", "http:") + "/upload")).rejects.toThrow();
    } finally {
      await s.close();
    }
  });
});

describe("behind a reverse proxy", () => {
  it("believes X-Forwarded-Proto and -For only from the proxy's address, and answers the public name", async () => {
    const access = resolveAccess("127.0.0.1", {behindProxy: ["127.0.0.1"], publicUrl: "https://nastavnik.example.ru"});
    const s = await testServer({access});
    try {
      await addAccount(s, "metod", "methodologist");
      const base = s.url;
      const viaProxy = {Host: "nastavnik.example.ru", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"};
      // Reached the proxy over plain HTTP: sent to the HTTPS address; never to another host.
      const plain = await http(`${base}//evil.example/x`, {...viaProxy, "X-Forwarded-Proto": "http"});
      expect([plain.status, plain.headers.location]).toEqual([308, "https://nastavnik.example.ru//evil.example/x"]);
      const page = await http(`${base}/upload`, viaProxy);
      expect([page.status, page.headers.location]).toEqual([303, "/login?next=%2Fupload"]);
      const other = await http(`${base}/upload`, {...viaProxy, Host: "evil.example"});
      expect(other.status).toBe(421);
      const res = await http(`${base}/login`, {...viaProxy, Origin: "https://nastavnik.example.ru", "Content-Type": "application/x-www-form-urlencoded"},
        new URLSearchParams({login: "metod", password: "нет"}).toString());
      expect(res.status).toBe(401);
      const failed = await s.store.read((c) => c.runAndReadAll("SELECT address FROM audit_log WHERE action = 'login-failed'"));
      expect(failed.getRows()).toEqual([["203.0.113.9"]]);
    } finally {
      await s.close();
    }
  });

  it("refuses requests that went around the proxy", async () => {
    const s = await testServer({access: resolveAccess("127.0.0.1", {behindProxy: ["10.9.9.9"], publicUrl: "https://nastavnik.example.ru"})});
    try {
      const r = await http(`${s.url}/upload`, {Host: "nastavnik.example.ru", "X-Forwarded-Proto": "https"});
      expect(r.status).toBe(403);
      expect(r.body).toContain("только через свой прокси");
    } finally {
      await s.close();
    }
  });
});
