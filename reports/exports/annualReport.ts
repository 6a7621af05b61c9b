// The annual analytical report («итоговый аналитический отчёт о реализации системы наставничества»,
// seed 001, appendix 3) for one school year (01.09–31.08; a calendar year on request), every
// section filtered to it: engagement (the year's last quarter, earlier years for comparison, never
// a later one), target indicators of that school year, stage 1 (SWOT of the year's questionnaires,
// retention of the cohort judged that year and turnover, mentor load and rule violations as of the
// year's end or today), stage 2 (pre/post of the diagnostics whose exit wave was that year).
// Aggregates only: counts and shares, no names; groups under the group-size setting are suppressed
// (RELIABILITY.md «152-ФЗ»). A section whose data is missing says why instead of failing the report.
// The same object feeds the page (annualHtml), the PDF, the XLSX (annualXlsx), /api/annual and the
// management dashboard (src/data/effectiveness.json.ts): one computation, one value.
// Every level (issue 15 §1): given a scope (a municipality or a school by directory id), every
// section reads only that scope's rows (filtered in SQL) and the report names its level and
// organisation; the same targets (settings) and the same period rules apply at each level, and the
// coverage verdict is over the scope's expected schools.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {engagementPeriods, engagementReport, representativeQuarter} from "../engagement.ts";
import {engagementByForm} from "../engagementByForm.ts";
import {engagementForAggregates, type AggregateEngagementReport} from "../aggregateEngagement.ts";
import {targetsReport, type Judged, type SourcePart} from "../targets.ts";
import {swotReport} from "../swot.ts";
import {retentionReport} from "../retention.ts";
import {loadReport} from "../load.ts";
import {violationsReport} from "../violations.ts";
import {prepostReport} from "../prepost.ts";
import {dataPeriods, quartersIn} from "../periods.ts";
import {isSmallGroup} from "../../lib/smallGroup.ts";
import {isoDay} from "../../lib/isoDay.ts";
import {TEST_CHOICE_TEXT, type ChosenTest} from "../../lib/chosenTest.ts";
import {formatPeriod, formatSchoolYear} from "../../lib/format.ts";
import {calendarYear, periodBounds, periodFromId, periodId, periodLabel, periodsWithin, schoolYear, type Period} from "../../lib/period.ts";
import type {QuadrantTally} from "../../lib/swotTally.ts";
import {annualStudentsSection, type AnnualStudents} from "./annualStudents.ts";
import type {Audience, ReportScope} from "../scope.ts";
import {suppressLoad, suppressViolations} from "./annualSuppression.ts";
import {scopeName, UnknownScopeError, type ScopeName} from "../scopeSql.ts";
import {participantsEmptyNote, participantsSection, type AnnualParticipants} from "./annualParticipants.ts";

/** A section either has its figures or says, in Russian, why it has none. */
export type Section<T> = {available: true; data: T} | {available: false; note: string};

