// The annual analytical report («итоговый аналитический отчёт о реализации системы наставничества»,
// seed 001, appendix 3): aggregates only, gathered from the other reports — engagement year over
// year, target indicators, stage 1 (SWOT, retention, mentor load, rule violations as counts) and
// stage 2 (pre/post change of deficits by area). A section whose data is missing says why instead
// of failing the whole report. No names: every figure is a count or a share; groups under 5
// people are suppressed (RELIABILITY.md «152-ФЗ»).
import type {Store} from "../../store/database.ts";
import {engagementPeriods, engagementReport} from "../engagement.ts";
import {targetsReport} from "../targets.ts";
import {swotReport} from "../swot.ts";
import {retentionReport} from "../retention.ts";
import {loadReport} from "../load.ts";
import {violationsReport} from "../violations.ts";
import {prepostReport} from "../prepost.ts";
import {isSmallGroup, MIN_GROUP_SIZE} from "../../lib/smallGroup.ts";
import {annualStudentsSection, type AnnualStudents} from "./annualStudents.ts";

/** A section either has its figures or says, in Russian, why it has none. */
export type Section<T> = {available: true; data: T} | {available: false; note: string};

export interface EngagementYear {
  year: number;
  /** The last quarter of the year that has data: its figures stand for the year. */
  period: string;
  studentsPct: number | null;
  teachersPct: number | null;
  studentsEngaged: number | null;
  studentsPopulation: number | null;
  teachersEngaged: number | null;
  teachersPopulation: number | null;
  schoolsIncluded: number;
  schoolsNotReported: number;
  municipalities: Array<{name: string; studentsPct: number | null; teachersPct: number | null}>;
}

