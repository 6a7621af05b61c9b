// The routes' rules as configuration (data/config/routes.json; lib/routeRules.ts has the schema and defaults).
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {defaultRouteRules, RouteRulesSchema, type RouteRules} from "../lib/routeRules.ts";

export const ROUTE_RULES_PATH = fileURLToPath(new URL("../data/config/routes.json", import.meta.url));

/** Reads and validates the rules; the defaults when the file does not exist. Throws naming the wrong field. */
export function loadRouteRules(path: string = ROUTE_RULES_PATH): RouteRules {
  if (!existsSync(path)) return defaultRouteRules;
  const parsed = RouteRulesSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Today as an ISO date (UTC), the default «as of» of the routes' reports. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
