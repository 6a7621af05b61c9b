// Targets of every kind through reports/targets.ts (issue 15 §4), each worked by hand:
// a count «не менее 5 мастер-классов», growth in п. п. on last year, turnover (lower is better)
// falling, «не более» on turnover, a school's own target over the default, the region's own target.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {targetsReport, type IndicatorLine} from "../../reports/targets.ts";
import {IndicatorsConfigSchema, type IndicatorsConfig} from "../../lib/targetIndicators.ts";
import {D, xlsx} from "../loaders/effectiveness/helpers.ts";
import {projectSettings} from "../helpers/settings.ts";
import {annualReport} from "../../reports/exports/annualReport.ts";
import {annualHtml} from "../../reports/exports/annualHtml.ts";
import {annualConclusions, turnoverSentence} from "../../reports/exports/annualConclusions.ts";
import {schoolYear} from "../../lib/period.ts";

const S = "\u00a0";
const PP = `${S}п.${S}п.`;
const A = "МБОУ \"Саргатская СОШ № 1\"", B = "МБОУ \"Саргатская гимназия\"";
const MASTER = {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"};

function config(overrides: unknown[] = []): IndicatorsConfig {
  return IndicatorsConfigSchema.parse({
    indicators: [
      {code: "master_classes", name: "Проведено мастер-классов", measure: "count", source: "table", unit: MASTER,
        target: {type: "count_at_least", count: 5}, aliases: ["мастер-классы"]},
      {code: "forums", name: "Педагоги, участвующие в конференциях", source: "table", target: {type: "growth_points", points: 2}},
      {code: "turnover", name: "Текучесть педагогических кадров", source: "turnover", target: {type: "decline_points", points: 0}}
    ],
    overrides
  });
}

/** A school's indicator table for one school year: [name, count, total (blank for a count)]. */
async function table(store: Store, school: string, year: string, rows: Array<[string, number, number | null]>) {
  const o = await ingestBytes(store, `показатели ${school} ${year}.xlsx`, await xlsx("Показатели", [
    ["Муниципальный район: Саргатский"], [`Образовательная организация: ${school}`], [`${year} учебный год`],
    ["Показатель", "Количество", "Всего педагогов"], ...rows]), {settings: {...projectSettings(), indicators: config()}});
  expect(o.status, JSON.stringify(o.issues)).not.toBe("rejected");
}

const HEADER = ["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма", "Дата увольнения", "Стаж"];
const row = (id: string, hired: Date, left: Date | null = null) => ["Саргатский", A, id, hired, left, 10];

const lineOf = (r: Awaited<ReturnType<typeof targetsReport>>, school: string, year: number, code: string): IndicatorLine =>
  r.schools.find((s) => s.name === school)!.years.find((y) => y.year === year)!.indicators.find((l) => l.code === code)!;

describe("targets of every kind, decided exactly with the gap in the target's direction", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    // School A: 4 master classes in 2024/25; teachers at conferences 61 of 100 (2023/24) → 125 of 200 (2024/25) = 61 % → 62,5 %.
    await table(store, A, "2023/2024", [["Педагоги, участвующие в конференциях", 61, 100]]);
    await table(store, A, "2024/2025", [["Проведено мастер-классов", 4, null], ["Педагоги, участвующие в конференциях", 125, 200]]);
    // School B: 4 master classes in 2024/25 too.
    await table(store, B, "2024/2025", [["Мастер-классы", 4, null]]);
    // School A's rosters. 2023/24 (01.09.2023–31.08.2024): T1–T7 all year, L1 leaves 15.01.2024, H1 hired 01.02.2024:
    // 8 employed on 01.09.2023 (T1–T7, L1), 8 on 31.08.2024 (T1–T7, H1): average 8, 1 leaver → 12,5 %.
    // 2024/25: T7 leaves 20.03.2025, N1–N5 hired 02.09.2024: 8 on 01.09.2024 (T1–T7, H1), 12 on 31.08.2025
    // (T1–T6, H1, N1–N5): average 10, 1 leaver → 10 %.
    const t = (i: number) => row(`T${i}`, D(2010, 9, 1));
    await ingestBytes(store, "кадры 2024.xlsx", await xlsx("Кадры", [["2023/2024 учебный год, по состоянию на 31.05.2024"], HEADER,
      ...[1, 2, 3, 4, 5, 6, 7].map(t), row("L1", D(2012, 9, 1), D(2024, 1, 15)), row("H1", D(2024, 2, 1))]));
    await ingestBytes(store, "кадры 2025.xlsx", await xlsx("Кадры", [["2024/2025 учебный год, по состоянию на 31.05.2025"], HEADER,
      ...[1, 2, 3, 4, 5, 6].map(t), row("T7", D(2010, 9, 1), D(2025, 3, 20)), row("H1", D(2024, 2, 1)),
      ...[1, 2, 3, 4, 5].map((i) => row(`N${i}`, D(2024, 9, 2)))]));
  });
  afterAll(async () => { await store.close(); });

  it("a count «не менее 5 мастер-классов» with 4: not met, 1 short", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config()});
    expect(lineOf(r, A, 2025, "master_classes")).toMatchObject({measure: "count", numerator: 4, denominator: null, actual: 4,
      target: {type: "count_at_least", count: 5}, targetText: "не менее 5 мастер-классов", met: false, gap: 1, unit: "count",
      gapText: "не хватает 1 мастер-класса",
      verdict: "не достигнута: не хватает 1 мастер-класса (4 мастер-класса при цели не менее 5)"});
  });

  it("growth of 2 п. п. on last year with 61 % → 62,5 %: not met, 0,5 п. п. short; no last year: not judged", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config()});
    expect(lineOf(r, A, 2025, "forums")).toMatchObject({actual: 62.5, previous: 61, change: 1.5, targetText: `рост не менее чем на 2${PP}`,
      met: false, gap: 0.5, unit: "points", gapText: `не хватает 0,5${PP} роста`,
      verdict: `не достигнута: рост на 1,5${PP} (с 61${S}% до 62,5${S}%); цель — рост не менее чем на 2${PP}, не хватает 0,5${PP}`});
    expect(lineOf(r, A, 2024, "forums")).toMatchObject({actual: 61, previous: null, met: null, gap: null, gapText: "—",
      verdict: "не оценивается: нет данных за прошлый год"});
  });

  it("turnover 12,5 % → 10 % against «снижение» (decline_points 0): met, −2,5 п. п.; the first year is not judged", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config()});
    const t = lineOf(r, A, 2025, "turnover");
    expect(t).toMatchObject({numerator: 1, denominator: 10, actual: 10, previous: 12.5, change: -2.5, targetText: "снижение",
      met: true, gap: -2.5, gapText: `запас 2,5${PP}`, verdict: `достигнута: текучесть снизилась на 2,5${PP} (с 12,5${S}% до 10${S}%)`});
    expect(lineOf(r, A, 2024, "turnover")).toMatchObject({numerator: 1, denominator: 8, actual: 12.5, met: null,
      verdict: "не оценивается: нет данных за прошлый год"});
    // The region (one school with rosters) is judged the same way against the same default.
    expect(r.region.find((y) => y.year === 2025)!.indicators.find((l) => l.code === "turnover")).toMatchObject({numerator: 1, denominator: 10,
      actual: 10, previous: 12.5, met: true, gap: -2.5});
  });

  it("«не более 9 %» on turnover for one school and year: 10 % is 1 п. п. above the target", async () => {
    const r = await targetsReport(store, {...projectSettings(), indicators: config([
      {code: "turnover", school: A, year: 2025, target: {type: "share_at_most", percent: 9}}])}, {year: 2025});
    expect(lineOf(r, A, 2025, "turnover")).toMatchObject({targetText: `не более 9${S}%`, met: false, gap: 1, gapText: `выше цели на 1${PP}`,
      verdict: `не достигнута: 10${S}% при цели не более 9${S}%, выше цели на 1${PP}`});
    // The override names school A only: the region keeps the default «снижение».
    expect(r.region[0]!.indicators.find((l) => l.code === "turnover")).toMatchObject({targetText: "снижение", met: true});
  });

  it("a school's own target wins over the default; a count's region sum is judged only against the region's own target", async () => {
    const plain = await targetsReport(store, {...projectSettings(), indicators: config()}, {year: 2025});
    expect(lineOf(plain, B, 2025, "master_classes")).toMatchObject({targetText: "не менее 5 мастер-классов", met: false, gap: 1});
    // 4 + 4 = 8 for the region: the default (a school's 5) is not the region's target.
    expect(plain.region[0]!.indicators.find((l) => l.code === "master_classes")).toMatchObject({schools: 2, numerator: 8, denominator: null,
      actual: 8, target: null, targetText: null, met: null, gap: null, verdict: "не оценивается: цель не задана"});

    const own = await targetsReport(store, {...projectSettings(), indicators: config([
      {code: "master_classes", school: "Саргатская гимназия", target: {type: "count_at_least", count: 3}},
      {code: "master_classes", municipality: "Саргатский", year: 2025, target: {type: "count_at_least", count: 6}},
      {code: "master_classes", level: "region", target: {type: "count_at_least", count: 10}}])}, {year: 2025});
    // B: its own 3 (rank 4) beats the municipality's 2025 target of 6 (rank 3): 4 ≥ 3, met with 1 to spare.
    expect(lineOf(own, B, 2025, "master_classes")).toMatchObject({targetText: "не менее 3 мастер-классов", met: true, gap: -1,
      gapText: "запас 1 мастер-класс", verdict: "достигнута: 4 мастер-класса при цели не менее 3"});
    // A: the municipality's 6 beats the default 5: 2 short.
    expect(lineOf(own, A, 2025, "master_classes")).toMatchObject({targetText: "не менее 6 мастер-классов", met: false, gap: 2,
      gapText: "не хватает 2 мастер-классов"});
    // The region: 8 against its own «не менее 10»: 2 short.
    expect(own.region[0]!.indicators.find((l) => l.code === "master_classes")).toMatchObject({actual: 8, targetText: "не менее 10 мастер-классов",
      met: false, gap: 2, verdict: "не достигнута: не хватает 2 мастер-классов (8 мастер-классов при цели не менее 10)"});
  });
});

