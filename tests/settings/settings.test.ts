// One settings module (issue 12 §3) and settings as XLSX (issue 11 §4): loaded from the data folder
// and validated with Russian errors naming the file and the field; exported as a workbook, edited and
// uploaded back; a changed setting shows everywhere — CLI, server, dashboard data, annual report.
import {spawnSync} from "node:child_process";
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../bin/main.ts";
import {bufferIo} from "../../bin/io.ts";
import {Store} from "../../store/database.ts";
import {writeSnapshot} from "../../store/snapshot.ts";
import {examineFile, ingestBytes} from "../../loaders/ingest.ts";
import {toIssue} from "../../loaders/messages/index.ts";
import {SETTINGS} from "../../settings/index.ts";
import {loadSettings, PROJECT_SETTINGS_DIR, readSettingsFiles, settingsDir} from "../../settings/load.ts";
import {SettingsError} from "../../settings/errors.ts";
import {settingsWorkbook} from "../../reports/exports/settingsXlsx.ts";
import {annualReport} from "../../reports/exports/annualReport.ts";
import {annualHtml} from "../../reports/exports/annualHtml.ts";
import {testServer} from "../server/helpers.ts";
import {workbookBytes, HEADER} from "../loaders/diagnostics/helpers.ts";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "mentoring-settings-")); });
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The exported settings workbook with one cell changed (sheet, A1 address, new value). */
async function edited(changes: Array<[string, string, ExcelJS.CellValue]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await settingsWorkbook(readSettingsFiles()) as unknown as ArrayBuffer);
  for (const [sheet, cell, value] of changes) wb.getWorksheet(sheet)!.getCell(cell).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("loading the settings", () => {
  it("reads every setting from the project's data/config, validated, and says where each comes from", () => {
    const loaded = readSettingsFiles();
    expect(loaded.dir).toBe(PROJECT_SETTINGS_DIR);
    expect(Object.keys(loaded.settings).sort()).toEqual(SETTINGS.map((s) => s.key).sort());
    expect(loaded.settings.targets.engagementTargetPct).toEqual({students: 70, teachers: 70});
    expect(loaded.settings.mentoringRules.maxMentees.limit).toBe(3);
    expect(loaded.settings.groupSize.minGroupSize).toBe(5);
    expect(loaded.sources.areas).toEqual({from: "file", path: join(PROJECT_SETTINGS_DIR, "areas.json")});
  });

  it("takes the config folder next to the database, never the current folder", () => {
    const here = join(dir, "region");
    mkdirSync(join(here, "config"), {recursive: true});
    expect(settingsDir(join(here, "m.duckdb"))).toBe(join(here, "config"));
    expect(settingsDir(join(dir, "elsewhere", "m.duckdb"))).toBe(PROJECT_SETTINGS_DIR);
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(readSettingsFiles().dir).toBe(PROJECT_SETTINGS_DIR);
    } finally {
      process.chdir(cwd);
    }
  });

  it("refuses a missing file, naming it — never a silent default", () => {
    const partial = join(dir, "partial");
    mkdirSync(partial);
    copyFileSync(join(PROJECT_SETTINGS_DIR, "targets.json"), join(partial, "targets.json"));
    expect(() => readSettingsFiles(partial)).toThrow(SettingsError);
    expect(() => readSettingsFiles(partial)).toThrow(/нет файла настройки «Целевые показатели»: .*partial\/indicators\.json/);
  });

  it("refuses an invalid file naming the file and the field, in Russian", () => {
    const bad = join(dir, "bad");
    mkdirSync(bad);
    for (const s of SETTINGS) copyFileSync(join(PROJECT_SETTINGS_DIR, s.file), join(bad, s.file));
    const rules = JSON.parse(readFileSync(join(bad, "mentoring-rules.json"), "utf8"));
    rules.maxMentees.limit = 0;
    delete rules.council;
    writeFileSync(join(bad, "mentoring-rules.json"), JSON.stringify(rules));
    let message = "";
    try { readSettingsFiles(bad); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/^настройка «Правила наставничества» \(файл .*bad\/mentoring-rules\.json\) заполнена неверно — /);
    expect(message).toContain("поле maxMentees.limit: предел наставляемых — не меньше 1");
    expect(message).toContain("поле council: значение не заполнено");
    writeFileSync(join(bad, "targets.json"), "{not json");
    expect(() => readSettingsFiles(bad)).toThrow(/файл настройки «Цели вовлечённости» .*targets\.json — не JSON/);
  });
});

