// The live shells' menu per role in a real browser (Debian's Chromium through playwright-core): a
// service-mode server with its live shells built once; a person logs in on the login page as
// management, as a school's representative and as the methodologist, and reads the links of the
// sidebar and of the header. Each sees only the pages her role may open (the server decides by the
// gate's own rule, server/auth/nav.ts mayOpen): management and the representative never the teacher
// card, management not the uploads, the representative not the exports; and every link shown opens.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync} from "node:fs";
import {chromium, type Browser, type Page} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {all} from "../../store/database.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import type {TestServer} from "../server/helpers.ts";
import {addAccount, clock, PASSWORD, serviceServer} from "../server/auth/helpers.ts";

let s: TestServer, browser: Browser;

/** Logs in on the login page as a person does, then opens the engagement page. */
async function loggedIn(login: string): Promise<Page> {
  const context = await browser.newContext({viewport: {width: 1300, height: 900}, locale: "ru-RU"});
  const page = await context.newPage();
  await page.goto(`${s.url}/login?next=${encodeURIComponent("/engagement")}`);
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", PASSWORD);
  await Promise.all([page.waitForURL(`${s.url}/engagement`), page.click("button[type=submit]")]);
  return page;
}

/** The sidebar's and the header's links as the browser resolves them: path → text. */
async function links(page: Page): Promise<{sidebar: Record<string, string>; header: Record<string, string>}> {
  const read = (selector: string) => page.$$eval(selector, (as) => Object.fromEntries(as.map((a) =>
    [new URL((a as HTMLAnchorElement).href).pathname, (a.textContent ?? "").trim()])));
  return {sidebar: await read("#observablehq-sidebar a"), header: await read("nav.server-links a")};
}

/** Clicks every link of the sidebar and the header in turn: none answers a refusal. */
async function everyLinkOpens(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(`${s.url}/engagement`);
    const link = page.locator("#observablehq-sidebar a, nav.server-links a");
    const target = await link.evaluateAll((as, p) => as.findIndex((a) => new URL((a as HTMLAnchorElement).href).pathname === p), path);
    expect(target, path).toBeGreaterThanOrEqual(0);
    const [response] = await Promise.all([page.waitForNavigation(), link.nth(target).click()]);
    expect(response?.status(), path).toBe(200);
  }
}

beforeAll(async () => {
  s = await serviceServer(clock(), {build: frameworkBuild(() => undefined)});
  await ingestSample(s.store);
  await s.rebuild!.ensure();
  const [school] = await s.store.read((c) => all<{id: number}>(c, "SELECT directory_school_id AS id FROM current_directory_schools ORDER BY name LIMIT 1"));
  await addAccount(s, "boss", "management", {level: "region"});
  await addAccount(s, "rep", "school-representative", {level: "school", id: String(school!.id)});
  await addAccount(s, "metod", "methodologist", {level: "region"});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe.skipIf(!existsSync(CHROMIUM))("the live shells' menu per role in Chromium", () => {
  it("the methodologist's menu has every page, the teacher card included (the shells carry it)", async () => {
    const {sidebar, header} = await links(await loggedIn("metod"));
    expect(Object.keys(sidebar)).toEqual(expect.arrayContaining(["/", "/engagement", "/diagnostics", "/effectiveness", "/private/teacher"]));
    expect(sidebar["/private/teacher"]).toBe("Карточка педагога");
    expect(await (await loggedIn("metod")).textContent("#observablehq-footer")).toContain("содержит ФИО педагогов");
    expect(Object.keys(header).sort()).toEqual(["/exports", "/history", "/upload"]);
  }, 300_000);

  it("management sees the aggregate pages and the exports, never the teacher card nor the uploads", async () => {
    const page = await loggedIn("boss");
    const {sidebar, header} = await links(page);
    expect(Object.keys(sidebar).sort()).toEqual(["/", "/diagnostics", "/effectiveness", "/engagement"]);
    expect(Object.values(sidebar)).not.toContain("Карточка педагога");
    expect(Object.keys(header)).toEqual(["/exports"]);
    // Nor does the footer tell her the pages hold names.
    expect(await page.textContent("#observablehq-footer")).toContain("без ФИО педагогов");
    expect(await page.textContent("#observablehq-footer")).not.toContain("содержит ФИО");
    // What the menu leaves out is refused indeed, and what it shows opens.
    expect((await page.goto(`${s.url}/private/teacher`))?.status()).toBe(403);
    await everyLinkOpens(page, [...Object.keys(sidebar), ...Object.keys(header)]);
  }, 300_000);

  it("a school's representative sees the aggregate pages, her uploads and history, not the teacher card nor the exports", async () => {
    const page = await loggedIn("rep");
    const {sidebar, header} = await links(page);
    expect(Object.keys(sidebar).sort()).toEqual(["/", "/diagnostics", "/effectiveness", "/engagement"]);
    expect(Object.keys(header).sort()).toEqual(["/history", "/upload"]);
    expect((await page.goto(`${s.url}/exports`))?.status()).toBe(403);
    await everyLinkOpens(page, [...Object.keys(sidebar), ...Object.keys(header)]);
  }, 300_000);
});
