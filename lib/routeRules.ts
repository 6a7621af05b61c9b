// The rules a drafted individual route (ИОМ) follows: which deficit levels need a route, how many
// hours of programmes a deficit of each level asks for, how many activities per area at most.
// They are a setting («Правила ИОМ», settings/routeRules.ts, data/config/routes.json), not code: no seed fixes them.
import {z} from "zod";

export const RouteRulesSchema = z.object({
  note: z.string().optional(),
  /** Deficit levels (codes of data/config/deficit-levels.json) for which the route plans activities. */
  routeLevels: z.array(z.string().min(1, "код уровня не может быть пустым")).min(1, "нужен хотя бы один уровень дефицита"),
  /** Planned hours a deficit of that level asks for, summed over the activities that address it. */
  hoursByLevel: z.record(z.string(), z.number().min(0, "часов — не меньше 0")),
  /** At most this many activities are chosen for one area (the catalogue may hold many). */
  maxActivitiesPerArea: z.number().int("число мероприятий — целое").min(1, "не меньше 1 мероприятия на область"),
  /** The share of young specialists with a mentor the programme aims at, percent (seed 001: 100 %). */
  youngCoverageTarget: z.number().min(0, "цель — от 0 до 100 %").max(100, "цель — от 0 до 100 %"),
  /** Young specialist: at most this many years of experience (DOMAIN.md: 0–3 years). */
  youngMaxYears: z.number().min(0, "стаж — не меньше 0 лет")
});
export type RouteRules = z.infer<typeof RouteRulesSchema>;

/**
 * The default rules. Seed 001's road-map example is a 36-hour programme for a teacher whose
 * deficits are «средний»/«высокий»; a high deficit asks for twice that. These are a labelled
 * convention for examples and tests; the product uses the setting «Правила ИОМ» (data/config/routes.json).
 */
export const defaultRouteRules: RouteRules = {
  routeLevels: ["high", "medium"],
  hoursByLevel: {high: 72, medium: 36},
  maxActivitiesPerArea: 3,
  youngCoverageTarget: 100,
  youngMaxYears: 3
};