describe("settings as XLSX", () => {
  it("exports the editable settings and reads them back as the same values: nothing changes", async () => {
    const bytes = await settingsWorkbook(readSettingsFiles());
    const r = await examineFile("настройки.xlsx", bytes);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.kind.name).toBe("settings");
    expect((r.parsed.data as {versions: unknown[]}).versions).toEqual([]);
    expect(r.parsed.issues.map((i) => [i.kind, i.severity, (i.details as {setting: string}).setting])).toEqual([
      ["settings/unchanged", "info", "Цели вовлечённости"], ["settings/unchanged", "info", "Целевые показатели"],
      ["settings/unchanged", "info", "Области компетенций"], ["settings/unchanged", "info", "Кодификатор SWOT"],
      ["settings/unchanged", "info", "Правила наставничества"], ["settings/unchanged", "info", "Уровни дефицита"]]);
    // Against other current values, the same workbook brings every setting back as a new version, equal to the files.
    const other = structuredClone(readSettingsFiles().settings);
    other.targets.engagementTargetPct.students = 50;
    other.areas.areas.pop();
    const back = await examineFile("настройки.xlsx", bytes, {settings: other});
    if (!back.ok) throw new Error("rejected");
    const versions = (back.parsed.data as {versions: Array<{setting: string; value: unknown}>}).versions;
    const project = readSettingsFiles().settings as unknown as Record<string, Record<string, unknown>>;
    expect(versions.map((v) => v.setting)).toEqual(["targets", "areas"]);
    for (const v of versions) {
      // Notes and comments of the JSON files are for developers; the values are the same.
      const {note: _n, $comment: _c, ...rest} = project[v.setting]!;
      const {note: _n2, $comment: _c2, ...read} = v.value as Record<string, unknown>;
      expect(read, v.setting).toEqual(rest);
    }
  });

  it("refuses a wrong value with Russian issues at its cell, and stores nothing", async () => {
    const bytes = await edited([
      ["Правила наставничества", "D3", "три"],          // maxMentees' «Наибольшее» as a word
      ["Цели вовлечённости", "C4", 140],                 // teachers' target above 100 %
      ["Области компетенций", "C5", null],               // an area without synonyms
      ["Кодификатор SWOT", "B3", "Сила"],                // not a quadrant
      ["Правила наставничества", "A6", "holidays"]       // an unknown rule code
    ]);
    const store = await Store.open(":memory:");
    const o = await ingestBytes(store, "настройки.xlsx", bytes);
    expect(o.status).toBe("rejected");
    const at = o.issues.map((i) => [i.sheet, i.cell, i.kind]);
    expect(at).toEqual(expect.arrayContaining([
      ["Правила наставничества", "D3", "settings/not-a-number"],
      ["Цели вовлечённости", "C4", "settings/invalid"],
      ["Области компетенций", "C5", "settings/invalid"],
      ["Кодификатор SWOT", "B3", "settings/unknown-word"],
      ["Правила наставничества", "A6", "settings/unknown-code"]]));
    expect(o.issues.find((i) => i.cell === "C4")!.message).toBe("«Цель, %»: цель — от 0 до 100 %. Настройка «Цели вовлечённости» не принята: исправьте и загрузите файл снова.");
    expect(o.issues.find((i) => i.cell === "D3")!.message).toMatch(/^«Наибольшее»: «три» — не число\./);
    expect(o.issues.find((i) => i.cell === "C5")!.message).toMatch(/^«Синонимы \(через ;\)»: нужен хотя бы один синоним\./);
    expect((await loadSettings(store)).settings.mentoringRules.maxMentees.limit).toBe(3);
    await store.close();
  });

  it("a settings table found on any sheet by its header is enough; other tables keep their values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Мои цели");
    ws.addRow(["Цели региона на 2025 год"]);
    ws.addRow([]);
    ws.addRow(["Код", "Кто", "Цель, %"]);
    ws.addRow(["students", "Обучающиеся", "75 %"]);
    ws.addRow(["teachers", "Педагоги", 80]);
    const r = await examineFile("цели.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    if (!r.ok) throw new Error(JSON.stringify(r.issues.map(toIssue)));
    expect((r.parsed.data as {versions: unknown[]}).versions).toEqual([{setting: "targets", label: "Цели вовлечённости",
      value: {engagementTargetPct: {students: 75, teachers: 80}}}]);
  });
});

