// The audit log over HTTP (issue 16 §5) and what each role reaches among today's routes: uploads,
// undos, exports, account changes and every view of the teacher card's data are recorded with the
// account, time and address — never a file name, a cell or a name.
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {all} from "../../../store/database.ts";
import {audit, checkEvent, readAudit} from "../../../store/audit.ts";
import {upload, sample, type TestServer} from "../helpers.ts";
import {addAccount, clock, csrfOf, get, postForm, serviceServer, session, PASSWORD} from "./helpers.ts";
import type {Role, Scope} from "../../../server/auth/roles.ts";

// Every password check is a real scrypt (0.1–0.4 s, several seconds on a loaded machine).
vi.setConfig({testTimeout: 180_000});

let s: TestServer;
const cookies = new Map<string, string>();
const ROLE_ACCOUNTS: Array<[string, Role, Scope]> = [
  ["metod", "methodologist", {level: "region"}],
  ["mun", "municipal-curator", {level: "municipality", id: "2"}],
  ["cur", "school-curator", {level: "school", id: "5"}],
  ["rep", "school-representative", {level: "school", id: "5"}],
  ["boss", "management", {level: "region"}],
  ["director", "management", {level: "school", id: "5"}]
];

beforeAll(async () => {
  s = await serviceServer(clock());
  for (const [login, role, scope] of ROLE_ACCOUNTS) {
    await addAccount(s, login, role, scope);
    cookies.set(login, await session(s.url, login));
  }
  // A built service dashboard: the teacher card's page and its data file (names of teachers 3 and 8).
  mkdirSync(join(s.dir, "dist", "_file", "data"), {recursive: true});
  mkdirSync(join(s.dir, "dist", "private"), {recursive: true});
  writeFileSync(join(s.dir, "dist", "index.html"), "<!doctype html><title>Дашборды</title>");
  writeFileSync(join(s.dir, "dist", "private", "teacher.html"), "<!doctype html><title>Карточка педагога</title>");
  writeFileSync(join(s.dir, "dist", "_file", "data", "teachers.0a1b2c3d.json"),
    JSON.stringify({available: true, data: {areas: [], teachers: [{id: 3, name: "Васильева Елена Петровна"}, {id: 8, name: "Фёдорова Светлана Викторовна"}]}}));
}, 120_000);
afterAll(async () => { await s?.close(); });

const html = (login: string, path: string) => get(s.url, path, cookies.get(login)!);

