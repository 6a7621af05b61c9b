// Management's page: the same report functions as `mentoring report targets|swot|retention|load|
// violations|engagement|prepost --json`, reduced to counts and shares (no names, no person ids);
// groups of fewer than 5 people keep their size only.
import {targetsReport, type TargetsReport} from "../../reports/targets.ts";
import {swotReport} from "../../reports/swot.ts";
import {retentionReport} from "../../reports/retention.ts";
import {loadReport} from "../../reports/load.ts";
import {violationsReport, type ViolationsReport} from "../../reports/violations.ts";
import {engagementYears} from "../../reports/engagement.ts";
import {prepostReport, type AreaFigures} from "../../reports/prepost.ts";
import type {QuadrantTally} from "../../lib/swotTally.ts";
import type {RetentionCohort} from "../../lib/retention.ts";
import type {Turnover} from "../../lib/turnover.ts";
import {isSmallGroup} from "../../lib/smallGroup.ts";
import {emit, section, NO_DATA} from "./_snapshot.ts";
import type {Section} from "../components/section.ts";

export interface EffectivenessData {
  targets: Section<{years: number[]; region: TargetsReport["region"]}>;
  swot: Section<{respondents: {total: number; byRole: Record<string, number>}; quadrants: QuadrantTally[]}>;
  retention: Section<{observedUntil: string | null; cohorts: Array<RetentionCohort & {suppressed: boolean}>; turnover: Turnover[]}>;
  load: Section<{date: string; mentors: number; mentees: number; pairs: number; maxMentees: number;
    current: Array<{mentees: number; mentors: number}>; year: Array<{mentees: number; mentors: number}>;
    byForm: Array<{label: string; pairs: number}>; menteesWithoutMentor: number}>;
  violations: Section<{date: string; summary: ViolationsReport["summary"]; schools: number}>;
  engagement: Section<{target: {students: number; teachers: number}; years: Array<{year: number; period: string;
    studentsPct: number | null; teachersPct: number | null}>}>;
  prepost: Section<{paired: number; areas: Array<Pick<AreaFigures, "area" | "label" | "nPairs" | "meanEntryDeficit" | "meanExitDeficit" | "meanChange" | "reading">>}>;
}

const NOT_LOADED = (what: string) => `${what} ещё не загружены: загрузите их и соберите дашборды заново.`;

await emit(async (store): Promise<EffectivenessData | {available: false; message: string}> => {
  if (!store) return {available: false, message: NO_DATA};
  return {
    // Target indicators of the region per year (Σ numerators / Σ denominators over schools).
    targets: await section(async () => {
      const r = await targetsReport(store);
      return r.region.length ? {years: r.years, region: r.region} : null;
    }, NOT_LOADED("Целевые показатели и кадровые списки")),
    // SWOT tally of the questionnaires: quadrants with their top statements, counts by role.
    swot: await section(async () => {
      const r = await swotReport(store);
      return r.respondents.total ? {respondents: r.respondents, quadrants: r.quadrants} : null;
    }, NOT_LOADED("Анкеты участников (SWOT)")),
    // Retention of young specialists by hiring year and turnover, region sums.
    retention: await section(async () => {
      const r = await retentionReport(store);
      if (!r.region.cohorts.length && !r.region.turnover.length) return null;
      return {observedUntil: r.observedUntil, turnover: r.region.turnover,
        cohorts: r.region.cohorts.map((c) => isSmallGroup(c.hired) ? {...c, share: null, suppressed: true} : {...c, suppressed: false})};
    }, NOT_LOADED("Кадровые списки")),
    // Mentor load: distributions and counts only (the report's id lists are left out).
    load: await section(async () => {
      const r = await loadReport(store);
      const t = r.total;
      if (!t.mentors && !t.mentees) return null;
      return {date: r.date, mentors: t.mentors, mentees: t.mentees, pairs: t.pairs, maxMentees: (await violationsReport(store, {date: r.date})).limits.maxMentees,
        current: t.current.distribution, year: t.year.distribution, byForm: t.byForm.map((f) => ({label: f.label, pairs: f.pairs})),
        menteesWithoutMentor: t.menteesWithoutMentor.length};
    }, NOT_LOADED("Базы наставников и наставляемых")),
    // Rule violations: how many of each rule and in how many schools, no names.
    violations: await section(async () => {
      const r = await violationsReport(store);
      return r.schools.length ? {date: r.date, summary: r.summary, schools: r.schools.length} : null;
    }, NOT_LOADED("Базы наставников и наставляемых")),
    // Engagement year over year: each year's last complete quarter, else its last one marked incomplete
    // (engagementYears, the same choice as the annual report).
    engagement: await section(async () => {
      const chosen = await engagementYears(store);
      if (!chosen.length) return null;
      const years = chosen.map(({year, period, incomplete, report: r}) => ({year, period, complete: !incomplete,
        coverage: r.region.coverage.label, studentsPct: r.region.studentsPct, teachersPct: r.region.teachersPct}));
      return {target: chosen.at(-1)!.report.targets, years};
    }, NOT_LOADED("Квартальные отчёты (формы 1–5)")),
    // The region's pre/post summary per area.
    prepost: await section(async () => {
      const r = await prepostReport(store);
      if (!r.counts.teachers) return null;
      return {paired: r.counts.paired, areas: r.areas.map(({area, label, nPairs, meanEntryDeficit, meanExitDeficit, meanChange, reading}) =>
        ({area, label, nPairs, meanEntryDeficit, meanExitDeficit, meanChange, reading}))};
    }, NOT_LOADED("Входная и итоговая диагностика"))
  };
});
