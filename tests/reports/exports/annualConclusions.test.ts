// «Выводы» of the annual report, from a hand-worked AnnualReport: every sentence written out by hand.
import {describe, expect, it} from "vitest";
import {annualConclusions} from "../../../reports/exports/annualConclusions.ts";
import {judge} from "../../../reports/targets.ts";
import {shareFigure} from "../../../lib/targetDecision.ts";
import type {AnnualReport, EngagementYear, PrepostArea, TargetLine} from "../../../reports/exports/annualReport.ts";

const S = "\u00a0";
const none = {available: false as const, note: "нет"};

function year(o: Partial<EngagementYear>): EngagementYear {
  return {periodId: "2024/25", year: 2025, period: "2025-Q2", complete: true,
    coverage: {label: "по 9 из 9 школ", schoolsCounted: 9, schoolsExpected: 9, studentsShare: 1, teachersShare: 1}, note: "",
    studentsPct: null, teachersPct: null, studentsEngaged: null, studentsPopulation: null, teachersEngaged: null, teachersPopulation: null,
    schoolsIncluded: 9, schoolsNotReported: 0, municipalities: [], verdict: {students: "", teachers: ""}, ...o};
}

/** A region line «не менее target %» decided as the targets report decides it (reports/targets.ts judge). */
function indicator(name: string, numerator: number, denominator: number, target: number): TargetLine {
  const j = judge({type: "share_at_least", percent: target}, shareFigure(numerator, denominator), null);
  return {code: name, name, source: "roster", measure: "share", schools: 3, actual: denominator ? (100 * numerator) / denominator : null,
    previous: null, numerator, denominator, target, goal: j.target, goalText: j.targetText, gap: j.gap, unit: j.unit, gapText: j.gapText,
    verdict: j.verdict, met: j.met, bySource: {roster: null, table: null}};
}

const area = (label: string, entry: number, exit: number, suppressed = false): PrepostArea => ({label, nPairs: suppressed ? 3 : 12, suppressed,
  meanEntryDeficit: suppressed ? null : entry, meanExitDeficit: suppressed ? null : exit, normalizedGain: null, shareImproved: null, test: null,
  p: null, reading: null});

function report(o: Partial<AnnualReport>): AnnualReport {
  return {generatedAt: "2025-09-01T00:00:00Z", scope: {level: "region", id: null, name: "Регион"}, period: {kind: "school-year", id: "2024/25", label: "2024/25 учебный год", start: "2024-09-01",
    end: "2025-08-31"}, year: 2025, schoolYear: {id: "2024/25", label: "2024/25 учебный год", year: 2025}, asOf: "2025-08-31", minGroupSize: 5,
  method: {tests: ""}, engagement: none, targets: none, swot: none, retention: none, load: none, violations: none, prepost: none, students: none, participants: none, ...o};
}