export interface ReportPeriod {
  kind: "school-year" | "calendar-year";
  /** «2024/25» or «2024». */
  id: string;
  /** «2024/25 учебный год» or «2024 год». */
  label: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

export interface EngagementYear {
  /** The school (or calendar) year this row stands for: «2023/24». */
  periodId: string;
  /** Its number (a school year: the year it ends in). */
  year: number;
  /** The year's last complete quarter (every expected school counted), else its last quarter: its figures stand for the year. */
  period: string;
  /** False when no quarter of the year is complete: `period` is then the last one, and `coverage` says what it lacks. */
  complete: boolean;
  /** «по 20 из 22 школ», schools counted and expected in that quarter. */
  coverage: {label: string; schoolsCounted: number; schoolsExpected: number; studentsShare: number | null; teachersShare: number | null};
  /** Which quarter stands for the year and why, in Russian. */
  note: string;
  /** The target decision in words over the scope's expected schools (lib/coverage.ts targetVerdict): «данные неполные (по N из M школ): цель не оценивается» when incomplete. */
  verdict: {students: string; teachers: string};
  studentsPct: number | null;
  teachersPct: number | null;
  studentsEngaged: number | null;
  studentsPopulation: number | null;
  teachersEngaged: number | null;
  teachersPopulation: number | null;
  schoolsIncluded: number;
  schoolsNotReported: number;
  /** A side hidden (fewer than 5 people, or a secondary cell: reports/aggregateEngagement.ts) has its share null and its flag set. */
  municipalities: Array<{name: string; studentsPct: number | null; teachersPct: number | null; complete: boolean; coverage: string;
    /** Each municipality's decision against the same targets (targetVerdict over its expected schools). Empty below the region. */
    verdict: {students: string; teachers: string};
    suppressed?: {students: boolean; teachers: boolean}}>;
  /** The scope's own sides hidden (a scope of fewer than 5 people). */
  suppressed?: {students: boolean; teachers: boolean};
}

export interface TargetLine {
  code: string;
  name: string;
  /** How the indicator is computed (setting «Целевые показатели»): a roster column, young specialists' retention, turnover, or only schools' tables. */
  source: "roster" | "retention" | "turnover" | "table";
  /** A share (percent) or a count. */
  measure: "share" | "count";
  schools: number;
  /** Percent for a share, the number for a count. */
  actual: number | null;
  /** The region's figure of the school year before. */
  previous: number | null;
  /** The region's sums behind `actual` (Σ numerators / Σ denominators over the schools that have it; a count has no denominator). */
  numerator: number;
  denominator: number | null;
  /** The target line in percent for a share «не менее / не более» (the bars and the dashboard); null for other kinds. */
  target: number | null;
  /** The target of any kind and its decision (reports/targets.ts judge): goal, goalText, met, gap (positive = short), unit, gapText, verdict. */
  goal: Judged["target"];
  goalText: string | null;
  gap: number | null;
  unit: Judged["unit"];
  gapText: string;
  verdict: string;
  met: boolean | null;
  /** Both legitimate definitions, named: computed from rosters, and as schools reported them in their tables. */
  bySource: {roster: SourcePart | null; table: SourcePart | null};
}

export interface RetentionCohortLine {
  /** School year of hiring (the year it ends in) and as written, «2023/24». */
  year: number;
  label: string;
  hired: number;
  retained: number;
  left: number;
  pending: number;
  share: number | null;
}

export interface SuppressedCohortLine {
  year: number;
  label: string;
  hired: null;
  retained: null;
  left: null;
  pending: null;
  share: null;
  suppressed: true;
}

export interface PrepostArea {
  label: string;
  nPairs: number;
  suppressed: boolean;
  meanEntryDeficit: number | null;
  meanExitDeficit: number | null;
  normalizedGain: number | null;
  shareImproved: number | null;
  /** The one test chosen for the area (lib/chosenTest.ts): its name and p; null when suppressed. */
  test: ChosenTest | null;
  /** Kept for readers of the earlier JSON: the chosen test's p. */
  p: number | null;
  reading: string | null;
}

export interface AnnualReport {
  generatedAt: string;
  /** Whose report: the level, the directory id (null for the region), the name (the region's: the organisation setting), a school's municipality. */
  scope: ScopeName;
  period: ReportPeriod;
  /** The period's number: a school year's is the year it ends in (2025 = 2024/25); a calendar year's, itself. */
  year: number;
  /** The school year the school-year sections (targets, retention, diagnostics) use: the period, or the one ending in the calendar year. */
  schoolYear: {id: string; label: string; year: number};
  /** The date load and violations are counted at: the period's last day, or today while it runs. */
  asOf: string;
  minGroupSize: number;
  method: {tests: string};
  engagement: Section<{targets: {students: number; teachers: number}; current: EngagementYear;
    /** Earlier years of the same kind, then this one: never a later one. */
    years: EngagementYear[];
    /** Every quarter of the period with data. */
    quarters: Array<{period: string; studentsPct: number | null; teachersPct: number | null; complete: boolean; coverage: string}>}>;
  targets: Section<{schoolYear: string; indicators: TargetLine[]}>;
  swot: Section<{respondents: number; byRole: Record<string, number>; undated: number; quadrants: Array<{quadrant: string; label: string;
    mentions: number; respondents: number; share: number | null; top: Array<{text: string; mentions: number; share: number | null}>}>;
    /** The full tally for the dashboard's grid (no names in it). */
    tally: QuadrantTally[]}>;
  retention: Section<{schoolYear: string; observedUntil: string | null;
    /** The cohort judged in this school year: hired the year before. Null when there is none (or it is too small). */
    judged: RetentionCohortLine | null;
    /** A cohort of fewer young specialists than the group-size setting keeps only its year: every count null. */
    cohorts: Array<(RetentionCohortLine & {suppressed: false}) | SuppressedCohortLine>;
    turnover: Array<{year: number; label: string; averageHeadcount: number; hires: number; leavers: number; rate: number | null}>;
    /** This school year's turnover against its target (the targets section's line: one decision), or null without a turnover indicator. */
    turnoverTarget: TargetLine | null}>;
  /** For aggregate readers (the default) a count of 1–4 people and a count that would give one back by subtraction is null, shown «< 5» (annualSuppression.ts). */
  load: Section<{date: string; mentors: number | null; mentees: number | null; pairs: number | null; meanCurrent: number | null; maxCurrent: number | null;
    maxMentees: number; current: Array<{mentees: number; mentors: number | null}>; yearDistribution: Array<{mentees: number; mentors: number | null}>;
    menteesWithoutMentor: number | null; byForm: Array<{label: string; pairs: number | null}>; completionShare: number | null;
    /** The cells hidden (empty for the methodologist's full view). */
    hidden: string[]}>;
  violations: Section<{date: string; schools: number; rules: Array<{rule: string; title: string; severity: string; count: number | null; schools: number | null; suppressed: boolean}>}>;
  prepost: Section<{schoolYear: string; teachers: number; paired: number; entryOnly: number; exitOnly: number; undated: number;
    areas: PrepostArea[]}>;
  /** The mentees' students, the school year before and this one (reports/exports/annualStudents.ts). */
  students: Section<AnnualStudents>;
  /** «Что говорят участники: до и после»: questions asked at entry and exit (reports/exports/annualParticipants.ts). */
  participants: Section<AnnualParticipants>;
}

export interface AnnualOptions {
  /** A school year or a calendar year; default: the latest school year with data. */
  period?: Period;
  /** YYYY-MM-DD: caps the load/violations date for a year still running (default: today). */
  today?: string;
  /** Whose report: the region (default), a municipality or a school by directory id; every section is filtered to it. */
  scope?: ReportScope;
  /** Who reads it: "aggregate" (default: management, publishing) hides small groups in load and violations; "service" (the methodologist) keeps exact counts. */
  audience?: Audience;
}

const NO_DATA = "Данных для раздела нет: соответствующие файлы ещё не загружены.";

/** Runs one section's gathering; a failure becomes a note (never the whole report's failure). */
async function section<T>(gather: () => Promise<T | null>, empty = NO_DATA): Promise<Section<T>> {
  try {
    const data = await gather();
    return data === null ? {available: false, note: empty} : {available: true, data};
  } catch (e) {
    // The error's text may quote data: only its kind is kept.
    return {available: false, note: `Раздел не удалось подготовить (${e instanceof Error ? e.name : "ошибка"}); остальные разделы не затронуты.`};
  }
}

/** The school year a report period's school-year sections use: itself, or the school year ending in the calendar year. */
export function schoolYearOfReport(p: Period): number {
  if (p.kind === "school-year") return p.year;
  return periodsWithin(p, "school-year")[0]?.year ?? p.year;
}

/** The default period: the latest school year with reported data (reports/periods.ts), else the current one. */
export async function defaultReportPeriod(store: Store, today: string): Promise<Period> {
  const year = (await dataPeriods(store, {today})).defaultSchoolYear;
  return year ? periodFromId(year.id) : schoolYear(Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 9 ? 1 : 0));
}

