// Issue 16 §4 «Schools upload their own», clicked in Chromium as each person does it: a school
// representative uploads her school's quarterly report and reads its outcome, is refused another
// school's file with both schools named, and her history lists only her school's uploads; a second
// school's representative asks for every upload-related address and finds no other school's name
// or file in any answer; the methodologist reads the collection board of the sample's II quarter
// and downloads the schools to remind (figures: tests/sample/engagement-figures.md, «2024-Q2»).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, readFileSync} from "node:fs";
import {basename, join} from "node:path";
import ExcelJS from "exceljs";
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../../reports/exports/annualPdf.ts";
import {collectFiles} from "../../../loaders/collectFiles.ts";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {SAMPLE_DIR} from "../../../loaders/sample.ts";
import {collectionStates} from "../../../reports/completeness.ts";
import {all} from "../../../store/database.ts";
import type {TestServer} from "../helpers.ts";
import {addAccount, clock, get, PASSWORD, serviceServer, session} from "../auth/helpers.ts";

let s: TestServer, browser: Browser;
/** Directory ids and names of the sample's schools. */
let schools: Array<{id: number; name: string; municipality: string}>;
const FORMS = join(SAMPLE_DIR, "forms");
const TARSKAYA_3_Q2 = join(FORMS, "2024-Q2", "tarskiy_sosh_3.xlsx");
const OMSKAYA_12_Q2 = join(FORMS, "2024-Q2", "omskiy_sosh_12.xlsx");
let formFiles: string[];

const schoolNamed = (part: string) => {
  const found = schools.filter((x) => x.name.includes(part));
  if (found.length !== 1) throw new Error(`expected one school named ${part}, found ${found.length}`);
  return found[0]!;
};

async function person(): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({acceptDownloads: true, locale: "ru-RU"});
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  return {context, page};
}

async function logIn(page: Page, login: string): Promise<void> {
  await page.goto(`${s.url}/login`);
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", PASSWORD);
  await Promise.all([page.waitForLoadState("load"), page.click("form.login button[type=submit]")]);
}

/**
 * Form 1's contact cell of a sample school as scripts/make-sample-forms.ts writes it (a fake
 * director, phone and e-mail): the board shows it as written.
 */
const SAMPLE_DIRECTORS: Record<string, {director: string; slug: string; municipality: string}> = {
  "Хохловская": {director: "Морозов Алексей Петрович", slug: "sargatskiy-khokhlovskaya", municipality: "Саргатский"},
  "Самсоновская": {director: "Белова Галина Ивановна", slug: "tarskiy-samsonovskaya", municipality: "Тарский"},
  "Тарская СОШ № 3": {director: "Лебедева Ирина Александровна", slug: "tarskiy-sosh-3", municipality: "Тарский"}
};
const contactOf = (part: string) => {
  const d = SAMPLE_DIRECTORS[part]!;
  return expect.stringMatching(new RegExp(`^${d.director}, директор, тел\\. \\+7 \\(900\\) 000-\\d\\d-\\d\\d, ${d.slug}@example\\.org, Омская обл\\., ${d.municipality} р-н$`));
};

/** An answer with its HTML entities decoded, so a school name with quotes is found as it is written. */
const decoded = (html: string) => html.replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

async function workbookText(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  // A merged range (the title spans the table for print) is read once, as a person sees it: its first cell.
  wb.eachSheet((ws) => ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({includeEmpty: true}, (cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      cells.push(cell.value === null || cell.value === undefined ? "" : String(cell.value));
    });
    rows.push(cells);
  }));
  return rows;
}

