// Target indicators of the annual effectiveness report (seed 002, seed 001's passports): a config
// (data) of indicators with default targets, overrides per school and year, and the result of
// each indicator against its target, year over year.
import {z} from "zod";
import {normalizeKey} from "./normalizeText.ts";
import {stemWords} from "./russianStem.ts";
import {municipalityKey, schoolNameKey} from "./schoolName.ts";
import {TargetSchema, targetFitsMeasure, targetText, type Target} from "./targetDecision.ts";

/** How a roster column tells whether a teacher has the attribute. */
const RosterRuleSchema = z.object({
  /** Header phrases (any one, compared after normalising case, ё/е, dashes, quotes). */
  columns: z.array(z.string().min(2)).min(1),
  /** The cell must contain one of these (e.g. «высш», «перв»); absent: any «yes» (да, +, 1, есть, text). */
  values: z.array(z.string().min(1)).optional(),
  /** …and none of these (e.g. «неполное» for higher education). */
  notValues: z.array(z.string().min(1)).optional()
});
export type RosterRule = z.infer<typeof RosterRuleSchema>;

/**
 * A target as data (lib/targetDecision.ts TargetSchema), or the earlier plain number n, read as
 * «не менее n %» (share_at_least): config files and uploaded settings written before targets of
 * every kind keep working.
 */
export const TargetValueSchema = z.preprocess(
  (v) => (typeof v === "number" ? {type: "share_at_least", percent: v} : v), TargetSchema);

/** A count's noun after 1, 2 and 5 («мастер-класс», «мастер-класса», «мастер-классов»), for the wording. */
const UnitFormsSchema = z.object({one: z.string().min(1), few: z.string().min(1), many: z.string().min(1)});

/** The levels a report is made for; an override may be limited to one of them. */
export const TARGET_LEVELS = ["region", "municipality", "school"] as const;
export type TargetLevel = (typeof TARGET_LEVELS)[number];

const MEASURE_WORDS = {share: "доли", count: "количества"} as const;

export const IndicatorsConfigSchema = z.object({
  indicators: z.array(z.object({
    code: z.string().regex(/^[a-z0-9_]+$/),
    name: z.string().min(3),
    /** Default target: any kind (a number n is «не менее n %»). */
    target: TargetValueSchema,
    /** What the figure is: a share of teachers, percent (default), or a count (a school's table gives the number). */
    measure: z.enum(["share", "count"]).default("share"),
    /** A count's noun, for the Russian wording («не менее 5 мастер-классов»). */
    unit: UnitFormsSchema.optional(),
    /** Other names schools give it in summary tables. */
    aliases: z.array(z.string().min(3)).default([]),
    /** Who is counted in the denominator when computed from a roster: all teachers, young ones, or a column rule. */
    population: z.union([z.enum(["all", "young"]), RosterRuleSchema]).default("all"),
    /**
     * "roster": a roster column rule; "retention": young specialists' one-year retention; "turnover":
     * staff turnover (leavers / average headcount, lower is better); "table": only summary tables.
     */
    source: z.enum(["roster", "retention", "turnover", "table"]).default("roster"),
    roster: RosterRuleSchema.optional(),
    /** Where the figure comes from, for the report. */
    reference: z.string().optional()
  }).refine((d) => d.source !== "roster" || d.roster !== undefined, {message: "для source «roster» нужно правило roster"})
    .refine((d) => d.measure === "share" || (d.source === "table"), {message: "количество берётся только из таблицы показателей школы", path: ["measure"]})
),
  /**
   * Targets for one level, municipality, school and/or school year (seed 001: a school's own plan;
   * seed 002: the municipality's). Absent fields mean «any». The most specific match wins
   * (effectiveTarget).
   */
  overrides: z.array(z.object({
    code: z.string(),
    /** Only for reports at this level (a count summed for the region needs its own target). */
    level: z.enum(TARGET_LEVELS).optional(),
    municipality: z.string().optional(),
    school: z.string().optional(),
    year: z.number().int().optional(),
    target: TargetValueSchema
  })).default([])
}).superRefine((cfg, ctx) => {
  const codes = new Map<string, IndicatorMeasure>();
  cfg.indicators.forEach((d, i) => {
    if (codes.has(d.code)) ctx.addIssue({code: "custom", path: ["indicators", i, "code"], message: `повторяется код «${d.code}»`});
    codes.set(d.code, d.measure);
    if (!targetFitsMeasure(d.target, d.measure)) {
      ctx.addIssue({code: "custom", path: ["indicators", i, "target"], message: `цель «${targetText(d.target)}» не подходит для ${MEASURE_WORDS[d.measure]}`});
    }
  });
  cfg.overrides.forEach((o, i) => {
    const measure = codes.get(o.code);
    if (!measure) ctx.addIssue({code: "custom", path: ["overrides", i, "code"], message: `нет показателя «${o.code}»`});
    else if (!targetFitsMeasure(o.target, measure)) {
      ctx.addIssue({code: "custom", path: ["overrides", i, "target"], message: `цель «${targetText(o.target)}» не подходит для ${MEASURE_WORDS[measure]}`});
    }
    if (o.school !== undefined && o.level !== undefined && o.level !== "school") {
      ctx.addIssue({code: "custom", path: ["overrides", i, "level"], message: "цель школы — уровень «школа»"});
    }
    if (o.municipality !== undefined && o.level === "region") {
      ctx.addIssue({code: "custom", path: ["overrides", i, "level"], message: "цель муниципалитета — уровень «муниципалитет» или «школа»"});
    }
  });
});
type IndicatorMeasure = "share" | "count";
export type IndicatorsConfig = z.infer<typeof IndicatorsConfigSchema>;
export type IndicatorDef = IndicatorsConfig["indicators"][number];

