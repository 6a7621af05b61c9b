// Target indicators against their targets per school and year, year over year (issue 6, part 2;
// issue 15 §4 targets of every kind): the single source of `mentoring report targets`, its --json
// and the annual report's targets. Actual values come from the school's roster or its own indicator
// table, whichever was loaded later for that year; turnover from the retention report. Each target
// (shares, counts, growth or decline on last year) is decided exactly by lib/targetDecision.ts,
// change targets against the same scope's figure of the school year before.
import {all, type Store} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {attributeHolds, effectiveTarget, matchIndicator, resolveTarget, ruleColumn, tableTarget, type TargetScope,
  type IndicatorDef, type IndicatorsConfig, type RosterRule} from "../lib/targetIndicators.ts";
import {countFigure, gapText, shareFigure, targetDecision, targetText, type Figure, type Target, type TargetDecision,
  type TargetWording} from "../lib/targetDecision.ts";
import {currentRosterTeachers, retentionReport, schoolCohorts, schoolsById, type RosterTeacherRow} from "./retention.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";


/** A target judged (lib/targetDecision.ts): exact, for every kind; change targets against last year's figure of the same scope. */
export interface Judged {
  /** The effective target (settings «Целевые показатели»: the most specific override, else the default; a school's table first); null: none. */
  target: Target | null;
  /** The target in Russian: «не менее 60 %», «не менее 5 мастер-классов», «снижение». */
  targetText: string | null;
  met: boolean | null;
  /**
   * How far the figure is from the target, in the target's direction and unit: positive = short of
   * it (at least: target − actual; at most: actual − target; a change: required change − actual
   * change), zero or negative = met (the margin). Null without a decision.
   */
  gap: number | null;
  /** The unit of gap: percentage points, percent of last year's value, or the count. */
  unit: TargetDecision["unit"] | null;
  /** The gap in words for a table cell: «не хватает 0,5 п. п.», «выше цели на 2 п. п.», «запас 1 п. п.», «—». */
  gapText: string;
  /** The decision in words: «достигнута: …», «не достигнута: …», «не оценивается: нет данных за прошлый год». */
  verdict: string;
}

export interface IndicatorLine extends Judged {
  /** Config code; null for a school's own indicator that matches no configured one. */
  code: string | null;
  name: string;
  source: "roster" | "table";
  /** A share of teachers (percent) or a count. */
  measure: "share" | "count";
  uploadId: number;
  /** The count for a count; the share's parts for a share (turnover: leavers / average headcount). */
  numerator: number | null;
  denominator: number | null;
  /** Percent for a share, the number for a count. */
  actual: number | null;
  /** Last school year's actual (year − 1, the same school) and the change (percentage points, or the count's difference). */
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

export interface RegionLine extends Judged {
  code: string;
  name: string;
  measure: "share" | "count";
  schools: number;
  /** Σ numerators (or Σ counts) over the schools that have it. */
  numerator: number;
  /** Σ denominators; null for a count. */
  denominator: number | null;
  actual: number | null;
  /** The region's figure of the school year before (the schools that had it then), for change targets and the comparison. */
  previous: number | null;
  /**
   * The same figure by source, where both kinds are legitimate: «по кадровым спискам» (computed
   * here; for young_retention it equals the retention report's cohort) and «по таблицам
   * показателей школ» (as the schools reported it). Absent parts are null.
   */
  bySource: {roster: SourcePart | null; table: SourcePart | null};
}

export interface TargetsReport {
  years: number[];
  schools: Array<{schoolId: number; municipality: string; name: string; years: Array<{year: number; indicators: IndicatorLine[]}>}>;
  /**
   * The scope's totals (the region's unless a scope is given) per year and indicator: Σ numerators /
   * Σ denominators (Σ counts) over the schools that have it, against the scope's target.
   */
  region: Array<{year: number; indicators: RegionLine[]}>;
}

interface Candidate { code: string | null; name: string; source: "roster" | "table"; uploadId: number;
  numerator: number | null; denominator: number | null; tableTarget: number | null; cohort?: number }

/** The measured figure of a line: a count, or a share with a denominator (null when there is none). */
function figureOf(measure: "share" | "count", numerator: number | null, denominator: number | null): Figure | null {
  if (numerator === null) return null;
  if (measure === "count") return countFigure(numerator);
  return denominator === null ? null : shareFigure(numerator, denominator);
}

/** Percent for a share (null over 0), the number for a count. */
function levelOf(f: Figure | null): number | null {
  if (!f) return null;
  if (f.kind === "count") return f.value;
  return f.denominator > 0 ? (100 * f.numerator) / f.denominator : null;
}

const NO_TARGET = "не оценивается: цель не задана";

/** The wording of an indicator's decision: a count's noun; turnover is «текучесть». */
function wordingOf(def: IndicatorDef | null): TargetWording {
  return {...(def?.unit ? {unit: def.unit} : {}), ...(def?.source === "turnover" ? {subject: {text: "текучесть", gender: "f" as const}} : {})};
}

/** One target decided exactly (lib/targetDecision.ts), with the gap turned to «how far short» and its words. */
export function judge(target: Target | null, now: Figure | null, before: Figure | null, wording: TargetWording = {}): Judged {
  if (!target) return {target: null, targetText: null, met: null, gap: null, unit: null, gapText: "—", verdict: NO_TARGET};
  const d: TargetDecision = targetDecision(target, now, before, wording);
  return {target, targetText: targetText(target, wording.unit), met: d.met, gap: d.gap === null ? null : d.gap === 0 ? 0 : -d.gap,
    unit: d.unit, gapText: gapText(target, d, wording.unit), verdict: d.phrase};
}

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