async function engagementSection(store: Store, settings: Settings, p: Period, scope: ReportScope) {
  const quarters = await engagementPeriods(store);
  const sameKind = (year: number): Period => (p.kind === "school-year" ? schoolYear(year) : calendarYear(year));
  const years: EngagementYear[] = [];
  // Each quarter's report once per annual report (a quarter may be looked at for its year and again in the list below).
  const reports = new Map<string, ReturnType<typeof engagementReport>>();
  const reportOf = (q: string) => {
    if (!reports.has(q)) reports.set(q, engagementReport(store, settings, {period: q, scope}));
    return reports.get(q)!;
  };
  // The report is aggregate-only: each quarter's figures as management receives them (small groups and
  // the cells that would reveal them hidden, the same cells as the engagement workbook for management).
  const views = new Map<string, Promise<AggregateEngagementReport>>();
  const viewOf = (q: string) => {
    if (!views.has(q)) {
      views.set(q, reportOf(q).then(async (base) => engagementForAggregates(base,
        await engagementByForm(store, settings, {base, suppress: false}), settings.groupSize.minGroupSize).report));
    }
    return views.get(q)!;
  };
  for (let y = p.year - 10; y <= p.year; y++) {
    const year = sameKind(y);
    const chosen = await representativeQuarter(store, settings, quartersIn(quarters, year), reportOf);
    if (!chosen) continue;
    const {period, incomplete} = chosen;
    const r = await viewOf(period);
    const t = r.total, c = t.coverage;
    years.push({periodId: periodId(year), year: y, period, complete: !incomplete,
      coverage: {label: c.label, schoolsCounted: c.schoolsCounted, schoolsExpected: c.schoolsExpected, studentsShare: c.students.share,
        teachersShare: c.teachers.share},
      note: incomplete
        ? `полного квартала за ${periodLabel(year)} нет: взят ${formatPeriod(period)}, данные ${c.label}; цель не оценивается`
        : `${formatPeriod(period)} — последний полный квартал за ${periodLabel(year)} (${c.label})`,
      verdict: t.verdict,
      studentsPct: t.studentsPct, teachersPct: t.teachersPct,
      studentsEngaged: t.studentsEngaged, studentsPopulation: t.studentsPopulation,
      teachersEngaged: t.teachersEngaged, teachersPopulation: t.teachersPopulation,
      schoolsIncluded: t.schoolsIncluded.length, schoolsNotReported: t.schoolsNotReported.length,
      // A municipality's or a school's report has no breakdown by municipality: its one row would be the scope itself.
      municipalities: scope.level !== "region" ? [] : r.municipalities.map((m) => ({name: m.name, studentsPct: m.studentsPct, teachersPct: m.teachersPct,
        complete: m.coverage.complete, coverage: m.coverage.label, verdict: m.verdict, suppressed: m.suppressed})),
      suppressed: t.suppressed});
  }
  const current = years.find((y) => y.year === p.year);
  if (!current) return null;
  const inYear = [];
  for (const q of quartersIn(quarters, p)) {
    const r = await viewOf(q);
    const c = r.total.coverage;
    inYear.push({period: q, studentsPct: r.total.studentsPct, teachersPct: r.total.teachersPct, complete: c.complete, coverage: c.label});
  }
  return {targets: settings.targets.engagementTargetPct, current, years, quarters: inYear};
}

