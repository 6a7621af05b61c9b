import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {attributeHolds, effectiveTarget, indicatorResult, IndicatorsConfigSchema, matchIndicator, resolveTarget, ruleColumn, yearOverYear}
  from "../../lib/targetIndicators.ts";

/** The plain number n of earlier configs is read as «не менее n %». */
const atLeast = (percent: number) => ({type: "share_at_least", percent});
const config = IndicatorsConfigSchema.parse(JSON.parse(readFileSync("data/config/indicators.json", "utf8")));

describe("indicatorResult", () => {
  it("works the documented example: 9 of 15 against 60 % is met exactly", () => {
    expect(indicatorResult(9, 15, 60)).toEqual({numerator: 9, denominator: 15, actual: 60, target: 60, gap: 0, met: true});
  });

  it("reports the gap in percentage points when the target is missed", () => {
    const r = indicatorResult(4, 15, 40);
    expect(r.actual).toBeCloseTo(26.666666667, 8);
    expect(r.gap).toBeCloseTo(-13.333333333, 8);
    expect(r.met).toBe(false);
  });

  it("covers 0 % and 100 %, and gives nulls without a denominator", () => {
    expect(indicatorResult(0, 12, 50)).toMatchObject({actual: 0, gap: -50, met: false});
    expect(indicatorResult(12, 12, 100)).toMatchObject({actual: 100, gap: 0, met: true});
    expect(indicatorResult(0, 0, 50)).toEqual({numerator: 0, denominator: 0, actual: null, target: 50, gap: null, met: null});
    expect(indicatorResult(null, 10, 50).actual).toBeNull();
  });

  it("throws when the numerator exceeds the denominator", () => {
    expect(() => indicatorResult(16, 15, 60)).toThrow(/exceeds/);
  });
});

describe("yearOverYear", () => {
  it("works the documented example and skips a year without a value", () => {
    expect(yearOverYear([{year: 2025, actual: 60}, {year: 2024, actual: 50}])).toEqual([
      {year: 2024, actual: 50, previous: null, change: null}, {year: 2025, actual: 60, previous: 50, change: 10}]);
    expect(yearOverYear([{year: 2023, actual: 40}, {year: 2024, actual: null}, {year: 2025, actual: 45}])[2])
      .toEqual({year: 2025, actual: 45, previous: 40, change: 5});
  });
});

describe("matchIndicator", () => {
  it("finds the indicator by its name, an alias or the words of the row", () => {
    expect(matchIndicator("Педагоги, имеющие публикации", config)?.code).toBe("publications");
    expect(matchIndicator("Кол-во педагогов, имеющих публикации", config)?.code).toBe("publications");
    expect(matchIndicator("Доля педагогов первой и высшей категории", config)?.code).toBe("qualification_category");
    expect(matchIndicator("Посещаемость мероприятий, %", config)?.code).toBe("attendance");
    expect(matchIndicator("Закрепляемость молодых специалистов", config)?.code).toBe("young_retention");
    expect(matchIndicator("Количество победителей олимпиад", config)).toBeNull();
  });
});

describe("resolveTarget", () => {
  const cfg = IndicatorsConfigSchema.parse({
    indicators: [{code: "publications", name: "Педагоги, имеющие публикации", target: 40, roster: {columns: ["публикации"]}}],
    overrides: [
      {code: "publications", year: 2025, target: 45},
      {code: "publications", municipality: "Тарский", target: 35},
      {code: "publications", school: "МБОУ \"Тарская СОШ № 1\"", year: 2025, target: 30}
    ]
  });
  const def = cfg.indicators[0]!;

  it("takes the most specific override, then the default, and a table's own target above all", () => {
    expect(resolveTarget(def, cfg, {municipality: "Тарский", school: "МБОУ «Тарская СОШ №1»", year: 2025})).toEqual(atLeast(30));
    expect(resolveTarget(def, cfg, {municipality: "Тарский", school: "МБОУ \"Тарская СОШ № 2\"", year: 2025})).toEqual(atLeast(35));
    expect(resolveTarget(def, cfg, {municipality: "Омский", school: "СОШ", year: 2025})).toEqual(atLeast(45));
    expect(resolveTarget(def, cfg, {municipality: "Омский", school: "СОШ", year: 2024})).toEqual(atLeast(40));
    expect(resolveTarget(def, cfg, {municipality: "Тарский", school: "МБОУ \"Тарская СОШ № 1\"", year: 2025}, 70)).toEqual(atLeast(70));
  });

  it("refuses an override of an unknown indicator and a repeated code", () => {
    expect(() => IndicatorsConfigSchema.parse({indicators: [], overrides: [{code: "x", target: 1}]})).toThrow(/нет показателя/);
    expect(() => IndicatorsConfigSchema.parse({indicators: [
      {code: "a", name: "Первый", target: 1, source: "table"}, {code: "a", name: "Второй", target: 2, source: "table"}]})).toThrow(/повторяется/);
  });
});