describe("what each role reaches today", () => {
  const PATHS = ["/upload", "/history", "/exports", "/exports/annual.html", "/api/annual", "/", "/private/teacher",
    "/_file/data/teachers.0a1b2c3d.json", "/account", "/accounts", "/audit", "/purge"];
  const EXPECTED: Record<string, number[]> = {
    metod: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    // The history filters by scope (issue 16 §2, §4): open below the region, listing that scope's uploads.
    // Uploading needs the account's school in the directory (empty here): refused with a Russian reason.
    // The annual report is filtered by scope (issue 15 §1): open below the region, for the account's own
    // municipality or school — 404 here, where the directory (empty) does not know it. The dashboards are
    // live shells whose data the server cuts to the session's scope (issue 16 §2–3): open to every role
    // that sees aggregates; the teacher card (names) to the curators, never to management.
    mun: [403, 200, 403, 404, 404, 200, 200, 200, 200, 403, 403, 403],
    cur: [403, 200, 403, 404, 404, 200, 200, 200, 200, 403, 403, 403],
    rep: [403, 200, 403, 404, 404, 200, 403, 403, 200, 403, 403, 403],
    boss: [403, 403, 200, 200, 200, 200, 403, 403, 200, 403, 403, 403],
    director: [403, 403, 403, 404, 404, 200, 403, 403, 200, 403, 403, 403]
  };

  for (const [login] of ROLE_ACCOUNTS) {
    it(`${login}: ${EXPECTED[login]!.filter((x) => x === 200).length} of ${PATHS.length} pages`, async () => {
      const statuses: number[] = [];
      for (const p of PATHS) statuses.push((await html(login, p)).status);
      expect(statuses).toEqual(EXPECTED[login]);
    });
  }

  it("a refusal is a Russian page that says why, and it is recorded", async () => {
    const r = await html("boss", "/history");
    expect(r.body).toContain("Нет доступа: у роли «руководство» нет права «просмотр загрузок и замечаний к файлам».");
    // The school representative sees her school's uploads (issue 16 §4): none while her school is not in the directory.
    const rep = await html("rep", "/history");
    expect(rep.body).toContain("Вашей школы нет в справочнике: загрузок нет.");
    expect(rep.body).toContain("Загрузок пока не было.");
    expect((await html("rep", "/upload")).body).toContain("Вашей школы нет в справочнике школ: загрузка невозможна. Сообщите методисту РНЦ.");
    const cur = await html("cur", "/exports");
    expect(cur.body).toContain("эта страница пока показывает данные всего региона");
    const denied = (await readAudit(s.store, {action: "access-denied", login: "boss"})).events;
    expect(denied[0]).toMatchObject({outcome: "denied", object: "route:history", role: "management"});
    // Management never opens the teacher card: a Russian page says why.
    expect((await html("boss", "/private/teacher")).body).toContain("Нет доступа: у роли «руководство» нет права «просмотр имён педагогов и участников».");
  });

  it("the menu offers only what the role may open, with who is logged in and a logout button", async () => {
    const boss = await html("boss", "/account");
    // Management opens the dashboards too (aggregates of her scope, server/routes/livePages.ts).
    expect(boss.body).toMatch(/<nav><a href="\/exports"[^>]*>Выгрузки<\/a><a href="\/"[^>]*>Дашборды<\/a><\/nav>/);
    expect(boss.body).toContain("Тестовая boss");
    expect(boss.body).toContain("id=\"logout\"");
    const metod = await html("metod", "/account");
    for (const item of ["Загрузка отчётов", "История загрузок", "Выгрузки", "Дашборды", "Учётные записи", "Журнал действий", "Персональные данные"]) {
      expect(metod.body).toContain(`>${item}</a>`);
    }
  });

  it("an upload by a role that may not upload is refused before anything is read", async () => {
    const r = await upload(s.url, await csrfOf(s.url, cookies.get("rep")!), [sample("forms/2024-Q1/omskiy_druzhinskaya.xlsx")], {},
      {Cookie: cookies.get("rep")!});
    expect(r.status).toBe(403);
    expect(await s.store.read((c) => all(c, "SELECT * FROM uploads"))).toEqual([]);
  });
});

