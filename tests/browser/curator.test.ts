// The curator's path in a real browser (Debian's Chromium through playwright-core): the service
// build of the dashboards served by the real local server (which also writes the route files on
// demand), over a database holding the bundled sample. Pick a teacher by typing, read the change
// of their deficits, download their route (XLSX and DOCX) and read it back; print the growth card.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
import {Store} from "../../store/database.ts";
import {writeSnapshot} from "../../store/snapshot.ts";
import {buildDashboards, ingestSample} from "../../scripts/build.ts";
import {startServer, type RunningServer} from "../../server/app.ts";
import {prepostReport, type PrepostTeacher} from "../../reports/prepost.ts";
import {teacherRouteDrafts} from "../../reports/routeDraft.ts";
import {deficitChangeText} from "../../lib/deficitChange.ts";
import {examineFile} from "../../loaders/ingest.ts";
import type {RoutesData} from "../../loaders/routes/routeFile.ts";
import {unzip} from "../helpers/unzip.ts";
import {projectSettings} from "../helpers/settings.ts";

const settings = projectSettings();

const SHOTS = "test-results";
let work: string, store: Store, server: RunningServer, browser: Browser;
let teacher: PrepostTeacher & {name: string};

beforeAll(async () => {
  mkdirSync(SHOTS, {recursive: true});
  work = mkdtempSync(join(tmpdir(), "curator-"));
  store = await Store.open(join(work, "mentoring.duckdb"));
  await ingestSample(store);
  const snapshot = join(work, "snapshot.duckdb");
  await writeSnapshot(store, snapshot);
  const dist = await buildDashboards({snapshot, outDir: join(work, "dist"), log: () => undefined});
  server = await startServer({store, host: "127.0.0.1", port: 0, distDir: dist, uploadsDir: join(work, "uploads"), snapshotPath: snapshot,
    build: null, workers: 1, log: () => undefined});
  browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]});
  // A teacher with both diagnostics, a unique full name and a drafted route with activities.
  const prepost = await prepostReport(store, settings, {names: true});
  const drafts = await teacherRouteDrafts(store, settings, {names: true});
  const names = prepost.teachers.map((t) => t.name);
  // Preferably one whose route and students' results are loaded too (the sample's gymnasium), so the page shows everything.
  const candidates = prepost.teachers.filter((t) => t.waves.length === 2 && !t.ambiguous && names.filter((n) => n === t.name).length === 1
    && (drafts.get(t.id)?.activities.length ?? 0) > 0 && Object.values(t.areas).some((a) => a.change !== null && Math.abs(a.change) >= 1));
  teacher = (candidates.find((t) => t.school === "МБОУ «Саргатская гимназия»") ?? candidates[0]) as typeof teacher;
  // Loading the sample and building the dashboards take minutes on a shared two-core machine.
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

async function open(path: string): Promise<{page: Page; errors: string[]}> {
  const page = await (await browser.newContext({acceptDownloads: true, viewport: {width: 1300, height: 900}})).newPage();
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) errors.push(`${m.text()} ${m.location().url}`); });
  page.on("pageerror", (e) => errors.push(e.message));
  // Chromium asks every new context for /favicon.ico, which the server does not have: not the page's error.
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.url()} HTTP ${r.status()}`); });
  await page.goto(server.url + path, {waitUntil: "load"});
  await page.waitForLoadState("networkidle");
  return {page, errors};
}

describe("the curator's page in Chromium", () => {
  it("picks a teacher by typing, shows the change of each deficit in words, and downloads the route", async () => {
    const {page, errors} = await open("/private/teacher");
    const search = page.getByPlaceholder("Фамилия, школа, муниципалитет…");
    await search.pressSequentially(teacher.name.split(" ").slice(0, 2).join(" "), {delay: 20});
    // Namesakes by surname and first name stay in the list: the curator ticks the one.
    await page.locator("form table tbody tr", {hasText: teacher.name}).locator("input").click();
    await page.waitForFunction((name) => document.querySelector("#teacher-name")?.textContent === name, teacher.name, {timeout: 15_000});
    for (const [area, f] of Object.entries(teacher.areas)) {
      if (f.change === null) continue;
      expect(await page.textContent(`#teacher-change li[data-area="${area}"] .change`)).toBe(deficitChangeText(f.change));
    }
    await page.screenshot({path: join(SHOTS, "curator-teacher.png"), fullPage: true});

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    expect(xlsx.suggestedFilename()).toBe(`ИОМ_${teacher.name.replace(/\s+/g, "_")}.xlsx`);
    const e = await examineFile("ИОМ.xlsx", await readFile((await xlsx.path())!));
    expect(e.ok && e.kind.name).toBe("routes");
    if (e.ok) expect((e.parsed.data as RoutesData).routes.map((r) => [r.fullName, r.school])).toEqual([[teacher.name, teacher.school]]);

    const [docx] = await Promise.all([page.waitForEvent("download"), page.click("#download-docx")]);
    const xml = unzip(await readFile((await docx.path())!)).get("word/document.xml")!.toString("utf8");
    expect(xml).toContain(teacher.name);
    expect(xml).toContain("БЛОК 5. ДОРОЖНАЯ КАРТА ПО УСТРАНЕНИЮ ВЫЯВЛЕННЫХ ДЕФИЦИТОВ");
    expect(errors).toEqual([]);
    await page.close();
    // Typing, and two files written by the server on demand: slow on a loaded two-core machine.
  }, 240_000);

  it("searches the list by school and sorts it by a column", async () => {
    const {page} = await open("/private/teacher");
    await page.getByPlaceholder("Фамилия, школа, муниципалитет…").fill("Тарская гимназия");
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll("form table tbody tr"));
      return rows.length > 1 && rows.every((tr) => tr.textContent?.includes("Тарская гимназия"));
    }, undefined, {timeout: 15_000});
    const names = () => page.$$eval("form table tbody tr", (rows) => rows.map((r) => r.querySelectorAll("td")[1]?.textContent ?? ""));
    const before = await names();
    await page.click("form table thead th:nth-child(2)");
    await page.waitForFunction((first) => document.querySelector("form table tbody tr td:nth-child(2)")?.textContent !== first, before[0]);
    const after = await names();
    expect(after).toEqual([...before].reverse());
    await page.close();
  });

  it("prints the personal growth card alone", async () => {
    const {page} = await open("/private/teacher");
    await page.getByPlaceholder("Фамилия, школа, муниципалитет…").fill(teacher.name);
    await page.waitForSelector("#growth-card");
    await page.emulateMedia({media: "print"});
    expect(await page.isVisible("#growth-card")).toBe(true);
    for (const hidden of ["#observablehq-sidebar", "#teacher", "form table"]) expect(await page.isVisible(hidden)).toBe(false);
    expect(await page.textContent("#growth-card")).toContain("Личная карта профессионального роста педагога");
    await page.screenshot({path: join(SHOTS, "curator-growth-card-print.png"), fullPage: true});
    await page.close();
  });

  it("shows deficits with one direction of good and a heatmap scaled to the values on «Диагностика»", async () => {
    const {page, errors} = await open("/diagnostics");
    const r = await prepostReport(store, settings, {});
    for (const a of r.areas) expect(await page.textContent(`#prepost-table tr[data-area="${a.area}"] .mean-change`)).toBe(deficitChangeText(a.meanChange));
    await page.screenshot({path: join(SHOTS, "curator-diagnostics.png"), fullPage: true});
    expect(errors).toEqual([]);
    await page.close();
  });
});