describe("effectiveTarget", () => {
  const cfg = IndicatorsConfigSchema.parse({
    indicators: [{code: "master_classes", name: "Мастер-классы", measure: "count", source: "table", target: {type: "count_at_least", count: 5}},
      {code: "turnover", name: "Текучесть", source: "turnover", target: {type: "decline_points", points: 0}}],
    overrides: [
      {code: "master_classes", level: "region", year: 2025, target: {type: "count_at_least", count: 120}},
      {code: "master_classes", level: "municipality", municipality: "Тарский муниципальный район", target: {type: "count_at_least", count: 30}},
      {code: "turnover", municipality: "Тарский", target: {type: "share_at_most", percent: 10}}
    ]
  });
  const [mc, to] = cfg.indicators as [typeof cfg.indicators[0], typeof cfg.indicators[0]];

  it("limits an override to its level; a count's default is a school's only", () => {
    expect(effectiveTarget(mc, cfg, {level: "region"}, 2025)).toEqual({type: "count_at_least", count: 120});
    expect(effectiveTarget(mc, cfg, {level: "region"}, 2024)).toBeNull();
    // «Тарский муниципальный район» and «Тарский» are one municipality.
    expect(effectiveTarget(mc, cfg, {level: "municipality", municipality: "Тарский"}, 2025)).toEqual({type: "count_at_least", count: 30});
    expect(effectiveTarget(mc, cfg, {level: "municipality", municipality: "Омский"}, 2025)).toBeNull();
    // The municipality's level-limited target is not its schools': they keep the default.
    expect(effectiveTarget(mc, cfg, {level: "school", municipality: "Тарский", school: "СОШ № 1"}, 2025)).toEqual({type: "count_at_least", count: 5});
  });

  it("an override without a level holds for the municipality and its schools, not for the region", () => {
    const most = {type: "share_at_most", percent: 10};
    expect(effectiveTarget(to, cfg, {level: "municipality", municipality: "Тарский район"}, 2025)).toEqual(most);
    expect(effectiveTarget(to, cfg, {level: "school", municipality: "Тарский", school: "СОШ № 1"}, 2025)).toEqual(most);
    expect(effectiveTarget(to, cfg, {level: "region"}, 2025)).toEqual({type: "decline_points", points: 0});
  });

  it("refuses a school's target at another level and a kind that does not fit the measure", () => {
    expect(() => IndicatorsConfigSchema.parse({indicators: cfg.indicators, overrides: [
      {code: "turnover", level: "region", school: "СОШ № 1", target: 5}]})).toThrow(/цель школы — уровень «школа»/);
    expect(() => IndicatorsConfigSchema.parse({indicators: cfg.indicators, overrides: [
      {code: "master_classes", target: {type: "growth_points", points: 1}}]})).toThrow(/не подходит для количества/);
    expect(() => IndicatorsConfigSchema.parse({indicators: [{code: "x", name: "Из списка", measure: "count", roster: {columns: ["x"]},
      target: {type: "count_at_least", count: 1}}]})).toThrow(/количество берётся только из таблицы показателей школы/);
  });
});

describe("attributeHolds and ruleColumn", () => {
  it("reads yes/no cells and value rules", () => {
    const cat = {columns: ["категория"], values: ["высш", "перв"]};
    expect(attributeHolds("Высшая категория", cat)).toBe(true);
    expect(attributeHolds("первая", cat)).toBe(true);
    expect(attributeHolds("СЗД", cat)).toBe(false);
    const edu = {columns: ["образование"], values: ["высшее"], notValues: ["неполное"]};
    expect(attributeHolds("Высшее педагогическое", edu)).toBe(true);
    expect(attributeHolds("неполное высшее", edu)).toBe(false);
    const flag = {columns: ["публикации"]};
    expect(["да", "+", "1", "статья в сборнике, 2024"].map((v) => attributeHolds(v, flag))).toEqual([true, true, true, true]);
    expect(["нет", "-", "0", "", "Нет."].map((v) => attributeHolds(v, flag))).toEqual([false, false, false, false, false]);
  });

  it("finds a column by an exact header first, then by a header that contains the phrase", () => {
    const headers = ["ФИО", "Квалификационная категория", "Публикации (да/нет)"];
    expect(ruleColumn(headers, {columns: ["категория"]})).toBe(1);
    expect(ruleColumn(headers, {columns: ["публикации"]})).toBe(2);
    expect(ruleColumn(headers, {columns: ["конференции"]})).toBeNull();
  });
});