describe("a changed setting shows everywhere", () => {
  it("a rule limit of 1 uploaded as XLSX reaches the CLI, the annual report, the server and the dashboard data; undo restores 3", async () => {
    const db = join(dir, "limit.duckdb");
    const folder = join(dir, "limit-in");
    mkdirSync(folder);
    for (const f of ["sargatka-sosh1-mentees.xlsx", "sargatka-sosh1-mentors.xlsx"]) copyFileSync(join("data/sample/registries", f), join(folder, f));
    writeFileSync(join(folder, "z-настройки.xlsx"), await edited([["Правила наставничества", "D3", 1]]));
    const io = bufferIo();
    expect(await main(["ingest", folder, "--db", db], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/z-настройки\.xlsx — принят \(настройки .*\): 6 замечаний/);

    const cli = async (...argv: string[]) => { const o = bufferIo(); await main([...argv, "--db", db, "--json"], o); return JSON.parse(o.stdout.join("\n")); };
    expect((await cli("report", "violations", "--date", "2026-11-24")).limits.maxMentees).toBe(1);
    expect((await cli("report", "load", "--date", "2026-11-24")).maxMentees).toBe(1);
    const shown = await cli("settings", "show");
    expect(shown.sources.mentoringRules).toMatchObject({from: "upload", file: "z-настройки.xlsx"});

    const store = await Store.open(db);
    const settings = (await loadSettings(store)).settings;
    const annual = await annualReport(store, settings, {today: "2026-11-24"});
    expect(annual.load.available && annual.load.data.maxMentees).toBe(1);
    expect(annualHtml(annual)).toContain("предел — 1");
    const snapshot = join(dir, "limit-snapshot.duckdb");
    await writeSnapshot(store, snapshot);
    const uploadId = (shown.sources.mentoringRules as {uploadId: number}).uploadId;
    await store.close();

    // The dashboards' data loader reads the snapshot with the same settings.
    const loader = spawnSync(process.execPath, ["--import", "tsx", "src/data/effectiveness.json.ts"],
      {encoding: "utf8", env: {...process.env, MENTORING_SNAPSHOT: snapshot}});
    expect(loader.status).toBe(0);
    const data = JSON.parse(loader.stdout);
    const loads = Object.values(data.reports as Record<string, {load: {available: boolean; data?: {maxMentees: number}}}>)
      .filter((r) => r.load.available).map((r) => r.load.data!.maxMentees);
    expect(loads.length).toBeGreaterThan(0);
    expect(new Set(loads)).toEqual(new Set([1]));

    // The server (and so the PDF, which prints /exports/annual.html) says 1 too.
    const s = await testServer({store: await Store.open(db)});
    try {
      const api = await (await fetch(`${s.url}/api/annual?period=2025/26`)).json() as {load: {data: {maxMentees: number}}};
      expect(api.load.data.maxMentees).toBe(1);
      expect(await (await fetch(`${s.url}/exports/annual.html?period=2025/26`)).text()).toContain("предел — 1");
      // Undoing the settings upload restores the file's value everywhere.
      await fetch(`${s.url}/api/uploads/${uploadId}/undo`, {method: "POST", headers: {"X-CSRF-Token": s.csrf, Accept: "application/json"}});
      const after = await (await fetch(`${s.url}/api/annual?period=2025/26`)).json() as {load: {data: {maxMentees: number}}};
      expect(after.load.data.maxMentees).toBe(3);
    } finally {
      await s.close();
    }
  }, 120_000);

  it("new competence areas uploaded in a batch are used for the diagnostics files after them", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await settingsWorkbook(readSettingsFiles()) as unknown as ArrayBuffer);
    wb.getWorksheet("Области компетенций")!.addRow(["legal", "Нормативно-правовые", "нормативно-правов; правов"]);
    const folder = join(dir, "areas-in");
    mkdirSync(folder);
    writeFileSync(join(folder, "a-настройки.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    writeFileSync(join(folder, "b-входная 2025-2026.xlsx"), await workbookBytes([{name: "Входная", rows: [[...HEADER, "Нормативно-правовые компетенции"],
      ["Иванова Анна", "СОШ № 1", "Тарский", 50, 40, 60, 70, 30, 45]]}]));
    const db = join(dir, "areas.duckdb");
    const io = bufferIo();
    expect(await main(["ingest", folder, "--db", db], io)).toBe(0);
    const json = bufferIo();
    await main(["report", "prepost", "--db", db, "--json"], json);
    const r = JSON.parse(json.stdout.join("\n"));
    expect(r.areas.map((a: {area: string}) => a.area)).toContain("legal");
    expect(r.teachers[0].areas.legal).toMatchObject({entryDeficit: 55});
  });
});
