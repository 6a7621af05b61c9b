// «Выводы» of the annual analytical report (issue 15 §5), written from the figures of the one
// AnnualReport object in plain Russian: which targets were met, which were not and by how much
// (lib/targetDecision.ts wording), which are not judged (incomplete coverage is never «достигнута»:
// lib/coverage.ts targetVerdict), and where the largest gaps are (municipalities furthest below the
// engagement target, competence areas with the largest deficit left after the programme). A pure
// function: the DOCX prints it, tests read it.
import type {AnnualReport, EngagementYear, TargetLine} from "./annualReport.ts";
import {shareFigure, targetDecision, type TargetDecision} from "../../lib/targetDecision.ts";
import {targetVerdict} from "../../lib/coverage.ts";
import {formatNumber, formatPercent, formatPeriod} from "../../lib/format.ts";

export interface AnnualConclusions {
  /** Targets met over complete data, one sentence each. */
  met: string[];
  /** Targets not met, each with its shortfall. */
  notMet: string[];
  /** Targets not judged: incomplete coverage, no data. */
  notJudged: string[];
  /** Where the largest gaps are. */
  gaps: string[];
  /** Sections without data, named (so the reader knows what the conclusions could not cover). */
  missing: string[];
}

/** How many places each «largest gap» sentence names. */
const TOP = 3;
const NBSP = "\u00a0";
/** Ends a sentence with one full stop («п. п.» already has one). */
const sentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);
const points = (x: number) => `${formatNumber(x, 1)}${NBSP}п.${NBSP}п.`;

/** What a conclusion needs of a decision: met, and how far short (positive) in which unit. */
type Outcome = Pick<TargetDecision, "met" | "unit"> & {shortfall: number | null};

interface Judged {
  text: string;
  decision: Outcome | null;
}

const outcome = (d: TargetDecision): Outcome => ({met: d.met, unit: d.unit, shortfall: d.gap === null ? null : -d.gap});

function sortInto(out: AnnualConclusions, items: Judged[]): void {
  for (const i of items) {
    if (i.decision?.met === true) out.met.push(i.text);
    else if (i.decision?.met === false) out.notMet.push(i.text);
    else out.notJudged.push(i.text);
  }
}

const WHO = {students: "обучающихся", teachers: "педагогов"} as const;

/** Engagement of students and of teachers in the quarter that stands for the year, against the target. */
function engagementJudged(y: EngagementYear, targets: {students: number; teachers: number}): Judged[] {
  return (["students", "teachers"] as const).map((who) => {
    const engaged = y[`${who}Engaged`], population = y[`${who}Population`], target = targets[who];
    const head = `Вовлечённость ${WHO[who]} (${formatPeriod(y.period)})`;
    if (engaged === null || population === null) return {text: `${head}: нет данных — цель не оценивается.`, decision: null};
    if (!y.complete) {
      // Over incomplete coverage the figure is shown, the target never judged.
      return {text: `${head}: ${formatPercent(y[`${who}Pct`], 1, target)} при цели не менее ${formatPercent(target, 0)} — ` +
        `${targetVerdict(null, {complete: false, label: y.coverage.label})}.`, decision: null};
    }
    const d = targetDecision({type: "share_at_least", percent: target}, shareFigure(engaged, population));
    return {text: sentence(`${head}: ${d.phrase}`), decision: outcome(d)};
  });
}

/** Municipalities below the engagement target, furthest first (those without a figure are left out). */
function municipalitiesBelow(y: EngagementYear, target: number, who: "students" | "teachers"): string | null {
  const below = y.municipalities
    .map((m) => ({m, pct: m[`${who}Pct`]}))
    .filter((x): x is {m: (typeof y.municipalities)[number]; pct: number} => x.pct !== null && x.pct < target)
    .sort((a, b) => a.pct - b.pct || a.m.name.localeCompare(b.m.name, "ru"))
    .slice(0, TOP);
  if (!below.length) return null;
  const list = below.map(({m, pct}) => `${m.name} — ${formatPercent(pct, 1, target)}, ниже цели на ${points(target - pct)}` +
    (m.complete ? "" : ` (данные ${m.coverage})`));
  return sentence(`Дальше всего от цели по вовлечённости ${WHO[who]} (${formatPeriod(y.period)}, цель — не менее ${formatPercent(target, 0)}): ${list.join("; ")}`);
}

