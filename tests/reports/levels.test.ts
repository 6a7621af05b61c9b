// Every level (issue 15 §1): the annual report of a school, of a municipality and of the region, on
// a region of 2 municipalities and 4 schools whose figures are worked out by hand below. A school's
// report holds no row of another school; the DOCX names the school and its level; the CLI gives the
// same object per level.
//
// I quarter 2024 (school year 2023/24), engaged students = F2 mentors + F2 mentees + F4 and F5
// mentees, engaged teachers = F3 mentors + mentees (lib/engagedCounts.ts); target 70 % for both.
//   Тарский  СОШ № 1: students 30 + 40 + 10 = 80 of 200 = 40 %;   teachers 5 + 9 = 14 of 20 = 70 %
//   Тарский  СОШ № 2: students 40 + 35 + 5 = 80 of 100 = 80 %;    teachers 4 + 4 = 8 of 10 = 80 %
//   Тарский  СОШ № 3: Form 1 only (50 students, 5 teachers): expected, not counted
//   Омский   Лицей:   students 100 + 120 = 220 of 300 = 73,33 %;  teachers 10 + 12 = 22 of 30 = 73,33 %
// School СОШ № 1: complete (по 1 из 1 школы); students 40 % < 70 → «цель не достигнута»,
//   teachers 70 % ≥ 70 → «цель достигнута».
// Тарский: students 160 of 300 = 53,33 %, teachers 22 of 30 = 73,33 %; по 2 из 3 школ → incomplete:
//   «данные неполные (по 2 из 3 школ): цель не оценивается».
// Омский: 220 of 300 = 73,33 %, 22 of 30 = 73,33 %; по 1 из 1 школы → complete, «цель достигнута» for both.
// Region: students 380 of 600 = 63,33 %, teachers 44 of 60 = 73,33 %; по 3 из 4 школ → incomplete.
// Indicator «Педагоги, имеющие публикации» (target 40 %), the schools' own tables for 2023/24:
//   СОШ № 1 5 of 20, СОШ № 2 6 of 10, Лицей 15 of 30.
//   School СОШ № 1: 5/20 = 25 % → not met; Тарский: 11/30 = 36,67 % → not met;
//   Омский: 15/30 = 50 % → met; region: 26/60 = 43,33 % → met.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store} from "../../store/database.ts";
import {annualReport, type AnnualReport} from "../../reports/exports/annualReport.ts";
import {annualDocx, annualDocxFileName} from "../../reports/exports/annualDocx.ts";
import {annualHtml} from "../../reports/exports/annualHtml.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {IndicatorsConfigSchema} from "../../lib/targetIndicators.ts";
import {periodFromId} from "../../lib/period.ts";
import type {ReportScope} from "../../reports/scope.ts";
import {levelIds, levelRegion} from "../helpers/levels.ts";
import {projectSettings} from "../helpers/settings.ts";
import {docxContent} from "../helpers/docx.ts";
import {unzip} from "../helpers/unzip.ts";
import type {Settings} from "../../settings/index.ts";

const settings: Settings = {...projectSettings(), indicators: IndicatorsConfigSchema.parse({indicators: [
  {code: "publications", name: "Педагоги, имеющие публикации", target: 40, roster: {columns: ["публикации"]}}]})};
const INCOMPLETE = (label: string) => `данные неполные (${label}): цель не оценивается`;

const dir = mkdtempSync(join(tmpdir(), "levels-"));
const db = join(dir, "m.duckdb");
let store: Store | null;
let ids: Awaited<ReturnType<typeof levelIds>>;
const reports: Record<string, AnnualReport> = {};

beforeAll(async () => {
  store = await Store.open(db);
  await levelRegion(store);
  ids = await levelIds(store);
  const scopes: Record<string, ReportScope> = {region: {level: "region"}, tarsky: {level: "municipality", id: ids.municipality["Тарский"]!},
    omsky: {level: "municipality", id: ids.municipality["Омский"]!}, school1: {level: "school", id: ids.school["СОШ № 1"]!}};
  for (const [k, scope] of Object.entries(scopes)) {
    reports[k] = await annualReport(store, settings, {period: periodFromId("2023/24"), today: "2026-11-24", scope});
  }
}, 120_000);
afterAll(async () => { await store?.close(); rmSync(dir, {recursive: true, force: true}); });

