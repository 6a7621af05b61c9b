// The annual report as DOCX from the exports page, clicked in Chromium as management does: the
// period chosen, «Скачать DOCX» pressed, the downloaded file read back against the report object;
// the export is audited with the period as a code.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {testServer, type TestServer} from "./helpers.ts";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {all} from "../../store/database.ts";
import {annualReport} from "../../reports/exports/annualReport.ts";
import {annualConclusions} from "../../reports/exports/annualConclusions.ts";
import {periodFromId} from "../../lib/period.ts";
import {formatNumber, formatPercent} from "../../lib/format.ts";
import {projectSettings} from "../helpers/settings.ts";
import {docxContent} from "../helpers/docx.ts";
import {requirementFor} from "../../server/auth/requirements.ts";

let s: TestServer, context: BrowserContext, page: Page, profile: string;

beforeAll(async () => {
  s = await testServer();
  await ingestSample(s.store);
  profile = mkdtempSync(join(tmpdir(), "mentoring-chromium-"));
  if (existsSync(CHROMIUM)) {
    context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true});
    page = await context.newPage();
  }
}, 240_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  if (profile) rmSync(profile, {recursive: true, force: true});
});

describe.skipIf(!existsSync(CHROMIUM))("the annual report as DOCX from the exports page", () => {
  it("downloads the chosen year's report, editable, with the report's figures, its conclusions and page numbers", async () => {
    await page.goto(`${s.url}/exports`);
    await page.selectOption("form[action='/exports/annual.html'] select[name=period]", "2023/24");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[formaction='/exports/annual.docx']")]);
    expect(download.suggestedFilename()).toBe("Итоговый отчёт 2023-24.docx");
    const doc = docxContent(readFileSync((await download.path())!));
    expect(doc.paragraphs.slice(0, 4)).toEqual(["Итоговый аналитический отчёт о реализации системы наставничества", "Регион",
      "региональный уровень", "2023/24 учебный год (01.09.2023–31.08.2024)"]);
    const r = await annualReport(s.store, projectSettings(), {period: periodFromId("2023/24")});
    if (!r.engagement.available) throw new Error("engagement expected");
    const y = r.engagement.data.current;
    expect(doc.tables.find((t) => t[0]?.[0] === "Год")!.at(-1)).toEqual([y.periodId, "I квартал 2024", formatNumber(y.studentsEngaged),
      formatNumber(y.studentsPopulation), formatPercent(y.studentsPct, 1, 70), formatNumber(y.teachersEngaged), formatNumber(y.teachersPopulation),
      formatPercent(y.teachersPct, 1, 70), "по 22 из 22 школ"]);
    for (const line of annualConclusions(r).notMet) expect(doc.paragraphs).toContain(`— ${line}`);
    expect(doc.footers[0]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    const audit = await s.store.read((c) => all<{object: string; details: string}>(c,
      "SELECT object, CAST(details AS VARCHAR) AS details FROM audit_log WHERE object = 'export:annual.docx'"));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toContain("2023-24");
    await page.screenshot({path: "test-results/server-exports-docx.png", fullPage: true});
  }, 90_000);
});

describe("who may download the DOCX", () => {
  it("needs what the PDF and the XLSX need: the annual report's export right", () => {
    expect(requirementFor("GET", "/exports/annual.docx")).toEqual(requirementFor("GET", "/exports/annual.pdf"));
    expect(requirementFor("GET", "/exports/annual.docx")).toEqual(requirementFor("GET", "/exports/annual.xlsx"));
  });
});
