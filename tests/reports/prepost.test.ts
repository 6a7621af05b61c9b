import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {prepostReport, type PrepostReport} from "../../reports/prepost.ts";
import {main} from "../../bin/main.ts";
import {bufferIo} from "../../bin/io.ts";
import {entryFile, exitFile} from "../loaders/diagnostics/fixture.ts";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {mkdtempSync, writeFileSync} from "node:fs";
import {projectSettings} from "../helpers/settings.ts";

// The fixture: methodological results (entry → exit) Иванова 52 → 64, Петров 40 → 50, Сидорова 60 → 57
// (matched by ID), Кузнецов 30 → 45; Смирнова entry only, Новикова exit only. Digital: no change at all.
// Expected statistics: case «report fixture, methodological» of tests/fixtures/scipy/prepost_reference.json
// (scipy.stats.ttest_rel(exit, entry) → t, pT, df, ci95; scipy.stats.wilcoxon(d, zero_method="wilcox",
// correction=False, method="exact") → W, p). By hand: changes 12, 10, −3, 15; mean 8,5; sd √63.
const ref = (JSON.parse(readFileSync(new URL("../fixtures/scipy/prepost_reference.json", import.meta.url), "utf8")) as
  {cases: Array<Record<string, any>>}).cases.find((c) => c.name === "report fixture, methodological")!;

let store: Store;
let report: PrepostReport;
beforeAll(async () => {
  store = await Store.open(":memory:");
  await ingestBytes(store, "входная.xlsx", await entryFile());
  await ingestBytes(store, "итоговая.xlsx", await exitFile());
  report = await prepostReport(store, projectSettings(), {names: true});
});
afterAll(async () => { await store.close(); });

describe("prepostReport", () => {
  it("counts paired teachers and lists those with one wave only", () => {
    expect(report.counts).toEqual({teachers: 6, paired: 4, entryOnly: 1, exitOnly: 1, ambiguous: 0, undated: 0});
    expect(report.entryOnly).toEqual([{id: 5, school: "МБОУ \"Тарская СОШ № 2\"", municipality: "Тарский", name: "Смирнова Елена"}]);
    expect(report.exitOnly).toEqual([{id: 6, school: "МБОУ \"Тарская СОШ № 2\"", municipality: "Тарский", name: "Новикова Дарья"}]);
  });

  it("gives the methodological area's figures as scipy and the hand calculation do", () => {
    const m = report.areas.find((a) => a.area === "methodological")!;
    expect(m).toMatchObject({label: "Методические", nPairs: 4, nEntry: 5, nExit: 5, meanEntry: 45.5, meanExit: 54,
      meanEntryDeficit: 54.5, meanExitDeficit: 46, shareImproved: 0.75, shareUnchanged: 0, shareWorse: 0.25, df: 3});
    expect(m.meanChange!).toBeCloseTo(8.5, 10);
    expect(m.sdChange!).toBeCloseTo(Math.sqrt(63), 10);
    expect(m.dz!).toBeCloseTo(8.5 / Math.sqrt(63), 10);
    expect(m.t!).toBeCloseTo(ref.t, 8);
    expect(m.pT!).toBeCloseTo(ref.pT, 8);
    expect(m.ci95![0]).toBeCloseTo(ref.ci95[0], 8);
    expect(m.ci95![1]).toBeCloseTo(ref.ci95[1], 8);
    // ranks of |d| 12, 10, 3, 15 are 3, 2, 1, 4: R⁻ = 1; exact P(W⁺ ≤ 1 | n = 4) = 2/16, two-sided 0,25
    expect(m.wilcoxon).toEqual({W: 1, p: 0.25, method: "exact"});
    expect(m.normalizedGain!).toBeCloseTo(8.5 / 54.5, 12);
    expect(m.reading).toBe("Методические: дефицит снизился с 55\u00a0% до 46\u00a0% (пар: 4), изменение статистически не значимо (критерий Уилкоксона, p = 0,250), эффект большой.");
  });

  it("gives nulls, not NaN, for an area where nobody changed and one nobody measured", () => {
    const d = report.areas.find((a) => a.area === "digital")!;
    expect(d).toMatchObject({nPairs: 4, meanChange: 0, sdChange: 0, t: null, pT: null, wilcoxon: null, dz: null,
      normalizedGain: 0, shareUnchanged: 1});
    const s = report.areas.find((a) => a.area === "subject")!;
    expect(s).toMatchObject({nPairs: 0, nEntry: 0, meanEntry: null, ci95: null, normalizedGain: null, shareImproved: null});
    expect(JSON.stringify(report)).not.toContain("NaN");
  });

  it("gives each teacher's entry and exit deficits, change and individual gain", () => {
    const ivanova = report.teachers.find((t) => t.id === 1)!;
    expect(ivanova).toMatchObject({name: "Иванова Анна Петровна", waves: ["entry", "exit"], ambiguous: false});
    expect(ivanova.areas.methodological).toEqual({entryDeficit: 48, exitDeficit: 36, change: 12, gain: 0.25});
    expect(report.teachers.find((t) => t.id === 6)!.areas.methodological).toEqual({entryDeficit: null, exitDeficit: 20, change: null, gain: null});
  });

  it("computes a municipality, a school and a custom list of teachers as groups", async () => {
    const tarsky = await prepostReport(store, projectSettings(), {municipality: "тарский"});
    expect(tarsky.counts.teachers).toBe(3);
    expect(tarsky.areas.find((a) => a.area === "methodological")).toMatchObject({nPairs: 1, meanEntry: 30, meanExit: 45,
      sdChange: null, t: null, ci95: null, dz: null});
    const school = await prepostReport(store, projectSettings(), {school: "саргатская сош №1"});
    expect(school.scope.schools).toEqual(["МБОУ \"Саргатская СОШ № 1\""]);
    expect(school.areas[0]!.nPairs).toBe(3);
    const custom = await prepostReport(store, projectSettings(), {teacherIds: [1, 2]});
    expect(custom.areas[0]).toMatchObject({nPairs: 2, meanEntry: 46, meanExit: 57});
    const byAll = await prepostReport(store, projectSettings(), {by: "all"});
    expect(byAll.groups.map((g) => [g.level, g.municipality, g.school, g.nTeachers])).toEqual([
      ["municipality", "Саргатский", null, 3], ["municipality", "Тарский", null, 3],
      ["school", "Саргатский", "МБОУ \"Саргатская СОШ № 1\"", 3], ["school", "Тарский", "МБОУ \"Тарская СОШ № 2\"", 3]]);
  });

  it("carries no names unless asked to", async () => {
    const anonymous = await prepostReport(store, projectSettings(), {by: "all"});
    expect(JSON.stringify(anonymous)).not.toMatch(/Иванова|Смирнова|Новикова/);
    expect(anonymous.teachers[0]!.id).toBe(1);
  });
});

