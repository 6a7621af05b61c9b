// The management path at each level (issue 15 «Done when»; issue 16 §1 management), in a real
// browser (Debian's Chromium through playwright-core): a service-mode server, managers of a school,
// of a municipality and of the region, each logging in through the login form and opening the
// engagement and the effectiveness pages as a person would. Every figure read off a page is compared
// with the same figure worked out independently for that level:
//   - on the hand-worked region of tests/reports/levels.test.ts (tests/helpers/levels.ts): engagement
//     shares and counts, coverage, targets met or not, engagement by form, the indicator's fact —
//     worked by hand in the header of levels.test.ts and below;
//   - on the bundled sample (whose questionnaires name the respondent's school): the participants'
//     before/after and the deficits before/after of a school, a municipality and the region, against
//     `mentoring report annual --level … --id … --json` run as a separate process on its own database.
// Also: the region's manager picks another level and the figures become that level's; a school's
// manager is offered no other level and asking for another school by address gives her own; no page
// of management shows a teacher's name or the figures of a group under 5.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFile} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {chromium, type Browser, type Page} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../../reports/exports/annualPdf.ts";
import {ingestSample} from "../../loaders/sample.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import {prepostReport} from "../../reports/prepost.ts";
import {engagementByForm} from "../../reports/engagementByForm.ts";
import {engagementPeriods, engagementReport} from "../../reports/engagement.ts";
import type {AnnualReport} from "../../reports/exports/annualReport.ts";
import {participantRowText} from "../../src/components/participants.ts";
import {all} from "../../store/database.ts";
import type {TestServer} from "../server/helpers.ts";
import {addAccount, clock, PASSWORD, serviceServer} from "../server/auth/helpers.ts";
import {levelIds, levelRegion} from "../helpers/levels.ts";
import {projectSettings} from "../helpers/settings.ts";

const SHOTS = "test-results";
const NBSP = "\u00a0";
const execute = promisify(execFile);
// One build of the live shells for both servers (the second finds them built from the same sources).
const shells = join(mkdtempSync(join(tmpdir(), "mgmt-shells-")), "dist");
let browser: Browser;

interface Visit { page: Page; errors: string[] }

