// The methodologist's «Справочник школ» and the upload page's school picker, clicked in Chromium
// (Debian's, through playwright-core; never a download).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {testServer, type TestServer} from "../server/helpers.ts";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {all} from "../../store/database.ts";
import {directoryFile, quarter} from "../helpers/directory.ts";
import {D} from "../loaders/effectiveness/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";

let s: TestServer, context: BrowserContext, page: Page, profile: string, files: string;

beforeAll(async () => {
  s = await testServer();
  profile = mkdtempSync(join(tmpdir(), "mentoring-chromium-"));
  files = mkdtempSync(join(tmpdir(), "mentoring-files-"));
  // The directory lists two schools; «Тарская гимназия» reports in I quarter, then under another name in II;
  // СОШ № 1's II quarter file was refused.
  await ingestBytes(s.store, "справочник.xlsx", await directoryFile([["Тарский", "МКОУ «Тарская гимназия»", null, null, "да"],
    ["Тарский", "МБОУ «Тарская СОШ № 1»", null, null, "да"]]));
  await ingestBytes(s.store, "q1.xlsx", await quarter("за I квартал 2024 г.", [
    {m: "Тарский", name: "МКОУ «Тарская гимназия»", students: 200, teachers: 20, f2: [70, 70], f3: [7, 7]},
    {m: "Тарский", name: "МБОУ «Тарская СОШ № 1»", students: 100, teachers: 10, f2: [30, 30], f3: [3, 3]}]));
  await ingestBytes(s.store, "q2-gymnasium.xlsx", await quarter("за II квартал 2024 г.", [
    {m: "Тарский", name: "МКОУ «Тарская гимназия им. А.С. Пушкина»", students: 200, teachers: 20, f2: [75, 75], f3: [8, 8]}]));
  await ingestBytes(s.store, "q2-sosh1.xls", Buffer.from("не таблица"), {period: "2024-Q2", school: {name: "МБОУ «Тарская СОШ № 1»", municipality: "Тарский"}});
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Лист1");
  ws.addRow(["Список педагогов на 2024/2025 учебный год"]);
  ws.addRow(["ФИО", "Дата приёма на работу", "Стаж"]);
  ws.addRow(["Петрова Анна Ивановна", D(2020, 9, 1), 5]);
  writeFileSync(join(files, "кадры.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
  context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  for (const d of [profile, files]) if (d) rmSync(d, {recursive: true, force: true});
});

const q2 = () => engagementReport(s.store, projectSettings(), {period: "2024-Q2"});

describe.skipIf(!existsSync(CHROMIUM))("«Справочник школ» in Chromium", () => {
  it("lists the schools by municipality, the proposal and the refused file", async () => {
    await page.goto(`${s.url}/directory`);
    expect(await page.textContent("h1")).toBe("Справочник школ");
    expect(await page.textContent("nav a[aria-current=page]")).toBe("Справочник школ");
    const proposals = await page.$$eval("#proposals tbody tr", (rows) => rows.map((r) =>
      Array.from((r as HTMLTableRowElement).cells).map((td) => td.textContent!.replace(/\s+/g, " ").trim())));
    expect(proposals).toEqual([["Тарский", "МКОУ «Тарская гимназия им. А.С. Пушкина»", "МКОУ «Тарская гимназия»",
      "q2-gymnasium.xlsx", "Это та же школа Это другая школа"]]);
    expect(await page.textContent("#refused tbody")).toContain("q2-sosh1.xls");
    await page.screenshot({path: "test-results/directory-page.png", fullPage: true});
    // The new name is a school of its own until decided: counted; the known gymnasium missing; СОШ № 1 refused.
    expect((await q2()).region.coverage.label).toBe("по 1 из 3 школ");
  }, 60_000);

  it("«Это та же школа» joins the new name to the known school for every quarter", async () => {
    await Promise.all([page.waitForURL(/done=same/), page.click("#proposals button:has-text('Это та же школа')")]);
    expect(await page.textContent(".notice")).toContain("Отмечено: это одна школа");
    expect(await page.textContent("#proposals")).toContain("Нерешённых совпадений нет");
    const r = await q2();
    expect(r.schools.find((x) => x.name === "МКОУ «Тарская гимназия»")).toMatchObject({studentsEngaged: 150, includedInTotals: true});
    expect(r.region.coverage.label).toBe("по 1 из 2 школ");
  }, 60_000);

  it("«Не учитывать» stops the refused file counting against the quarter", async () => {
    await Promise.all([page.waitForURL(/done=dismiss/), page.click("#refused button:has-text('Не учитывать')")]);
    expect(await page.textContent("#refused")).toContain("Отклонённых файлов, которые считаются против полноты, нет");
    expect((await q2()).notCounted.map((x) => [x.name, x.state])).toEqual([["МБОУ «Тарская СОШ № 1»", "missing"]]);
  }, 60_000);

  it("«Закрыть» closes a school: it is no longer expected; «Открыть» brings it back", async () => {
    const row = "tr:has-text('МБОУ «Тарская СОШ № 1»')";
    await Promise.all([page.waitForURL(/done=close/), page.click(`${row} button:has-text('Закрыть')`)]);
    expect(await page.textContent(row)).toContain("закрыта");
    expect((await q2()).region.coverage).toMatchObject({label: "по 1 из 1 школы", complete: true});
    await Promise.all([page.waitForURL(/done=open/), page.click(`${row} button:has-text('Открыть')`)]);
    expect(await page.textContent(row)).toContain("действует");
    expect((await q2()).region.coverage.label).toBe("по 1 из 2 школ");
  }, 60_000);

  it("the upload page's school picker gives a staff list that names no school its school", async () => {
    await page.goto(`${s.url}/upload`);
    await page.click("details summary");
    await page.waitForFunction(() => document.querySelectorAll("#school-picker option").length > 1);
    const options = await page.$$eval("#school-picker optgroup", (gs) => gs.map((g) => [g.getAttribute("label"),
      Array.from(g.querySelectorAll("option")).map((o) => o.textContent)]));
    expect(options).toEqual([["Тарский", ["МБОУ «Тарская СОШ № 1»", "МКОУ «Тарская гимназия»"]]]);
    await page.selectOption("#school-picker", {label: "МКОУ «Тарская гимназия»"});
    await page.setInputFiles("#files", join(files, "кадры.xlsx"));
    await page.waitForFunction(() => document.querySelector("li.file[data-status]") !== null);
    expect(await page.getAttribute("li.file", "data-status")).toBe("accepted");
    const stored = await s.store.read((c) => all(c, `SELECT DISTINCT sd.name FROM roster_snapshots r JOIN school_directory sd USING (school_id)`));
    expect(stored).toEqual([{name: "МКОУ «Тарская гимназия»"}]);
  }, 60_000);
});