const STOP = new Set(["и", "в", "на", "с", "по", "за", "из", "от", "до", "для", "а", "или", "т", "д", "т.д", "доля", "процент", "количество", "педагог", "педагогическ", "работник", "%"]);

function keyStems(text: string): string[] {
  return stemWords(text).filter((s) => !STOP.has(s));
}

/**
 * The configured indicator a summary table's row names, or null: the name (or an alias) equal
 * after normalising, else the one whose name's or alias's every word stem is in the row's text,
 * the longest such phrase winning. «доля», «количество», «педагогов» are ignored.
 * @example matchIndicator("Кол-во педагогов, имеющих публикации", config) // the «publications» indicator
 */
export function matchIndicator(rowName: string, config: IndicatorsConfig): IndicatorDef | null {
  const key = normalizeKey(rowName);
  for (const d of config.indicators) {
    if ([d.name, ...d.aliases].some((n) => normalizeKey(n) === key)) return d;
  }
  const stems = keyStems(rowName);
  let best: {def: IndicatorDef; size: number} | null = null;
  for (const d of config.indicators) {
    for (const phrase of [d.name, ...d.aliases]) {
      const want = keyStems(phrase);
      if (want.length && want.every((w) => stems.some((s) => s.startsWith(w))) && (!best || want.length > best.size)) best = {def: d, size: want.length};
    }
  }
  return best?.def ?? null;
}

/** What a target is looked up for: the region, a municipality, or a school (names as the report has them). */
export type TargetScope =
  | {level: "region"}
  | {level: "municipality"; municipality: string}
  | {level: "school"; municipality: string; school: string};

const sameSchool = (a: string, b: string) => normalizeKey(a) === normalizeKey(b) || schoolNameKey(a) === schoolNameKey(b);
const sameMunicipality = (a: string, b: string) => normalizeKey(a) === normalizeKey(b)
  || (municipalityKey(a) !== "" && municipalityKey(a) === municipalityKey(b));

/**
 * «Действующая цель» of an indicator for a school year and a scope: the most specific override that
 * matches, else the default. An override matches when each field it has fits — its level is the
 * scope's level, its school is the scope's school (compared as names: МБОУ, quotes and «№ 1»
 * spelled any way), its municipality is the scope's or the school's, its year is the year. The most
 * specific: a school beats a municipality, which beats none; then a year beats none (rank school 4 +
 * municipality 2 + year 1). A count's default is a school's target: the region's or a
 * municipality's sum has a target only through an override at that level (null otherwise).
 * @example effectiveTarget(def, config, {level: "school", municipality: "Тарский", school: "МБОУ «Тарская СОШ № 1»"}, 2025)
 * // the school's own 2025 target if one is written, else its municipality's, else the default
 */
export function effectiveTarget(def: IndicatorDef, config: IndicatorsConfig, scope: TargetScope, year: number): Target | null {
  let best: {rank: number; target: Target} | null = null;
  for (const o of config.overrides) {
    if (o.code !== def.code) continue;
    if (o.level !== undefined && o.level !== scope.level) continue;
    if (o.school !== undefined && (scope.level !== "school" || !sameSchool(o.school, scope.school))) continue;
    if (o.municipality !== undefined && (scope.level === "region" || !sameMunicipality(o.municipality, scope.municipality))) continue;
    if (o.year !== undefined && o.year !== year) continue;
    const rank = (o.school !== undefined ? 4 : 0) + (o.municipality !== undefined ? 2 : 0) + (o.year !== undefined ? 1 : 0);
    if (!best || rank > best.rank) best = {rank, target: o.target};
  }
  if (best) return best.target;
  return def.measure === "count" && scope.level !== "school" ? null : def.target;
}

/**
 * The target of an indicator for a school and year («целевое значение»): a target written in the
 * school's own table wins (a percent for a share, the number for a count: «не менее»); then
 * effectiveTarget for the school.
 * @example resolveTarget(def, config, {municipality: "Тарский", school: "МБОУ \"Тарская СОШ № 1\"", year: 2025}) // the default, or an override
 */