describe("the annual report shows the targets' words and gaps", () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(":memory:");
    await table(store, A, "2023/2024", [["Педагоги, участвующие в конференциях", 61, 100]]);
    await table(store, A, "2024/2025", [["Проведено мастер-классов", 4, null], ["Педагоги, участвующие в конференциях", 125, 200]]);
    const t = (i: number) => row(`T${i}`, D(2010, 9, 1));
    await ingestBytes(store, "кадры 2024.xlsx", await xlsx("Кадры", [["2023/2024 учебный год, по состоянию на 31.05.2024"], HEADER,
      ...[1, 2, 3, 4, 5, 6, 7].map(t), row("L1", D(2012, 9, 1), D(2024, 1, 15)), row("H1", D(2024, 2, 1))]));
    await ingestBytes(store, "кадры 2025.xlsx", await xlsx("Кадры", [["2024/2025 учебный год, по состоянию на 31.05.2025"], HEADER,
      ...[1, 2, 3, 4, 5, 6].map(t), row("T7", D(2010, 9, 1), D(2025, 3, 20)), row("H1", D(2024, 2, 1)),
      ...[1, 2, 3, 4, 5].map((i) => row(`N${i}`, D(2024, 9, 2)))]));
  });
  afterAll(async () => { await store.close(); });

  it("turnover's decision in the retention section is the targets section's; conclusions and the page word both", async () => {
    const settings = {...projectSettings(), indicators: config([{code: "master_classes", level: "region", target: {type: "count_at_least", count: 5}}])};
    const r = await annualReport(store, settings, {period: schoolYear(2025), today: "2025-09-30"});
    if (!r.targets.available || !r.retention.available) throw new Error("sections expected");
    const byCode = Object.fromEntries(r.targets.data.indicators.map((i) => [i.code, i]));
    expect(byCode.master_classes).toMatchObject({measure: "count", actual: 4, target: null, goalText: "не менее 5 мастер-классов", met: false, gap: 1,
      gapText: "не хватает 1 мастер-класса"});
    expect(byCode.forums).toMatchObject({actual: 62.5, previous: 61, target: null, goalText: `рост не менее чем на 2${PP}`, met: false, gap: 0.5});
    const turnover = r.retention.data.turnoverTarget!;
    expect(turnover).toBe(byCode.turnover);
    expect(turnover).toMatchObject({actual: 10, previous: 12.5, goalText: "снижение", met: true, gap: -2.5});
    const c = annualConclusions(r);
    expect(c.met).toContain(`Текучесть педагогических кадров (2024/25 учебный год): достигнута: текучесть снизилась на 2,5${PP} (с 12,5${S}% до 10${S}%).`);
    expect(c.notMet).toContain("Проведено мастер-классов (2024/25 учебный год): не достигнута: не хватает 1 мастер-класса (4 мастер-класса при цели не менее 5).");
    expect(c.notMet).toContain(`Педагоги, участвующие в конференциях (2024/25 учебный год): не достигнута: рост на 1,5${PP} (с 61${S}% до 62,5${S}%); ` +
      `цель — рост не менее чем на 2${PP}, не хватает 0,5${PP}`);  // «п. п.» ends the sentence
    const html = annualHtml(r);
    // A turnover that rose: the verdict names the target, the sentence does not repeat it.
    expect(turnoverSentence({goalText: "снижение", verdict: `не достигнута: текучесть выросла на 18,8${PP} (с 0${S}% до 18,8${S}%); цель — снижение`}, "2024/25"))
      .toBe(`Текучесть в 2024/25 учебном году: не достигнута: текучесть выросла на 18,8${PP} (с 0${S}% до 18,8${S}%); цель — снижение.`);
    expect(html).toContain(`Текучесть в 2024/25 учебном году, цель — снижение: достигнута: текучесть снизилась на 2,5${PP} (с 12,5${S}% до 10${S}%).`);
    expect(html).toContain(`<td>не менее 5 мастер-классов</td><td>нет<br><span class="note">не хватает 1 мастер-класса</span></td>`);
  });
});

describe("the indicators setting reads old and new targets", () => {
  it("a plain number is «не менее n %»; a target of another kind for the wrong measure is refused in Russian", () => {
    const old = IndicatorsConfigSchema.parse({indicators: [{code: "publications", name: "Публикации", target: 40, roster: {columns: ["публикации"]}}],
      overrides: [{code: "publications", year: 2025, target: 45}]});
    expect(old.indicators[0]!.target).toEqual({type: "share_at_least", percent: 40});
    expect(old.indicators[0]!.measure).toBe("share");
    expect(old.overrides[0]!.target).toEqual({type: "share_at_least", percent: 45});
    const bad = IndicatorsConfigSchema.safeParse({indicators: [{code: "publications", name: "Публикации", roster: {columns: ["публикации"]},
      target: {type: "count_at_least", count: 5}}]});
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["indicators.0.target", "цель «не менее 5» не подходит для доли"]]);
  });
});
