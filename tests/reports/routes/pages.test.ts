// The pages' data on the hand-worked region (region.ts, region.md): the public page keeps groups of
// fewer than 5 to their size and names nobody; the curator's page names each teacher with their route.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Store} from "../../../store/database.ts";
import {diagnosticsPage} from "../../../reports/diagnosticsPage.ts";
import {curatorPage} from "../../../reports/curatorPage.ts";
import {AS_OF, A, B, TEACHERS, regionStore} from "./region.ts";
import {projectSettings} from "../../helpers/settings.ts";

const settings = projectSettings();

let store: Store;
beforeAll(async () => { store = await regionStore(); });
afterAll(async () => { await store.close(); });

describe("diagnosticsPage (public)", () => {
  it("shows routes per school only where there are 5 or more, and every comparison under 5 by its sizes only", async () => {
    const p = await diagnosticsPage(store, settings, {asOf: AS_OF});
    expect(p.routes.available && p.routes.data.schools.map((s) => [s.school, s.routes, s.suppressed, s.totals?.share ?? null]))
      .toEqual([[A, 5, false, 5 / 7], [B, 2, true, null]]);
    expect(p.routes.available && p.routes.data.region.share).toBe(8 / 12);
    const m = p.effect.available ? p.effect.data.areas.find((a) => a.area === "methodological")! : null;
    expect(m?.route).toMatchObject({nWith: 3, nWithout: 2, small: true, difference: null, ci95: null, meanWith: null});
    expect(m?.route.reading).toBe("Методические: в одной из групп меньше 5 педагогов (3 и 2) — показатели не выводятся.");
    expect(p.students.available && p.students.data.groups.map((g) => [g.teachers, g.small, g.shares.length])).toEqual([[2, true, 0], [2, true, 0]]);
    expect(p.young.available && p.young.data.region).toMatchObject({young: 6, share: 60});
    expect(p.young.available && p.young.data.schools.map((s) => [s.school, s.suppressed, s.coverage?.share ?? null])).toEqual([[A, false, 60], [B, true, null]]);
  });

  it("names nobody", async () => {
    const text = JSON.stringify(await diagnosticsPage(store, settings, {asOf: AS_OF}));
    for (const [name] of TEACHERS) expect(text).not.toContain(name.split(" ")[0]);
    expect(text).not.toContain("Смирнова Елена");
  });
});

describe("curatorPage (service build)", () => {
  it("gives each teacher by name with the change, the draft, the route followed and the growth card", async () => {
    const p = await curatorPage(store, settings, {asOf: AS_OF, start: "2025-09-01"});
    expect(p.teachers.available).toBe(true);
    if (!p.teachers.available) return;
    const byName = new Map(p.teachers.data.teachers.map((t) => [t.name, t]));
    const ivanova = byName.get("Иванова Анна Петровна")!;
    expect(ivanova.areas.methodological).toMatchObject({entryDeficit: 60, exitDeficit: 40, change: 20});
    expect(ivanova.mentee).toBe("outside");
    expect(ivanova.route?.completion).toMatchObject({activities: 2, done: 1, overdue: 1});
    // The course done on 30.11.2025 falls in 2025/2026; the students' results give both years.
    expect(ivanova.card.years.map((y) => [y.label, y.courses.map((c) => c.title), y.students?.shares.vpr ?? null])).toEqual([
      ["2024/2025", [], {x: 14, n: 22}], ["2025/2026", ["Курс М"], {x: 0, n: 0}]]);
    const volkova = byName.get("Волкова Ольга")!;
    expect(volkova.route).toBeNull();
    expect(volkova.draft?.activities.map((a) => a.title)).toEqual(["«Формирование естественно-научной и математической функциональной грамотности обучающихся НОО»"]);
    expect(byName.get("Петрова Мария Ивановна")!.mentee).toBe("mentee");
    expect(p.routes.available && p.routes.data.overdue.map((o) => o.name)).toEqual(["Кузнецов Иван", "Иванова Анна Петровна", "Смирнова Елена"]);
    expect(p.young.available && p.young.data.young.filter((y) => y.status === "without-mentor").map((y) => y.name))
      .toEqual(["Орлова Наталья Сергеевна", "Белов Кирилл Константинович"]);
  });
});
