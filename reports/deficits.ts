// Deficit levels per area and teacher, and the most common deficits per school: the input to
// individual routes (ИОМ). Levels are a setting (settings/deficitLevels.ts): no seed fixes
// thresholds, and the report says so.
import type {Store} from "../store/database.ts";
import {deficitLevel, type DeficitLevels} from "../lib/deficitLevel.ts";
import type {Settings} from "../settings/index.ts";
import {loadDiagnostics, type DiagnosticsScope} from "./prepost.ts";

export const LEVELS_NOTE = "Пороги уровней дефицита — настройка «Уровни дефицита» (data/config/deficit-levels.json или загруженная таблица): " +
  "в исходных документах программы они не заданы.";

export interface DeficitsOptions extends DiagnosticsScope {
  /** entry or exit; by default each teacher's latest wave (exit where there is one). */
  wave?: "entry" | "exit";
  names?: boolean;
}

export interface LevelCounts { [level: string]: number }

export interface AreaDeficits {
  area: string;
  label: string;
  /** Teachers measured in this area. */
  n: number;
  meanDeficit: number | null;
  levels: LevelCounts;
}

export interface SchoolDeficits {
  school: string;
  municipality: string;
  nTeachers: number;
  areas: AreaDeficits[];
  /** Areas by how many teachers have the highest level, then by mean deficit: the school's most common deficits. */
  top: Array<{area: string; label: string; nTopLevel: number; meanDeficit: number | null}>;
}

export interface TeacherDeficits {
  id: number;
  name?: string;
  school: string;
  municipality: string;
  wave: "entry" | "exit";
  deficits: Array<{area: string; label: string; deficit: number; level: string}>;
  /** Areas at the highest level, largest deficit first: what the route should start with. */
  priorities: string[];
}

export interface DeficitsReport {
  wave: "entry" | "exit" | "latest";
  levels: Array<{code: string; label: string; from: number; to: number | null}>;
  levelsNote: string;
  areas: AreaDeficits[];
  schools: SchoolDeficits[];
  teachers: TeacherDeficits[];
}

function summarise(code: string, label: string, values: number[], config: DeficitLevels): AreaDeficits {
  const levels: LevelCounts = Object.fromEntries(config.levels.map((l) => [l.code, 0]));
  let sum = 0;
  for (const d of values) { levels[deficitLevel(d, config).code]! += 1; sum += d; }
  return {area: code, label, n: values.length, meanDeficit: values.length ? sum / values.length : null, levels};
}

export async function deficitsReport(store: Store, settings: Settings, options: DeficitsOptions = {}): Promise<DeficitsReport> {
  const areas = settings.areas;
  const config = settings.deficitLevels;
  const names = options.names ?? false;
  const sorted = [...config.levels].sort((a, b) => b.from - a.from);
  const topLevel = sorted[0]!.code;
  const {teachers, results} = await store.read((conn) => loadDiagnostics(conn, options, names, areas.areas.map((a) => a.code)));
  const perArea = new Map<string, number[]>(areas.areas.map((a) => [a.code, []]));
  const perSchool = new Map<string, {school: string; municipality: string; teachers: number; values: Map<string, number[]>}>();
  const teacherRows: TeacherDeficits[] = [];
  for (const t of teachers) {
    const wave = options.wave ?? (t.exit ? "exit" : "entry");
    const deficits: TeacherDeficits["deficits"] = [];
    for (const a of areas.areas) {
      const r = results.get(t.id)?.get(a.code);
      const result = r ? r[wave] : null;
      if (result === null || result === undefined) continue;
      const deficit = Math.round((100 - result) * 1e6) / 1e6;
      deficits.push({area: a.code, label: a.label, deficit, level: deficitLevel(deficit, config).code});
    }
    if (!deficits.length) continue;
    const key = `${t.municipality}|${t.school}`;
    let s = perSchool.get(key);
    if (!s) perSchool.set(key, (s = {school: t.school, municipality: t.municipality, teachers: 0, values: new Map()}));
    s.teachers++;
    for (const d of deficits) {
      perArea.get(d.area)!.push(d.deficit);
      const list = s.values.get(d.area);
      if (list) list.push(d.deficit); else s.values.set(d.area, [d.deficit]);
    }
    const priorities = deficits.filter((d) => d.level === topLevel).sort((x, y) => y.deficit - x.deficit).map((d) => d.area);
    teacherRows.push({id: t.id, ...(names ? {name: t.name ?? ""} : {}), school: t.school, municipality: t.municipality, wave,
      deficits, priorities});
  }
  const schools: SchoolDeficits[] = [...perSchool.values()].map((s) => {
    const list = areas.areas.map((a) => summarise(a.code, a.label, s.values.get(a.code) ?? [], config));
    const top = list.filter((a) => a.n > 0)
      .sort((x, y) => (y.levels[topLevel] ?? 0) - (x.levels[topLevel] ?? 0) || (y.meanDeficit ?? 0) - (x.meanDeficit ?? 0))
      .slice(0, 3).map((a) => ({area: a.area, label: a.label, nTopLevel: a.levels[topLevel] ?? 0, meanDeficit: a.meanDeficit}));
    return {school: s.school, municipality: s.municipality, nTeachers: s.teachers, areas: list, top};
  });
  return {
    wave: options.wave ?? "latest",
    levels: sorted.map((l, i) => ({code: l.code, label: l.label, from: l.from, to: i === 0 ? null : sorted[i - 1]!.from})),
    levelsNote: LEVELS_NOTE,
    areas: areas.areas.map((a) => summarise(a.code, a.label, perArea.get(a.code)!, config)),
    schools,
    teachers: teacherRows
  };
}
