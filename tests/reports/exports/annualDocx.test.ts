// The annual report as DOCX, read back as a person would open it: built from the sample region
// (tests/sample/engagement-figures.md works its I quarter 2024 by hand), unzipped, its headings,
// tables, conclusions and page-number footer checked against the report object and the hand figures.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Store} from "../../../store/database.ts";
import {ingestSample} from "../../../loaders/sample.ts";
import {annualReport, type AnnualReport} from "../../../reports/exports/annualReport.ts";
import {annualDocx, annualDocxFileName, DOCX_HEADINGS, DOCX_TITLE} from "../../../reports/exports/annualDocx.ts";
import {annualConclusions} from "../../../reports/exports/annualConclusions.ts";
import {formatNumber, formatPercent, formatPeriod} from "../../../lib/format.ts";
import {periodFromId} from "../../../lib/period.ts";
import {projectSettings} from "../../helpers/settings.ts";
import {docxContent} from "../../helpers/docx.ts";

const S = "\u00a0";
let store: Store, r: AnnualReport, doc: ReturnType<typeof docxContent>;

beforeAll(async () => {
  store = await Store.open(":memory:");
  await ingestSample(store);
  r = await annualReport(store, projectSettings(), {period: periodFromId("2023/24"), today: "2026-11-24"});
  doc = docxContent(await annualDocx(r, {name: "Министерство образования Омской области", level: "region"}));
}, 240_000);
afterAll(async () => store?.close());

const tableAfter = (heading: string) => {
  // Tables in document order; the test finds a table by its header row.
  return doc.tables.find((t) => t[0]?.[0] === heading)!;
};

describe("the annual report as DOCX", () => {
  it("has the title page: the organisation, its level and the period, then every heading", () => {
    expect(doc.paragraphs.slice(0, 4)).toEqual([DOCX_TITLE, "Министерство образования Омской области", "региональный уровень",
      "2023/24 учебный год (01.09.2023–31.08.2024)"]);
    for (const h of DOCX_HEADINGS) expect(doc.paragraphs).toContain(h);
    expect(annualDocxFileName(r)).toBe("Итоговый отчёт 2023-24.docx");
  });

  it("numbers its pages in the footer with PAGE and NUMPAGES fields", () => {
    expect(doc.footers).toHaveLength(1);
    expect(doc.footers[0]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(doc.footers[0]).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(doc.footers[0]).toContain("Страница ");
  });

  it("the engagement tables hold the report's figures: I quarter 2024, 2 510 of 4 974 students and 350 of 532 teachers (worked by hand)", () => {
    if (!r.engagement.available) throw new Error("engagement expected");
    const years = tableAfter("Год");
    expect(years.slice(1)).toEqual(r.engagement.data.years.map((y) => [y.periodId, formatPeriod(y.period), formatNumber(y.studentsEngaged),
      formatNumber(y.studentsPopulation), formatPercent(y.studentsPct, 1, 70), formatNumber(y.teachersEngaged), formatNumber(y.teachersPopulation),
      formatPercent(y.teachersPct, 1, 70), y.coverage.label]));
    expect(years.at(-1)).toEqual(["2023/24", "I квартал 2024", `2${S}510`, `4${S}974`, `50,5${S}%`, "350", "532", `65,8${S}%`, "по 22 из 22 школ"]);
    // Every municipality is complete and short of 70 % for students and teachers: «цель не достигнута» (targetVerdict).
    expect(tableAfter("Муниципалитет")[0]).toEqual(["Муниципалитет", "Доля обучающихся", "Доля педагогов", "Охват", "Цель достигнута"]);
    expect(tableAfter("Муниципалитет").slice(1)).toEqual([
      ["Омский", `52,9${S}%`, `69,3${S}%`, "по 7 из 7 школ", "цель не достигнута"],
      ["Саргатский", `44,1${S}%`, `69,7${S}%`, "по 7 из 7 школ", "цель не достигнута"],
      ["Тарский", `51,9${S}%`, `60,2${S}%`, "по 8 из 8 школ", "цель не достигнута"]]);
  });

  it("the targets table holds the report's indicators, one row each", () => {
    if (!r.targets.available) throw new Error("targets expected");
    const t = tableAfter("Показатель");
    const figure = (i: (typeof r.targets.data.indicators)[number], v: number | null) =>
      (i.measure === "count" ? formatNumber(v) : formatPercent(v, 1, i.target ?? undefined));
    expect(t.slice(1)).toEqual(r.targets.data.indicators.map((i) => [i.name, formatNumber(i.schools), figure(i, i.actual), figure(i, i.previous),
      i.goalText, i.met === null ? "—" : i.met ? "да" : "нет", i.met === null ? i.verdict : i.gapText]));
    expect(t.length).toBeGreaterThan(5);
  });

  it("ends with the conclusions written from the figures, the engagement shortfall worked by hand", () => {
    const c = annualConclusions(r);
    for (const line of [...c.met, ...c.notMet, ...c.notJudged, ...c.gaps, ...c.missing]) expect(doc.paragraphs).toContain(`— ${line}`);
    // 2 510 / 4 974 = 50,46 %: 19,54 п. п. short of 70 %; 350 / 532 = 65,79 %: 4,21 п. п. short.
    expect(doc.paragraphs).toContain(`— Вовлечённость обучающихся (I квартал 2024): не достигнута: 50,5${S}% при цели не менее 70${S}%, не хватает 19,5${S}п.${S}п.`);
    expect(doc.paragraphs).toContain(`— Вовлечённость педагогов (I квартал 2024): не достигнута: 65,8${S}% при цели не менее 70${S}%, не хватает 4,2${S}п.${S}п.`);
    // Саргатский 500 / 1 133 = 44,13 % (25,87 short), Тарский 14/27 = 51,85 % (18,15), Омский 918 / 1 735 = 52,91 % (17,09).
    expect(doc.paragraphs).toContain(`— Дальше всего от цели по вовлечённости обучающихся (I квартал 2024, цель — не менее 70${S}%): ` +
      `Саргатский — 44,1${S}%, ниже цели на 25,9${S}п.${S}п.; Тарский — 51,9${S}%, ниже цели на 18,1${S}п.${S}п.; Омский — 52,9${S}%, ниже цели на 17,1${S}п.${S}п.`);
    expect(doc.paragraphs.indexOf("9. Выводы")).toBeLessThan(doc.paragraphs.indexOf("Цели не достигнуты"));
  });
});