describe("the annual report's conclusions («Выводы»)", () => {
  // Students 1 749 of 2 500 = 69,96 % (short of 70 % by 0,04 п. п.); teachers 180 of 240 = 75 %.
  // Municipalities (students): А 50 % (20 п. п. short), Б 65,5 % (4,5 п. п., 2 of 3 schools), В 80 % (met).
  // Teachers: А 90 %, Б 60 % (10 п. п. short), В 72 %.
  // Indicators: higher education 45/50 = 90 % against 100 % (10 п. п. short), publications 21/50 = 42 % against 40 %, category 0/0.
  // Deficits after the programme: предметные 40 (56 before), психолого-педагогические 35 (32), методические 30 (48), коммуникативные 10; цифровые hidden.
  const full = report({
    engagement: {available: true, data: {targets: {students: 70, teachers: 70}, years: [], quarters: [],
      current: year({studentsEngaged: 1749, studentsPopulation: 2500, studentsPct: 69.96, teachersEngaged: 180, teachersPopulation: 240, teachersPct: 75,
        municipalities: [
          {name: "А", studentsPct: 50, teachersPct: 90, complete: true, coverage: "по 3 из 3 школ",
            verdict: {students: "цель не достигнута", teachers: "цель достигнута"}},
          {name: "Б", studentsPct: 65.5, teachersPct: 60, complete: false, coverage: "по 2 из 3 школ",
            verdict: {students: "данные неполные (по 2 из 3 школ): цель не оценивается", teachers: "данные неполные (по 2 из 3 школ): цель не оценивается"}},
          {name: "В", studentsPct: 80, teachersPct: 72, complete: true, coverage: "по 3 из 3 школ",
            verdict: {students: "цель достигнута", teachers: "цель достигнута"}}]})}},
    targets: {available: true, data: {schoolYear: "2024/25", indicators: [indicator("Высшее образование", 45, 50, 100),
      indicator("Публикации", 21, 50, 40), indicator("Первая или высшая категория", 0, 0, 60)]}},
    prepost: {available: true, data: {schoolYear: "2024/25", teachers: 14, paired: 12, entryOnly: 2, exitOnly: 0, undated: 0,
      areas: [area("методические", 48, 30), area("предметные", 56, 40), area("психолого-педагогические", 32, 35), area("коммуникативные", 17, 10),
        area("цифровые", 0, 0, true)]}}
  });

  it("sorts every target into met, not met (with the shortfall) and not judged, in targetDecision's words", () => {
    const c = annualConclusions(full);
    expect(c.met).toEqual([
      `Вовлечённость педагогов (II квартал 2025): достигнута: 75${S}% при цели не менее 70${S}%.`,
      `Публикации (2024/25 учебный год): достигнута: 42${S}% при цели не менее 40${S}%.`]);
    expect(c.notMet).toEqual([
      `Вовлечённость обучающихся (II квартал 2025): не достигнута: 69,96${S}% при цели не менее 70${S}%, не хватает 0,04${S}п.${S}п.`,
      `Высшее образование (2024/25 учебный год): не достигнута: 90${S}% при цели не менее 100${S}%, не хватает 10${S}п.${S}п.`]);
    expect(c.notJudged).toEqual(["Первая или высшая категория: нет данных — цель не оценивается."]);
    expect(c.missing).toEqual([]);
  });

  it("names the largest shortfall, the municipalities furthest below the target and the areas with the most deficit left", () => {
    expect(annualConclusions(full).gaps).toEqual([
      `Больше всего не хватает до цели по показателю «Высшее образование»: 10,0${S}п.${S}п.`,
      `Дальше всего от цели по вовлечённости обучающихся (II квартал 2025, цель — не менее 70${S}%): А — 50,0${S}%, ниже цели на 20,0${S}п.${S}п.; ` +
        `Б — 65,5${S}%, ниже цели на 4,5${S}п.${S}п. (данные по 2 из 3 школ).`,
      `Дальше всего от цели по вовлечённости педагогов (II квартал 2025, цель — не менее 70${S}%): Б — 60,0${S}%, ниже цели на 10,0${S}п.${S}п. (данные по 2 из 3 школ).`,
      `Больше всего дефицита осталось в областях (2024/25 учебный год, средний дефицит): предметные — 40,0${S}% после программы (было 56,0${S}%); ` +
        `психолого-педагогические — 35,0${S}% после программы (было 32,0${S}%); методические — 30,0${S}% после программы (было 48,0${S}%).`]);
  });

  it("never says «достигнута» over incomplete coverage: 80 % of students over 3 of 4 schools is not judged", () => {
    const c = annualConclusions(report({engagement: {available: true, data: {targets: {students: 70, teachers: 70}, years: [], quarters: [],
      current: year({period: "2024-Q1", complete: false, coverage: {label: "по 3 из 4 школ", schoolsCounted: 3, schoolsExpected: 4, studentsShare: 0.9,
        teachersShare: 0.9}, studentsEngaged: 80, studentsPopulation: 100, studentsPct: 80, teachersEngaged: 10, teachersPopulation: 40, teachersPct: 25})}}}));
    expect(c.met).toEqual([]);
    expect(c.notMet).toEqual([]);
    expect(c.notJudged).toEqual([
      `Вовлечённость обучающихся (I квартал 2024): 80,0${S}% при цели не менее 70${S}% — данные неполные (по 3 из 4 школ): цель не оценивается.`,
      `Вовлечённость педагогов (I квартал 2024): 25,0${S}% при цели не менее 70${S}% — данные неполные (по 3 из 4 школ): цель не оценивается.`]);
    expect(c.gaps).toEqual([]);
    expect(c.missing).toEqual(["Раздел «целевые показатели»: нет", "Раздел «диагностика до и после»: нет"]);
  });

  it("an empty report has no conclusions but names its missing sections", () => {
    const c = annualConclusions(report({}));
    expect([c.met, c.notMet, c.notJudged, c.gaps]).toEqual([[], [], [], []]);
    expect(c.missing).toHaveLength(3);
  });
});