  await turnoverCandidates(store, config, options.year, options.scope, data.teachers, put);

  const wanted = options.school ? normalizeKey(options.school) : null;
  const schoolsOut: TargetsReport["schools"] = [];
  const perSchool = new Map<number, Array<{year: number; cands: Map<string, Candidate>}>>();
  for (const [k, m] of cells) {
    const [school, year] = k.split("|").map(Number) as [number, number];
    perSchool.set(school, [...(perSchool.get(school) ?? []), {year, cands: m}]);
  }
  const defOrder = new Map(config.indicators.map((d, i) => [d.code, i]));
  const defOf = (code: string | null) => (code ? config.indicators.find((d) => d.code === code) ?? null : null);
  for (const [schoolId, yearsList] of perSchool) {
    const s = data.schools.get(schoolId)!;
    if (wanted && !normalizeKey(s.name).includes(wanted)) continue;
    // Every year's figures first: a change target compares with the same school's figure of the year before.
    const figures = new Map<string, Figure | null>();
    for (const {year, cands} of yearsList) {
      for (const [id, c] of cands) figures.set(`${id}|${year}`, figureOf(defOf(c.code)?.measure ?? "share", c.numerator, c.denominator));
    }
    const lines = new Map<string, Array<{year: number; line: IndicatorLine}>>();
    for (const {year, cands} of yearsList) {
      for (const [id, c] of cands) {
        const def = defOf(c.code);
        const measure = def?.measure ?? "share";
        const target = def ? resolveTarget(def, config, {municipality: s.municipality, school: s.name, year}, c.tableTarget)
          : c.tableTarget === null ? null : tableTarget(c.tableTarget);
        const now = figures.get(`${id}|${year}`) ?? null, before = figures.get(`${id}|${year - 1}`) ?? null;
        const actual = levelOf(now), previous = levelOf(before);
        lines.set(id, [...(lines.get(id) ?? []), {year, line: {code: c.code, name: c.name, source: c.source, measure, uploadId: c.uploadId,
          numerator: c.numerator, denominator: measure === "count" ? null : c.denominator, actual,
          ...judge(target, now, before, wordingOf(def)),
          previous, change: actual !== null && previous !== null ? actual - previous : null, cohort: c.cohort ?? null}}]);
      }
    }
    const years = [...new Set(yearsList.map((y) => y.year))].sort()
      .map((year) => ({year, indicators: [...lines.values()].flatMap((l) => l.filter((x) => x.year === year).map((x) => x.line))
        .sort((a, b) => (defOrder.get(a.code ?? "") ?? 1e9) - (defOrder.get(b.code ?? "") ?? 1e9) || a.name.localeCompare(b.name, "ru"))}));
    if (years.length) schoolsOut.push({schoolId, municipality: s.municipality, name: s.name, years});
  }
  schoolsOut.sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.name.localeCompare(b.name, "ru"));

  // The region from every year (last year's figure is needed for change targets), then the year asked for.
  const region = regionLines(schoolsOut, config, targetScopeOf(options.scope, schoolsOut));
  const keep = (year: number) => options.year === undefined || year === options.year;
  const schools = schoolsOut.map((s) => ({...s, years: s.years.filter((y) => keep(y.year))})).filter((s) => s.years.length);
  return {years: [...new Set(schools.flatMap((s) => s.years.map((y) => y.year)))].sort(), schools, region: region.filter((y) => keep(y.year))};
}

