// Issue 12 §5, issue 13 §3, clicked in Chromium as a person does it: upload a file on the page,
// undo it on the history page and delete its kept original (real form posts: Chromium sends the
// Origin the server's referrer policy allows), and see a page on another site refused — its form
// post answered with a Russian page, its <img> pointing at the PDF export starting no Chromium here.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium, type BrowserContext, type Page} from "playwright-core";
import {sample, testServer, type TestServer} from "./helpers.ts";
import {CHROMIUM, CHROMIUM_ARGS, pdfBrowsers} from "../../reports/exports/annualPdf.ts";
import {all} from "../../store/database.ts";
import {quarterFile} from "../helpers/region.ts";
import {listValue} from "@duckdb/node-api";

let s: TestServer, context: BrowserContext, page: Page, profile: string, files: string, other: Server, otherUrl: string;

beforeAll(async () => {
  s = await testServer();
  profile = mkdtempSync(join(tmpdir(), "mentoring-chromium-"));
  files = mkdtempSync(join(tmpdir(), "mentoring-files-"));
  const f = sample("forms/2024-Q1/omskiy_sosh_12.xlsx");
  writeFileSync(join(files, f.name), f.bytes);
  // Another site: the same machine under another name and port, with a form aimed at our server.
  const target = s.url;
  other = createServer((req, res) => {
    res.writeHead(200, {"Content-Type": "text/html; charset=utf-8"});
    res.end(req.url === "/img" ? `<!doctype html><img id="x" src="${target}/exports/annual.pdf"><p>картинка</p>`
      : `<!doctype html><form method="post" action="${target}/api/uploads/1/undo"><input type="hidden" name="csrf" value="${s.csrf}">` +
        "<button id=\"go\" type=\"submit\">Выиграть приз</button></form>");
  });
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
  otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await s?.close();
  await new Promise((r) => other?.close(r));
  for (const d of [profile, files]) if (d) rmSync(d, {recursive: true, force: true});
});

