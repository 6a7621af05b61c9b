// The curator's aggregate page: prepostReport for the region and every municipality and school
// (the same function as `mentoring report prepost --json`), without names; groups of fewer than
// 5 teachers keep their size only. Teachers with one wave are counted per school.
import {prepostReport, type AreaFigures, type PrepostReport} from "../../reports/prepost.ts";
import {isSmallGroup} from "../../lib/smallGroup.ts";
import {emit, section, NO_DATA} from "./_snapshot.ts";
import type {Section} from "../components/section.ts";

export interface DiagnosticsGroup {
  level: "region" | "municipality" | "school";
  municipality: string | null;
  school: string | null;
  nTeachers: number;
  /** True when the group has fewer than 5 teachers: `areas` is then empty. */
  suppressed: boolean;
  areas: AreaFigures[];
}

export interface DiagnosticsData {
  areas: Array<{area: string; label: string}>;
  counts: PrepostReport["counts"];
  method: PrepostReport["method"];
  groups: DiagnosticsGroup[];
  /** Per school: teachers with only an entry or only an exit diagnostic (counts, no names). */
  oneWave: Array<{municipality: string; school: string; entryOnly: number; exitOnly: number}>;
}

await emit(async (store, settings): Promise<Section<DiagnosticsData>> => {
  if (!store) return {available: false, message: NO_DATA};
  return section(async () => {
    // Region, municipalities and schools in one call; names are never asked for here.
    const r = await prepostReport(store, settings, {by: "all", names: false});
    if (r.counts.teachers === 0) return null;
    const group = (g: Omit<DiagnosticsGroup, "suppressed">): DiagnosticsGroup =>
      isSmallGroup(g.nTeachers, settings.groupSize.minGroupSize) ? {...g, suppressed: true, areas: []} : {...g, suppressed: false};
    const oneWave = new Map<string, {municipality: string; school: string; entryOnly: number; exitOnly: number}>();
    for (const [list, key] of [[r.entryOnly, "entryOnly"], [r.exitOnly, "exitOnly"]] as const) {
      for (const t of list) {
        const row = oneWave.get(t.school) ?? {municipality: t.municipality, school: t.school, entryOnly: 0, exitOnly: 0};
        row[key] += 1;
        oneWave.set(t.school, row);
      }
    }
    return {
      areas: r.areas.map((a) => ({area: a.area, label: a.label})),
      counts: r.counts, method: r.method,
      groups: [group({level: "region", municipality: null, school: null, nTeachers: r.counts.teachers, areas: r.areas}), ...r.groups.map(group)],
      oneWave: [...oneWave.values()].sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.school.localeCompare(b.school, "ru"))
    };
  }, "Диагностика педагогов ещё не загружена: загрузите входную и итоговую диагностику и соберите дашборды заново.");
});
