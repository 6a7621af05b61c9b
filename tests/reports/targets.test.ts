import {describe, expect, it, beforeAll, afterAll} from "vitest";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {targetsReport} from "../../reports/targets.ts";
import {IndicatorsConfigSchema} from "../../lib/targetIndicators.ts";
import {D, xlsx} from "../loaders/effectiveness/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";

const config = IndicatorsConfigSchema.parse({
  indicators: [
    {code: "qualification_category", name: "Педагоги первой и высшей квалификационной категории", target: 60,
      aliases: ["первая и высшая категория"], roster: {columns: ["категория"], values: ["высш", "перв"]}},
    {code: "publications", name: "Педагоги, имеющие публикации", target: 40, roster: {columns: ["публикации"]}},
    {code: "mentees_digital", name: "Наставляемые, использующие цифровые сервисы", target: 100,
      population: {columns: ["наставляемый"]}, roster: {columns: ["цифровые сервисы"]}},
    {code: "young_retention", name: "Молодые педагоги, закрепившиеся после 1 года работы", target: 90, population: "young", source: "retention"}
  ],
  overrides: [{code: "publications", school: "МБОУ \"Саргатская СОШ № 1\"", year: 2025, target: 45}]
});

const SCHOOL = "МБОУ \"Саргатская СОШ № 1\"";
const S = "\u00a0";
/** A plain number n in the config is «не менее n %». */
const atLeast = (percent: number) => ({type: "share_at_least", percent});

describe("targetsReport", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    // Employed on 31.05.2025: T1–T4 (T5 left in March). Categories: T1, T2 → 2 of 4.
    // Publications: T1, T3 → 2 of 4. Mentees T3, T4; digital services: T3 → 1 of 2.
    await ingestBytes(store, "кадры.xlsx", await xlsx("Кадры", [
      ["2024/2025 учебный год, по состоянию на 31.05.2025"],
      ["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма", "Дата увольнения", "Стаж",
        "Квалификационная категория", "Публикации", "Наставляемый", "Цифровые сервисы"],
      ["Саргатский", SCHOOL, "T1", D(2010, 9, 1), null, 20, "высшая", "да", "", ""],
      ["Саргатский", SCHOOL, "T2", D(2015, 9, 1), null, 12, "первая", "нет", "", ""],
      ["Саргатский", SCHOOL, "T3", D(2024, 9, 2), null, "менее года", "", "+", "да", "да"],
      ["Саргатский", SCHOOL, "T4", D(2023, 9, 1), null, "1,7", "", "", "да", "нет"],
      ["Саргатский", SCHOOL, "T5", D(2012, 9, 1), D(2025, 3, 31), 15, "высшая", "да", "", ""]]));
    // The school's own table for the year before: 1 of 5 with publications; categories 2 of 5, its own target 70 %.
    await ingestBytes(store, "показатели.xlsx", await xlsx("Показатели", [
      ["Муниципальный район: Саргатский"], [`Образовательная организация: ${SCHOOL}`], ["2023/2024 учебный год"],
      ["Показатель", "Количество педагогов", "Всего педагогов", "Целевое значение, %"],
      ["Педагоги, имеющие публикации", 1, 5, null],
      ["Доля педагогов первой и высшей категории", 2, 5, "70 %"],
      ["Победители конкурсов", 1, 5, null]]));
  });
  afterAll(async () => { await store.close(); });

  it("computes each indicator from the roster against its target, with the override and the gap", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config});
    expect(r.years).toEqual([2024, 2025]);
    const y2025 = r.schools[0]!.years.find((y) => y.year === 2025)!;
    const byCode = Object.fromEntries(y2025.indicators.map((l) => [l.code, l]));
    // The gap is how far short of the target (positive), in п. п.; a met target's margin is negative.
    expect(byCode.qualification_category).toMatchObject({source: "roster", numerator: 2, denominator: 4, actual: 50, target: atLeast(60),
      targetText: `не менее 60${S}%`, gap: 10, unit: "points", gapText: `не хватает 10${S}п.${S}п.`, met: false});
    expect(byCode.publications).toMatchObject({numerator: 2, denominator: 4, actual: 50, target: atLeast(45), gap: -5, met: true,
      gapText: `запас 5${S}п.${S}п.`});
    expect(byCode.mentees_digital).toMatchObject({numerator: 1, denominator: 2, actual: 50, target: atLeast(100), met: false});
    // No roster of 2023/2024: last year's hires are not all known, so no retention figure.
    expect(byCode.young_retention).toMatchObject({numerator: null, denominator: null, actual: null, met: null});
  });

  it("reads the school's own table, its own target first, and compares year over year", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config});
    const y2024 = r.schools[0]!.years.find((y) => y.year === 2024)!;
    expect(y2024.indicators.map((l) => [l.code, l.source, l.actual, l.target])).toEqual([
      ["qualification_category", "table", 40, atLeast(70)], ["publications", "table", 20, atLeast(40)], [null, "table", 20, null]]);
    const pub2025 = r.schools[0]!.years.find((y) => y.year === 2025)!.indicators.find((l) => l.code === "publications")!;
    expect(pub2025.previous).toBeCloseTo(20, 10);
    expect(pub2025.change).toBeCloseTo(30, 10);
  });

  it("adds schools' counts for the region and filters by school and year", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config}, {year: 2025});
    expect(r.schools[0]!.years.map((y) => y.year)).toEqual([2025]);
    // Last year's region figures come from the school's 2023/24 table: categories 2 of 5 = 40 %, publications 1 of 5 = 20 %.
    const judged = (target: number, gap: number, gapText: string, verdict: string) => ({target: atLeast(target),
      targetText: `не менее ${target}${S}%`, gap, unit: "points", gapText, verdict, met: gap <= 0});
    expect(r.region).toEqual([{year: 2025, indicators: [
      {code: "qualification_category", name: config.indicators[0]!.name, measure: "share", schools: 1, numerator: 2, denominator: 4, actual: 50,
        previous: 40, ...judged(60, 10, `не хватает 10${S}п.${S}п.`, `не достигнута: 50${S}% при цели не менее 60${S}%, не хватает 10${S}п.${S}п.`),
        bySource: {roster: {schools: 1, numerator: 2, denominator: 4, actual: 50}, table: null}},
      {code: "publications", name: config.indicators[1]!.name, measure: "share", schools: 1, numerator: 2, denominator: 4, actual: 50,
        previous: 20, ...judged(40, -10, `запас 10${S}п.${S}п.`, `достигнута: 50${S}% при цели не менее 40${S}%`),
        bySource: {roster: {schools: 1, numerator: 2, denominator: 4, actual: 50}, table: null}},
      {code: "mentees_digital", name: config.indicators[2]!.name, measure: "share", schools: 1, numerator: 1, denominator: 2, actual: 50,
        previous: null, ...judged(100, 50, `не хватает 50${S}п.${S}п.`, `не достигнута: 50${S}% при цели не менее 100${S}%, не хватает 50${S}п.${S}п.`),
        bySource: {roster: {schools: 1, numerator: 1, denominator: 2, actual: 50}, table: null}}]}]);
    expect((await targetsReport(store, {...projectSettings(), indicators: config}, {school: "тарская"})).schools).toEqual([]);
  });
});