/** A person at the login form: a fresh browser, the login and password typed, «Войти» pressed. */
async function logIn(s: TestServer, login: string): Promise<Visit> {
  const context = await browser.newContext({viewport: {width: 1300, height: 900}, locale: "ru-RU"});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${s.url}/login`);
  await page.getByLabel("Имя для входа").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", {name: "Войти"}).click()]);
  return {page, errors};
}

/** Opens a dashboard page by its link in the sidebar (or by address), waits for its live data; a screenshot. */
async function open(v: Visit, s: TestServer, path: string, shot: string, link?: string): Promise<string> {
  if (link) {
    await Promise.all([v.page.waitForURL((u) => u.pathname === path), v.page.getByRole("link", {name: link, exact: true}).first().click()]);
  } else {
    await v.page.goto(s.url + path, {waitUntil: "load"});
  }
  await v.page.waitForSelector("#live-status[data-version]", {timeout: 180_000});
  await v.page.waitForLoadState("networkidle");
  await shoot(v, shot);
  expect(v.errors).toEqual([]);
  return v.page.innerText("body");
}

const shoot = (v: Visit, shot: string) => v.page.screenshot({path: join(SHOTS, `management-${shot}.png`), fullPage: true});
const text = (v: Visit, selector: string) => v.page.locator(selector).innerText();
const rows = (v: Visit, selector: string) => v.page.$$eval(selector, (trs) => trs.map((tr) =>
  Array.from(tr.querySelectorAll("td"), (td) => (td.textContent ?? "").trim()).filter((t, i) => i > 0 || t !== "")));

/** Picks a level in the effectiveness page's picker and waits until the page shows it. */
async function pickLevel(v: Visit, label: string): Promise<void> {
  await v.page.getByLabel("Уровень").selectOption({label});
  await v.page.waitForFunction((l) => document.getElementById("level-shown")?.textContent === `Уровень: ${l}`, label, {timeout: 180_000});
  await v.page.waitForLoadState("networkidle");
}

/** Picks a school year on the effectiveness page (unless it is the one shown) and waits for its sections. */
async function pickYear(v: Visit, label: string): Promise<void> {
  const select = v.page.getByLabel("Учебный год");
  const current = await select.evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.text ?? "");
  if (current === label) return;
  const before = await text(v, "#participants");
  await select.selectOption({label});
  await v.page.waitForFunction((b) => document.getElementById("participants")?.innerText !== b, before, {timeout: 120_000});
  await v.page.waitForLoadState("networkidle");
}

/** «53,3 %» as the pages write a share (ru-RU, one decimal). */
const one = (x: number) => x.toLocaleString("ru-RU", {minimumFractionDigits: 1, maximumFractionDigits: 1});
const pct = (x: number) => `${one(x)}${NBSP}%`;

beforeAll(async () => {
  mkdirSync(SHOTS, {recursive: true});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(join(shells, ".."), {recursive: true, force: true});
});

// ── The hand-worked region (tests/reports/levels.test.ts) ──────────────────────────────────────
// I quarter 2024; engaged students = F2 mentors + F2 mentees + F4 and F5 mentees, engaged teachers =
// F3 mentors + mentees; target 70 % for both:
//   Тарский СОШ № 1: students 30 + 40 + 10 = 80 of 200 = 40,0 %; teachers 5 + 9 = 14 of 20 = 70,0 %
//   Тарский СОШ № 2: students 40 + 35 + 5 = 80 of 100 = 80,0 %;  teachers 4 + 4 = 8 of 10 = 80,0 %
//   Тарский СОШ № 3: Form 1 only: expected, not counted
//   Омский  Лицей:   students 100 + 120 = 220 of 300 = 73,3 %;  teachers 10 + 12 = 22 of 30 = 73,3 %
// Тарский 160 of 300 = 53,3 %, 22 of 30 = 73,3 % over 2 of 3 schools (not judged); Омский complete,
// both met; region 380 of 600 = 63,3 %, 44 of 60 = 73,3 % over 3 of 4 schools (not judged).
// «Педагоги, имеющие публикации» (target 40 %, data/config/indicators.json), 2023/24: СОШ № 1 5/20 =
// 25,0 % not met; Тарский 11/30 = 36,7 % not met; Омский 15/30 = 50,0 % met; region 26/60 = 43,3 % met.
// By form (programmes, schools, mentors, mentees, students engaged, teachers engaged):
//   СОШ № 1: «ученик – ученик» 1, 1, 30, 40, 70, 0; «учитель – учитель» 1, 1, 5, 9, 0, 14; «студент – ученик» 1, 1, 3, 10, 10, 0.
//   Тарский: «ученик – ученик» 2, 2, 70, 75, 145, 0; «учитель – учитель» 2, 2, 9, 13, 0, 22; «студент – ученик» 1, 1, 3, 10, 10, 0;
//            «работодатель – ученик» 1, 1, 2, 5, 5, 0.
//   Region:  «ученик – ученик» 3, 3, 170, 195, 365, 0; «учитель – учитель» 3, 3, 19, 25, 0, 44; the other two as Тарский's.
const INCOMPLETE = (label: string) => `данные неполные (${label}): цель не оценивается`;
const EMPTY_FORM = ["работодатель – ученик", "0", "0", "0", "0", "0", "0"];

describe.skipIf(!existsSync(CHROMIUM))("management on the hand-worked region of tests/reports/levels.test.ts", () => {
  let s: TestServer;
  let ids: Awaited<ReturnType<typeof levelIds>>;
  beforeAll(async () => {
    s = await serviceServer(clock(), {build: frameworkBuild(() => undefined), distDir: shells});
    await levelRegion(s.store);
    ids = await levelIds(s.store);
    await s.rebuild!.ensure();
    await addAccount(s, "boss-school", "management", {level: "school", id: String(ids.school["СОШ № 1"])});
    await addAccount(s, "boss-mun", "management", {level: "municipality", id: String(ids.municipality["Тарский"])});
    await addAccount(s, "boss-region", "management", {level: "region"});
  }, 1_200_000);
  afterAll(async () => { await s?.close(); });

  it("a school's manager: her school's engagement (80 of 200, 14 of 20), its forms, its indicator 25 % not met; no other school anywhere", async () => {
    const v = await logIn(s, "boss-school");
    const eng = await open(v, s, "/engagement", "school-engagement", "Вовлечённость");
    expect(await text(v, "#coverage")).toBe("СОШ № 1, I квартал 2024: данные полные: в сумме все ожидаемые школы (по 1 из 1 школы)");
    expect([await text(v, "#students-pct"), await text(v, "#students-pct-verdict")]).toEqual([pct(40), "80 из 200 · цель 70 % · цель не достигнута"]);
    expect([await text(v, "#teachers-pct"), await text(v, "#teachers-pct-verdict")]).toEqual([pct(70), "14 из 20 · цель 70 % · цель достигнута"]);
    expect(await rows(v, "#schools table tbody tr")).toEqual([["СОШ № 1", "Тарский", pct(40), pct(70), "принят", ""]]);
    expect(await rows(v, "#by-form-table tbody tr")).toEqual([["ученик – ученик", "1", "1", "30", "40", "70", "0"],
      ["учитель – учитель", "1", "1", "5", "9", "0", "14"], ["студент – ученик", "1", "1", "3", "10", "10", "0"], EMPTY_FORM]);
    // Nothing by municipality on a school's own page.
    expect(eng).not.toContain("Обучающиеся по муниципалитетам");
    const eff = await open(v, s, "/effectiveness", "school-effectiveness", "Эффективность программы");
    expect(await v.page.getByLabel("Уровень").count()).toBe(0);
    expect(await text(v, "#indicators-met")).toBe("0 из 1");
    expect(eff).toContain("2023/24 учебный год, СОШ № 1 (Тарский): факт не ниже цели");
    expect(eff).toContain(`Педагоги, имеющие публикации\n${pct(25)} · цель 40 %`);
    for (const t of [eng, eff]) for (const other of ["СОШ № 2", "СОШ № 3", "Лицей", "Омский"]) expect(t).not.toContain(other);
    // Another school by address: the server keeps her to her own school.
    const asked = await open(v, s, `/effectiveness?level=school&id=${ids.school["СОШ № 2"]}`, "school-asks-other");
    expect(await text(v, "#indicators-met")).toBe("0 из 1");
    expect(asked).toContain(`${pct(25)} · цель 40 %`);
    expect(asked).not.toContain("СОШ № 2");
    await v.page.context().close();
  }, 600_000);

  it("a municipality's manager: Тарский's 160 of 300 and 22 of 30 over 2 of 3 schools, its schools and forms, 36,7 % not met; her levels only", async () => {
    const v = await logIn(s, "boss-mun");
    const eng = await open(v, s, "/engagement", "municipality-engagement", "Вовлечённость");
    expect(await text(v, "#coverage")).toContain("Тарский муниципальный район, I квартал 2024: данные неполные: по 2 из 3 школ");
    expect([await text(v, "#students-pct"), await text(v, "#students-pct-verdict")]).toEqual([pct(53.333), `160 из 300 · цель 70 % · ${INCOMPLETE("по 2 из 3 школ")}`]);
    expect([await text(v, "#teachers-pct"), await text(v, "#teachers-pct-verdict")]).toEqual([pct(73.333), `22 из 30 · цель 70 % · ${INCOMPLETE("по 2 из 3 школ")}`]);
    expect(await rows(v, "#schools table tbody tr")).toEqual([["СОШ № 1", "Тарский", pct(40), pct(70), "принят", ""],
      ["СОШ № 2", "Тарский", pct(80), pct(80), "принят", ""], ["СОШ № 3", "Тарский", "", "", "прочитан не полностью, не в сумме", ""]]);
    expect(await rows(v, "#by-form-table tbody tr")).toEqual([["ученик – ученик", "2", "2", "70", "75", "145", "0"],
      ["учитель – учитель", "2", "2", "9", "13", "0", "22"], ["студент – ученик", "1", "1", "3", "10", "10", "0"],
      ["работодатель – ученик", "1", "1", "2", "5", "5", "0"]]);
    const eff = await open(v, s, "/effectiveness", "municipality-effectiveness", "Эффективность программы");
    expect(await v.page.getByLabel("Уровень").locator("option").allTextContents())
      .toEqual(["Тарский муниципальный район", "СОШ № 1 (Тарский)", "СОШ № 2 (Тарский)", "СОШ № 3 (Тарский)"]);
    expect(await text(v, "#indicators-met")).toBe("0 из 1");
    expect(eff).toContain(`Педагоги, имеющие публикации\n${pct(36.667)} · цель 40 %`);
    // Her school СОШ № 2 (6 of 10 = 60,0 %, met) from the picker.
    await pickLevel(v, "СОШ № 2 (Тарский)");
    await shoot(v, "municipality-picks-school");
    expect(await text(v, "#indicators-met")).toBe("1 из 1");
    expect(await v.page.innerText("body")).toContain(`Педагоги, имеющие публикации\n${pct(60)} · цель 40 %`);
    for (const t of [eng, eff, await v.page.innerText("body")]) for (const other of ["Лицей", "Омский"]) expect(t).not.toContain(other);
    await v.page.context().close();
  }, 600_000);

  it("the region's manager: 380 of 600 and 44 of 60; a municipality from the filter and every level from the picker give that level's figures", async () => {
    const v = await logIn(s, "boss-region");
    await open(v, s, "/engagement", "region-engagement", "Вовлечённость");
    expect([await text(v, "#students-pct"), await text(v, "#students-pct-verdict")]).toEqual([pct(63.333), `380 из 600 · цель 70 % · ${INCOMPLETE("по 3 из 4 школ")}`]);
    expect([await text(v, "#teachers-pct"), await text(v, "#teachers-pct-verdict")]).toEqual([pct(73.333), `44 из 60 · цель 70 % · ${INCOMPLETE("по 3 из 4 школ")}`]);
    expect(await rows(v, "#by-form-table tbody tr")).toEqual([["ученик – ученик", "3", "3", "170", "195", "365", "0"],
      ["учитель – учитель", "3", "3", "19", "25", "0", "44"], ["студент – ученик", "1", "1", "3", "10", "10", "0"],
      ["работодатель – ученик", "1", "1", "2", "5", "5", "0"]]);
    expect((await rows(v, "#schools table tbody tr")).map((r) => r[0])).toEqual(["Лицей", "СОШ № 1", "СОШ № 2", "СОШ № 3"]);
    await v.page.getByLabel("Муниципалитет").selectOption({label: "Омский"});
    await v.page.waitForFunction(() => document.getElementById("students-pct")?.textContent === "73,3\u00a0%");
    await shoot(v, "region-engagement-omsky");
    expect(await text(v, "#students-pct-verdict")).toBe("220 из 300 · цель 70 % · цель достигнута");
    expect(await text(v, "#teachers-pct-verdict")).toBe("22 из 30 · цель 70 % · цель достигнута");
    expect(await rows(v, "#schools table tbody tr")).toEqual([["Лицей", "Омский", pct(73.333), pct(73.333), "принят", ""]]);

    await open(v, s, "/effectiveness", "region-effectiveness", "Эффективность программы");
    expect(await v.page.getByLabel("Уровень").locator("option").allTextContents()).toEqual(["Регион", "Омский муниципальный район",
      "Тарский муниципальный район", "Лицей (Омский)", "СОШ № 1 (Тарский)", "СОШ № 2 (Тарский)", "СОШ № 3 (Тарский)"]);
    expect(await text(v, "#indicators-met")).toBe("1 из 1");
    expect(await v.page.innerText("body")).toContain(`Педагоги, имеющие публикации\n${pct(43.333)} · цель 40 %`);
    // The engagement year to year: the level's shares in the chart's labels.
    const levels: Array<[string, string, number, number, number]> = [
      ["Омский муниципальный район", "1 из 1", 50, 73.333, 73.333],
      ["Тарский муниципальный район", "0 из 1", 36.667, 53.333, 73.333],
      ["СОШ № 1 (Тарский)", "0 из 1", 25, 40, 70]];
    for (const [label, met, fact, students, teachers] of levels) {
      await pickLevel(v, label);
      await shoot(v, `region-picks-${label.split(" ")[0]}`);
      expect(await text(v, "#indicators-met"), label).toBe(met);
      const body = await v.page.innerText("body");
      expect(body, label).toContain(`Педагоги, имеющие публикации\n${pct(fact)} · цель 40 %`);
      expect(body, label).toContain(`2023/24 учебный год, ${label}: факт не ниже цели`);
      const bars = await v.page.locator(".card", {hasText: "Вовлечённость по учебным годам"}).innerText();
      expect(bars, label).toContain(pct(students));
      expect(bars, label).toContain(pct(teachers));
    }
    await v.page.context().close();
  }, 900_000);
});

// ── The bundled sample: participants and deficits before/after at each level, against the CLI ───
interface Level { login: string; scope: {level: "region"} | {level: "municipality" | "school"; id: number}; label: string | null; cli: string[] }

describe.skipIf(!existsSync(CHROMIUM))("management on the sample: what participants say and the deficits before and after, as the CLI gives them", () => {
  let s: TestServer;
  const cliDir = mkdtempSync(join(tmpdir(), "mgmt-cli-"));
  const db = join(cliDir, "sample.duckdb");
  const cli = (...args: string[]) => execute(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], {maxBuffer: 64 * 1024 * 1024});
  let levels: Level[] = [];
  let teacherNames: string[] = [];

  beforeAll(async () => {
    // The CLI's own database of the same sample, by a separate process (exit 1: the sample's two refused files, on purpose).
    const ingest = cli("ingest", "data/sample", "--db", db).then((r) => r.stdout, (e: {code?: number; stdout?: string}) => {
      if (e.code !== 1) throw e;
      return e.stdout ?? "";
    });
    s = await serviceServer(clock(), {build: frameworkBuild(() => undefined), distDir: shells});
    await ingestSample(s.store);
    await s.rebuild!.ensure();
    expect(await ingest).toContain("Итого файлов: 74; принято 68, с замечаниями 4, отклонено 2");
    // Ids by name in each database (each numbers its directory itself).
    const server = new Map((await s.store.read((c) => all<{id: number; name: string; municipality_id: number; municipality: string}>(c,
      "SELECT directory_school_id AS id, name, municipality_id, municipality FROM current_directory_schools"))).map((r) => [r.name, r]));
    const listed = JSON.parse((await cli("directory", "list", "--db", db, "--json")).stdout) as {schools: Array<{id: number; name: string; municipalityId: number}>};
    const ofCli = new Map(listed.schools.map((x) => [x.name, x]));
    const school = "МБОУ \"Саргатская СОШ № 1\"";
    const here = server.get(school)!, there = ofCli.get(school)!;
    levels = [
      {login: "boss-sargat-school", scope: {level: "school", id: here.id}, label: `${school} (Саргатский)`, cli: ["--level", "школа", "--id", String(there.id)]},
      {login: "boss-sargat", scope: {level: "municipality", id: here.municipality_id}, label: "Саргатский муниципальный район",
        cli: ["--level", "муниципалитет", "--id", String(there.municipalityId)]},
      {login: "boss-sample-region", scope: {level: "region"}, label: null, cli: []}];
    for (const l of levels) {
      await addAccount(s, l.login, "management", l.scope.level === "region" ? {level: "region"} : {level: l.scope.level, id: String(l.scope.id)});
    }
    const prepost = await prepostReport(s.store, projectSettings(), {names: true});
    teacherNames = [...new Set(prepost.teachers.map((t) => t.name!).filter((n) => n && n.length > 8))];
  }, 1_800_000);
  afterAll(async () => { await s?.close(); rmSync(cliDir, {recursive: true, force: true}); });

  /** `mentoring report annual --year Y --json` at a level, from the CLI's database. */
  const annual = async (year: string, l: Level) =>
    JSON.parse((await cli("report", "annual", "--year", year, ...l.cli, "--db", db, "--json")).stdout) as AnnualReport;

  it.each([0, 1, 2])("level %i: the participants' before/after of 2024/25 and the deficits before/after of 2025/26 are the CLI's figures", async (i) => {
    const l = levels[i]!;
    const v = await logIn(s, l.login);
    await open(v, s, "/effectiveness", `sample-${l.login}`, "Эффективность программы");
    for (const [year, label] of [["2024/25", "2024/25 учебный год"], ["2025/26", "2025/26 учебный год"]] as const) {
      const report = await annual(year, l);
      expect(report.scope.level).toBe(l.scope.level);
      await pickYear(v, label);
      await shoot(v, `sample-${l.login}-${year.replace("/", "-")}`);
      const section = await text(v, "#participants");
      if (l.label) expect(section).toContain(`${l.label}: удовлетворённость`);
      const p = report.participants!;
      if (p.available) {
        const d = p.data;
        expect(section).toContain(`${d.period}: ответили во входном анкетировании ${d.respondents.entry}, в итоговом ${d.respondents.exit}, ` +
          `в обоих (по коду участника) ${d.respondents.matched}.`);
        expect(await rows(v, "#participants table tbody tr")).toEqual([...d.ratings, ...d.yesNo].map((line) => participantRowText(line, report.minGroupSize)));
        if (year === "2024/25") expect([...d.ratings, ...d.yesNo].filter((x) => !x.suppressed).length, "the level has before/after figures").toBeGreaterThan(0);
      } else {
        expect(section).toContain(p.note);
        expect(year).toBe("2025/26");
      }
      const pp = report.prepost;
      if (pp.available && pp.data.paired > 0) {
        const shown = await rows(v, "#prepost-summary tbody tr");
        const dash = (x: number | null) => x === null ? "—" : one(x);
        expect(shown.map((r) => r.slice(0, 4))).toEqual(pp.data.areas.map((a) => [a.label, a.suppressed ? `< ${report.minGroupSize}` : String(a.nPairs),
          dash(a.meanEntryDeficit), dash(a.meanExitDeficit)]));
      }
    }
    const body = await v.page.innerText("body");
    expect(teacherNames.filter((n) => body.includes(n))).toEqual([]);
    await v.page.context().close();
  }, 900_000);

  it("the region's manager sees no teacher's name on either page, and every programme or form under 5 people only as «< 5»", async () => {
    const v = await logIn(s, "boss-sample-region");
    const eng = await open(v, s, "/engagement", "sample-region-engagement", "Вовлечённость");
    expect(teacherNames.filter((n) => eng.includes(n))).toEqual([]);
    // The latest period (the page opens on it): its programmes and forms of fewer than 5 people, worked out from the service's figures.
    const period = (await engagementPeriods(s.store)).at(-1)!;
    const settings = projectSettings();
    const base = await engagementReport(s.store, settings, {period});
    const full = await engagementByForm(s.store, settings, {base, suppress: false});
    const people = (x: {mentors: number | null; mentees: number | null}) => (x.mentors ?? 0) + (x.mentees ?? 0);
    const small = full.programmes.filter((p) => people(p) > 0 && people(p) < 5);
    expect(small.length, "the sample has programmes under 5 people").toBeGreaterThan(0);
    const search = v.page.getByPlaceholder("Поиск по программам и результатам…");
    for (const p of small) {
      // The table shows a dozen rows at a time: the manager finds the programme with the bank's search.
      await search.fill(p.programme);
      await v.page.waitForFunction((n) => Array.from(document.querySelectorAll("#programmes table tbody tr")).every((tr) => tr.textContent?.includes(n)), p.programme);
      const shown = await rows(v, "#programmes table tbody tr");
      const row = shown.find((r) => r[0] === p.programme && r[2] === p.school);
      expect(row, `${p.programme}, ${p.school}`).toBeDefined();
      expect(row!.slice(4, 6), `${p.programme}, ${p.school}`).toEqual(["< 5", "< 5"]);
    }
    await shoot(v, "sample-region-programme-search");
    for (const r of await rows(v, "#by-form-table tbody tr")) {
      const f = full.region.byForm.find((x) => x.label === r[0])!;
      if (people(f) > 0 && people(f) < 5) expect(r.slice(3)).toEqual(["< 5", "< 5", "< 5", "< 5"]);
    }
    const eff = await open(v, s, "/effectiveness", "sample-region-effectiveness-names", "Эффективность программы");
    expect(teacherNames.filter((n) => eff.includes(n))).toEqual([]);
    await v.page.context().close();
  }, 600_000);
});
