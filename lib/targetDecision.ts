// Targets of every kind as data, and one exact decision for all of them (issue 15 §4): a share
// at least / at most, a count at least / at most, growth on last year in percentage points or in
// percent of last year's value, and a decline on last year (lower is better: turnover).
import {z} from "zod";
import {add, ceil, compare, div, fraction, mul, rational, sub, toNumber, type Rational} from "./rational.ts";

const percent = z.number().min(0, "процент — от 0 до 100").max(100, "процент — от 0 до 100");
const amount = z.number().min(0, "не меньше 0");

/**
 * «Целевое значение» as data. Seeds: 002 (shares of teachers «не менее»; «отрицательная динамика
 * текучести» — decline_points 0), 001 («не менее 5 мастер-классов» — count_at_least 5; «90 %
 * молодых педагогов закрепились» — share_at_least 90), 003 (70 % engaged — share_at_least 70).
 * A change target with 0 (`growth_points 0`, `decline_points 0` …) means any real change in its
 * direction: «рост», «снижение» without an amount.
 */
export const TargetSchema = z.discriminatedUnion("type", [
  /** ≥ percent % («не менее 70 %»). */
  z.object({type: z.literal("share_at_least"), percent}),
  /** ≤ percent % («не более 10 %»; lower is better). */
  z.object({type: z.literal("share_at_most"), percent}),
  /** ≥ count («не менее 5 мастер-классов»). */
  z.object({type: z.literal("count_at_least"), count: amount.int("количество — целое число")}),
  /** ≤ count («не более 2 жалоб»). */
  z.object({type: z.literal("count_at_most"), count: amount.int("количество — целое число")}),
  /** The share rose on last year by ≥ points percentage points («рост не менее чем на 2 п. п.»). */
  z.object({type: z.literal("growth_points"), points: amount}),
  /** The share or count rose by ≥ percent % of last year's value («рост не менее чем на 10 %»). */
  z.object({type: z.literal("growth_relative"), percent: amount}),
  /** The share fell on last year by ≥ points percentage points (turnover: «отрицательная динамика»). */
  z.object({type: z.literal("decline_points"), points: amount}),
  /** The share or count fell by ≥ percent % of last year's value. */
  z.object({type: z.literal("decline_relative"), percent})
]);
export type Target = z.infer<typeof TargetSchema>;

/** A measured figure: a share numerator / denominator (shown in percent), or a count. */
export type Figure =
  | {kind: "share"; numerator: number; denominator: number}
  | {kind: "count"; value: number};

/** A share: numerator / denominator × 100 %. Either may be a decimal (an average headcount of 22,5). */
export const shareFigure = (numerator: number, denominator: number): Figure => ({kind: "share", numerator, denominator});
/** A count (an integer ≥ 0). */
export const countFigure = (value: number): Figure => ({kind: "count", value});

/** A noun's forms after a number: 1 мастер-класс, 2 мастер-класса, 5 мастер-классов. */
export interface UnitForms {
  one: string;
  few: string;
  many: string;
}

/** What changes, for the verb's agreement: «текучесть» (f) снизилась, «показатель» (m) снизился. */
export interface Subject {
  text: string;
  gender: "m" | "f" | "n" | "pl";
}

export interface TargetWording {
  /** The counted thing, for count targets and counts compared in percent. */
  unit?: UnitForms;
  /** The measure, for change targets. */
  subject?: Subject;
}

export interface TargetDecision {
  /** Met, not met, or no decision (no data, no last year, a relative change from 0). */
  met: boolean | null;
  /** The figure now: percent for a share, the count for a count. */
  actual: number | null;
  /** Last year's figure, for change targets. */
  previous: number | null;
  /**
   * What is compared with the target: the level (level targets) or the change in the target's
   * direction (change targets: a fall of 1,5 п. п. is 1.5 for a decline target, −1.5 for growth).
   */
  measured: number | null;
  /**
   * measured − target, oriented so that ≥ 0 is on the right side of the target and < 0 is short
   * of it (for lower-is-better targets too): −2 for 12 % against «не более 10 %». A strict «any
   * change» target (0) with no change has gap 0 and is not met.
   */
  gap: number | null;
  /** The unit of measured and gap: percentage points, percent of last year, or the count. */
  unit: "points" | "percent" | "count";
  /** Russian: «достигнута: …», «не достигнута: не хватает …», «не оценивается: …». */
  phrase: string;
}

