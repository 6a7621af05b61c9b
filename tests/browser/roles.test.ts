// The live dashboards per role in a real browser (Debian's Chromium through playwright-core): a
// service-mode server on the sample region, its live shells built once, and one person of each role
// opening every page. Each sees only her scope — in the page's text and in every answer of
// /api/pages/ the browser received: a school's curator one school and its teachers, a municipal
// curator her municipality's schools, management no teacher's name and no file name, and never
// the teacher card.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {all} from "../../store/database.ts";
import {prepostReport} from "../../reports/prepost.ts";
import {issuesReport} from "../../reports/issues.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import type {TestServer} from "../server/helpers.ts";
import {addAccount, clock, serviceServer, session} from "../server/auth/helpers.ts";
import type {Role, Scope} from "../../server/auth/roles.ts";
import {projectSettings} from "../helpers/settings.ts";

const SHOTS = "test-results";
const PAGES = ["/", "/engagement", "/diagnostics", "/effectiveness"];
let s: TestServer, browser: Browser;
let schools: Array<{id: number; name: string; municipalityId: number; municipality: string}> = [];
let school: (typeof schools)[number];
let teacherNames: string[] = [], fileNames: string[] = [];
const cookies = new Map<string, string>();

/** Whether `text` names a school: the name not followed by a digit («СОШ № 1» is not «СОШ № 12»). */
const names = (text: string, name: string) => new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\d])`).test(text);

interface Seen {page: Page; text: string; answers: string; status: number}

/** Opens a page as a person with this account: the page's text once its data came, and every /api/pages/ answer it received. */
async function open(login: string, path: string): Promise<Seen> {
  const context = await browser.newContext({viewport: {width: 1300, height: 900}, locale: "ru-RU"});
  const [name, value] = cookies.get(login)!.split("=") as [string, string];
  await context.addCookies([{name, value, url: s.url}]);
  const page = await context.newPage();
  const answers: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", async (r) => { if (r.url().includes("/api/pages/")) answers.push(await r.text().catch(() => "")); });
  const response = await page.goto(s.url + path, {waitUntil: "load"});
  if (response?.status() === 200) {
    await page.waitForSelector("#live-status[data-version]", {timeout: 120_000});
    await page.waitForLoadState("networkidle");
  }
  await page.screenshot({path: join(SHOTS, `live-${login}${path.replace(/\//g, "_") || "_index"}.png`), fullPage: true});
  expect(errors).toEqual([]);
  return {page, text: await page.innerText("body"), answers: answers.join("\n"), status: response?.status() ?? 0};
}

beforeAll(async () => {
  mkdirSync(SHOTS, {recursive: true});
  s = await serviceServer(clock(), {build: frameworkBuild(() => undefined)});
  await ingestSample(s.store);
  await s.rebuild!.ensure();
  schools = (await s.store.read((c) => all<{id: number; name: string; municipality_id: number; municipality: string}>(c, `
    SELECT directory_school_id AS id, name, municipality_id, municipality FROM current_directory_schools ORDER BY municipality, name`)))
    .map((r) => ({id: r.id, name: r.name, municipalityId: r.municipality_id, municipality: r.municipality}));
  const prepost = await prepostReport(s.store, projectSettings(), {names: true});
  const withTeachers = new Set(prepost.teachers.map((t) => t.school));
  school = schools.find((x) => withTeachers.has(x.name) && schools.filter((y) => y.municipalityId === x.municipalityId).length > 2)!;
  teacherNames = [...new Set(prepost.teachers.map((t) => t.name!).filter((n) => n && n.length > 8))];
  fileNames = (await issuesReport(s.store)).files.map((f) => f.file);
  const accounts: Array<[string, Role, Scope]> = [
    ["metod", "methodologist", {level: "region"}],
    ["mun", "municipal-curator", {level: "municipality", id: String(school.municipalityId)}],
    ["cur", "school-curator", {level: "school", id: String(school.id)}],
    ["boss", "management", {level: "region"}]
  ];
  for (const [login, role, scope] of accounts) {
    await addAccount(s, login, role, scope);
    cookies.set(login, await session(s.url, login));
  }
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe.skipIf(!existsSync(CHROMIUM))("each role on the live dashboards in Chromium", () => {
  it("the methodologist sees the whole region and the teachers by name", async () => {
    const eng = await open("metod", "/engagement");
    const municipalities = new Set(schools.filter((x) => names(eng.text, x.name)).map((x) => x.municipalityId));
    expect(municipalities.size).toBeGreaterThan(1);
    const card = await open("metod", "/private/teacher");
    expect(teacherNames.filter((n) => card.text.includes(n)).length).toBeGreaterThan(0);
  }, 300_000);

  it("a municipal curator sees her municipality's schools only, on every page and in every answer", async () => {
    const outside = schools.filter((x) => x.municipalityId !== school.municipalityId);
    for (const path of [...PAGES, "/private/teacher"]) {
      const v = await open("mun", path);
      expect(outside.filter((x) => names(v.text, x.name) || v.answers.includes(`"${x.name}"`)).map((x) => x.name), path).toEqual([]);
      if (path === "/engagement") {
        expect(names(v.text, school.name)).toBe(true);
        expect(await v.page.$$eval("select", (ss) => ss.flatMap((sel) => Array.from((sel as HTMLSelectElement).options, (o) => o.text))))
          .toEqual(expect.arrayContaining([school.municipality]));
      }
      await v.page.context().close();
    }
  }, 600_000);

  it("a school curator's pages list one school, and her teacher card lists her school's teachers only", async () => {
    const others = schools.filter((x) => x.id !== school.id);
    for (const path of [...PAGES, "/private/teacher"]) {
      const v = await open("cur", path);
      expect(others.filter((x) => names(v.text, x.name) || v.answers.includes(`"${x.name}"`)).map((x) => x.name), path).toEqual([]);
      if (path === "/engagement") {
        const rows = await v.page.$$eval("#schools table tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toContain(school.name);
      }
      if (path === "/private/teacher") {
        const rows = await v.page.$$eval("form table tbody tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) expect(r).toContain(school.name);
      }
      await v.page.context().close();
    }
  }, 600_000);

  it("management sees aggregates: no teacher's name and no file name on any page or in any answer, and no teacher card", async () => {
    for (const path of PAGES) {
      const v = await open("boss", path);
      expect(teacherNames.filter((n) => v.text.includes(n) || v.answers.includes(n)), path).toEqual([]);
      expect(fileNames.filter((n) => v.text.includes(n) || v.answers.includes(n)), path).toEqual([]);
      await v.page.context().close();
    }
    const card = await open("boss", "/private/teacher");
    expect(card.status).toBe(403);
    expect(card.text).toContain("Нет доступа");
    expect(teacherNames.filter((n) => card.text.includes(n))).toEqual([]);
  }, 600_000);

  it("the effectiveness page offers management every level and sends the one picked to the server", async () => {
    const v = await open("boss", "/effectiveness");
    const picker = v.page.getByLabel("Уровень");
    const options = await picker.locator("option").allTextContents();
    expect(options[0]).toBe("Регион");
    expect(options).toContain(`${school.name} (${school.municipality})`);
    const asked = v.page.waitForRequest((r) => r.url().includes("/api/pages/effectiveness.json?") && r.url().includes(`id=${school.id}`));
    await picker.selectOption({label: `${school.name} (${school.municipality})`});
    expect(new URL((await asked).url()).searchParams.get("level")).toBe("school");
    await v.page.waitForFunction((label) => document.getElementById("level-shown")?.textContent === `Уровень: ${label}`, `${school.name} (${school.municipality})`,
      {timeout: 180_000});
    await v.page.context().close();
  }, 300_000);
});