async function targetsSection(store: Store, settings: Settings, year: number, scope: ReportScope) {
  const r = await targetsReport(store, settings, {year, scope});
  const y = r.region.find((x) => x.year === year);
  if (!y || !y.indicators.length) return null;
  const sourceOf = (code: string) => settings.indicators.indicators.find((d) => d.code === code)?.source ?? "roster";
  return {schoolYear: formatSchoolYear(year), indicators: y.indicators.map((i): TargetLine => ({code: i.code, name: i.name, source: sourceOf(i.code),
    measure: i.measure, schools: i.schools, actual: i.actual, previous: i.previous, numerator: i.numerator, denominator: i.denominator,
    target: i.target?.type === "share_at_least" || i.target?.type === "share_at_most" ? i.target.percent : null,
    goal: i.target, goalText: i.targetText, gap: i.gap, unit: i.unit, gapText: i.gapText, verdict: i.verdict, met: i.met, bySource: i.bySource}))};
}

async function swotSection(store: Store, settings: Settings, p: Period, scope: ReportScope) {
  const r = await swotReport(store, settings, {period: p, scope});
  if (r.respondents.total === 0) return null;
  return {respondents: r.respondents.total, byRole: r.respondents.byRole, undated: r.undated, tally: r.quadrants,
    quadrants: r.quadrants.map((q) => ({quadrant: q.quadrant, label: q.label, mentions: q.mentions, respondents: q.respondents, share: q.share,
      top: q.top.slice(0, 3).map((s) => ({text: s.label, mentions: s.mentions, share: s.share}))}))};
}

