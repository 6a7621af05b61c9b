import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {request} from "node:http";
import ExcelJS from "exceljs";
import {testServer, upload, sample, type TestServer} from "./helpers.ts";
import {all} from "../../store/database.ts";
import {quarterFile} from "../helpers/region.ts";
import {safeDisplayName} from "../../server/security.ts";

let s: TestServer;
beforeAll(async () => { s = await testServer({uploadLimits: {maxFileBytes: 200 * 1024, maxFiles: 3}}); }, 60_000);
afterAll(async () => { await s?.close(); });

const good = () => sample("forms/2024-Q1/omskiy_druzhinskaya.xlsx");

/** A raw request, so the Host header can be anything. */
function rawGet(url: string, host: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    request({host: u.hostname, port: u.port, path: "/upload", headers: {Host: host}}, (res) => { res.resume(); resolve(res.statusCode!); })
      .on("error", reject).end();
  });
}

describe("writes come only from the server's own pages", () => {
  it("an upload without the CSRF token is refused and nothing is stored", async () => {
    const r = await upload(s.url, "", [good()]);
    expect(r.status).toBe(403);
    expect(r.body.error).toContain("CSRF");
    expect(await s.store.read((c) => all(c, "SELECT * FROM uploads"))).toEqual([]);
  });

  it("an upload from another origin is refused even with the token", async () => {
    const r = await upload(s.url, s.csrf, [good()], {}, {Origin: "http://evil.example"});
    expect(r.status).toBe(403);
    const cross = await upload(s.url, s.csrf, [good()], {}, {"Sec-Fetch-Site": "cross-site"});
    expect(cross.status).toBe(403);
  });

  it("an upload from the page's own origin with its token is accepted", async () => {
    const r = await upload(s.url, s.csrf, [good()], {}, {Origin: s.url});
    expect(r.status).toBe(200);
    expect(r.body.files[0].status).toBe("accepted");
  });

  it("`Origin: null` passes only with `Sec-Fetch-Site: same-origin` (what Chromium sends for the pages' own forms)", async () => {
    const undo = (headers: Record<string, string>) => fetch(`${s.url}/api/uploads/999/undo`, {method: "POST",
      headers: {"X-CSRF-Token": s.csrf, Accept: "application/json", ...headers}});
    // Past the guard: the upload does not exist.
    expect((await undo({Origin: "null", "Sec-Fetch-Site": "same-origin"})).status).toBe(404);
    for (const site of [{}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}] as Array<Record<string, string>>) {
      const r = await undo({Origin: "null", ...site});
      expect(r.status).toBe(403);
      expect(await r.json()).toEqual({error: "Запрос пришёл с другого сайта и отклонён."});
    }
  });

  it("a refused form post from a browser is answered with a Russian page, a script's request with JSON", async () => {
    const form = await fetch(`${s.url}/api/uploads/1/undo`, {method: "POST", body: "csrf=wrong",
      headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: "text/html,application/xhtml+xml,*/*;q=0.8"}});
    expect(form.status).toBe(403);
    expect(form.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await form.text();
    expect(html).toContain("<h1>Запрос отклонён</h1>");
    expect(html).toContain("Нет ключа защиты формы (CSRF): обновите страницу и повторите.");
    const script = await fetch(`${s.url}/api/uploads/1/undo`, {method: "POST", headers: {Accept: "application/json"}});
    expect(await script.json()).toEqual({error: "Нет ключа защиты формы (CSRF): обновите страницу и повторите."});
  });

  it("the pages ask browsers to send their origin to this server (not no-referrer)", async () => {
    expect((await fetch(`${s.url}/history`)).headers.get("referrer-policy")).toBe("same-origin");
  });

  it("exports refuse requests from another site (an <img> or a link elsewhere), also from another port of this host", async () => {
    for (const path of ["/exports/annual.pdf", "/exports/engagement.xlsx", "/api/annual", "/api/uploads/1/issues.xlsx"]) {
      for (const site of ["cross-site", "same-site"]) {
        const r = await fetch(`${s.url}${path}`, {headers: {"Sec-Fetch-Site": site, Accept: "application/json"}});
        expect([path, site, r.status]).toEqual([path, site, 403]);
        expect((await r.json()).error).toBe("Выгрузку можно получить только со страниц этого сервера: запрос с другого сайта отклонён.");
      }
    }
    expect(s.app.pdf.renders).toBe(0);
    const own = await fetch(`${s.url}/api/annual`, {headers: {"Sec-Fetch-Site": "same-origin"}});
    expect(own.status).toBe(200);
  });

  it("undo needs the token too", async () => {
    const res = await fetch(`${s.url}/api/uploads/1/undo`, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "csrf=wrong"});
    expect(res.status).toBe(403);
  });

  it("bound to 127.0.0.1 the server answers only to loopback host names (no DNS rebinding)", async () => {
    expect(await rawGet(s.url, "evil.example:80")).toBe(421);
    expect(await rawGet(s.url, `localhost:${s.port}`)).toBe(200);
  });

  it("the pages' own script and style are served, with their types and no-sniff", async () => {
    const js = await fetch(`${s.url}/assets/upload.js`);
    expect([js.status, js.headers.get("content-type"), js.headers.get("x-content-type-options")]).toEqual([200, "text/javascript; charset=utf-8", "nosniff"]);
    expect((await fetch(`${s.url}/assets/style.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await fetch(`${s.url}/assets/..%2f..%2fapp.ts`)).status).toBe(404);
    expect((await fetch(`${s.url}/upload`)).headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("the dashboards folder cannot be escaped with dots or encoded slashes", async () => {
    for (const path of ["/..%2f..%2fm.duckdb", "/%2e%2e/m.duckdb", "/uploads/", "/.env"]) {
      expect((await fetch(`${s.url}${path}`)).status).toBe(404);
    }
  });
});

describe("upload limits", () => {
  it("a file over the size limit is refused while it streams and is not stored", async () => {
    const big = {name: "фото.xlsx", bytes: Buffer.alloc(300 * 1024, 7)};
    const r = await upload(s.url, s.csrf, [big]);
    expect(r.body.files[0]).toMatchObject({file: "фото.xlsx", status: "rejected", uploadId: null});
    expect(r.body.files[0].issues[0].kind).toBe("upload/too-large");
    expect(r.body.files[0].issues[0].message).toContain("0,2 МБ");
  });

  it("files past the per-request limit are refused explicitly", async () => {
    const files = ["omskiy_achairskaya", "omskiy_luzinskaya_1", "omskiy_troitskaya", "omskiy_rostovkinskaya"].map((n) => sample(`forms/2024-Q2/${n}.xlsx`));
    const r = await upload(s.url, s.csrf, files);
    expect(r.body.files).toHaveLength(4);
    expect(r.body.files.slice(0, 3).map((f: {status: string}) => f.status)).toEqual(["accepted", "accepted", "accepted"]);
    expect(r.body.files[3].issues[0].kind).toBe("upload/too-many-files");
  });
});

describe("hostile file names and personal data", () => {
  const names = ["../../etc/passwd.xlsx", "..\\..\\boot.ini.xlsx", "<img src=x onerror=alert(1)>.xlsx", "=cmd|' C calc'!A0.xlsx",
    "a\u0000b\u202e.xlsx", `${"я".repeat(300)}.xlsx`, ".."];

  it("are shown and recorded without folders or control characters, and the files are stored under generated names", async () => {
    expect(names.map(safeDisplayName)).toEqual(["passwd.xlsx", "boot.ini.xlsx", "<img src=x onerror=alert(1)>.xlsx", "=cmd|' C calc'!A0.xlsx",
      "ab.xlsx", `${"я".repeat(110)}…${"я".repeat(34)}.xlsx`, "без имени.xlsx"]);
    const r = await upload(s.url, s.csrf, names.slice(0, 3).map((name) => ({name, bytes: Buffer.from(`text ${name}`)})));
    expect(r.body.files.map((f: {file: string}) => f.file)).toEqual(["passwd.xlsx", "boot.ini.xlsx", "<img src=x onerror=alert(1)>.xlsx"]);
    for (const name of names.slice(3, 7)) {
      const r2 = await upload(s.url, s.csrf, [{name, bytes: Buffer.from(`text ${name}`)}]);
      // A NUL inside a multipart header may make the whole request malformed: refused, never a 500.
      expect(name.includes("\u0000") ? [200, 400] : [200]).toContain(r2.status);
      if (r2.status === 200) expect(r2.body.files[0].file).toBe(safeDisplayName(name));
    }
    for (const k of readdirSync(join(s.dir, "uploads"))) expect(k).toMatch(/^[0-9a-f-]{36}\.xlsx$/);
  });

  it("are escaped in the history page", async () => {
    const html = await (await fetch(`${s.url}/history`)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;.xlsx");
  });

  it("are neutralised in the issues workbook, so a spreadsheet never runs them", async () => {
    const id = (await s.store.read((c) => all<{id: number}>(c, "SELECT upload_id AS id FROM uploads WHERE file_name LIKE '=cmd%'")))[0]!.id;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await fetch(`${s.url}/api/uploads/${id}/issues.xlsx`)).arrayBuffer()) as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getCell("A3");
    expect(cell.value).toBe("'=cmd|' C calc'!A0.xlsx");
    expect(cell.formula).toBeUndefined();
  });

  it("the log holds no names, phones or file names", async () => {
    const bytes = await quarterFile("за I квартал 2024 г.", [{m: "Тарский", name: "СОШ № 9", students: 10, teachers: 5, forms: {2: [1, 1]}}]);
    const r = await upload(s.url, s.csrf, [{name: "Иванов Иван Иванович.xlsx", bytes}]);
    expect(r.body.files[0].status).not.toBe("rejected");
    const log = s.logs.join("\n");
    expect(log).toMatch(/загрузка \d+: /);
    for (const secret of ["Иванов", "+7 900", "passwd", "=cmd", "<img"]) expect(log).not.toContain(secret);
  });
});

// Access from the network (accounts, sessions, TLS off loopback) is tested in tests/server/auth/.