describe("mentoring report prepost", () => {
  it("prints the figures, the readings and the one-wave teachers in Russian, and --json prints the report object", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prepost-"));
    const db = join(dir, "m.duckdb");
    writeFileSync(join(dir, "entry.xlsx"), await entryFile());
    writeFileSync(join(dir, "exit.xlsx"), await exitFile());
    const io = bufferIo();
    expect(await main(["ingest", dir, "--db", db], io)).toBe(0);
    const text = bufferIo();
    expect(await main(["report", "prepost", "--db", db, "--municipality", "Саргатский"], text)).toBe(0);
    const out = text.stdout.join("\n");
    expect(out).toContain("Педагогов: 3; с обеими диагностиками: 3; только входная: 0; только итоговая: 0.");
    expect(out).toContain("Методические: дефицит снизился с 49\u00a0% до 43\u00a0% (пар: 3)");
    expect(out).not.toContain("Предметные");
    const json = bufferIo();
    expect(await main(["report", "prepost", "--db", db, "--json"], json)).toBe(0);
    const parsed = JSON.parse(json.stdout.join("\n")) as PrepostReport;
    expect(parsed.counts).toEqual({teachers: 6, paired: 4, entryOnly: 1, exitOnly: 1, ambiguous: 0, undated: 0});
    expect(parsed.areas.map((a) => a.area)).toEqual(["methodological", "subject", "psych_pedagogical", "communicative", "digital"]);
  });

  it("refuses a school that is not in the database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prepost-"));
    await (await Store.open(join(dir, "m.duckdb"))).close();
    await expect(main(["report", "prepost", "--db", join(dir, "m.duckdb"), "--school", "Несуществующая"], bufferIo()))
      .rejects.toThrow(/не найдено ни одной школы/);
  });
});
