// Periods and settings on the server's pages, clicked in Chromium as a methodologist does: the
// exports page lists the school and calendar years that have data, the annual report of the chosen
// year downloads as XLSX with only that year's data; the settings download, edited and uploaded
// back on the upload page, change what the reports say; the favicon is served.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {testServer, type TestServer} from "./helpers.ts";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";

let s: TestServer, context: BrowserContext, page: Page, profile: string, files: string;

beforeAll(async () => {
  s = await testServer();
  await ingestSample(s.store);
  profile = mkdtempSync(join(tmpdir(), "mentoring-chromium-"));
  files = mkdtempSync(join(tmpdir(), "mentoring-files-"));
  if (existsSync(CHROMIUM)) {
    context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true});
    page = await context.newPage();
  }
}, 180_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  for (const d of [profile, files]) if (d) rmSync(d, {recursive: true, force: true});
});

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe("periods and settings over HTTP", () => {
  it("serves the icon every page asks for", async () => {
    const res = await fetch(`${s.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/x-icon");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync("src/favicon.ico"));
  });

  it("lists the periods that have data and answers a wrong period in Russian, naming the forms and no command-line option", async () => {
    const periods = await (await fetch(`${s.url}/api/periods`)).json() as {schoolYears: Array<{id: string}>; calendarYears: Array<{id: string}>;
      quarters: Array<{id: string}>; defaultSchoolYear: {id: string}};
    expect(periods.quarters.map((p) => p.id)).toEqual(["2024-Q1", "2024-Q2"]);
    expect(periods.schoolYears.map((p) => p.id)).toEqual(expect.arrayContaining(["2023/24", "2024/25", "2025/26"]));
    expect(periods.defaultSchoolYear.id).toBe("2025/26");
    for (const bad of ["2024-Q5", "2024-Q1", "осень"]) {
      const res = await fetch(`${s.url}/api/annual?period=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      const {error} = await res.json() as {error: string};
      expect(error).toMatch(/учебный год — 2024\/25, 2024-2025 или «2024\/25 учебный год»; календарный год — 2024/);
      expect(error).not.toMatch(/--/);
    }
    const a = await (await fetch(`${s.url}/api/annual?period=2024/25`)).json() as {period: {id: string}; prepost: {data: {paired: number}}};
    const b = await (await fetch(`${s.url}/api/annual?period=2025-2026`)).json() as {period: {id: string}; prepost: {data: {paired: number}}};
    expect([a.period.id, a.prepost.data.paired, b.period.id, b.prepost.data.paired]).toEqual(["2024/25", 0, "2025/26", 139]);
  });
});

describe.skipIf(!existsSync(CHROMIUM))("the exports and upload pages in Chromium", () => {
  it("the annual report is chosen from a list of school and calendar years and downloads as XLSX of that year only", async () => {
    await page.goto(`${s.url}/exports`);
    const options = await page.$$eval("form[action='/exports/annual.html'] select[name=period] option", (os) => os.map((o) => (o as HTMLOptionElement).textContent));
    expect(options).toEqual(expect.arrayContaining(["2025/26 учебный год", "2024/25 учебный год", "2023/24 учебный год", "2024 год", "2025 год"]));
    await page.selectOption("form[action='/exports/annual.html'] select[name=period]", "2024/25");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[formaction='/exports/annual.xlsx']")]);
    expect(download.suggestedFilename()).toBe("итоговый отчёт 2024-25.xlsx");
    const wb = await read((await download.path())!);
    // The region's report names the organisation setting («Регион» by default) after the period.
    expect(wb.getWorksheet("Отчёт")!.getCell("A1").value).toBe("Итоговый аналитический отчёт за 2024/25 учебный год: Регион");
    const retention = wb.getWorksheet("Закрепление")!;
    expect(retention.getCell("A3").value).toBe("2023/24");
    expect(retention.getCell("F3").value).toBeCloseTo(5 / 6, 12);
    await page.screenshot({path: "test-results/server-exports.png", fullPage: true});
  }, 60_000);

  it("the settings download, edited and uploaded on the upload page, change the limit the reports use", async () => {
    await page.goto(`${s.url}/exports`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a[href='/exports/settings.xlsx']")]);
    const wb = await read((await download.path())!);
    const rules = wb.getWorksheet("Правила наставничества")!;
    expect([rules.getCell("A3").value, rules.getCell("D3").value]).toEqual(["maxMentees", 3]);
    rules.getCell("D3").value = 1;
    const edited = join(files, "настройки.xlsx");
    await wb.xlsx.writeFile(edited);

    await page.goto(`${s.url}/upload`);
    const quarterChoices = await page.$$eval("select[name=period] option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(quarterChoices).toEqual(expect.arrayContaining(["", "2024-Q1", "2024-Q2"]));
    await page.setInputFiles("#files", [edited]);
    await page.waitForFunction(() => document.querySelectorAll("li.file[data-status]").length === 1);
    expect(await page.$eval("li.file", (li) => (li as HTMLElement).dataset.status)).toBe("accepted");
    expect(await page.textContent("li.file")).toContain("Новая версия настройки «Правила наставничества»");
    await page.screenshot({path: "test-results/server-upload-settings.png", fullPage: true});

    const api = await (await fetch(`${s.url}/api/annual?period=2024/25`)).json() as {load: {data: {maxMentees: number}}};
    expect(api.load.data.maxMentees).toBe(1);
    await page.goto(`${s.url}/exports/annual.html?period=2024/25`);
    expect(await page.textContent("body")).toContain("предел — 1");
    writeFileSync(join(files, "done"), "");
  }, 60_000);
});