// ── the decision ──

const ZERO = fraction(0n, 1n);
const HUNDRED = fraction(100n, 1n);

interface Kind {
  figure: "share" | "count" | "any";
  change: "rise" | "fall" | null;
  /** Higher is better (at least, growth) or lower is better (at most); for change targets the change's direction. */
  better: "up" | "down";
  unit: TargetDecision["unit"];
}

const KINDS: Record<Target["type"], Kind> = {
  share_at_least: {figure: "share", change: null, better: "up", unit: "points"},
  share_at_most: {figure: "share", change: null, better: "down", unit: "points"},
  count_at_least: {figure: "count", change: null, better: "up", unit: "count"},
  count_at_most: {figure: "count", change: null, better: "down", unit: "count"},
  growth_points: {figure: "share", change: "rise", better: "up", unit: "points"},
  growth_relative: {figure: "any", change: "rise", better: "up", unit: "percent"},
  decline_points: {figure: "share", change: "fall", better: "down", unit: "points"},
  decline_relative: {figure: "any", change: "fall", better: "down", unit: "percent"}
};

/** The target's threshold: a percent, a count, or a change in п. п. or %. */
function thresholdOf(t: Target): Rational {
  switch (t.type) {
    case "share_at_least": case "share_at_most": case "growth_relative": case "decline_relative": return rational(t.percent);
    case "count_at_least": case "count_at_most": return rational(t.count);
    case "growth_points": case "decline_points": return rational(t.points);
  }
}

function checkFigure(f: Figure, kind: Kind, type: string): void {
  if (kind.figure !== "any" && f.kind !== kind.figure) throw new Error(`${type} needs a ${kind.figure} figure, got a ${f.kind}`);
  const values = f.kind === "share" ? [f.numerator, f.denominator] : [f.value];
  for (const v of values) if (!Number.isFinite(v) || v < 0) throw new Error(`figures must be finite and ≥ 0, got ${v}`);
  if (f.kind === "count" && !Number.isInteger(f.value)) throw new Error(`a count must be an integer, got ${f.value}`);
}

/** The figure's level: percent for a share (null when the denominator is 0), the count itself. */
function levelOf(f: Figure): Rational | null {
  if (f.kind === "count") return rational(f.value);
  const d = rational(f.denominator);
  return d.n === 0n ? null : div(mul(rational(f.numerator), HUNDRED), d);
}

/** The change from last year in the target's direction, in its unit (п. п. or % of last year). */
function changeOf(kind: Kind, now: Rational, before: Rational): Rational | null {
  const raw = kind.change === "rise" ? sub(now, before) : sub(before, now);
  if (kind.unit === "points") return raw;
  return before.n === 0n ? null : mul(div(raw, before), HUNDRED);
}

