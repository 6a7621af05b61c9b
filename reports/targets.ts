// Target indicators against their targets per school and year, year over year (issue 6, part 2):
// the single source of `mentoring report targets` and its --json. Actual values come from the
// school's roster or its own indicator table, whichever was loaded later for that year.
import {all, type Store} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {attributeHolds, indicatorResult, IndicatorsConfigSchema, matchIndicator, resolveTarget, ruleColumn, yearOverYear,
  type IndicatorDef, type IndicatorsConfig, type RosterRule} from "../lib/targetIndicators.ts";
import {currentRosterTeachers, schoolCohorts, schoolsById, type RosterTeacherRow} from "./retention.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";


export interface IndicatorLine {
  /** Config code; null for a school's own indicator that matches no configured one. */
  code: string | null;
  name: string;
  source: "roster" | "table";
  uploadId: number;
  numerator: number | null;
  denominator: number | null;
  /** Percent. */
  actual: number | null;
  target: number | null;
  /** actual − target, percentage points. */
  gap: number | null;
  met: boolean | null;
  /** The previous year's actual and the change in percentage points. */
  previous: number | null;
  change: number | null;
  /** For young specialists' retention from rosters: the school year of hiring of the cohort judged (the year before). */
  cohort: number | null;
}

/** A region figure from one kind of source: rosters (computed) or schools' own indicator tables (reported). */
export interface SourcePart {
  schools: number;
  numerator: number;
  denominator: number;
  /** Percent; null when the denominator is 0. */
  actual: number | null;
}

export interface TargetsReport {
  years: number[];
  schools: Array<{schoolId: number; municipality: string; name: string; years: Array<{year: number; indicators: IndicatorLine[]}>}>;
  /** The scope's totals (the region's unless a scope is given) per year and indicator: Σ numerators / Σ denominators over the schools that have it. */
  region: Array<{year: number; indicators: Array<{code: string; name: string; schools: number; numerator: number; denominator: number;
    actual: number | null; target: number; met: boolean | null;
    /**
     * The same figure by source, where both kinds are legitimate: «по кадровым спискам» (computed
     * here; for young_retention it equals the retention report's cohort) and «по таблицам
     * показателей школ» (as the schools reported it). Absent parts are null.
     */
    bySource: {roster: SourcePart | null; table: SourcePart | null}}>}>;
}

interface Candidate { code: string | null; name: string; source: "roster" | "table"; uploadId: number;
  numerator: number | null; denominator: number | null; tableTarget: number | null; cohort?: number }

function rosterCandidates(def: IndicatorDef, teachers: RosterTeacherRow[], attrs: Map<number, Map<string, string>>, headers: string[]): Candidate | null {
  if (def.source !== "roster" || !def.roster) return null;
  const col = ruleColumn(headers, def.roster);
  if (col === null) return null;
  const header = headers[col]!;
  const holds = (t: RosterTeacherRow, rule: RosterRule, h: string) => attributeHolds(attrs.get(t.teacher_no)?.get(h) ?? "", rule);
  let population = teachers.filter((t) => t.left_on === null || t.left_on >= t.as_of);
  if (def.population === "young") population = population.filter((t) => t.young === true);
  else if (typeof def.population === "object") {
    const pc = ruleColumn(headers, def.population);
    if (pc === null) return null;
    population = population.filter((t) => holds(t, def.population as RosterRule, headers[pc]!));
  }
  return {code: def.code, name: def.name, source: "roster", uploadId: teachers[0]!.upload_id, tableTarget: null,
    numerator: population.filter((t) => holds(t, def.roster!, header)).length, denominator: population.length};
}

