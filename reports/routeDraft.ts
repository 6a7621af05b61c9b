// A route drafted from the diagnostics (issue 14 §1): for one teacher (or a group) the remaining
// deficits by area at the latest diagnostics, ranked (lib/rankDeficits), and activities suggested
// from the region's catalogue (lib/suggestActivities) — the content of blocks 4 and 5 of seed 001's
// route. The single source of `mentoring report route`, the exported XLSX/DOCX and the curator's page.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {rankDeficits, type RankedDeficit} from "../lib/rankDeficits.ts";
import {routeWindow, suggestActivities, type AreaPlan, type CatalogueActivity, type SuggestedActivity} from "../lib/suggestActivities.ts";
import {deficitLevel, type DeficitLevels} from "../lib/deficitLevel.ts";
import type {RouteRules} from "../lib/routeRules.ts";
import type {AreasConfig} from "../loaders/diagnostics/areas.ts";
import type {Settings} from "../settings/index.ts";
import {deficitsReport} from "./deficits.ts";
import {todayIso} from "./routeConfig.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export interface DraftOptions {
  /** One teacher (the diagnostics' pseudonymous id) … */
  teacherId?: number;
  /** … or a group: a school, a municipality, or these teachers. */
  school?: string;
  municipality?: string;
  teacherIds?: number[];
  /** A municipality's schools or one school by the directory (reports/scope.ts), filtered in SQL. */
  scope?: ReportScope;
  /** First day of the route (ISO); default today. The route runs to 31 May (lib/suggestActivities routeWindow). */
  start?: string;
  names?: boolean;
}

export interface DraftDeficit {
  area: string;
  label: string;
  /** The teacher's deficit, or the group's mean deficit, percent. */
  deficit: number;
  /** 100 − deficit: the test result block 4 quotes. */
  result: number;
  level: string;
  levelLabel: string;
  /** For a group: teachers measured in the area, and those at a level that needs a route. */
  teachers?: number;
  teachersNeeding?: number;
}

export interface DraftActivity extends SuggestedActivity {
  /** Labels of the deficits it addresses, for «Перечень дефицитов…». */
  addressesLabels: string[];
}

export interface RouteDraft {
  kind: "teacher" | "group";
  teacher: {teacherId: number; name?: string; school: string; municipality: string; position: string | null; subject: string | null} | null;
  group: {label: string; teachers: number} | null;
  /** The diagnostics the deficits come from: entry, exit, or (a group) each teacher's latest. */
  wave: "entry" | "exit" | "latest";
  deficits: DraftDeficit[];
  ranked: RankedDeficit[];
  /** «Уровень профессиональных дефицитов»: the highest level among the areas. */
  overallLevel: {code: string; label: string} | null;
  window: {start: string; end: string};
  activities: DraftActivity[];
  areas: Array<AreaPlan & {label: string}>;
  totalHours: number;
  catalogueItems: number;
  /** «Дата следующей диагностики»: the month the route ends (seed 000: diagnostics in April–May). */
  nextDiagnostics: string;
}