describe("what the log records", () => {
  it("uploads, undos and exports, with the account and never the file's name or cells", async () => {
    const cookie = cookies.get("metod")!;
    const csrf = await csrfOf(s.url, cookie);
    const file = {...sample("forms/2024-Q1/omskiy_morozovskaya.xlsx"), name: "Иванова Анна Петровна — отчёт.xlsx"};
    const r = await upload(s.url, csrf, [file], {}, {Cookie: cookie, "X-Forwarded-For": "198.51.100.7"});
    const id = r.body.files[0].uploadId as number;
    expect((await postForm(s.url, `/api/uploads/${id}/undo`, {csrf}, cookie)).status).toBe(303);
    expect((await get(s.url, "/exports/engagement.xlsx?period=2024-Q1", cookie)).status).toBe(200);
    expect((await get(s.url, `/api/uploads/${id}/issues.xlsx`, cookie)).status).toBe(200);
    expect((await get(s.url, "/exports/annual.html?period=2024/25", cookie)).status).toBe(200);
    const all_ = (await readAudit(s.store, {login: "metod"})).events.reverse();
    const events = all_.slice(all_.findIndex((e) => e.action === "upload"));
    const acts = events.filter((e) => ["upload", "undo", "export"].includes(e.action)).map((e) => [e.action, e.object, e.details]);
    expect(acts).toEqual([
      ["upload", `upload:${id}`, {status: "accepted_with_remarks", kind: "forms", period: "2024-Q1"}],
      ["undo", `upload:${id}`, {restored: 0}],
      ["export", "export:engagement.xlsx", {period: "2024-Q1"}],
      ["export", `upload:${id}`, {format: "issues.xlsx"}],
      ["export", "export:annual.html", {period: "2024-25", level: "region", id: null}]
    ]);
    // Not behind a proxy: a forwarded address is not believed.
    expect(events.find((e) => e.action === "upload")!.address).toBe("127.0.0.1");
    const everything = JSON.stringify(await s.store.read((c) => all(c, "SELECT * FROM audit_log")), (_k, v) => typeof v === "bigint" ? Number(v) : v);
    for (const secret of ["Иванова", "отчёт", "morozovskaya", "Морозовская", PASSWORD]) expect(everything).not.toContain(secret);
  });

  it("every view of the teacher card's data, with whose (teacher ids), never names", async () => {
    const earlier = (await readAudit(s.store, {action: "view-personal-data"})).events.length;
    const r = await html("metod", "/_file/data/teachers.0a1b2c3d.json");
    expect(r.status).toBe(200);
    const views = (await readAudit(s.store, {action: "view-personal-data"})).events;
    expect(views[0]).toMatchObject({login: "metod", object: "page:teacher-card", subjectKind: "teacher", subjectIds: [3, 8], details: {teachers: 2}});
    expect((await readAudit(s.store, {subject: {kind: "teacher", id: 8}})).events.map((e) => e.id)).toContain(views[0]!.id);
    expect((await html("metod", "/private/teacher")).status).toBe(200);
    // The page itself holds no names: only its data file is a view of them.
    expect((await readAudit(s.store, {action: "view-personal-data"})).events).toHaveLength(earlier + 1);
  });

  it("account changes and logins are recorded", async () => {
    const cookie = cookies.get("metod")!;
    const csrf = await csrfOf(s.url, cookie);
    const made = await postForm(s.url, "/accounts", {csrf, login: "new.curator", name: "Петрова О. И.", role: "school-curator", level: "school", scopeId: "17"}, cookie);
    expect(made.body).toContain("Учётная запись создана");
    const link = /value="(http:\/\/[^"]+\/setup\?token=[^"]+)"/.exec(made.body)![1]!;
    expect((await get(s.url, link.slice(s.url.length))).body).toContain("new.curator");
    const wrongScope = await postForm(s.url, "/accounts", {csrf, login: "x2", name: "Икс", role: "school-curator", level: "municipality", scopeId: "1"}, cookie);
    expect(wrongScope.body).toContain("У роли «куратор школы» область доступа — «школа», а не «муниципалитет».");
    const self = await postForm(s.url, "/accounts/metod/disable", {csrf}, cookie);
    expect(self.body).toContain("Свою учётную запись отключить нельзя.");
    const actions = (await readAudit(s.store, {login: "metod"})).events.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(["link-issued", "account-create"]);
    expect((await readAudit(s.store, {action: "login"})).events.length).toBeGreaterThanOrEqual(ROLE_ACCOUNTS.length);
  });

  it("an event cannot carry free text: names, file names and cells are refused by the log itself", async () => {
    expect(() => checkEvent({actor: {kind: "console"}, action: "export", object: "file:Иванова.xlsx"})).toThrow(/kind:id/);
    expect(() => checkEvent({actor: {kind: "console"}, action: "export", details: {file: "отчёт школы.xlsx"}})).toThrow(/code, not text/);
    expect(() => checkEvent({actor: {kind: "console"}, action: "export", details: {value: "Иванов И. И."}})).toThrow(/code, not text/);
    expect(() => checkEvent({actor: {kind: "console"}, action: "export", address: "Иванов"})).toThrow(/IP address/);
    await expect(audit(s.store, {actor: {kind: "console"}, action: "upload", details: {status: "принят"}})).rejects.toThrow();
  });
});

describe("the methodologist reads and exports the log", () => {
  it("on a page with filters, and as an XLSX read back here", async () => {
    const page = await html("metod", "/audit?action=upload");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<td>загрузка файла</td>");
    expect(page.body).not.toContain("<td>выход</td>");
    expect((await html("metod", "/audit?from=2020-13-45")).body).toContain("Фильтр не применён полностью");
    const res = await fetch(`${s.url}/audit.xlsx?action=upload`, {headers: {Cookie: cookies.get("metod")!}});
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, "№", "Время", "Кто", "Роль", "Действие", "Итог", "Что", "Чьи данные", "Адрес", "Подробности"]);
    const row = ws.getRow(3);
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]).toEqual(["metod", "методист РНЦ", "загрузка файла", "выполнено"]);
    expect(row.getCell(2).value).toBeInstanceOf(Date);
    expect(String(row.getCell(10).value)).toBe("итог: принят с замечаниями; вид: формы 1–5; квартал: 2024-Q1");
    expect((await readAudit(s.store, {action: "export"})).events[0]).toMatchObject({object: "export:audit.xlsx", details: {rows: 1}});
  });
});
