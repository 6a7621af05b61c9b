// A school's manager opens «Эффективность» on the sample region in Chromium: the load and the
// violations sections show «< 5», never a count of 1–4 people (issue 16 §2); a screenshot is kept.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium, type Browser} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import {levelOptions} from "../../reports/pages/effectiveness.ts";
import type {TestServer} from "../server/helpers.ts";
import {addAccount, clock, PASSWORD, serviceServer} from "../server/auth/helpers.ts";

const shells = join(mkdtempSync(join(tmpdir(), "under5-shells-")), "dist");
let browser: Browser;
let s: TestServer;

beforeAll(async () => {
  mkdirSync("test-results", {recursive: true});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
  s = await serviceServer(clock(), {build: frameworkBuild(() => undefined), distDir: shells});
  await ingestSample(s.store);
}, 600_000);
afterAll(async () => { await browser?.close(); await s?.close?.(); rmSync(join(shells, ".."), {recursive: true, force: true}); });

describe("a school's manager on «Эффективность»", () => {
  it("sees «< 5» in the load and violations, no count of 1–4", async () => {
    const school = (await levelOptions(s.store, {level: "region"})).find((l) => l.level === "school")!;
    await addAccount(s, "boss-under5", "management", {level: "school", id: String(school.id)});
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.url}/login`);
    await page.getByLabel("Имя для входа").fill("boss-under5");
    await page.getByLabel("Пароль").fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", {name: "Войти"}).click()]);
    await page.goto(`${s.url}/effectiveness`, {waitUntil: "load"});
    await page.waitForSelector("#live-status[data-version]", {timeout: 300_000});
    await page.waitForLoadState("networkidle");
    await page.screenshot({path: "test-results/under5-effectiveness-school.png", fullPage: true});
    const body = await page.innerText("body");
    const load = body.slice(body.indexOf("Нагрузка наставников"), body.indexOf("Вовлечённость по учебным годам"));
    expect(load).toContain("< 5");
    // «наставников 3», «Случаев» cells of 1–4: none.
    expect(load).not.toMatch(/(наставников|наставляемых|пар) [1-4][;,.]/);
    const cells = await page.$$eval("#violations td.num", (tds) => tds.map((td) => (td.textContent ?? "").trim()));
    for (const c of cells) expect(/^[1-4]$/.test(c), c).toBe(false);
  }, 600_000);
});