/** The current catalogue as the drafting rules read it. */
export async function loadCatalogue(conn: DuckDBConnection): Promise<CatalogueActivity[]> {
  const rows = await all<{item_no: number; kind: "dpo" | "event"; title: string; provider: string | null; hours: number | null; areas: string;
    starts: string | null; ends: string | null}>(conn, `SELECT item_no, kind, title, provider, hours, areas, CAST(starts AS VARCHAR) AS starts,
      CAST(ends AS VARCHAR) AS ends FROM current_catalogue ORDER BY item_no`);
  return rows.map((r) => ({id: r.item_no, title: r.title, kind: r.kind, provider: r.provider, hours: r.hours, areas: r.areas ? r.areas.split(",") : [],
    start: r.starts, end: r.ends}));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

interface DraftContext {
  areas: AreasConfig;
  levels: DeficitLevels;
  rules: RouteRules;
  window: {start: string; end: string};
  catalogue: CatalogueActivity[];
  label: Map<string, string>;
}

/** Areas, deficit levels and the routes' rules from the settings the entry point loaded. */
async function context(store: Store, settings: Settings, options: DraftOptions): Promise<DraftContext> {
  const areas = settings.areas;
  return {areas, levels: settings.deficitLevels, rules: settings.routeRules,
    window: routeWindow(options.start ?? todayIso()), catalogue: await store.read(loadCatalogue),
    label: new Map(areas.areas.map((a) => [a.code, a.label]))};
}

/** Blocks 4 and 5 from ranked deficits: the suggestions, the level, the dates. */
function complete(c: DraftContext, base: Pick<RouteDraft, "kind" | "teacher" | "group" | "wave" | "deficits">): RouteDraft {
  const ranked = rankDeficits(base.deficits, c.levels, c.rules.routeLevels);
  const suggested = suggestActivities(ranked, c.catalogue, c.window, c.rules);
  const byFrom = [...c.levels.levels].sort((a, b) => b.from - a.from);
  const overall = byFrom.find((l) => base.deficits.some((d) => d.level === l.code)) ?? null;
  const end = new Date(`${c.window.end}T00:00:00Z`);
  return {
    ...base, ranked,
    overallLevel: overall ? {code: overall.code, label: overall.label} : null,
    window: c.window,
    activities: suggested.activities.map((a) => ({...a, addressesLabels: a.addresses.map((code) => c.label.get(code) ?? code)})),
    areas: suggested.areas.map((p) => ({...p, label: c.label.get(p.area) ?? p.area})),
    totalHours: suggested.totalHours,
    catalogueItems: c.catalogue.length,
    nextDiagnostics: `${MONTHS[end.getUTCMonth()]} ${end.getUTCFullYear()}`
  };
}

const MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/**
 * Drafts for many teachers at once (the curator's page offers each teacher's route): one read of
 * the diagnostics and the catalogue. Teachers without a current diagnostic get none.
 */
export async function teacherRouteDrafts(store: Store, settings: Settings, options: Omit<DraftOptions, "teacherId"> = {}):
    Promise<Map<number, RouteDraft>> {
  const c = await context(store, settings, options);
  const report = await deficitsReport(store, settings, {scope: options.scope, school: options.school, municipality: options.municipality,
    teacherIds: options.teacherIds, names: options.names ?? false});
  const identities = new Map((await store.read((conn) => all<{teacher_id: number; position: string | null; subject: string | null}>(conn,
    `SELECT i.teacher_id, i.position, i.subject FROM teacher_identities i JOIN diagnostic_teachers t USING (teacher_id)
     WHERE ${spellingInScope("t.school_id")}`, scopeParams(options.scope)))).map((r) => [r.teacher_id, r]));
  const out = new Map<number, RouteDraft>();
  for (const t of report.teachers) {
    const identity = identities.get(t.id);
    const deficits = t.deficits.map((d) => {
      const l = deficitLevel(d.deficit, c.levels);
      return {area: d.area, label: d.label, deficit: d.deficit, result: round1(100 - d.deficit), level: l.code, levelLabel: l.label};
    });
    out.set(t.id, complete(c, {kind: "teacher", group: null, wave: t.wave, deficits,
      teacher: {teacherId: t.id, ...(options.names ? {name: t.name ?? ""} : {}), school: t.school, municipality: t.municipality,
        position: identity?.position ?? null, subject: identity?.subject ?? null}}));
  }
  return out;
}

/** One teacher's route (teacherId), or a group's: the group's mean deficit per area and how many teachers need each. */
export async function routeDraft(store: Store, settings: Settings, options: DraftOptions): Promise<RouteDraft> {
  if (options.teacherId !== undefined) {
    const drafts = await teacherRouteDrafts(store, settings, {...options, teacherIds: [options.teacherId], school: undefined, municipality: undefined});
    const d = drafts.get(options.teacherId);
    if (!d) throw new Error(`no diagnostics for teacher ${options.teacherId}`);
    return d;
  }
  const c = await context(store, settings, options);
  const report = await deficitsReport(store, settings, {school: options.school, municipality: options.municipality, teacherIds: options.teacherIds,
    names: false});
  const scopeLabel = options.school ? report.schools[0]?.school ?? options.school : options.municipality ? `${options.municipality} муниципальный район`
    : options.teacherIds ? "выбранные педагоги" : "регион";
  const deficits = report.areas.filter((a) => a.n > 0 && a.meanDeficit !== null).map((a) => {
    const mean = round1(a.meanDeficit!);
    const l = deficitLevel(mean, c.levels);
    const needing = c.rules.routeLevels.reduce((s, code) => s + (a.levels[code] ?? 0), 0);
    return {area: a.area, label: a.label, deficit: mean, result: round1(100 - mean), level: l.code, levelLabel: l.label, teachers: a.n, teachersNeeding: needing};
  });
  return complete(c, {kind: "group", teacher: null, group: {label: scopeLabel, teachers: report.teachers.length}, wave: "latest", deficits});
}
