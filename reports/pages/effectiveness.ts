// Management's page (src/effectiveness.md) for a view: the annual analytical report (the same object
// as the PDF, the XLSX, /api/annual and `mentoring report annual --json`) for every school year with
// data, and the levels the view may pick (region, its municipalities, its schools) with the one
// asked for by `level=&id=`. Counts and shares only; groups under the group-size setting are
// suppressed by the report itself.
import {all, type Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {annualReport, type AnnualReport} from "../exports/annualReport.ts";
import {dataPeriods, type PeriodOption} from "../periods.ts";
import {periodFromId} from "../../lib/period.ts";
import {scopeContains, type ReportScope, type View} from "../scope.ts";

/** A level the page's picker offers: the region, a municipality or a school, with its Russian label. */
export interface LevelOption {
  level: ReportScope["level"];
  id: number | null;
  label: string;
  /** The school's municipality (schools only). */
  municipalityId?: number;
}

export type EffectivenessData = {
  available: true;
  /** School years with data, newest first: the page's list. */
  schoolYears: PeriodOption[];
  /** The one the page opens on: the latest with reported data (reports/periods.ts). */
  defaultSchoolYear: string;
  /** The annual report of each, by id («2024/25»). */
  reports: Record<string, AnnualReport>;
  /** Levels the view may pick, and the one shown. */
  levels: LevelOption[];
  level: LevelOption;
} | {available: false; message: string; levels: LevelOption[]; level: LevelOption | null};

export const NO_DATA = "Данные ещё не загружены: загрузите файлы на странице «Загрузка отчётов».";

/** The region, municipalities and schools within the view's scope (directory names). */
export async function levelOptions(store: Store, scope: ReportScope): Promise<LevelOption[]> {
  const rows = await store.read(async (c) => ({
    municipalities: await all<{id: number; name: string}>(c, "SELECT municipality_id AS id, name FROM municipalities ORDER BY name"),
    schools: await all<{id: number; name: string; municipality_id: number; municipality: string}>(c,
      "SELECT directory_school_id AS id, name, municipality_id, municipality FROM current_directory_schools ORDER BY municipality, name")
  }));
  const municipalityOf = new Map(rows.schools.map((s) => [s.id, s.municipality_id]));
  const within = (inner: ReportScope) => scopeContains(scope, inner, (id) => municipalityOf.get(id) ?? null);
  return [
    ...(scope.level === "region" ? [{level: "region" as const, id: null, label: "Регион"}] : []),
    ...rows.municipalities.filter((m) => within({level: "municipality", id: m.id})).map((m) => ({level: "municipality" as const, id: m.id, label: `${m.name} муниципальный район`})),
    ...rows.schools.filter((s) => within({level: "school", id: s.id})).map((s) => ({level: "school" as const, id: s.id, label: `${s.name} (${s.municipality})`, municipalityId: s.municipality_id}))
  ];
}

/** The level asked for by `level=&id=`, when the view may see it; otherwise the widest level it may see. */
export function chosenLevel(levels: LevelOption[], params: URLSearchParams): LevelOption | null {
  const level = params.get("level"), id = params.get("id");
  const asked = levels.find((l) => l.level === level && (l.id === null ? !id : String(l.id) === id));
  return asked ?? levels[0] ?? null;
}

export async function effectivenessData(store: Store, settings: Settings, view: View, params = new URLSearchParams()): Promise<EffectivenessData> {
  const levels = await levelOptions(store, view.scope);
  const level = chosenLevel(levels, params);
  const known = await dataPeriods(store);
  const years = known.schoolYears;
  if (!years.length || !level) return {available: false, message: NO_DATA, levels, level};
  const reports: Record<string, AnnualReport> = {};
  // One annual report per school year with data, oldest first, for the chosen level (within the view's scope: levelOptions).
  const scope: ReportScope = level.level === "region" || level.id === null ? {level: "region"} : {level: level.level, id: level.id};
  for (const y of years) reports[y.id] = await annualReport(store, settings, {period: periodFromId(y.id), scope, audience: view.audience});
  return {available: true, schoolYears: [...years].reverse(), defaultSchoolYear: known.defaultSchoolYear?.id ?? years.at(-1)!.id, reports, levels, level};
}