beforeAll(async () => {
  s = await serviceServer(clock());
  // The sample's quarterly forms, in the sample's order, except Тарская СОШ № 3's II quarter: her
  // representative sends it herself. Every other figure of the sample's 2024-Q2 then holds once she has.
  formFiles = (await collectFiles([FORMS])).filter((f) => f !== TARSKAYA_3_Q2);
  for (const f of formFiles) await ingestBytes(s.store, basename(f), readFileSync(f), {});
  schools = await s.store.read((c) => all<{id: number; name: string; municipality: string}>(c,
    "SELECT directory_school_id AS id, name, municipality FROM current_directory_schools ORDER BY 1"));
  await addAccount(s, "metod", "methodologist");
  await addAccount(s, "tara3", "school-representative", {level: "school", id: String(schoolNamed("Тарская СОШ № 3").id)});
  await addAccount(s, "samson", "school-representative", {level: "school", id: String(schoolNamed("Самсоновская").id)});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe.skipIf(!existsSync(CHROMIUM))("a school uploads her own report", () => {
  it("the sample's forms name 22 schools in three municipalities", () => {
    expect(schools).toHaveLength(22);
    expect([...new Set(schools.map((x) => x.municipality))].sort()).toEqual(["Омский", "Саргатский", "Тарский"]);
  });

  it("the representative of Тарская СОШ № 3 uploads her II quarter report on the upload page and sees it accepted at once", async () => {
    const {context, page} = await person();
    await logIn(page, "tara3");
    await page.goto(`${s.url}/upload`);
    // The dashboards too (live, their data cut to her school: issue 16 §2–3).
    expect(await page.$$eval("header nav a", (as) => as.map((a) => a.textContent))).toEqual(["Загрузка отчётов", "История загрузок", "Дашборды"]);
    const own = await page.textContent("#own-school");
    expect(own).toContain(schoolNamed("Тарская СОШ № 3").name);
    expect(own).toContain("ваша школа");
    expect(await page.$("#school-picker")).toBeNull();
    await page.setInputFiles("#files", TARSKAYA_3_Q2);
    await page.waitForSelector("#file-list li[data-status]", {timeout: 60_000});
    const status = await page.getAttribute("#file-list li", "data-status");
    expect(["accepted", "accepted_with_remarks"]).toContain(status);
    expect(await page.textContent("#file-list li .facts")).toMatch(/^квартал 2024-Q2 · загрузка № \d+$/);
    const stored = await s.store.read((c) => all<{name: string; period: string}>(c, `
      SELECT d.name, sp.period FROM uploads u JOIN school_periods sp USING (upload_id) JOIN school_directory d USING (school_id)
      WHERE u.file_name = 'tarskiy_sosh_3.xlsx' AND sp.period = '2024-Q2'`));
    expect(stored).toEqual([{name: schoolNamed("Тарская СОШ № 3").name, period: "2024-Q2"}]);
    await context.close();
  }, 120_000);

  it("another school's file is refused with a message naming the school in the file and hers, and changes nothing", async () => {
    const {context, page} = await person();
    await logIn(page, "tara3");
    await page.goto(`${s.url}/upload`);
    const before = await s.store.read((c) => all(c, "SELECT * FROM current_directory_periods ORDER BY ALL"));
    await page.setInputFiles("#files", OMSKAYA_12_Q2);
    await page.waitForSelector("#file-list li[data-status]", {timeout: 60_000});
    expect(await page.getAttribute("#file-list li", "data-status")).toBe("rejected");
    const message = await page.textContent("#file-list li table.issues tbody tr");
    expect(message).toContain(`в нём указана школа «${schoolNamed("Омская СОШ № 12").name}» (Омский), а ваша школа — «${schoolNamed("Тарская СОШ № 3").name}»`);
    expect(message).toMatch(/^ошибка/);
    expect(await s.store.read((c) => all(c, "SELECT * FROM current_directory_periods ORDER BY ALL"))).toEqual(before);
    await context.close();
  }, 120_000);

  it("her history lists only her school's uploads, without undo", async () => {
    const {context, page} = await person();
    await logIn(page, "tara3");
    await page.goto(`${s.url}/history`);
    expect(await page.textContent("#history-scope")).toContain(schoolNamed("Тарская СОШ № 3").name);
    const files = await page.$$eval("table.history td.file", (tds) => tds.map((td) => td.textContent));
    // Newest first: her refused try, her II quarter, the I quarter's correction, the I quarter (the last two sent by the methodologist).
    expect(files).toEqual(["omskiy_sosh_12.xlsx", "tarskiy_sosh_3.xlsx", "tarskiy_sosh_3.xlsx", "tarskiy_sosh_3.xlsx"]);
    expect(await page.$$("form[action$='/undo']")).toHaveLength(0);
    expect(await page.$$("form[action='/api/originals/purge']")).toHaveLength(0);
    await context.close();
  }, 60_000);
});

describe.skipIf(!existsSync(CHROMIUM))("a school representative reaches nothing of another school", () => {
  it("every upload address answers with her school's uploads only, or refuses", async () => {
    const cookie = await session(s.url, "samson");
    const mine = schoolNamed("Самсоновская");
    const others = schools.filter((x) => x.id !== mine.id).map((x) => x.name);
    const otherFiles = formFiles.map((f) => basename(f)).filter((f) => f !== "tarskiy_samsonovskaya.xlsx");
    expect(others).toHaveLength(21);
    const ids = await s.store.read((c) => all<{id: number; file: string}>(c, "SELECT upload_id AS id, file_name AS file FROM uploads ORDER BY 1"));
    const foreign = ids.find((u) => u.file === "omskiy_sosh_12.xlsx")!;
    const answers: Array<{path: string; status: number; text: string}> = [];
    for (const path of ["/api/history", "/api/history?limit=200", "/history", `/api/uploads/${foreign.id}/issues.xlsx`, "/collection",
      "/collection?period=2024-Q2", "/exports/collection.xlsx?period=2024-Q2", "/api/directory", "/directory", "/exports/engagement.xlsx?period=2024-Q2"]) {
      const r = await get(s.url, path, cookie);
      answers.push({path, status: r.status, text: decoded(r.body)});
    }
    const status = Object.fromEntries(answers.map((a) => [a.path, a.status]));
    expect(status).toEqual({"/api/history": 200, "/api/history?limit=200": 200, "/history": 200, [`/api/uploads/${foreign.id}/issues.xlsx`]: 404,
      "/collection": 403, "/collection?period=2024-Q2": 403, "/exports/collection.xlsx?period=2024-Q2": 403, "/api/directory": 403, "/directory": 403,
      "/exports/engagement.xlsx?period=2024-Q2": 403});
    // Her history: exactly her school's one upload (the I quarter's report, sent by the methodologist).
    const history = JSON.parse(answers[0]!.text) as {uploads: Array<{file: string}>; total: number};
    expect([history.total, history.uploads.map((u) => u.file)]).toEqual([1, ["tarskiy_samsonovskaya.xlsx"]]);
    for (const a of answers) {
      for (const name of others) expect(a.text.includes(name), `${a.path} names ${name}`).toBe(false);
      for (const file of otherFiles) expect(a.text.includes(file), `${a.path} names ${file}`).toBe(false);
    }
    // Her own issues workbook opens; its rows are her file's only.
    const own = ids.find((u) => u.file === "tarskiy_samsonovskaya.xlsx")!;
    const xlsx = await fetch(`${s.url}/api/uploads/${own.id}/issues.xlsx`, {headers: {Cookie: cookie}});
    expect(xlsx.status).toBe(200);
    const text = (await workbookText(Buffer.from(await xlsx.arrayBuffer()))).flat().join("\n");
    expect(text).toContain("tarskiy_samsonovskaya.xlsx");
    for (const name of others) expect(text.includes(name)).toBe(false);
  }, 60_000);
});

describe.skipIf(!existsSync(CHROMIUM))("the methodologist's collection board", () => {
  it("shows the II quarter of 2024: 22 schools expected, Хохловская read in part, Самсоновская not sent; the XLSX lists those two", async () => {
    const {context, page} = await person();
    await logIn(page, "metod");
    await page.goto(`${s.url}/upload`);
    expect(await page.$$eval("header nav a", (as) => as.map((a) => a.textContent))).toContain("Сбор отчётов");
    await Promise.all([page.waitForLoadState("load"), page.click("header nav a[href='/collection']")]);
    await page.selectOption("#collection-period select", "2024-Q2");
    await Promise.all([page.waitForLoadState("load"), page.click("#collection-period button")]);
    expect(await page.textContent("h2")).toBe("Школы, которые должны отчитаться за II квартал 2024");
    expect(await page.textContent("#collection-expected")).toBe("Ожидается 22 школы.");
    const counts = await page.$$eval("#collection-counts li", (lis) => lis.map((li) => li.textContent));
    // engagement-figures.md, 2024-Q2: 20 counted (read in full), Хохловская «прочитан не полностью», Самсоновская «не прислал», no refused file.
    const [accepted, remarks] = counts.slice(0, 2).map((c) => Number(/(\d+)$/.exec(c!)![1]));
    expect(accepted! + remarks!).toBe(20);
    expect(counts.slice(2)).toEqual(["прочитан не полностью: 1", "файл не принят: 0", "не прислал: 1"]);
    // The same figures as collectionStates, computed once.
    const states = await collectionStates(s.store, "2024-Q2");
    expect(states.schools.filter((x) => x.state === "accepted")).toHaveLength(accepted!);
    expect(states.schools.filter((x) => x.state === "accepted_with_remarks")).toHaveLength(remarks!);
    const khokhlovskaya = schoolNamed("Хохловская"), samsonovskaya = schoolNamed("Самсоновская");
    const row = (id: number) => page.$$eval(`tr[data-school="${id}"] td`, (tds) => tds.map((td) => td.textContent));
    const kh = await row(khokhlovskaya.id);
    expect([kh[0], kh[1], kh[4], kh[5]]).toEqual([khokhlovskaya.name, "прочитан не полностью", "нет учётной записи", "нет строк в формах 2–5"]);
    // Form 1's contact as the school wrote it in its report (tests/sample: «Контакты» of the sample's schools).
    expect(kh[3]).toEqual(contactOf("Хохловская"));
    expect(kh[2]).toMatch(/^\d\d\.\d\d\.\d{4}$/);
    expect(await row(samsonovskaya.id)).toEqual([samsonovskaya.name, "не прислал", "—", contactOf("Самсоновская"), "samson — Тестовая samson",
      "отчёт за квартал не прислан"]);
    expect((await row(schoolNamed("Тарская СОШ № 3").id)).slice(3)).toEqual([contactOf("Тарская СОШ № 3"), "tara3 — Тестовая tara3", ""]);
    expect(await page.$$eval("h3", (hs) => hs.map((h) => h.textContent))).toEqual(["Омский", "Саргатский", "Тарский"]);
    expect(await page.textContent("#contact-note")).toContain("их видит только методист РНЦ");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#collection-xlsx")]);
    const path = await download.path();
    const rows = await workbookText(readFileSync(path!));
    expect(rows[0]).toEqual(["Школы для напоминания: II квартал 2024 (2 из 22)"]);
    expect(rows[1]).toEqual(["Муниципалитет", "Школа", "Состояние", "Причина", "Контакт (форма 1)", "Учётная запись", "Последняя загрузка"]);
    expect(rows.slice(2)).toEqual([
      ["Саргатский", khokhlovskaya.name, "прочитан не полностью", "нет строк в формах 2–5", kh[3], "нет учётной записи", kh[2]],
      ["Тарский", samsonovskaya.name, "не прислал", "отчёт за квартал не прислан", contactOf("Самсоновская"), "samson — Тестовая samson", "—"]
    ]);
    const audit = await s.store.read((c) => all<{action: string; object: string; details: string}>(c,
      "SELECT action, object, details FROM audit_log WHERE object = 'export:collection.xlsx'"));
    expect(audit).toEqual([{action: "export", object: "export:collection.xlsx", details: JSON.stringify({period: "2024-Q2"})}]);
    await context.close();
  }, 120_000);
});