/**
 * «Цель достигнута?» for a target of any kind, decided exactly: figures and targets are read as
 * the decimals people wrote (lib/rational.ts) and compared as fractions, so 69,96 % is not 70 % and
 * 1 749 of 2 500 does not meet «не менее 70 %». Level targets compare the figure now; change targets
 * compare the change on last year: in percentage points (now − before) or in percent of last
 * year's value ((now − before) / before × 100), a decline being before − now. A change target of
 * 0 needs a change strictly in its direction. The gap is oriented (≥ 0 on the right side), in
 * п. п., % or the count; the phrase says it in Russian with the count's noun (`wording.unit`) and
 * the measure's name (`wording.subject`).
 * No decision (null) without a figure, with a share's denominator 0, without last year's figure for
 * a change target, or for a change in percent from 0.
 * Source: DOMAIN.md «Annual effectiveness» (shares, counts «не менее 5 мастер-классов», directions
 * «отрицательная динамика текучести»); issue 15 §4.
 * @throws when a figure is negative or not finite, a count is not an integer, or the figure's kind
 *   does not fit the target (points on counts)
 * @example targetDecision({type: "count_at_least", count: 5}, countFigure(3), null,
 *   {unit: {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"}})
 * // met false, actual 3, gap −2 (count):
 * // «не достигнута: не хватает 2 мастер-классов (3 мастер-класса при цели не менее 5)»
 * @example targetDecision({type: "decline_points", points: 0}, shareFigure(21, 200), shareFigure(24, 200),
 *   {subject: {text: "текучесть", gender: "f"}})
 * // 10,5 % now, 12 % last year: measured 1.5 (п. п. of decline), gap 1.5, met true:
 * // «достигнута: текучесть снизилась на 1,5 п. п. (с 12 % до 10,5 %)»
 * @example targetDecision({type: "share_at_least", percent: 70}, shareFigure(1749, 2500))
 * // 69,96 %: met false, gap −0.04 п. п.: «не достигнута: 69,96 % при цели не менее 70 %, не хватает 0,04 п. п.»
 * @example targetDecision({type: "growth_relative", percent: 20}, countFigure(11), countFigure(10), {unit: <мастер-класс as above>})
 * // 10 → 11 is +10 %, the target needs +20 % (12): met false, measured 10, gap −10 (%):
 * // «не достигнута: рост на 10 % (с 10 до 11 мастер-классов); цель — рост не менее чем на 20 %: нужно не менее 12, не хватает 1 мастер-класса»
 */
export function targetDecision(target: Target, current: Figure | null, previous: Figure | null = null,
  wording: TargetWording = {}): TargetDecision {
  const kind = KINDS[target.type];
  if (current) checkFigure(current, kind, target.type);
  if (previous) checkFigure(previous, kind, target.type);
  if (current && previous && current.kind !== previous.kind) throw new Error("current and previous figures must be of one kind");
  const threshold = thresholdOf(target);
  const now = current ? levelOf(current) : null;
  const before = previous ? levelOf(previous) : null;
  const base = {actual: now && toNumber(now), previous: before && toNumber(before), unit: kind.unit};
  const none = (reason: string): TargetDecision => ({met: null, ...base, measured: null, gap: null, phrase: `не оценивается: ${reason}`});

  if (!current) return none("нет данных");
  if (!now) return none("численность равна 0");
  let measured: Rational;
  if (kind.change === null) measured = now;
  else {
    if (!before) return none("нет данных за прошлый год");
    const change = changeOf(kind, now, before);
    if (!change) return none(`в прошлом году было 0, ${kind.change === "rise" ? "рост" : "снижение"} в процентах не определён${kind.change === "rise" ? "" : "о"}`);
    measured = change;
  }
  // Oriented margin: ≥ 0 on the right side of the target.
  const margin = kind.change === null && kind.better === "down" ? sub(threshold, measured) : sub(measured, threshold);
  const strict = kind.change !== null && threshold.n === 0n;
  const met = strict ? compare(measured, ZERO) > 0 : compare(margin, ZERO) >= 0;
  const context: PhraseContext = {target, kind, threshold, now, before, measured, margin, met, current: current!, wording};
  return {met, ...base, measured: toNumber(measured), gap: toNumber(margin), phrase: phrase(context)};
}

// ── the Russian phrase ──

interface PhraseContext {
  target: Target;
  kind: Kind;
  threshold: Rational;
  now: Rational;
  before: Rational | null;
  measured: Rational;
  margin: Rational;
  met: boolean;
  current: Figure;
  wording: TargetWording;
}

const NBSP = "\u00a0";
const FORMATS = new Map<number, Intl.NumberFormat>();

/**
 * A decimal in ru-RU with at most `digits` decimals (trailing zeros dropped), with more when a
 * non-zero value would read as 0 or a value different from `unlike` would read as it.
 */