async function retentionSection(store: Store, settings: Settings, year: number, scope: ReportScope, targets: Section<{indicators: TargetLine[]}>) {
  const r = await retentionReport(store, {schoolYear: year, scope});
  const cohorts = r.region.cohorts.filter((c) => c.year <= year);
  const turnover = r.region.turnover.filter((t) => t.year <= year);
  if (!cohorts.length && !turnover.length) return null;
  const min = settings.groupSize.minGroupSize;
  const line = (c: (typeof cohorts)[number]): RetentionCohortLine => ({year: c.year, label: formatSchoolYear(c.year), hired: c.hired,
    retained: c.retained, left: c.left, pending: c.pending, share: c.share});
  // A cohort of fewer young specialists than the group-size setting would let a reader recognise them.
  const judged = cohorts.find((c) => c.year === year - 1);
  return {schoolYear: formatSchoolYear(year), observedUntil: r.observedUntil,
    judged: judged && !isSmallGroup(judged.hired, min) ? line(judged) : null,
    cohorts: cohorts.map((c) => isSmallGroup(c.hired, min)
      ? {year: c.year, label: formatSchoolYear(c.year), hired: null, retained: null, left: null, pending: null, share: null, suppressed: true as const}
      : {...line(c), suppressed: false as const}),
    turnover: turnover.map((t) => ({year: t.year, label: formatSchoolYear(t.year), averageHeadcount: t.averageHeadcount, hires: t.hires,
      leavers: t.leavers, rate: t.rate})),
    turnoverTarget: targets.available ? targets.data.indicators.find((i) => i.source === "turnover") ?? null : null};
}

async function loadSection(store: Store, settings: Settings, asOf: string, scope: ReportScope, audience: Audience) {
  const r = await loadReport(store, settings, {date: asOf, scope});
  const t = r.total;
  if (t.mentors === 0 && t.mentees === 0) return null;
  const full = {date: r.date, mentors: t.mentors, mentees: t.mentees, pairs: t.pairs, meanCurrent: t.current.mean, maxCurrent: t.current.max,
    maxMentees: r.maxMentees, current: t.current.distribution, yearDistribution: t.year.distribution,
    menteesWithoutMentor: t.menteesWithoutMentor.length, byForm: t.byForm.map((f) => ({label: f.label, pairs: f.pairs})),
    completionShare: t.completion.share, hidden: [] as string[]};
  return audience === "service" ? full : suppressLoad(full, settings.groupSize.minGroupSize);
}

async function violationsSection(store: Store, settings: Settings, asOf: string, scope: ReportScope, audience: Audience) {
  const r = await violationsReport(store, settings, {date: asOf, scope});
  if (!r.schools.length) return null;
  return {date: r.date, schools: r.schools.length,
    rules: ((rules) => audience === "service" ? rules.map((x) => ({...x, suppressed: false})) : suppressViolations(rules, settings.groupSize.minGroupSize))(
      r.summary.map((s) => ({rule: s.rule, title: s.title, severity: s.severity, count: s.count as number | null, schools: s.schools as number | null})))};
}

