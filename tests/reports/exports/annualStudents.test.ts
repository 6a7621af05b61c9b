// The annual report's section on the mentees' students: aggregates only, small groups hidden.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Store} from "../../../store/database.ts";
import {annualStudentsHtml, annualStudentsSection} from "../../../reports/exports/annualStudents.ts";
import {annualReport} from "../../../reports/exports/annualReport.ts";
import {annualHtml} from "../../../reports/exports/annualHtml.ts";
import {regionStore} from "../routes/region.ts";
import {schoolYear} from "../../../lib/period.ts";
import {projectSettings} from "../../helpers/settings.ts";

const settings = projectSettings();
let store: Store;
beforeAll(async () => { store = await regionStore(); });
afterAll(async () => { await store.close(); });

describe("annualStudentsSection", () => {
  it("compares 2024/2025 with 2025/2026 and hides the groups of fewer than 5 teachers", async () => {
    const s = await annualStudentsSection(store, settings, {year: 2026});
    expect(s.available).toBe(true);
    if (!s.available) return;
    expect([s.data.before, s.data.after]).toEqual([2025, 2026]);
    expect(s.data.groups.map((g) => [g.label, g.teachers, g.small, g.shares.length, g.meanGrade.before])).toEqual([
      ["Классы наставляемых", 2, true, 0, null], ["Классы учителей вне программы (те же школы)", 2, true, 0, null]]);
    const html = annualStudentsHtml(s, 5);
    expect(html).toContain("Учителей с результатами обоих лет меньше 5 (2): показатели не выводятся.");
    expect(html).not.toContain("Петрова");
  });

  it("is placed in the annual report and its page, which names nobody", async () => {
    const r = await annualReport(store, settings, {period: schoolYear(2026)});
    expect(r.students.available).toBe(true);
    const html = annualHtml(r);
    expect(html).toContain("<h3>Результаты обучающихся наставляемых</h3>");
    for (const name of ["Петрова", "Сидоров", "Иванова"]) expect(html).not.toContain(name);
  });
});
