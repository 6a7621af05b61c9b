// Activities for a route, chosen from the region's catalogue for the ranked deficits.
import type {RankedDeficit} from "./rankDeficits.ts";
import {defaultRouteRules, type RouteRules} from "./routeRules.ts";

export interface CatalogueActivity {
  /** The catalogue's row number (its order is the last tie-break). */
  id: number;
  title: string;
  /** «программа ДПО» (block 5, first table) or another activity (webinar, video lesson …: second table). */
  kind: "dpo" | "event";
  provider: string | null;
  hours: number | null;
  /** Area codes the activity addresses. */
  areas: string[];
  /** ISO dates (YYYY-MM-DD); null when the catalogue gives none (available any time). */
  start: string | null;
  end: string | null;
}

export interface SuggestedActivity extends CatalogueActivity {
  /** The ranked areas this activity serves in this route, in rank order. */
  addresses: string[];
}

export interface AreaPlan {
  area: string;
  level: string;
  targetHours: number;
  plannedHours: number;
  activities: number;
  /** Planned hours reach the target. */
  met: boolean;
}

export interface SuggestedRoute {
  activities: SuggestedActivity[];
  areas: AreaPlan[];
  totalHours: number;
}

/** Is the activity offered within the route's window (inclusive; undated activities always are)? */
function available(a: CatalogueActivity, window: {start: string; end: string}): boolean {
  return (a.end === null || a.end >= window.start) && (a.start === null || a.start <= window.end);
}

/**
 * «Подбор мероприятий ИОМ»: for each ranked deficit in turn, adds catalogue activities that
 * address it until their hours reach the level's target (`hoursByLevel`, activities chosen for an
 * earlier area count for every area they address) or `maxActivitiesPerArea` activities address it.
 * Among the candidates (not yet chosen, addressing the area, offered within the window) the best
 * is the one that (1) addresses more ranked areas still short of their target, (2) has its hours
 * given, (3) starts earlier (undated last), (4) comes first in the catalogue. Hours not given
 * count 0. Activities come out by start date (undated last), then in the order chosen.
 * Source: seed 001, Приложение № 1, block 5 (programme, hours, the deficits it addresses, dates);
 * the thresholds are configuration (lib/routeRules.ts).
 * @example
 * // Ranked: subject (high, target 72 h), methodological (medium, 36 h).
 * // Catalogue: 1 «ФГОС» 36 h [methodological, subject]; 2 «Предмет» 72 h [subject];
 * //            3 «Вебинар» no hours [subject]; 4 «Методика» 36 h [methodological], ends before the window.
 * // subject: candidates 1, 2, 3; 1 covers two short areas → chosen (subject 36, methodological 36);
 * //   still short: 2 and 3 cover one each; 2 has hours → chosen (subject 108 ≥ 72).
 * // methodological: 36 ≥ 36 already; 4 is never offered in the window.
 * // → activities 1, 2 (by start); subject 108 h / 2 activities, methodological 36 h / 1; total 108 h
 */
export function suggestActivities(ranked: readonly RankedDeficit[], catalogue: readonly CatalogueActivity[],
  window: {start: string; end: string}, rules: RouteRules = defaultRouteRules): SuggestedRoute {
  const rankedCodes = ranked.map((r) => r.area);
  const target = new Map(ranked.map((r) => [r.area, rules.hoursByLevel[r.level] ?? 0]));
  const chosen: CatalogueActivity[] = [];
  const hoursFor = (area: string) => chosen.reduce((s, a) => s + (a.areas.includes(area) ? a.hours ?? 0 : 0), 0);
  const countFor = (area: string) => chosen.filter((a) => a.areas.includes(area)).length;
  const short = () => new Set(rankedCodes.filter((c) => hoursFor(c) < target.get(c)!));
  for (const r of ranked) {
    const goal = target.get(r.area)!;
    for (;;) {
      if (hoursFor(r.area) >= goal || countFor(r.area) >= rules.maxActivitiesPerArea) break;
      const candidates = catalogue.filter((a) => !chosen.includes(a) && a.areas.includes(r.area) && available(a, window));
      if (!candidates.length) break;
      const open = short();
      const score = (a: CatalogueActivity) => a.areas.filter((c) => open.has(c)).length;
      candidates.sort((a, b) => score(b) - score(a) || Number(b.hours !== null) - Number(a.hours !== null)
        || (a.start ?? "9999").localeCompare(b.start ?? "9999") || a.id - b.id);
      chosen.push(candidates[0]!);
    }
  }
  const order = chosen.map((a, i) => ({a, i}))
    .sort((x, y) => (x.a.start ?? "9999").localeCompare(y.a.start ?? "9999") || x.i - y.i).map((x) => x.a);
  const activities = order.map((a) => ({...a, addresses: rankedCodes.filter((c) => a.areas.includes(c))}));
  const areas = ranked.map((r) => {
    const plannedHours = hoursFor(r.area), targetHours = target.get(r.area)!;
    return {area: r.area, level: r.level, targetHours, plannedHours, activities: countFor(r.area), met: plannedHours >= targetHours};
  });
  return {activities, areas, totalHours: chosen.reduce((s, a) => s + (a.hours ?? 0), 0)};
}

/**
 * «Срок ИОМ» by default: from the given day to 31 May of its school year (the diagnostics of
 * seed 000 are held in April–May), or of the next school year when that day is already past.
 * @example routeWindow("2025-09-01") // {start: "2025-09-01", end: "2026-05-31"}
 * @example routeWindow("2026-06-15") // {start: "2026-06-15", end: "2027-05-31"}
 */
export function routeWindow(start: string): {start: string; end: string} {
  const d = new Date(`${start}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO date: ${start}`);
  const y = d.getUTCMonth() >= 8 ? d.getUTCFullYear() + 1 : d.getUTCFullYear();
  const end = `${y}-05-31`;
  return {start, end: end >= start ? end : `${y + 1}-05-31`};
}
