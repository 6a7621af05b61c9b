// The dashboards in a real browser (Debian's Chromium through playwright-core, never a download):
// built once from a snapshot of a fresh database holding the sample, served on 127.0.0.1.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFile} from "node:child_process";
import {createServer, type Server} from "node:http";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {readFile, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import {extname, join, normalize} from "node:path";
import {promisify} from "node:util";
import ExcelJS from "exceljs";
import {chromium, type Browser, type Page} from "playwright-core";
import {Store} from "../../store/database.ts";
import {writeSnapshot} from "../../store/snapshot.ts";
import {buildDashboards} from "../../scripts/build.ts";
import {ingestSample, SAMPLE_DIR} from "../../loaders/sample.ts";
import {collectFiles} from "../../loaders/collectFiles.ts";
import {formatPercent, formatNumber, formatSchoolYear} from "../../lib/format.ts";
// The change of a deficit in words, one direction of good (issue 14 §6): the same wording as the page's.
import {deficitChangeText} from "../../lib/deficitChange.ts";
import {participantRow} from "../../reports/exports/annualParticipants.ts";

const SHOTS = "test-results";
const PAGES = ["/", "/engagement", "/diagnostics", "/effectiveness", "/private/teacher"];
const PUBLIC_PAGES = ["/", "/engagement", "/diagnostics", "/effectiveness"];

let work: string, db: string, dist: string, distPublic: string;
let browser: Browser;
const servers: Server[] = [];
const origins: {full: string; public: string} = {full: "", public: ""};

const TYPES: Record<string, string> = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png"};

async function serve(root: string): Promise<string> {
  const server = createServer(async (req, res) => {
    let p = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    if (p.endsWith("/")) p += "index";
    for (const c of [p, `${p}.html`]) {
      const file = join(root, c);
      if ((await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
        res.end(await readFile(file));
        return;
      }
    }
    res.writeHead(404).end("not found");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

async function cli(...args: string[]): Promise<any> {
  const {stdout} = await promisify(execFile)(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args, "--db", db, "--json"],
    {maxBuffer: 64 * 1024 * 1024});
  return JSON.parse(stdout);
}

interface Visit {page: Page; errors: string[]; failed: string[]; external: string[]; ms: number}

/** Opens a page, blocking and recording every request that leaves 127.0.0.1. */
async function visit(origin: string, path: string, ready = "main"): Promise<Visit> {
  const page = await browser.newPage({viewport: {width: 1200, height: 900}});
  const errors: string[] = [], failed: string[] = [], external: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("requestfailed", (r) => {
    // apache-arrow and friends may cancel a same-origin body they no longer need: not a failure.
    if (!(r.failure()?.errorText === "net::ERR_ABORTED" && r.url().startsWith(origin))) failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.url()} HTTP ${r.status()}`); });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  const started = Date.now();
  await page.goto(origin + path, {waitUntil: "load"});
  await page.waitForSelector(ready, {timeout: 15_000});
  const ms = Date.now() - started;
  await page.waitForLoadState("networkidle");
  return {page, errors, failed, external, ms};
}

/** Full names («Фамилия Имя Отчество», «Фамилия И. О.»), phones and e-mails written in the sample files. */
async function sampleNames(): Promise<string[]> {
  const found = new Set<string>();
  const full = /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(?:вич|вна|ична|чна|оглы|кызы)(?![а-яё])/g;
  // \b is ASCII-only in JS: Cyrillic word ends are spelled out.
  const initials = /[А-ЯЁ][а-яё]{2,} [А-ЯЁ]\. ?[А-ЯЁ]\./g;
  const mail = /[\w.-]+@[\w-]+\.[\w.]+/g;
  for (const path of await collectFiles([SAMPLE_DIR])) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      const text = String(cell.text ?? "");
      for (const re of [full, initials, mail]) for (const m of text.matchAll(re)) found.add(m[0]);
    })));
  }
  return [...found];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, {recursive: true});
  work = mkdtempSync(join(tmpdir(), "dashboards-"));
  db = join(work, "mentoring.duckdb");
  const snapshot = join(work, "snapshot.duckdb");
  const store = await Store.open(db);
  await ingestSample(store);
  await writeSnapshot(store, snapshot);
  await store.close();
  const log = () => undefined;
  dist = await buildDashboards({snapshot, outDir: join(work, "dist"), log});
  distPublic = await buildDashboards({public: true, snapshot, outDir: join(work, "dist-public"), log});
  origins.full = await serve(dist);
  origins.public = await serve(distPublic);
  browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"]});
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

describe("every page in Chromium", () => {
  for (const [build, pages] of [["full", PAGES], ["public", PUBLIC_PAGES]] as const) {
    for (const path of pages) {
      it(`${path} of the ${build} build loads with no console error, failed request or request leaving 127.0.0.1`, async () => {
        const v = await visit(origins[build], path);
        const cellErrors = await v.page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
        const svgs = await v.page.$$eval("main svg", (els) => els.length);
        // No English left in Framework's own chrome.
        const searchPlaceholder = await v.page.getAttribute("input[type=search]", "placeholder");
        const name = `${build === "public" ? "public-" : ""}page${path === "/" ? "-index" : path.replace(/\W+/g, "-")}.png`;
        await v.page.screenshot({path: join(SHOTS, name), fullPage: true});
        await v.page.close();
        expect({cellErrors, errors: v.errors, failed: v.failed, external: v.external}).toEqual({cellErrors: [], errors: [], failed: [], external: []});
        expect(searchPlaceholder).toBe("Поиск");
        if (path !== "/") expect(svgs).toBeGreaterThan(0);
        expect(existsSync(join(SHOTS, name))).toBe(true);
      });
    }
  }
});

describe("the numbers shown equal the CLI's JSON", () => {
  it("the region's percentages of students and teachers on «Вовлечённость»", async () => {
    const r = await cli("report", "engagement");
    const v = await visit(origins.full, "/engagement", "#students-pct");
    expect(await v.page.textContent("#students-pct")).toBe(formatPercent(r.region.studentsPct, 1, r.targets.students));
    expect(await v.page.textContent("#teachers-pct")).toBe(formatPercent(r.region.teachersPct, 1, r.targets.teachers));
    await v.page.close();
  });

  it("the coverage of the quarter, the target verdict and the schools not counted on «Вовлечённость»", async () => {
    const r = await cli("report", "engagement");
    const v = await visit(origins.full, "/engagement", "#coverage");
    // The sample's II quarter: 20 of 22 schools (engagement-figures.md), so no target is judged.
    expect(r.region.coverage.label).toBe("по 20 из 22 школ");
    expect(await v.page.textContent("#coverage")).toContain(`данные неполные: ${r.region.coverage.label}`);
    expect(await v.page.textContent("#students-pct-verdict")).toContain(r.region.verdict.students);
    expect(await v.page.textContent("#teachers-pct-verdict")).not.toContain("цель достигнута");
    const listed = await v.page.$$eval("#not-counted li b", (bs) => bs.map((b) => b.textContent));
    expect(listed).toEqual(r.notCounted.map((s: {name: string}) => s.name));
    await v.page.close();
  });

  it("the forms and the bank of practices on «Вовлечённость» equal `mentoring report programmes --json`, and the bank is searchable", async () => {
    const r = await cli("report", "programmes");
    const v = await visit(origins.full, "/engagement", "#by-form-table");
    const rows = await v.page.$$eval("#by-form-table tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)));
    const cell = (n: number | null, hidden: boolean) => (hidden ? `< ${r.minGroupSize}` : formatNumber(n));
    expect(rows).toEqual(r.region.byForm.map((f: {label: string; programmes: number; schools: number; mentors: number; mentees: number;
      studentsEngaged: number; teachersEngaged: number; suppressed: boolean}) => [f.label, formatNumber(f.programmes), formatNumber(f.schools),
      cell(f.mentors, f.suppressed), cell(f.mentees, f.suppressed), cell(f.studentsEngaged, f.suppressed), cell(f.teachersEngaged, f.suppressed)]));
    expect(await v.page.$$eval("#by-form svg", (els) => els.length)).toBeGreaterThan(0);
    // Typing a word of a programme's name or result narrows the bank to the programmes holding it.
    const search = v.page.locator("input[placeholder='Поиск по программам и результатам…']");
    await search.fill("профессию");
    const expected = r.programmes.filter((p: {programme: string; formLabel: string; school: string; municipality: string; result: string | null}) =>
      [p.programme, p.formLabel, p.school, p.municipality, p.result ?? ""].some((t) => t.toLowerCase().includes("профессию"))).length;
    expect(expected).toBeGreaterThan(0);
    // The search box says how many programmes it found («10 программ»).
    await v.page.waitForFunction((n) => Array.from(document.querySelectorAll("form output"), (o) => o.textContent ?? "")
      .some((t) => t.startsWith(`${n} программ`)), formatNumber(expected));
    const names = await v.page.$$eval("#programmes table tbody tr td:nth-child(2)", (tds) => tds.map((td) => td.textContent ?? ""));
    expect(names.length).toBeGreaterThan(0);
    await v.page.screenshot({path: join(SHOTS, "engagement-programmes.png"), fullPage: true});
    await v.page.close();
  });

  it("the mean change per area on «Диагностика», worded as the deficit's change", async () => {
    const r = await cli("report", "prepost");
    const v = await visit(origins.full, "/diagnostics", "#prepost-table");
    for (const a of r.areas) {
      expect(await v.page.textContent(`#prepost-table tr[data-area="${a.area}"] .mean-change`)).toBe(deficitChangeText(a.meanChange));
    }
    expect(r.areas.length).toBeGreaterThan(0);
    await v.page.close();
  });

  it("the target indicators met on «Эффективность программы»", async () => {
    const r = await cli("report", "targets");
    // The latest school year with indicators (the routes' sample brings a 2025/26 staff list without any).
    const latest = r.region.filter((y: {indicators: unknown[]}) => y.indicators.length > 0).at(-1);
    const met = latest.indicators.filter((i: {met: boolean | null}) => i.met === true).length;
    // The page opens on the latest school year with data; the targets' year is chosen from its list, as a person does.
    const v = await visit(origins.full, "/effectiveness", "form select");
    await v.page.getByLabel("Учебный год").selectOption({label: `${formatSchoolYear(latest.year)} учебный год`});
    await v.page.waitForSelector("#indicators-met");
    expect(await v.page.textContent("#indicators-met")).toBe(`${formatNumber(met)} из ${formatNumber(latest.indicators.length)}`);
    await v.page.close();
  });

  it("shows what participants say before and after as the annual report of that school year writes it", async () => {
    // The sample's questionnaires are of 2024/25 (entry and exit): the section of `report annual --json` for that year.
    const r = await cli("report", "annual", "--year", "2024/25");
    expect(r.participants.available).toBe(true);
    const lines = [...r.participants.data.ratings, ...r.participants.data.yesNo];
    const v = await visit(origins.full, "/effectiveness", "form select");
    await v.page.getByLabel("Учебный год").selectOption({label: "2024/25 учебный год"});
    await v.page.waitForSelector("#participants table tbody tr");
    const rows = await v.page.$$eval("#participants table tbody tr", (trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    expect(rows).toEqual(lines.map((l: Parameters<typeof participantRow>[0]) => participantRow(l, r.minGroupSize)));
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});

describe("the search box", () => {
  it("finds a school by name in Russian, opens the page on it, and says «Ничего не найдено» otherwise", async () => {
    const v = await visit(origins.full, "/effectiveness", "#observablehq-search input");
    await v.page.fill("#observablehq-search input", "Саргатская СОШ");
    await v.page.waitForFunction(() => document.querySelector("#observablehq-search-results")?.textContent?.startsWith("Найдено:"));
    const titles = await v.page.$$eval("#observablehq-search-results li", (lis) => lis.map((li) => li.textContent));
    expect(titles).toContain('МБОУ "Саргатская СОШ № 1" — вовлечённость');
    await v.page.locator("#observablehq-search-results li", {hasText: 'Саргатская СОШ № 1" — вовлечённость'}).locator("a").click();
    await v.page.waitForURL(/\/engagement\?school=/);
    await v.page.waitForSelector("#schools table");
    // The school table opens filtered to that school.
    expect(await v.page.inputValue("input[placeholder='Поиск школы…']")).toBe('МБОУ "Саргатская СОШ № 1"');
    await v.page.fill("#observablehq-search input", "абырвалг");
    await v.page.waitForFunction(() => document.querySelector("#observablehq-search-results")?.textContent === "Ничего не найдено");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});

describe("filters", () => {
  it("choosing a municipality narrows the school table and its totals follow", async () => {
    const r = await cli("report", "engagement");
    const m = r.municipalities.find((x: {name: string}) => x.name === "Тарский");
    const v = await visit(origins.full, "/engagement", "#students-pct");
    const before = await v.page.$$eval("#schools tbody tr", (rows) => rows.length);
    await v.page.getByLabel("Муниципалитет").selectOption("Тарский");
    await v.page.waitForFunction((text) => document.querySelector("#students-pct")?.textContent === text,
      formatPercent(m.studentsPct, 1, r.targets.students));
    expect(await v.page.textContent("#teachers-pct")).toBe(formatPercent(m.teachersPct, 1, r.targets.teachers));
    const municipalities = await v.page.$eval("#schools table", (table) => {
      const column = Array.from(table.querySelectorAll("thead th")).findIndex((th) => th.textContent?.trim() === "Муниципалитет");
      return Array.from(table.querySelectorAll("tbody tr")).map((tr) => tr.children[column]?.textContent);
    });
    const tarskiy = r.schools.filter((s: {municipality: string}) => s.municipality === "Тарский").length;
    expect(municipalities.length).toBe(Math.min(tarskiy, 16));
    expect(new Set(municipalities)).toEqual(new Set(["Тарский"]));
    expect(before).toBeGreaterThan(municipalities.length);
    await v.page.screenshot({path: join(SHOTS, "page-engagement-tarskiy.png"), fullPage: true});
    await v.page.close();
  });
});

describe("the public build", () => {
  it("has no teacher card page and no link to it", () => {
    expect(existsSync(join(distPublic, "private"))).toBe(false);
    expect(existsSync(join(dist, "private", "teacher.html"))).toBe(true);
    expect(readFileSync(join(distPublic, "index.html"), "utf8")).not.toContain("private/teacher");
  });

  it("holds none of the names, phones or e-mails written in the sample files, which the full build does show", async () => {
    const names = await sampleNames();
    expect(names.length).toBeGreaterThan(10);
    const text = (dir: string) => filesUnder(dir).filter((f) => /\.(html|json|js|css|txt|csv)$/.test(f) && !f.includes("/_npm/") && !f.includes("/_node/"))
      .map((f) => readFileSync(f, "utf8")).join("\n");
    const full = text(dist), pub = text(distPublic);
    expect(names.filter((n) => pub.includes(n))).toEqual([]);
    // The check can see names: the service build's teacher card carries some of them.
    expect(names.filter((n) => full.includes(n)).length).toBeGreaterThan(0);
  });
});