const engagement = (r: AnnualReport) => {
  if (!r.engagement.available) throw new Error(`engagement expected: ${r.engagement.note}`);
  return r.engagement.data.current;
};
const indicator = (r: AnnualReport) => {
  if (!r.targets.available) throw new Error(`targets expected: ${r.targets.note}`);
  return r.targets.data.indicators.find((i) => i.code === "publications")!;
};

describe("the annual report at each level (hand-worked)", () => {
  it("the region: 380 of 600 students, 44 of 60 teachers, over 3 of 4 schools, so the target is not judged", () => {
    const r = reports.region!, e = engagement(r);
    expect(r.scope).toEqual({level: "region", id: null, name: settings.organisation.name});
    expect([e.studentsEngaged, e.studentsPopulation, e.teachersEngaged, e.teachersPopulation]).toEqual([380, 600, 44, 60]);
    expect(e.studentsPct).toBeCloseTo(63.333333, 5);
    expect(e.teachersPct).toBeCloseTo(73.333333, 5);
    expect([e.coverage.schoolsCounted, e.coverage.schoolsExpected, e.coverage.label, e.complete]).toEqual([3, 4, "по 3 из 4 школ", false]);
    expect(e.verdict).toEqual({students: INCOMPLETE("по 3 из 4 школ"), teachers: INCOMPLETE("по 3 из 4 школ")});
    expect(e.municipalities.map((m) => [m.name, m.coverage, m.verdict.students, m.verdict.teachers])).toEqual([
      ["Омский", "по 1 из 1 школы", "цель достигнута", "цель достигнута"],
      ["Тарский", "по 2 из 3 школ", INCOMPLETE("по 2 из 3 школ"), INCOMPLETE("по 2 из 3 школ")]]);
    expect(indicator(r)).toMatchObject({schools: 3, numerator: 26, denominator: 60, target: 40, met: true});
    expect(indicator(r).actual).toBeCloseTo(43.333333, 5);
  });

  it("a municipality: Тарский's 160 of 300 students and 22 of 30 teachers, over 2 of its 3 schools", () => {
    const r = reports.tarsky!, e = engagement(r);
    expect(r.scope).toEqual({level: "municipality", id: ids.municipality["Тарский"], name: "Тарский"});
    expect([e.studentsEngaged, e.studentsPopulation, e.teachersEngaged, e.teachersPopulation]).toEqual([160, 300, 22, 30]);
    expect(e.studentsPct).toBeCloseTo(53.333333, 5);
    expect(e.teachersPct).toBeCloseTo(73.333333, 5);
    expect([e.coverage.label, e.complete, e.schoolsIncluded, e.schoolsNotReported]).toEqual(["по 2 из 3 школ", false, 2, 1]);
    expect(e.verdict.students).toBe(INCOMPLETE("по 2 из 3 школ"));
    // No breakdown by municipality below the region (its one row would be the scope itself).
    expect(e.municipalities).toEqual([]);
    expect(indicator(r)).toMatchObject({schools: 2, numerator: 11, denominator: 30, met: false});
    expect(indicator(r).actual).toBeCloseTo(36.666667, 5);
  });

  it("the other municipality: Омский complete, both targets met; its indicator 15 of 30 = 50 % met", () => {
    const r = reports.omsky!, e = engagement(r);
    expect([e.studentsEngaged, e.studentsPopulation, e.teachersEngaged, e.teachersPopulation, e.complete]).toEqual([220, 300, 22, 30, true]);
    expect(e.verdict).toEqual({students: "цель достигнута", teachers: "цель достигнута"});
    expect(indicator(r)).toMatchObject({schools: 1, numerator: 15, denominator: 30, actual: 50, met: true});
  });

  it("a school: СОШ № 1's 80 of 200 students (short of 70 %) and 14 of 20 teachers (met), complete", () => {
    const r = reports.school1!, e = engagement(r);
    expect(r.scope).toEqual({level: "school", id: ids.school["СОШ № 1"], name: "СОШ № 1", municipality: "Тарский"});
    expect([e.studentsEngaged, e.studentsPopulation, e.studentsPct, e.teachersEngaged, e.teachersPopulation, e.teachersPct])
      .toEqual([80, 200, 40, 14, 20, 70]);
    expect([e.coverage.label, e.complete]).toEqual(["по 1 из 1 школы", true]);
    expect(e.verdict).toEqual({students: "цель не достигнута", teachers: "цель достигнута"});
    expect(indicator(r)).toMatchObject({schools: 1, numerator: 5, denominator: 20, actual: 25, met: false});
  });

  it("a school's report holds no row of another school, nor the other municipality", () => {
    const json = JSON.stringify(reports.school1);
    for (const other of ["СОШ № 2", "СОШ № 3", "Лицей", "Омский"]) expect(json).not.toContain(other);
    const html = annualHtml(reports.school1!);
    for (const other of ["СОШ № 2", "СОШ № 3", "Лицей", "Омский"]) expect(html).not.toContain(other);
    // The municipality's report names none of the other municipality's schools.
    expect(JSON.stringify(reports.tarsky)).not.toContain("Лицей");
  });

  it("the engagement report's scope totals are the same figures the annual report shows", async () => {
    const r = await engagementReport(store!, settings, {period: "2024-Q1", scope: {level: "school", id: ids.school["СОШ № 2"]!}});
    expect(r.schools.map((s) => s.name)).toEqual(["СОШ № 2"]);
    expect([r.total.studentsEngaged, r.total.studentsPopulation, r.total.studentsPct]).toEqual([80, 100, 80]);
    expect(r.region).toBe(r.total);
    expect(JSON.stringify(r)).not.toContain("Лицей");
  });

  it("an id the directory does not know is refused with a Russian message", async () => {
    await expect(annualReport(store!, settings, {scope: {level: "school", id: 9999}})).rejects.toThrow("в справочнике нет школы № 9999");
  });

  it("the DOCX of a school names the school, its municipality and its level on the title page, in its header and its file name", async () => {
    const r = reports.school1!;
    const bytes = await annualDocx(r, {name: "Министерство образования Омской области", level: "region"});
    const doc = docxContent(bytes);
    expect(doc.paragraphs.slice(1, 3)).toEqual(["СОШ № 1 (Тарский)", "уровень образовательной организации"]);
    expect(annualDocxFileName(r)).toBe("Итоговый отчёт 2023-24 — школа СОШ № 1 (Тарский).docx");
    const all = [...doc.paragraphs, ...doc.tables.flat(2)].join("\n");
    for (const other of ["СОШ № 2", "Лицей", "Омский", "Министерство"]) expect(all).not.toContain(other);
    // The header part of the document names the school too.
    expect(unzipText(bytes, /word\/header\d*\.xml/)).toContain("СОШ № 1 (Тарский) · уровень образовательной организации · 2023/24 учебный год");
    // Below the region there is no table by municipality; the verdict is said for the school.
    expect(doc.tables.find((t) => t[0]?.[0] === "Муниципалитет")).toBeUndefined();
    expect(doc.paragraphs).toContain("Вывод по школе: обучающиеся: цель не достигнута; педагоги: цель достигнута.");
  });

  it("the region's DOCX has the municipality table with its «Цель достигнута» column (targetVerdict)", async () => {
    const doc = docxContent(await annualDocx(reports.region!, {name: "Министерство образования Омской области", level: "region"}));
    expect(doc.paragraphs.slice(1, 3)).toEqual(["Министерство образования Омской области", "региональный уровень"]);
    expect(doc.tables.find((t) => t[0]?.[0] === "Муниципалитет")).toEqual([
      ["Муниципалитет", "Доля обучающихся", "Доля педагогов", "Охват", "Цель достигнута"],
      ["Омский", "73,3\u00a0%", "73,3\u00a0%", "по 1 из 1 школы", "цель достигнута"],
      ["Тарский", "53,3\u00a0%", "73,3\u00a0%", "по 2 из 3 школ", INCOMPLETE("по 2 из 3 школ")]]);
    expect(doc.paragraphs).toContain(`Вывод по региону: ${INCOMPLETE("по 3 из 4 школ")}.`);
  });

  it("the DOCX of a municipality names it and its level", async () => {
    const doc = docxContent(await annualDocx(reports.tarsky!, {name: "Министерство образования Омской области", level: "region"}));
    expect(doc.paragraphs.slice(1, 3)).toEqual(["Тарский", "муниципальный уровень"]);
  });
});

/** The XML of the parts of a DOCX whose names match (the header is a part of its own). */
function unzipText(bytes: Buffer, name: RegExp): string {
  return [...unzip(bytes)].filter(([n]) => name.test(n)).map(([, b]) => b.toString("utf8")).join(" ");
}
