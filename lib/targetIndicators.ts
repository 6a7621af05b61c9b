// Target indicators of the annual effectiveness report (seed 002, seed 001's passports): a config
// (data) of indicators with default targets, overrides per school and year, and the result of
// each indicator against its target, year over year.
import {z} from "zod";
import {normalizeKey} from "./normalizeText.ts";
import {stemWords} from "./russianStem.ts";

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

export const IndicatorsConfigSchema = z.object({
  indicators: z.array(z.object({
    code: z.string().regex(/^[a-z0-9_]+$/),
    name: z.string().min(3),
    /** Default target, percent. */
    target: z.number().min(0).max(100),
    /** Other names schools give it in summary tables. */
    aliases: z.array(z.string().min(3)).default([]),
    /** Who is counted in the denominator when computed from a roster: all teachers, young ones, or a column rule. */
    population: z.union([z.enum(["all", "young"]), RosterRuleSchema]).default("all"),
    /** "roster": a roster column rule; "retention": young specialists' one-year retention; "table": only summary tables. */
    source: z.enum(["roster", "retention", "table"]).default("roster"),
    roster: RosterRuleSchema.optional(),
    /** Where the figure comes from, for the report. */
    reference: z.string().optional()
  }).refine((d) => d.source !== "roster" || d.roster !== undefined, {message: "для source «roster» нужно правило roster"})),
  overrides: z.array(z.object({
    code: z.string(),
    municipality: z.string().optional(),
    school: z.string().optional(),
    year: z.number().int().optional(),
    target: z.number().min(0).max(100)
  })).default([])
}).superRefine((cfg, ctx) => {
  const codes = new Set<string>();
  cfg.indicators.forEach((d, i) => {
    if (codes.has(d.code)) ctx.addIssue({code: "custom", path: ["indicators", i, "code"], message: `повторяется код «${d.code}»`});
    codes.add(d.code);
  });
  cfg.overrides.forEach((o, i) => {
    if (!codes.has(o.code)) ctx.addIssue({code: "custom", path: ["overrides", i, "code"], message: `нет показателя «${o.code}»`});
  });
});
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

/**
 * The target of an indicator for a school and year («целевое значение»): a target written in the
 * school's own table wins; then the config's most specific override (school and year, school,
 * municipality and year, municipality, year), then the default. School and municipality names
 * compare after normalising.
 * @example resolveTarget(def, config, {municipality: "Тарский", school: "МБОУ \"Тарская СОШ № 1\"", year: 2025}) // 60, or an override
 */
export function resolveTarget(def: IndicatorDef, config: IndicatorsConfig,
  at: {municipality: string; school: string; year: number}, fromTable: number | null = null): number {
  if (fromTable !== null) return fromTable;
  const school = normalizeKey(at.school), muni = normalizeKey(at.municipality);
  let best: {rank: number; target: number} | null = null;
  for (const o of config.overrides) {
    if (o.code !== def.code) continue;
    if (o.school !== undefined && normalizeKey(o.school) !== school) continue;
    if (o.municipality !== undefined && normalizeKey(o.municipality) !== muni) continue;
    if (o.year !== undefined && o.year !== at.year) continue;
    const rank = (o.school !== undefined ? 4 : 0) + (o.municipality !== undefined ? 2 : 0) + (o.year !== undefined ? 1 : 0);
    if (!best || rank > best.rank) best = {rank, target: o.target};
  }
  return best?.target ?? def.target;
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