describe.skipIf(!existsSync(CHROMIUM))("forms on the server's pages, clicked in Chromium", () => {
  it("a file uploaded on the page is undone by clicking «Отменить» on the history page, with a Russian confirmation", async () => {
    await page.goto(`${s.url}/upload`);
    await page.setInputFiles("#files", join(files, "omskiy_sosh_12.xlsx"));
    await page.waitForFunction(() => document.querySelector("li.file[data-status]") !== null);
    expect(await page.getAttribute("li.file", "data-status")).toBe("accepted");
    const id = (await s.store.read((c) => all<{id: number}>(c, "SELECT max(upload_id) AS id FROM uploads")))[0]!.id;

    await page.goto(`${s.url}/history`);
    page.once("dialog", (d) => { expect(d.message()).toContain(`Отменить загрузку № ${id}?`); void d.accept(); });
    await Promise.all([page.waitForURL(/\/history\?undone=/), page.click(`form[action="/api/uploads/${id}/undo"] button`)]);
    expect(await page.textContent("p.notice")).toBe(`Загрузка № ${id} отменена; дашборды обновятся в течение полуминуты.`);
    expect(await page.textContent("tr.undone td:nth-child(8)")).toMatch(/^отменена \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    const undone = await s.store.read((c) => all<{undone: boolean}>(c, "SELECT undone_at IS NOT NULL AS undone FROM uploads WHERE upload_id = $u", {u: id}));
    expect(undone).toEqual([{undone: true}]);
  }, 60_000);

  it("«Удалить файл» deletes the kept original and says so; the upload's record stays", async () => {
    const id = (await s.store.read((c) => all<{id: number}>(c, "SELECT max(upload_id) AS id FROM uploads")))[0]!.id;
    expect(readdirSync(join(s.dir, "uploads"))).toHaveLength(1);
    page.once("dialog", (d) => void d.accept());
    await Promise.all([page.waitForURL(/\/history\?deleted=/), page.click(`form[action="/api/uploads/${id}/original/delete"] button`)]);
    expect(await page.textContent("p.notice")).toBe(`Исходный файл загрузки № ${id} удалён; данные загрузки остались.`);
    expect(readdirSync(join(s.dir, "uploads"))).toEqual([]);
    expect(await page.textContent("tbody tr:first-child td:last-child")).toBe("удалён");
  }, 60_000);

  it("a form on another site posting to the server is refused with a Russian page, and nothing changes", async () => {
    const before = await s.store.read((c) => all(c, "SELECT upload_id, undone_at FROM uploads ORDER BY 1"));
    await page.goto(`${otherUrl}/`);
    const [answer] = await Promise.all([page.waitForNavigation(), page.click("#go")]);
    expect(answer!.status()).toBe(403);
    expect(await page.textContent("h1")).toBe("Запрос отклонён");
    expect(await page.textContent("p.error")).toBe("Запрос пришёл с другого сайта и отклонён.");
    expect(await page.content()).not.toContain("{\"error\"");
    expect(await s.store.read((c) => all(c, "SELECT upload_id, undone_at FROM uploads ORDER BY 1"))).toEqual(before);
  }, 60_000);

  it("an <img> on another site pointing at the PDF export starts no Chromium on the server", async () => {
    const launched = pdfBrowsers.launched;
    await page.goto(`${otherUrl}/img`);
    await page.waitForLoadState("load");
    await new Promise((r) => setTimeout(r, 500));
    expect(s.app.pdf.renders).toBe(0);
    expect(pdfBrowsers.launched).toBe(launched);
    expect(s.logs.join("\n")).not.toMatch(/ошибка GET/);
  }, 60_000);

  it("ten small files dropped at once go several to a request, and each gets its own outcome, in order", async () => {
    const names: string[] = [];
    for (let i = 0; i < 10; i++) {
      const name = `группа-${String(i + 1).padStart(2, "0")}.xlsx`;
      writeFileSync(join(files, name), await quarterFile("за II квартал 2024 г.", [{m: "Тарский", name: `МБОУ "СОШ № ${200 + i}"`, students: 100 + i, teachers: 20,
        forms: {2: [3, 10]}}]));
      names.push(name);
    }
    const posts: string[] = [];
    page.on("request", (r) => { if (r.method() === "POST" && new URL(r.url()).pathname === "/api/uploads") posts.push(r.url()); });
    await page.goto(`${s.url}/upload`);
    await page.setInputFiles("#files", names.map((n) => join(files, n)));
    await page.waitForFunction(() => document.querySelectorAll("li.file[data-status]").length === 10, null, {timeout: 60_000});
    const outcomes = await page.$$eval("li.file", (items) => items.map((li) => [li.querySelector(".name")!.textContent, (li as HTMLElement).dataset.status,
      li.querySelector(".facts")?.textContent ?? ""]));
    expect(outcomes.map((o) => o[0])).toEqual(names);
    expect(outcomes.every((o) => o[1] === "accepted")).toBe(true);
    // Every file names its own upload, and the database holds the ten under those numbers, each with its name.
    const ids = outcomes.map((o) => Number(/загрузка № (\d+)/.exec(o[2]!)?.[1]));
    expect(new Set(ids).size).toBe(10);
    const stored = await s.store.read((c) => all<{upload_id: number; file_name: string}>(c,
      "SELECT upload_id, file_name FROM uploads WHERE list_contains($ids, upload_id) ORDER BY upload_id", {ids: listValue(ids)}));
    expect(new Map(stored.map((r) => [r.upload_id, r.file_name]))).toEqual(new Map(ids.map((id, i) => [id, names[i]!])));
    // Eight to a request (the page's GROUP_FILES): two requests, not ten.
    expect(posts.length).toBe(2);
    expect(await page.textContent("#batch-summary")).toBe("Принято: 10, с замечаниями: 0, отклонено: 0.");
  }, 90_000);
});
