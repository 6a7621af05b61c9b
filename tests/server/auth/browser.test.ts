// Accounts in a real browser (Debian's Chromium through playwright-core): the login page, the
// account page, logout, a new account's one-time link opened by another person, the audit log
// and its XLSX, and removing one person's data — all under the server's strict CSP, which must
// report no violation.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync} from "node:fs";
import ExcelJS from "exceljs";
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../../scripts/build.ts";
import {all} from "../../../store/database.ts";
import type {TestServer} from "../helpers.ts";
import {addAccount, clock, serviceServer, PASSWORD} from "./helpers.ts";

let s: TestServer, browser: Browser;
const cspViolations: string[] = [];

async function person(): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({acceptDownloads: true, locale: "ru-RU"});
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  page.on("dialog", (d) => void d.accept());
  return {context, page};
}

async function logIn(page: Page, login: string, password = PASSWORD): Promise<void> {
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForLoadState("load"), page.click("form.login button[type=submit]")]);
}

beforeAll(async () => {
  s = await serviceServer(clock());
  await ingestSample(s.store);
  await addAccount(s, "metod", "methodologist");
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe.skipIf(!existsSync(CHROMIUM))("accounts in Chromium", () => {
  it("the methodologist is sent to the login page, is told a wrong password, logs in where she was going and logs out", async () => {
    const {context, page} = await person();
    await page.goto(`${s.url}/history`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.textContent("h1")).toBe("Вход");
    await logIn(page, "metod", "не тот пароль");
    expect(await page.textContent("#login-error")).toBe("Неверное имя для входа или пароль.");
    expect(await page.inputValue("input[name=login]")).toBe("metod");
    await logIn(page, "metod");
    expect(new URL(page.url()).pathname).toBe("/history");
    expect(await page.textContent("#who-name")).toBe("Тестовая metod");
    expect(await page.$$eval("header nav a", (as) => as.map((a) => a.textContent))).toEqual(["Загрузка отчётов", "История загрузок", "Выгрузки", "Справочник школ",
      "Сбор отчётов", "Дашборды", "Учётные записи", "Журнал действий", "Персональные данные"]);
    const [cookie] = await context.cookies();
    expect([cookie!.name, cookie!.httpOnly, cookie!.sameSite, cookie!.value.length]).toEqual(["mentoring_session", true, "Lax", 43]);
    expect(await page.evaluate(() => document.cookie)).toBe("");

    await page.goto(`${s.url}/account`);
    expect(await page.textContent("#account-role")).toBe("методист РНЦ");
    await Promise.all([page.waitForLoadState("load"), page.click("#logout")]);
    expect(await page.textContent("p.notice")).toBe("Вы вышли.");
    await page.goto(`${s.url}/history`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  }, 60_000);

  it("a login link with next=/%5Cevil.com ends on this site", async () => {
    const {context, page} = await person();
    await page.goto(`${s.url}/login?next=/%5Cevil.com`);
    await logIn(page, "metod");
    expect(new URL(page.url()).origin).toBe(new URL(s.url).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  }, 60_000);

  it("a new school curator sets her password through the link the methodologist passes on, and sees only what her role may", async () => {
    const metod = await person();
    await metod.page.goto(`${s.url}/accounts`);
    await logIn(metod.page, "metod");
    await metod.page.fill("input[name=login]", "kurator5");
    await metod.page.fill("input[name=name]", "Петрова Ольга Ивановна");
    await metod.page.selectOption("select[name=role]", "school-curator");
    await metod.page.selectOption("select[name=level]", "school");
    await metod.page.fill("input[name=scopeId]", "5");
    await Promise.all([metod.page.waitForLoadState("load"), metod.page.click("form.account-form button[type=submit]")]);
    expect(await metod.page.textContent("#issued-link h2")).toBe("Учётная запись создана: kurator5");
    const link = await metod.page.inputValue("#link-url");
    expect(await metod.page.textContent("tr[data-login=kurator5] td.state")).toBe("ждёт пароль по ссылке");

    const curator = await person();
    await curator.page.goto(link);
    expect(await curator.page.textContent("h1")).toBe("Установка пароля");
    await curator.page.fill("input[name=password]", "весенний дождь в мае");
    await curator.page.fill("input[name=password2]", "весенний дождь в мае");
    await Promise.all([curator.page.waitForLoadState("load"), curator.page.click("form.login button[type=submit]")]);
    // She lands on the dashboards: live pages whose data the server cuts to her school (issue 16 §2–3).
    expect(new URL(curator.page.url()).pathname).toBe("/");
    await curator.page.goto(`${s.url}/account`);
    expect(await curator.page.textContent("#account-role")).toBe("куратор школы");
    // Uploads and the history filter by scope (issue 16 §4): she uploads her school's quarterly report and reads her school's uploads.
    expect(await curator.page.$$eval("header nav a", (as) => as.map((a) => a.textContent))).toEqual(["Загрузка отчётов", "История загрузок", "Дашборды"]);
    await curator.page.goto(`${s.url}/upload`);
    expect(await curator.page.textContent("#own-school")).toContain("ваша школа");
    await curator.page.goto(`${s.url}/directory`);
    expect(await curator.page.textContent("#denied")).toContain("Нет доступа");
    await curator.page.goto(`${s.url}/accounts`);
    expect(await curator.page.textContent("#denied")).toContain("Нет доступа");
    await curator.page.goto(link);
    expect(await curator.page.textContent("main")).toContain("Ссылка недействительна");

    await metod.page.goto(`${s.url}/accounts`);
    expect(await metod.page.textContent("tr[data-login=kurator5] td.state")).toBe("действует");
    await Promise.all([metod.page.waitForLoadState("load"), metod.page.click("tr[data-login=kurator5] form[action$='/disable'] button")]);
    expect(await metod.page.textContent("p.notice")).toBe("Учётная запись «kurator5» отключена, её сессии закончены.");
    await curator.page.goto(`${s.url}/account`);
    expect(new URL(curator.page.url()).pathname).toBe("/login");
    await metod.context.close();
    await curator.context.close();
  }, 90_000);

  it("the audit log shows who did what and downloads as an XLSX", async () => {
    const {context, page} = await person();
    await page.goto(`${s.url}/audit`);
    await logIn(page, "metod");
    const actions = await page.$$eval("table.audit tbody tr", (trs) => trs.map((tr) => tr.children[3]!.textContent));
    expect(actions).toContain("вход");
    expect(actions).toContain("неудачная попытка входа");
    expect(actions).toContain("создание учётной записи");
    expect(actions).toContain("отключение учётной записи");
    await page.selectOption("select[name=action]", "account-disable");
    await Promise.all([page.waitForLoadState("load"), page.click("form.filters button[type=submit]")]);
    expect(await page.$$eval("table.audit tbody tr", (trs) => trs.length)).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#audit-xlsx")]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect([ws.getRow(3).getCell(3).value, ws.getRow(3).getCell(5).value]).toEqual(["metod", "отключение учётной записи"]);
    await context.close();
  }, 60_000);

  it("one person's data are removed on request by finding, ticking and confirming", async () => {
    const {context, page} = await person();
    const [target] = await s.store.read((c) => all<{id: number; name: string}>(c, "SELECT teacher_id AS id, full_name AS name FROM teacher_identities ORDER BY teacher_id LIMIT 1"));
    await page.goto(`${s.url}/purge`);
    await logIn(page, "metod");
    expect(await page.textContent("h1")).toBe("Персональные данные");
    // The teachers named in routes and students' results have their own line in the plan, shown even at 0.
    expect(await page.textContent("table.plan")).toContain("педагогов из маршрутов (ИОМ) и результатов учеников (ФИО, код, должность)");
    await page.fill("input[name=person]", target!.name);
    await Promise.all([page.waitForLoadState("load"), page.click("form.filters button[type=submit]")]);
    await page.check(`input[name=teacher][value="${target!.id}"]`);
    await Promise.all([page.waitForLoadState("load"), page.click("#person-form button[type=submit]")]);
    expect(await page.textContent("#purge-notice")).toMatch(/^Удалено: педагогов — 1, /);
    expect(await page.textContent("#purge-notice")).toMatch(/, педагогов из маршрутов и результатов учеников — \d+, /);
    const [after] = await s.store.read((c) => all<{name: string}>(c, "SELECT full_name AS name FROM teacher_identities WHERE teacher_id = $id", {id: target!.id}));
    expect(after!.name).toBe("(имя удалено)");
    await context.close();
  }, 60_000);

  it("no page broke the Content Security Policy", () => {
    expect(cspViolations).toEqual([]);
  });
});