async function prepostSection(store: Store, settings: Settings, year: number, scope: ReportScope) {
  const r = await prepostReport(store, settings, {names: false, schoolYear: year, scope});
  if (r.counts.teachers === 0) return null;
  const min = settings.groupSize.minGroupSize;
  return {schoolYear: formatSchoolYear(year), teachers: r.counts.teachers, paired: r.counts.paired, entryOnly: r.counts.entryOnly,
    exitOnly: r.counts.exitOnly, undated: r.counts.undated,
    areas: r.areas.map((a): PrepostArea => {
      // No pairs at all is nothing to hide: the area says so instead of «< 5».
      const suppressed = a.nPairs > 0 && isSmallGroup(a.nPairs, min);
      return {label: a.label, nPairs: a.nPairs, suppressed,
        meanEntryDeficit: suppressed ? null : a.meanEntryDeficit, meanExitDeficit: suppressed ? null : a.meanExitDeficit,
        normalizedGain: suppressed ? null : a.normalizedGain, shareImproved: suppressed ? null : a.shareImproved,
        test: suppressed ? null : a.test, p: suppressed ? null : a.test.p, reading: suppressed ? null : a.reading};
    })};
}

export async function annualReport(store: Store, settings: Settings, options: AnnualOptions = {}): Promise<AnnualReport> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const p = options.period ?? await defaultReportPeriod(store, today);
  if (p.kind === "quarter") throw new Error("annualReport: a quarter is not a report period");
  const bounds = periodBounds(p);
  const end = isoDay(bounds.end);
  const asOf = today < end ? today : end;
  const sy = schoolYearOfReport(p);
  const scope: ReportScope = options.scope ?? {level: "region"};
  const audience: Audience = options.audience ?? "aggregate";
  const named = await store.read((c) => scopeName(c, scope, settings.organisation.name));
  if (!named) throw new UnknownScopeError(scope as Exclude<ReportScope, {level: "region"}>);
  const targets = await section(() => targetsSection(store, settings, sy, scope),
    `Таблиц целевых показателей и кадровых списков за ${formatSchoolYear(sy)} учебный год нет.`);
  return {
    generatedAt: new Date().toISOString(),
    scope: named,
    period: {kind: p.kind, id: periodId(p), label: periodLabel(p), start: isoDay(bounds.start), end},
    year: p.year,
    schoolYear: {id: periodId(schoolYear(sy)), label: periodLabel(schoolYear(sy)), year: sy},
    asOf,
    minGroupSize: settings.groupSize.minGroupSize,
    method: {tests: TEST_CHOICE_TEXT},
    engagement: await section(() => engagementSection(store, settings, p, scope), `Квартальных отчётов (формы 1–5) за ${periodLabel(p)} нет.`),
    targets,
    swot: await section(() => swotSection(store, settings, p, scope), `Анкет участников (SWOT) за ${periodLabel(p)} нет.`),
    retention: await section(() => retentionSection(store, settings, sy, scope, targets),
      `Кадровых списков для расчёта закрепления молодых специалистов за ${formatSchoolYear(sy)} учебный год и ранее нет.`),
    load: await section(() => loadSection(store, settings, asOf, scope, audience), "Баз наставников и наставляемых пока нет."),
    violations: await section(() => violationsSection(store, settings, asOf, scope, audience), "Баз наставников и наставляемых пока нет."),
    prepost: await section(() => prepostSection(store, settings, sy, scope),
      `Результатов диагностики за ${formatSchoolYear(sy)} учебный год нет (учитывается учебный год, указанный в файле диагностики).`),
    // Results are dated by the year of the examinations, which is the year the school year ends in.
    students: await annualStudentsSection(store, settings, {year: sy, scope}),
    participants: await section(() => participantsSection(store, settings, p, scope), participantsEmptyNote(p))
  };
}