export interface AnnualReport {
  generatedAt: string;
  /** The year reported on (calendar year of the latest quarter with data, unless asked). */
  year: number;
  minGroupSize: number;
  engagement: Section<{targets: {students: number; teachers: number}; years: EngagementYear[]}>;
  targets: Section<{year: number; indicators: Array<{name: string; schools: number; actual: number | null; target: number; met: boolean | null}>}>;
  swot: Section<{respondents: number; quadrants: Array<{label: string; mentions: number; respondents: number; share: number | null;
    top: Array<{text: string; mentions: number; share: number | null}>}>}>;
  retention: Section<{cohorts: Array<{year: number; hired: number; retained: number; left: number; pending: number; share: number | null}>;
    turnover: Array<{year: number; averageHeadcount: number; leavers: number; rate: number | null}>}>;
  load: Section<{date: string; mentors: number; mentees: number; pairs: number; meanCurrent: number | null; maxCurrent: number | null;
    byForm: Array<{label: string; pairs: number}>; completionShare: number | null}>;
  violations: Section<{date: string; schools: number; rules: Array<{title: string; severity: string; count: number; schools: number}>}>;
  prepost: Section<{teachers: number; paired: number; entryOnly: number; exitOnly: number;
    areas: Array<{label: string; nPairs: number; suppressed: boolean; meanEntryDeficit: number | null; meanExitDeficit: number | null;
      normalizedGain: number | null; shareImproved: number | null; p: number | null; reading: string | null}>}>;
  /** The mentees' students, year before and after (reports/exports/annualStudents.ts). */
  students: Section<AnnualStudents>;
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

export async function annualReport(store: Store, options: {year?: number; today?: string} = {}): Promise<AnnualReport> {
  const periods = await engagementPeriods(store);
  const latestYear = periods.length ? Number(periods.at(-1)!.slice(0, 4)) : new Date().getUTCFullYear();
  const year = options.year ?? latestYear;
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  const engagement = await section(async () => {
    const years: EngagementYear[] = [];
    for (const y of [...new Set(periods.map((p) => Number(p.slice(0, 4))))].filter((y) => y <= year).sort()) {
      const period = periods.filter((p) => p.startsWith(`${y}-`)).at(-1)!;
      const r = await engagementReport(store, {period});
      years.push({year: y, period, studentsPct: r.region.studentsPct, teachersPct: r.region.teachersPct,
        studentsEngaged: r.region.studentsEngaged, studentsPopulation: r.region.studentsPopulation,
        teachersEngaged: r.region.teachersEngaged, teachersPopulation: r.region.teachersPopulation,
        schoolsIncluded: r.region.schoolsIncluded.length, schoolsNotReported: r.region.schoolsNotReported.length,
        municipalities: r.municipalities.map((m) => ({name: m.name, studentsPct: m.studentsPct, teachersPct: m.teachersPct}))});
    }
    if (!years.length) return null;
    const {targets} = await engagementReport(store, {period: years.at(-1)!.period});
    return {targets, years};
  }, "Квартальных отчётов (формы 1–5) пока нет.");

  const targets = await section(async () => {
    const r = await targetsReport(store);
    const y = r.region.find((x) => x.year === year) ?? r.region.at(-1);
    if (!y || !y.indicators.length) return null;
    return {year: y.year, indicators: y.indicators.map((i) => ({name: i.name, schools: i.schools, actual: i.actual, target: i.target, met: i.met}))};
  }, "Таблиц целевых показателей и штатных списков пока нет.");

  const swot = await section(async () => {
    const r = await swotReport(store);
    if (r.respondents.total === 0) return null;
    return {respondents: r.respondents.total, quadrants: r.quadrants.map((q) => ({label: q.label, mentions: q.mentions,
      respondents: q.respondents, share: q.share, top: q.top.slice(0, 3).map((s) => ({text: s.label, mentions: s.mentions, share: s.share}))}))};
  }, "Анкет участников (SWOT) пока нет.");

  const retention = await section(async () => {
    const r = await retentionReport(store);
    if (!r.region.cohorts.length && !r.region.turnover.length) return null;
    // A cohort of fewer than 5 young specialists would let a reader recognise them.
    return {cohorts: r.region.cohorts.filter((c) => !isSmallGroup(c.hired)).map((c) => ({year: c.year, hired: c.hired, retained: c.retained,
      left: c.left, pending: c.pending, share: c.share})),
      turnover: r.region.turnover.map((t) => ({year: t.year, averageHeadcount: t.averageHeadcount, leavers: t.leavers, rate: t.rate}))};
  }, "Штатных списков для расчёта закрепления молодых специалистов пока нет.");

  const load = await section(async () => {
    const r = await loadReport(store, {date: today});
    if (r.total.mentors === 0 && r.total.mentees === 0) return null;
    return {date: r.date, mentors: r.total.mentors, mentees: r.total.mentees, pairs: r.total.pairs, meanCurrent: r.total.current.mean,
      maxCurrent: r.total.current.max, byForm: r.total.byForm.map((f) => ({label: f.label, pairs: f.pairs})),
      completionShare: r.total.completion.share};
  }, "Баз наставников и наставляемых пока нет.");

  const violations = await section(async () => {
    const r = await violationsReport(store, {date: today});
    if (!r.schools.length) return null;
    return {date: r.date, schools: r.schools.length,
      rules: r.summary.map((s) => ({title: s.title, severity: s.severity, count: s.count, schools: s.schools}))};
  }, "Баз наставников и наставляемых пока нет.");

  const prepost = await section(async () => {
    const r = await prepostReport(store, {names: false});
    if (r.counts.teachers === 0) return null;
    return {teachers: r.counts.teachers, paired: r.counts.paired, entryOnly: r.counts.entryOnly, exitOnly: r.counts.exitOnly,
      areas: r.areas.map((a) => {
        const suppressed = isSmallGroup(a.nPairs);
        return {label: a.label, nPairs: a.nPairs, suppressed,
          meanEntryDeficit: suppressed ? null : a.meanEntryDeficit, meanExitDeficit: suppressed ? null : a.meanExitDeficit,
          normalizedGain: suppressed ? null : a.normalizedGain, shareImproved: suppressed ? null : a.shareImproved,
          p: suppressed ? null : a.wilcoxon?.p ?? a.pT ?? null, reading: suppressed ? null : a.reading};
      })};
  }, "Результатов входной и итоговой диагностики пока нет.");

  const students = await annualStudentsSection(store, {year});

  return {generatedAt: new Date().toISOString(), year, minGroupSize: MIN_GROUP_SIZE, engagement, targets, swot, retention, load,
    violations, prepost, students};
}
