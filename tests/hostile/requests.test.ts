// Requests no browser sends on its own: a 1 MB cookie or address, a broken request line — answered
// in Russian instead of Node's bare English status line —, and `Sec-Fetch-Site: cross-site` on
// every route that writes or exports, which must be refused whatever else the request carries.
import {connect} from "node:net";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {testServer, type TestServer} from "../server/helpers.ts";
import {routeTable} from "../../server/routes/index.ts";
import {closeSilentConnections} from "../../server/http.ts";

function raw(url: string, text: string): Promise<string> {
  const u = new URL(url);
  return new Promise((done) => {
    let out = "";
    const s = connect(Number(u.port), u.hostname, () => s.write(text));
    const timer = setTimeout(() => s.destroy(), 10_000);
    s.on("data", (d: Buffer) => { out += d.toString("utf8"); });
    s.on("close", () => { clearTimeout(timer); done(out); });
    s.on("error", () => undefined);
  });
}

describe("requests no browser sends", () => {
  let server: TestServer;
  beforeAll(async () => { server = await testServer(); });
  afterAll(async () => { await server?.close(); });

  for (const [what, request, status] of [
    ["a 1 MB cookie", (host: string) => `GET /api/status HTTP/1.1\r\nHost: ${host}\r\nCookie: a=${"x".repeat(1 << 20)}\r\n\r\n`, 431],
    ["a 1 MB address", (host: string) => `GET /api/history?x=${"x".repeat(1 << 20)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 431],
    ["a broken request line", () => "HELLO\r\n\r\n", 400]
  ] as const) {
    it(`${what} is answered ${status} in Russian, and the server goes on`, async () => {
      const answer = await raw(server.url, request(new URL(server.url).host));
      expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)).error).toMatch(/[а-яё]{4}/i);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  it("connections that send nothing, or stop inside their headers, are closed by the server; a request already under way is not", async () => {
    // The server does this after its headers timeout (30 s); a shorter deadline here, set the same way.
    closeSilentConnections(server.server, 400);
    const u = new URL(server.url);
    const open = (partial: boolean) => new Promise<number>((done) => {
      const s = connect(Number(u.port), u.hostname, () => { if (partial) s.write(`GET /healthz HTTP/1.1\r\nHost: ${u.host}\r\nX-A: `); });
      const started = performance.now();
      const timer = setTimeout(() => s.destroy(), 10_000);
      s.on("close", () => { clearTimeout(timer); done(performance.now() - started); });
      s.on("error", () => undefined);
    });
    // An upload whose headers are in and whose body pauses for longer than that deadline.
    const slowButAlive = new Promise<number>((done) => {
      const s = connect(Number(u.port), u.hostname, () => {
        const b = "----pause", body = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na;b\n1;2\n\r\n--${b}--\r\n`;
        s.write(`POST /api/uploads HTTP/1.1\r\nHost: ${u.host}\r\nX-CSRF-Token: ${server.csrf}\r\nAccept: application/json\r\n` +
          `Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
        setTimeout(() => s.write(body), 1200);
      });
      let out = "";
      s.on("data", (d: Buffer) => { out += d.toString(); });
      s.on("close", () => done(Number(/^HTTP\/1\.1 (\d+)/.exec(out)?.[1] ?? 0)));
      s.on("error", () => undefined);
    });
    const closedAfter = await Promise.all([...Array.from({length: 20}, () => open(false)), ...Array.from({length: 20}, () => open(true))]);
    for (const ms of closedAfter) expect(ms).toBeLessThan(5000);
    expect(await slowButAlive).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("every route that writes or exports refuses `Sec-Fetch-Site: cross-site`, even with the CSRF token, and changes nothing", async () => {
    const totalNow = async () => ((await (await fetch(`${server.url}/api/history`)).json()) as {total: number}).total;
    const before = await totalNow();
    const routes = routeTable().filter((r) => r.guard === "write" || r.guard === "export");
    expect(routes.length).toBeGreaterThan(10);
    const answers: Array<[string, number]> = [];
    for (const r of routes) {
      const path = r.path.replace(/:id/g, "1").replace(/:batch/g, "b1").replace(/\/\*$/, "/x");
      const res = await fetch(`${server.url}${path}`, {method: r.method, redirect: "manual",
        headers: {"Sec-Fetch-Site": "cross-site", "X-CSRF-Token": server.csrf, Accept: "application/json",
          ...(r.method === "POST" ? {"Content-Type": "application/x-www-form-urlencoded"} : {})},
        ...(r.method === "POST" ? {body: `csrf=${encodeURIComponent(server.csrf)}&olderThan=0`} : {})});
      const body = await res.text();
      answers.push([`${r.method} ${r.path}`, res.status]);
      expect(body, r.path).toMatch(/другого сайта/);
    }
    expect(answers).toEqual(routes.map((r) => [`${r.method} ${r.path}`, 403]));
    // The audit log's XLSX lives among the accounts' pages (server/auth/routes.ts): it was built for
    // any site that asked, and each load added an audit event.
    const audit = await fetch(`${server.url}/audit.xlsx`, {headers: {"Sec-Fetch-Site": "cross-site"}, redirect: "manual"});
    expect(audit.status).toBe(403);
    expect(await audit.text()).toMatch(/другого сайта/);
    const own = await fetch(`${server.url}/audit.xlsx`, {headers: {"Sec-Fetch-Site": "same-origin"}, redirect: "manual"});
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toContain("spreadsheetml");
    expect(await totalNow()).toBe(before);
  }, 120_000);
});
