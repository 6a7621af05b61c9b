// The methodologist's path in a real browser (Debian's Chromium through playwright-core): upload
// three files on the page, read the outcomes and the issues, download the issues workbook, see an
// open dashboard show a new upload's figure by itself (live pages, no rebuild), and export the
// annual report PDF.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFileSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {testServer, type TestServer} from "./helpers.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {formatPercent} from "../../lib/format.ts";
import {projectSettings} from "../helpers/settings.ts";
import {changedReport, CHANGED_REPORT} from "../helpers/liveUpload.ts";

let s: TestServer, context: BrowserContext, page: Page, profile: string, files: string;

beforeAll(async () => {
  // The live shells, built once (minutes on a loaded two-core machine); the pages then fetch their data.
  s = await testServer({build: frameworkBuild(() => undefined)});
  await s.rebuild!.ensure();
  profile = mkdtempSync(join(tmpdir(), "mentoring-chromium-"));
  files = mkdtempSync(join(tmpdir(), "mentoring-files-"));
  for (const f of ["omskiy_sosh_12", "omskiy_morozovskaya"]) writeFileSync(join(files, `${f}.xlsx`), readFileSync(`data/sample/forms/2024-Q1/${f}.xlsx`));
  writeFileSync(join(files, CHANGED_REPORT), await changedReport());
  writeFileSync(join(files, "список.xlsx"), "ФИО;школа\nИванов;СОШ № 1\n");
  context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true});
  page = await context.newPage();
}, 900_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  for (const d of [profile, files]) if (d) rmSync(d, {recursive: true, force: true});
});

describe.skipIf(!existsSync(CHROMIUM))("the upload page in Chromium", () => {
  it("three dropped files show three outcomes, the issues table worst first, and the issues download", async () => {
    await page.goto(`${s.url}/upload`);
    await page.setInputFiles("#files", ["omskiy_sosh_12.xlsx", "omskiy_morozovskaya.xlsx", "список.xlsx"].map((f) => join(files, f)));
    await page.waitForFunction(() => document.querySelectorAll("li.file[data-status]").length === 3);
    const outcomes = await page.$$eval("li.file", (items) => items.map((li) => [li.querySelector(".name")!.textContent, (li as HTMLElement).dataset.status]));
    expect(outcomes).toEqual([["omskiy_sosh_12.xlsx", "accepted"], ["omskiy_morozovskaya.xlsx", "accepted_with_remarks"], ["список.xlsx", "rejected"]]);
    expect(await page.textContent("#batch-summary")).toBe("Принято: 1, с замечаниями: 1, отклонено: 1.");
    const rows = await page.$$eval("li.file:nth-child(2) table.issues tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)));
    expect(rows[0]!.slice(0, 4)).toEqual(["ошибка", "Лист1", "E12", "45"]);
    expect(await page.textContent("li.file:nth-child(3) table.issues")).toContain("Не удалось понять, что это за отчёт");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("li.file:nth-child(2) a.button")]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0]!.getRow(3).getCell(5).value).toBe("E12");
  }, 60_000);

  it("an accepted upload shows on an open dashboard by itself, with no rebuild", async () => {
    // The upload page says the pages are live: nothing to wait for.
    await page.waitForFunction(() => document.getElementById("dashboards")?.dataset.state === "up-to-date", null, {timeout: 30_000});
    expect(await page.textContent("#dashboards")).toMatch(/обновляются сами, пересборка не нужна/);
    const shell = statSync(join(s.dir, "dist", "index.html")).mtimeMs;
    const percent = async () => formatPercent((await engagementReport(s.store, projectSettings(), {period: "2024-Q1"})).region.teachersPct, 1, 70).replace(/\s/g, " ");
    // Another page, open on the engagement dashboard, shows the region's share of teachers.
    const dashboard = await context.newPage();
    await dashboard.goto(`${s.url}/engagement`);
    await dashboard.waitForSelector("#teachers-pct");
    const shown = () => dashboard.textContent("#teachers-pct").then((t) => t!.replace(/\s/g, " "));
    const before = await percent();
    expect(await shown()).toContain(before);
    // The corrected report of one school, dropped on the upload page…
    await page.goto(`${s.url}/upload`);
    await page.setInputFiles("#files", [join(files, CHANGED_REPORT)]);
    await page.waitForFunction(() => document.querySelector("li.file[data-status]")?.getAttribute("data-status")?.startsWith("accepted"), null, {timeout: 60_000});
    const accepted = Date.now();
    const after = await percent();
    expect(after).not.toBe(before);
    // …changes the open dashboard with no reload (the 5 s target is measured by bench/live.ts).
    await dashboard.waitForFunction((want) => document.getElementById("teachers-pct")?.textContent?.replace(/\s/g, " ").includes(want), after, {timeout: 30_000});
    s.logs.push(`live: the new figure showed ${Date.now() - accepted} ms after the upload was accepted`);
    expect(await shown()).toContain(after);
    // No rebuild: the shells are the ones built at start.
    expect(statSync(join(s.dir, "dist", "index.html")).mtimeMs).toBe(shell);
    expect(s.logs.filter((l) => /страницы дашбордов собраны/.test(l))).toHaveLength(1);
    await dashboard.close();
  }, 120_000);

  it("the annual report exports as a PDF whose first page is the report", async () => {
    await page.goto(`${s.url}/exports`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[formaction='/exports/annual.pdf']")]);
    const pdf = (await download.path())!;
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"], {encoding: "utf8"});
    expect(first).toContain("Итоговый аналитический отчёт");
    expect(first).toContain("Вовлечённость в наставничество, год к году");
    expect(first).not.toContain("Иванов");
  }, 60_000);
});
