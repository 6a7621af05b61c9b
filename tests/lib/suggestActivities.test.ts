import {describe, expect, it} from "vitest";
import {routeWindow, suggestActivities, type CatalogueActivity} from "../../lib/suggestActivities.ts";
import {rankDeficits} from "../../lib/rankDeficits.ts";
import {defaultRouteRules} from "../../lib/routeRules.ts";

const item = (id: number, title: string, hours: number | null, areas: string[], start: string | null = null, end: string | null = null,
  kind: "dpo" | "event" = hours ? "dpo" : "event"): CatalogueActivity => ({id, title, kind, provider: null, hours, areas, start, end});

const RANKED = rankDeficits([{area: "subject", label: "Предметные", deficit: 56}, {area: "methodological", label: "Методические", deficit: 48}]);
const WINDOW = {start: "2025-09-01", end: "2026-05-31"};

describe("suggestActivities", () => {
  it("works the documented example: an activity for two short areas first, then hours, never one outside the window", () => {
    const catalogue = [item(1, "ФГОС", 36, ["methodological", "subject"], "2025-10-01", "2025-10-31"),
      item(2, "Предмет", 72, ["subject"], "2025-11-01", "2025-12-20"), item(3, "Вебинар", null, ["subject"]),
      item(4, "Методика", 36, ["methodological"], "2025-03-01", "2025-04-30")];
    const r = suggestActivities(RANKED, catalogue, WINDOW);
    expect(r.activities.map((a) => [a.id, a.addresses])).toEqual([[1, ["subject", "methodological"]], [2, ["subject"]]]);
    expect(r.areas).toEqual([
      {area: "subject", level: "high", targetHours: 72, plannedHours: 108, activities: 2, met: true},
      {area: "methodological", level: "medium", targetHours: 36, plannedHours: 36, activities: 1, met: true}]);
    expect(r.totalHours).toBe(108);
  });

  it("stops at the activities' limit per area and says the area is short of hours", () => {
    // subject needs 72 h; only events without hours: three are taken (the limit), the fourth is not.
    const catalogue = [1, 2, 3, 4].map((i) => item(i, `Видеоурок ${i}`, null, ["subject"], `2025-1${i - 1}-01`));
    const r = suggestActivities(RANKED.slice(0, 1), catalogue, WINDOW);
    expect(r.activities.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(r.areas[0]).toEqual({area: "subject", level: "high", targetHours: 72, plannedHours: 0, activities: 3, met: false});
  });

  it("prefers an activity with hours to one without, then the earlier start, then catalogue order", () => {
    const catalogue = [item(1, "Вебинар", null, ["methodological"], "2025-09-10"), item(2, "Курс позже", 36, ["methodological"], "2026-02-01"),
      item(3, "Курс раньше", 36, ["methodological"], "2025-10-01"), item(4, "Курс раньше, второй", 36, ["methodological"], "2025-10-01")];
    const r = suggestActivities(rankDeficits([{area: "methodological", label: "Методические", deficit: 30}]), catalogue, WINDOW);
    expect(r.activities.map((a) => a.id)).toEqual([3]);
  });

  it("orders the chosen activities by start date, undated last", () => {
    const catalogue = [item(1, "Без даты", 72, ["subject"]), item(2, "Весной", 36, ["methodological"], "2026-03-01"),
      item(3, "Осенью", 36, ["methodological"], "2025-10-01")];
    const r = suggestActivities(RANKED, catalogue, WINDOW, {...defaultRouteRules, hoursByLevel: {high: 72, medium: 72}});
    expect(r.activities.map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it("plans nothing for an area no catalogue activity addresses, and nothing for no deficits", () => {
    const r = suggestActivities(RANKED, [item(1, "ФГОС", 36, ["methodological"])], WINDOW);
    expect(r.areas.find((a) => a.area === "subject")).toEqual({area: "subject", level: "high", targetHours: 72, plannedHours: 0, activities: 0, met: false});
    expect(suggestActivities([], [item(1, "ФГОС", 36, ["methodological"])], WINDOW)).toEqual({activities: [], areas: [], totalHours: 0});
  });
});

describe("routeWindow", () => {
  it("runs to 31 May of the school year, or of the next one in summer", () => {
    expect(routeWindow("2025-09-01")).toEqual({start: "2025-09-01", end: "2026-05-31"});
    expect(routeWindow("2026-01-15")).toEqual({start: "2026-01-15", end: "2026-05-31"});
    expect(routeWindow("2026-06-15")).toEqual({start: "2026-06-15", end: "2027-05-31"});
    expect(() => routeWindow("15.06.2026")).toThrow();
  });
});