/**
 * Turnover as an indicator (source «turnover»): leavers / average headcount of each school and
 * school year, from the retention report (one computation with its turnover table), lower is better.
 */
async function turnoverCandidates(store: Store, config: IndicatorsConfig, year: number | undefined, scope: ReportScope | undefined,
  teachers: RosterTeacherRow[], put: (school: number, year: number, c: Candidate) => void): Promise<void> {
  const defs = config.indicators.filter((d) => d.source === "turnover");
  if (!defs.length) return;
  const r = await retentionReport(store, {...(year === undefined ? {} : {schoolYear: year}), ...(scope ? {scope} : {})});
  for (const s of r.schools) {
    const uploads = teachers.filter((t) => t.school_id === s.schoolId);
    for (const t of s.turnover) {
      const uploadId = Math.max(...uploads.filter((u) => u.year <= t.year).map((u) => u.upload_id));
      for (const def of defs) {
        put(s.schoolId, t.year, {code: def.code, name: def.name, source: "roster", uploadId, tableTarget: null,
          numerator: t.averageHeadcount > 0 ? t.leavers : null, denominator: t.averageHeadcount > 0 ? t.averageHeadcount : null});
      }
    }
  }
}

/** Σ over the schools' lines of one indicator and year (numerators, denominators; counts). */
function sumLines(lines: IndicatorLine[]) {
  return {numerator: lines.reduce((n, l) => n + l.numerator!, 0), denominator: lines.reduce((n, l) => n + (l.denominator ?? 0), 0)};
}

/**
 * The scope's own target level (settings' overrides by level): the region, the municipality or the
 * school of the report's scope, named as its schools' lines name them (every school of a scope is in
 * its municipality).
 */
function targetScopeOf(scope: ReportScope | undefined, schools: TargetsReport["schools"]): TargetScope {
  const first = schools[0];
  if (!scope || scope.level === "region" || !first) return {level: "region"};
  return scope.level === "municipality" ? {level: "municipality", municipality: first.municipality}
    : {level: "school", municipality: first.municipality, school: first.name};
}

function regionLines(schools: TargetsReport["schools"], config: IndicatorsConfig, scope: TargetScope): TargetsReport["region"] {
  const years = [...new Set(schools.flatMap((s) => s.years.map((y) => y.year)))].sort();
  const linesOf = (def: IndicatorDef, year: number) => schools.flatMap((s) => s.years.filter((y) => y.year === year).flatMap((y) => y.indicators))
    .filter((l) => l.code === def.code && l.numerator !== null && (def.measure === "count" || l.denominator !== null));
  const figure = (def: IndicatorDef, lines: IndicatorLine[]): Figure | null => {
    if (!lines.length) return null;
    const {numerator, denominator} = sumLines(lines);
    return figureOf(def.measure, numerator, denominator);
  };
  return years.map((year) => ({year, indicators: config.indicators.flatMap((def): RegionLine[] => {
    const got = linesOf(def, year);
    if (!got.length) return [];
    const {numerator, denominator} = sumLines(got);
    const now = figure(def, got), before = figure(def, linesOf(def, year - 1));
    const part = (source: "roster" | "table"): SourcePart | null => {
      const list = got.filter((l) => l.source === source);
      if (!list.length) return null;
      const sum = sumLines(list);
      return {schools: list.length, ...sum, actual: levelOf(figureOf(def.measure, sum.numerator, sum.denominator))};
    };
    return [{code: def.code, name: def.name, measure: def.measure, schools: got.length, numerator,
      denominator: def.measure === "count" ? null : denominator, actual: levelOf(now), previous: levelOf(before),
      ...judge(effectiveTarget(def, config, scope, year), now, before, wordingOf(def)),
      bySource: {roster: part("roster"), table: part("table")}}];
  })}));
}