function decimal(x: Rational, digits = 1, unlike?: Rational): string {
  const text = (d: number, v: Rational) => {
    let f = FORMATS.get(d);
    if (!f) FORMATS.set(d, (f = new Intl.NumberFormat("ru-RU", {maximumFractionDigits: d})));
    return f.format(toNumber(v)).replace(/\s/g, NBSP).replace(/^-0$/, "0");
  };
  let d = digits;
  const zero = text(0, ZERO);
  while (d < 6 && ((x.n !== 0n && text(d, x) === zero) || (unlike && compare(x, unlike) !== 0 && text(d, x) === text(d, unlike)))) d++;
  return text(d, x);
}

const absolute = (x: Rational): Rational => (x.n < 0n ? fraction(-x.n, x.d) : x);
const pct = (x: Rational, unlike?: Rational) => `${decimal(x, 1, unlike)}${NBSP}%`;
const points = (x: Rational) => `${decimal(absolute(x))}${NBSP}п.${NBSP}п.`;

/** Nominative after a number: 1 мастер-класс, 3 мастер-класса, 5 мастер-классов. */
function nominative(n: bigint, u: UnitForms): string {
  const a = n < 0n ? -n : n, last = a % 10n, lastTwo = a % 100n;
  if (last === 1n && lastTwo !== 11n) return u.one;
  return last >= 2n && last <= 4n && (lastTwo < 12n || lastTwo > 14n) ? u.few : u.many;
}
/** Genitive after a number («не хватает», «до»): 1 мастер-класса, 2 мастер-классов, 21 мастер-класса. */
function genitive(n: bigint, u: UnitForms): string {
  const a = n < 0n ? -n : n;
  return a % 10n === 1n && a % 100n !== 11n ? u.few : u.many;
}

const integer = (x: Rational): bigint => x.n / x.d;
const counted = (n: bigint, w: TargetWording, form = nominative) =>
  `${decimal(fraction(n, 1n))}${w.unit ? ` ${form(n, w.unit)}` : ""}`;

const ROSE = {m: "вырос", f: "выросла", n: "выросло", pl: "выросли"} as const;
const FELL = {m: "снизился", f: "снизилась", n: "снизилось", pl: "снизились"} as const;
const SAME = {m: "не изменился", f: "не изменилась", n: "не изменилось", pl: "не изменились"} as const;

/** «текучесть снизилась на 1,5 п. п.», «рост на 10 %», «без изменений». */
function movement(change: Rational, amount: (a: Rational) => string, subject?: Subject): string {
  const sign = compare(change, ZERO);
  if (sign === 0) return subject ? `${subject.text} ${SAME[subject.gender]}` : "без изменений";
  const verb = subject ? `${subject.text} ${(sign > 0 ? ROSE : FELL)[subject.gender]}` : sign > 0 ? "рост" : "снижение";
  return `${verb} на ${amount(absolute(change))}`;
}

function levelPhrase(c: PhraseContext): string {
  const {kind, threshold: t, now, margin, met, wording: w} = c;
  const word = kind.better === "up" ? "не менее" : "не более";
  if (kind.unit === "count") {
    const stated = `${counted(integer(now), w)} при цели ${word} ${decimal(t)}`;
    if (met) return `достигнута: ${stated}`;
    const excess = integer(absolute(margin));
    return kind.better === "up" ? `не достигнута: не хватает ${counted(excess, w, genitive)} (${stated})`
      : `не достигнута: ${stated}, больше цели на ${decimal(fraction(excess, 1n))}`;
  }
  const stated = `${pct(now, t)} при цели ${word} ${pct(t)}`;
  if (met) return `достигнута: ${stated}`;
  return `не достигнута: ${stated}, ${kind.better === "up" ? "не хватает" : "выше цели на"} ${points(margin)}`;
}

/** «(с 12 % до 10,5 %)», «(с 10 до 11 мастер-классов)», «(12 %)» when nothing changed. */
function fromTo(c: PhraseContext): string {
  if (compare(c.now, c.before!) === 0) return ` (${c.current.kind === "share" ? pct(c.now) : counted(integer(c.now), c.wording)})`;
  if (c.current.kind === "share") return ` (с ${pct(c.before!)} до ${pct(c.now)})`;
  return ` (с ${decimal(c.before!)} до ${counted(integer(c.now), c.wording, genitive)})`;
}

