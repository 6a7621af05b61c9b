import {describe, expect, it} from "vitest";
import {Store} from "../../../store/database.ts";
import {ingestBytes} from "../../../loaders/ingest.ts";
import {annualReport} from "../../../reports/exports/annualReport.ts";
import {annualHtml} from "../../../reports/exports/annualHtml.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "../../helpers/region.ts";
import {projectSettings} from "../../helpers/settings.ts";

describe("the annual analytical report", () => {
  it("an empty database gives every section a Russian note instead of figures", async () => {
    const store = await Store.open(":memory:");
    const r = await annualReport(store, projectSettings(), {today: "2026-11-24"});
    for (const key of ["engagement", "targets", "swot", "retention", "load", "violations", "prepost"] as const) {
      expect(r[key]).toMatchObject({available: false});
    }
    expect(annualHtml(r)).toContain("Квартальных отчётов (формы 1–5) за 2026/27 учебный год нет.");
    await store.close();
  });

  it("engagement year over year takes each year's last quarter, summed over schools, and says when no quarter is complete", async () => {
    const store = await Store.open(":memory:");
    await ingestBytes(store, "t.xlsx", await quarterFile("за I квартал 2024 г.", [...TARSKY_Q1, ...OMSKY_Q1]));
    const r = await annualReport(store, projectSettings(), {today: "2026-11-24"});
    expect(r.year).toBe(2024);
    expect(r.engagement.available).toBe(true);
    if (!r.engagement.available) return;
    const y = r.engagement.data.years[0]!;
    // Included schools (Form 1 and an engagement row): Тарский СОШ № 1, № 2 and Омский Лицей.
    // Students engaged = Form 2 mentors and mentees + Form 4 and 5 mentees (DOMAIN.md):
    // (10 + 15 + 5) + (20 + 20 + 5) + (8 + 6) = 89 of 100 + 50 + 10 = 160 → 55.625 %.
    expect([y.period, y.studentsEngaged, y.studentsPopulation, y.schoolsIncluded, y.schoolsNotReported]).toEqual(["2024-Q1", 89, 160, 3, 1]);
    expect(y.studentsPct).toBeCloseTo(55.625, 8);
    // СОШ № 3 sent Form 1 only: 3 of 4 schools, the only quarter of 2023/24 is not complete, and the report says so.
    expect([y.complete, y.coverage.label, y.note]).toEqual([false, "по 3 из 4 школ",
      "полного квартала за 2023/24 учебный год нет: взят I квартал 2024, данные по 3 из 4 школ; цель не оценивается"]);
    const html = annualHtml(r);
    expect(html).toContain("Полного квартала за 2023/24 учебный год нет: взят I квартал 2024, данные по 3 из 4 школ; цель не оценивается.");
    expect(html).toContain("55,6\u00a0%");
    expect(html).not.toContain("Иванов");
    await store.close();
  });
});