export function resolveTarget(def: IndicatorDef, config: IndicatorsConfig,
  at: {municipality: string; school: string; year: number}, fromTable: number | null = null): Target | null {
  if (fromTable !== null) return tableTarget(fromTable, def.measure);
  return effectiveTarget(def, config, {level: "school", municipality: at.municipality, school: at.school}, at.year);
}

/** A target written in a school's table: «не менее» that percent, or that number for a count. */
export function tableTarget(value: number, measure: IndicatorMeasure = "share"): Target {
  return measure === "count" ? {type: "count_at_least", count: Math.ceil(value)} : {type: "share_at_least", percent: value};
}

const NO = /^(нет|-|–|—|0|не имеет|не участвует|отсутствует|нету)$/;

/**
 * Whether a roster cell says the teacher has the attribute: with `values`, the normalised cell
 * holds one of them and none of `notValues`; without, any «yes» (да, +, 1, есть, or any other
 * text that is not «нет», «-», «0»). An empty cell is no.
 * @example attributeHolds("Высшая категория", {columns: ["категория"], values: ["высш", "перв"]}) // true
 * @example attributeHolds("нет", {columns: ["публикации"]}) // false
 */
export function attributeHolds(cell: string, rule: RosterRule): boolean {
  const v = normalizeKey(cell).replace(/[.!]+$/, "");
  if (v === "") return false;
  if (rule.values) {
    return rule.values.some((x) => v.includes(normalizeKey(x))) && !(rule.notValues ?? []).some((x) => v.includes(normalizeKey(x)));
  }
  // «да», «+», «1», «есть», «статья в сборнике, 2024» all say yes; only a «no» word says no.
  return !NO.test(v);
}

/** The roster column (by header) a rule reads, or null. */
export function ruleColumn(headers: readonly string[], rule: RosterRule): number | null {
  const keys = headers.map(normalizeKey);
  for (const phrase of rule.columns) {
    const p = normalizeKey(phrase);
    const i = keys.findIndex((h) => h === p);
    if (i >= 0) return i;
  }
  for (const phrase of rule.columns) {
    const p = normalizeKey(phrase);
    const i = keys.findIndex((h) => h.includes(p));
    if (i >= 0) return i;
  }
  return null;
}

export interface IndicatorResult {
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator × 100; null without a denominator. */
  actual: number | null;
  target: number;
  /** actual − target, percentage points. */
  gap: number | null;
  met: boolean | null;
}

/**
 * «Фактическое значение показателя»: actual = numerator / denominator × 100 (a share of all
 * teachers, or of the indicator's population); gap = actual − target in percentage points;
 * met when actual ≥ target (to 1e-9, so 60 % of a 60 % target is met). Denominator 0 or missing
 * gives nulls. Throws when numerator exceeds denominator or either is negative.
 * Source: seed 002 «Планируемые результаты» (shares of teachers); DOMAIN.md «Annual effectiveness».
 * @example indicatorResult(9, 15, 60) // {numerator: 9, denominator: 15, actual: 60, target: 60, gap: 0, met: true}
 */
export function indicatorResult(numerator: number | null, denominator: number | null, target: number): IndicatorResult {
  if ((numerator !== null && numerator < 0) || (denominator !== null && denominator < 0)) {
    throw new Error(`counts must not be negative: ${numerator} / ${denominator}`);
  }
  if (numerator !== null && denominator !== null && numerator > denominator) {
    throw new Error(`numerator ${numerator} exceeds denominator ${denominator}`);
  }
  if (numerator === null || denominator === null || denominator === 0) {
    return {numerator, denominator, actual: null, target, gap: null, met: null};
  }
  const actual = (100 * numerator) / denominator;
  return {numerator, denominator, actual, target, gap: actual - target, met: actual >= target - 1e-9};
}

/**
 * «Динамика по годам»: each year's value with the previous year's (the closest earlier year that
 * has a value) and the change in percentage points; null where there is nothing to compare.
 * @example yearOverYear([{year: 2025, actual: 60}, {year: 2024, actual: 50}])
 * // [{year: 2024, actual: 50, previous: null, change: null}, {year: 2025, actual: 60, previous: 50, change: 10}]
 */
export function yearOverYear(series: ReadonlyArray<{year: number; actual: number | null}>):
  Array<{year: number; actual: number | null; previous: number | null; change: number | null}> {
  const sorted = [...series].sort((a, b) => a.year - b.year);
  let last: number | null = null;
  return sorted.map(({year, actual}) => {
    const previous = last;
    if (actual !== null) last = actual;
    return {year, actual, previous, change: actual !== null && previous !== null ? actual - previous : null};
  });
}