/** The count needed for a relative change target: ⌈before × (1 + t %)⌉ for growth, ⌊before × (1 − t %)⌋ for a decline. */
function neededCount(c: PhraseContext): bigint {
  const before = integer(c.before!);
  if (c.threshold.n === 0n) return c.kind.change === "rise" ? before + 1n : before - 1n;
  const factor = div(c.kind.change === "rise" ? add(HUNDRED, c.threshold) : sub(HUNDRED, c.threshold), HUNDRED);
  const exact = mul(c.before!, factor);
  return c.kind.change === "rise" ? ceil(exact) : integer(exact);
}

function changePhrase(c: PhraseContext): string {
  const {kind, threshold: t, met, wording: w} = c;
  const signed = kind.change === "rise" ? c.measured : fraction(-c.measured.n, c.measured.d);  // now − before
  const unit = kind.unit === "points" ? points : (a: Rational) => pct(a);
  const text = movement(signed, unit, w.subject) + fromTo(c);
  const goal = `цель — ${kind.change === "rise" ? "рост" : "снижение"}${t.n === 0n ? "" : ` не менее чем на ${unit(t)}`}`;
  if (met) return `достигнута: ${text}${t.n === 0n ? "" : `; ${goal}`}`;
  let shortfall = "";
  if (kind.unit === "percent" && c.current.kind === "count") {
    const need = neededCount(c), have = integer(c.now);
    const missing = kind.change === "rise" ? need - have : have - need;
    shortfall = kind.change === "rise" ? `: нужно не менее ${decimal(fraction(need, 1n))}, не хватает ${counted(missing, w, genitive)}`
      : `: нужно не более ${decimal(fraction(need, 1n))}, больше нужного на ${decimal(fraction(missing, 1n))}`;
  } else if (t.n !== 0n) {
    shortfall = `, не хватает ${unit(absolute(c.margin))}${kind.unit === "percent" ? (kind.change === "rise" ? " прироста" : " снижения") : ""}`;
  }
  return `не достигнута: ${text}; ${goal}${shortfall}`;
}

function phrase(c: PhraseContext): string {
  return c.kind.change === null ? levelPhrase(c) : changePhrase(c);
}

// ── the target in words, and the gap in the target's direction ──

/**
 * «Вид цели» as a methodologist writes it in the settings table, for each direction: the words
 * map to a target type once the measure is known (a share or a count).
 */
export const TARGET_KIND_WORDS = {
  at_least: "не менее",
  at_most: "не более",
  growth_points: "рост на п. п.",
  growth_relative: "рост на %",
  decline_points: "снижение на п. п.",
  decline_relative: "снижение на %"
} as const;
export type TargetKindWord = keyof typeof TARGET_KIND_WORDS;

/** The kind word of a target (at_least for share_at_least and count_at_least …). */
export function targetKindWord(t: Target): TargetKindWord {
  switch (t.type) {
    case "share_at_least": case "count_at_least": return "at_least";
    case "share_at_most": case "count_at_most": return "at_most";
    default: return t.type;
  }
}

/** The number a target is written with: the percent, the count, or the change. */
export function targetAmount(t: Target): number {
  return toNumber(thresholdOf(t));
}

/**
 * A target from its kind word, the indicator's measure and the amount: «не менее» + count + 5 →
 * count_at_least 5. Not validated (TargetSchema does: a percent above 100, a fractional count).
 * @example targetFromWord("at_least", "count", 5) // {type: "count_at_least", count: 5}
 * @example targetFromWord("decline_points", "share", 0) // {type: "decline_points", points: 0}
 */
