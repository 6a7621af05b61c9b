// The routes' reports' shared defaults. The routes' rules themselves are a setting
// (settings/routeRules.ts, data/config/routes.json), passed down in `settings.routeRules`.

/** Today as an ISO date (UTC), the default «as of» of the routes' reports. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