function largestShortfall(items: Array<{name: string; decision: Outcome | null}>): string | null {
  const worst = items.filter((i) => i.decision?.met === false && i.decision.shortfall !== null && i.decision.unit === "points")
    .sort((a, b) => b.decision!.shortfall! - a.decision!.shortfall!)[0];
  return worst ? sentence(`Больше всего не хватает до цели по показателю «${worst.name}»: ${points(worst.decision!.shortfall!)}`) : null;
}

function deficitsLeft(r: AnnualReport): string | null {
  if (!r.prepost.available) return null;
  const areas = r.prepost.data.areas.filter((a) => !a.suppressed && a.meanExitDeficit !== null)
    .sort((a, b) => b.meanExitDeficit! - a.meanExitDeficit! || a.label.localeCompare(b.label, "ru")).slice(0, TOP);
  if (!areas.length) return null;
  const list = areas.map((a) => `${a.label} — ${formatPercent(a.meanExitDeficit)} после программы` +
    (a.meanEntryDeficit === null ? "" : ` (было ${formatPercent(a.meanEntryDeficit)})`));
  return `Больше всего дефицита осталось в областях (${r.prepost.data.schoolYear} учебный год, средний дефицит): ${list.join("; ")}.`;
}

/**
 * The retention section's sentence on turnover against its target (HTML/PDF and DOCX print it):
 * the target named once — in the verdict when it says it, else before it.
 * @example turnoverSentence(line, "2024/25") // "Текучесть в 2024/25 учебном году, цель — снижение: достигнута: текучесть снизилась на 2,5 п. п. (с 12,5 % до 10 %)."
 */
export function turnoverSentence(t: Pick<TargetLine, "goalText" | "verdict">, schoolYear: string): string {
  const head = `Текучесть в ${schoolYear} учебном году`;
  return sentence(/цель/.test(t.verdict) ? `${head}: ${t.verdict}` : `${head}, цель — ${t.goalText ?? "не задана"}: ${t.verdict}`);
}

const SECTION_NAMES: Array<[keyof Pick<AnnualReport, "engagement" | "targets" | "prepost">, string]> = [
  ["engagement", "вовлечённость"], ["targets", "целевые показатели"], ["prepost", "диагностика до и после"]];

/**
 * «Выводы»: the report's targets sorted into met / not met / not judged, each a sentence with the
 * figure and the target (targetDecision's phrase), then the largest gaps. Engagement is judged only
 * over a complete quarter (coverage «по N из N школ»); target indicators as the targets report
 * decided them (every kind of target: shares, counts, growth, decline such as turnover).
 * @example annualConclusions(report) // see tests/reports/exports/annualConclusions.test.ts (hand-worked)
 */
export function annualConclusions(r: AnnualReport): AnnualConclusions {
  const out: AnnualConclusions = {met: [], notMet: [], notJudged: [], gaps: [], missing: []};
  const named: Array<{name: string; decision: Outcome | null}> = [];
  if (r.engagement.available) {
    const e = r.engagement.data;
    const judged = engagementJudged(e.current, e.targets);
    sortInto(out, judged);
    named.push({name: "вовлечённость обучающихся", decision: judged[0]!.decision}, {name: "вовлечённость педагогов", decision: judged[1]!.decision});
  }
  if (r.targets.available) {
    const year = r.targets.data.schoolYear;
    // Each line was decided once by the targets report (any kind of target, exactly): its words are used as they are.
    const items = r.targets.data.indicators.map((i) => {
      const decision: Outcome | null = i.met === null ? null : {met: i.met, unit: i.unit ?? "points", shortfall: i.gap};
      const text = i.actual === null ? `${i.name}: нет данных — цель не оценивается.` : sentence(`${i.name} (${year} учебный год): ${i.verdict}`);
      named.push({name: i.name, decision});
      return {text, decision};
    });
    sortInto(out, items);
  }
  const shortfall = largestShortfall(named);
  if (shortfall) out.gaps.push(shortfall);
  if (r.engagement.available) {
    const e = r.engagement.data;
    for (const who of ["students", "teachers"] as const) {
      const line = municipalitiesBelow(e.current, e.targets[who], who);
      if (line) out.gaps.push(line);
    }
  }
  const left = deficitsLeft(r);
  if (left) out.gaps.push(left);
  for (const [key, name] of SECTION_NAMES) if (!r[key].available) out.missing.push(`Раздел «${name}»: ${(r[key] as {note: string}).note}`);
  return out;
}