export function targetFromWord(word: TargetKindWord, measure: "share" | "count", amount: number): Target {
  switch (word) {
    case "at_least": return measure === "count" ? {type: "count_at_least", count: amount} : {type: "share_at_least", percent: amount};
    case "at_most": return measure === "count" ? {type: "count_at_most", count: amount} : {type: "share_at_most", percent: amount};
    case "growth_points": return {type: "growth_points", points: amount};
    case "decline_points": return {type: "decline_points", points: amount};
    case "growth_relative": return {type: "growth_relative", percent: amount};
    case "decline_relative": return {type: "decline_relative", percent: amount};
  }
}

/** Whether a target fits a measure: counts take no points, shares no count. */
export function targetFitsMeasure(t: Target, measure: "share" | "count"): boolean {
  const f = KINDS[t.type].figure;
  return f === "any" || f === measure;
}

/**
 * «Целевое значение» in words, as the report's «Цель» column shows it.
 * @example targetText({type: "share_at_least", percent: 60}) // "не менее 60 %"
 * @example targetText({type: "count_at_least", count: 5}, {one: "мастер-класс", few: "мастер-класса", many: "мастер-классов"}) // "не менее 5 мастер-классов"
 * @example targetText({type: "growth_points", points: 2}) // "рост не менее чем на 2 п. п."
 * @example targetText({type: "decline_points", points: 0}) // "снижение"
 */
export function targetText(t: Target, unit?: UnitForms): string {
  const kind = KINDS[t.type], threshold = thresholdOf(t);
  if (kind.change === null) {
    const word = kind.better === "up" ? "не менее" : "не более";
    if (kind.unit === "count") return `${word} ${counted(integer(threshold), {unit}, genitive)}`;
    return `${word} ${pct(threshold)}`;
  }
  const noun = kind.change === "rise" ? "рост" : "снижение";
  if (threshold.n === 0n) return noun;
  return `${noun} не менее чем на ${kind.unit === "points" ? points(threshold) : pct(threshold)}`;
}

/**
 * «Отклонение от цели» in the target's direction, short, for a table cell: how far the figure is
 * from the target when not met («не хватает 0,5 п. п.», «выше цели на 2,5 п. п.», «не хватает 1»;
 * a change target: «не хватает 0,5 п. п. роста», and for «any change» targets (0) the change that
 * happened instead: «рост на 16 п. п. вместо снижения»), the margin when met («запас 1,5 п. п.»),
 * «—» without a decision. `gap` is the decision's (oriented: ≥ 0 on the right side).
 * @example gapText({type: "count_at_least", count: 5}, {met: false, gap: -1, unit: "count"}) // "не хватает 1"
 * @example gapText({type: "share_at_most", percent: 10}, {met: false, gap: -2.5, unit: "points"}) // "выше цели на 2,5 п. п."
 * @example gapText({type: "growth_points", points: 2}, {met: false, gap: -0.5, unit: "points"}) // "не хватает 0,5 п. п. роста"
 * @example gapText({type: "decline_points", points: 0}, {met: false, gap: -16, unit: "points"}) // "рост на 16 п. п. вместо снижения"
 * @example gapText({type: "decline_points", points: 0}, {met: true, gap: 2.5, unit: "points"}) // "запас 2,5 п. п."
 */
export function gapText(t: Target, d: Pick<TargetDecision, "met" | "gap" | "unit">, unit?: UnitForms): string {
  if (d.met === null || d.gap === null) return "—";
  const amount = rational(Math.abs(d.gap));
  const text = d.unit === "points" ? points(amount) : d.unit === "percent" ? pct(amount)
    : counted(integer(amount), {unit}, d.met ? nominative : genitive);
  const kind = KINDS[t.type];
  if (d.met) return amount.n === 0n ? "ровно на цели" : `запас ${text}`;
  if (kind.change === null) return kind.better === "down" ? `выше цели на ${text}` : `не хватает ${text}`;
  const wanted = kind.change === "rise" ? "роста" : "снижения";
  if (thresholdOf(t).n !== 0n) return `не хватает ${text} ${wanted}`;
  // «Any change» in a direction: the gap is the change the other way (or none).
  if (amount.n === 0n) return `без изменений вместо ${wanted}`;
  return `${kind.change === "rise" ? "снижение" : "рост"} на ${text} вместо ${wanted}`;
}