/** `scope`: only the schools of a municipality or one school (directory ids); `region` then holds the scope's totals. */
export async function targetsReport(store: Store, settings: Settings, options: {school?: string; year?: number; scope?: ReportScope} = {}): Promise<TargetsReport> {
  const config: IndicatorsConfig = settings.indicators;
  const params = scopeParams(options.scope);
  const data = await store.read(async (c) => ({
    teachers: await currentRosterTeachers(c, options.scope),
    schools: await schoolsById(c),
    attributes: await all<{upload_id: number; teacher_no: number; header: string; value: string}>(c, `
      SELECT a.* FROM roster_attributes a WHERE a.upload_id IN (
        SELECT upload_id FROM current_roster_snapshots WHERE ${spellingInScope("school_id")})`, params),
    table: await all<{upload_id: number; school_id: number; year: number; name: string; numerator: number; denominator: number; target: number | null}>(c, `
      SELECT v.upload_id, v.school_id, v.year, v.name, v.numerator, v.denominator, v.target
      FROM indicator_values v JOIN current_indicator_tables c USING (school_id, year, upload_id)
      WHERE ${spellingInScope("v.school_id")} ORDER BY v.row_no`, params)
  }));
  const attrs = new Map<number, Map<number, Map<string, string>>>();
  const headersOf = new Map<number, string[]>();
  for (const a of data.attributes) {
    const u = attrs.get(a.upload_id) ?? new Map<number, Map<string, string>>();
    attrs.set(a.upload_id, u);
    const t = u.get(a.teacher_no) ?? new Map<string, string>();
    u.set(a.teacher_no, t);
    t.set(a.header, a.value);
    const hs = headersOf.get(a.upload_id) ?? [];
    if (!hs.includes(a.header)) hs.push(a.header);
    headersOf.set(a.upload_id, hs);
  }

  // (school, year) → code/name → the candidate from the latest upload.
  const cells = new Map<string, Map<string, Candidate>>();
  const put = (school: number, year: number, c: Candidate) => {
    const k = `${school}|${year}`;
    const m = cells.get(k) ?? new Map<string, Candidate>();
    cells.set(k, m);
    const id = c.code ?? `name:${normalizeKey(c.name)}`;
    const prev = m.get(id);
    if (!prev || c.uploadId > prev.uploadId) m.set(id, c);
  };
  const rosterGroups = new Map<string, RosterTeacherRow[]>();
  for (const t of data.teachers) {
    const k = `${t.school_id}|${t.year}`;
    rosterGroups.set(k, [...(rosterGroups.get(k) ?? []), t]);
  }
  for (const [k, teachers] of rosterGroups) {
    const [school, year] = k.split("|").map(Number) as [number, number];
    const uploadId = teachers[0]!.upload_id;
    for (const def of config.indicators) {
      const c = rosterCandidates(def, teachers, attrs.get(uploadId) ?? new Map(), headersOf.get(uploadId) ?? []);
      if (c) put(school, year, c);
    }
  }
  // Retention: the cohort hired in the previous school year, judged in this one — the same
  // computation as the retention report's cohort (schoolCohorts), so both show one value.
  const retentionDefs = config.indicators.filter((d) => d.source === "retention");
  if (retentionDefs.length) {
    const bySchool = new Map<number, RosterTeacherRow[]>();
    for (const t of data.teachers) bySchool.set(t.school_id, [...(bySchool.get(t.school_id) ?? []), t]);
    for (const [school, list] of bySchool) {
      const covered = new Set(list.map((t) => t.year));
      const cohorts = new Map(schoolCohorts(list).map((c) => [c.year, c]));
      for (const year of new Set([...covered, ...[...cohorts.keys()].map((y) => y + 1)])) {
        // The previous year's hires are all known only when that year's roster was loaded.
        const cohort = cohorts.get(year - 1);
        const judged = cohort ? cohort.retained + cohort.left : 0;
        if (!covered.has(year) && judged === 0) continue;
        const uploadId = Math.max(...list.filter((t) => t.year <= year).map((t) => t.upload_id));
        for (const def of retentionDefs) {
          put(school, year, {code: def.code, name: def.name, source: "roster", uploadId, tableTarget: null,
            numerator: cohort ? cohort.retained : null, denominator: cohort ? judged : null, ...(cohort ? {cohort: cohort.year} : {})});
        }
      }
    }
  }
  for (const r of data.table) {
    const def = matchIndicator(r.name, config);
    put(r.school_id, r.year, {code: def?.code ?? null, name: def?.name ?? r.name, source: "table", uploadId: r.upload_id,
      numerator: r.numerator, denominator: r.denominator, tableTarget: r.target});
  }

  const wanted = options.school ? normalizeKey(options.school) : null;
  const schoolsOut: TargetsReport["schools"] = [];
  const perSchool = new Map<number, Array<{year: number; cands: Map<string, Candidate>}>>();
  for (const [k, m] of cells) {
    const [school, year] = k.split("|").map(Number) as [number, number];
    perSchool.set(school, [...(perSchool.get(school) ?? []), {year, cands: m}]);
  }
  const defOrder = new Map(config.indicators.map((d, i) => [d.code, i]));
  for (const [schoolId, yearsList] of perSchool) {
    const s = data.schools.get(schoolId)!;
    if (wanted && !normalizeKey(s.name).includes(wanted)) continue;
    const lines = new Map<string, Array<{year: number; line: IndicatorLine}>>();
    for (const {year, cands} of yearsList) {
      for (const [id, c] of cands) {
        const def = c.code ? config.indicators.find((d) => d.code === c.code)! : null;
        const target = def ? resolveTarget(def, config, {municipality: s.municipality, school: s.name, year}, c.tableTarget) : c.tableTarget;
        const r = target === null
          ? {...indicatorResult(c.numerator, c.denominator, 0), target: null, gap: null, met: null}
          : indicatorResult(c.numerator, c.denominator, target);
        lines.set(id, [...(lines.get(id) ?? []), {year, line: {code: c.code, name: c.name, source: c.source, uploadId: c.uploadId,
          ...r, previous: null, change: null, cohort: c.cohort ?? null}}]);
      }
    }
    for (const list of lines.values()) {
      const yoy = yearOverYear(list.map((x) => ({year: x.year, actual: x.line.actual})));
      for (const x of list) {
        const y = yoy.find((v) => v.year === x.year)!;
        x.line.previous = y.previous; x.line.change = y.change;
      }
    }
    const years = [...new Set(yearsList.map((y) => y.year))].sort()
      .filter((y) => options.year === undefined || y === options.year)
      .map((year) => ({year, indicators: [...lines.values()].flatMap((l) => l.filter((x) => x.year === year).map((x) => x.line))
        .sort((a, b) => (defOrder.get(a.code ?? "") ?? 1e9) - (defOrder.get(b.code ?? "") ?? 1e9) || a.name.localeCompare(b.name, "ru"))}));
    if (years.length) schoolsOut.push({schoolId, municipality: s.municipality, name: s.name, years});
  }
  schoolsOut.sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.name.localeCompare(b.name, "ru"));

  const allYears = [...new Set(schoolsOut.flatMap((s) => s.years.map((y) => y.year)))].sort();
  const region = allYears.map((year) => ({year, indicators: config.indicators.flatMap((def) => {
    const got = schoolsOut.flatMap((s) => s.years.filter((y) => y.year === year).flatMap((y) => y.indicators))
      .filter((l) => l.code === def.code && l.numerator !== null && l.denominator !== null);
    if (!got.length) return [];
    const numerator = got.reduce((n, l) => n + l.numerator!, 0), denominator = got.reduce((n, l) => n + l.denominator!, 0);
    const r = indicatorResult(numerator, denominator, def.target);
    const part = (source: "roster" | "table"): SourcePart | null => {
      const list = got.filter((l) => l.source === source);
      if (!list.length) return null;
      const n = list.reduce((s, l) => s + l.numerator!, 0), d = list.reduce((s, l) => s + l.denominator!, 0);
      return {schools: list.length, numerator: n, denominator: d, actual: indicatorResult(n, d, def.target).actual};
    };
    return [{code: def.code, name: def.name, schools: got.length, numerator, denominator, actual: r.actual, target: def.target, met: r.met,
      bySource: {roster: part("roster"), table: part("table")}}];
  })}));
  return {years: allYears, schools: schoolsOut, region};
}
