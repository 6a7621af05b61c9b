// Mentor load from the current registries: mentees per mentor now and over the last 12 months, the
// distribution, mentors without mentees, mentees without a mentor, pairs per form of mentoring and
// completion of the programme. Ids and counts only: no names.
import type {Store} from "../store/database.ts";
import {mentorLoad, type LoadSummary} from "../lib/mentorLoad.ts";
import {isoDay} from "../lib/isoDay.ts";
import {MENTORING_FORMS, type MentoringForm} from "../loaders/registries/mentoringForm.ts";
import type {ReportScope} from "./scope.ts";
import {readRegistries, type Pair} from "./registryPairs.ts";
import {todayIso} from "./violations.ts";
import type {Settings} from "../settings/index.ts";

export interface LoadOptions {
  /** Only a municipality's schools or one school (directory ids); default the region. */
  scope?: ReportScope;
  /** YYYY-MM-DD, default today. */
  date?: string;
  school?: string;
}

export interface LoadBlock {
  mentors: number;
  mentees: number;
  /** Distinct (mentor, mentee) pairs. */
  pairs: number;
  current: LoadSummary;
  year: LoadSummary;
  menteesWithoutMentor: number[];
  byForm: Array<{form: MentoringForm | null; label: string; pairs: number; mentors: number; mentees: number}>;
  /** Pairs whose programme ended by the date, by the completion mark; share = completed / marked. */
  completion: {ended: number; completed: number; notCompleted: number; unmarked: number; share: number | null};
}

export interface LoadReport {
  date: string;
  /** The rule's limit of mentees at once (setting «Правила наставничества»), which the distributions mark. */
  maxMentees: number;
  yearFrom: string;
  total: LoadBlock;
  schools: Array<{schoolId: number; school: string; municipality: string} & LoadBlock>;
}

function block(pairs: Pair[], asOf: Date): LoadBlock & {yearFrom: Date} {
  const load = mentorLoad(pairs, asOf);
  const real = pairs.filter((p) => p.mentorId !== null && p.menteeId !== null);
  const forms = [...Object.keys(MENTORING_FORMS) as MentoringForm[], null];
  const byForm = forms.map((form) => {
    const list = real.filter((p) => (p.form ?? null) === form);
    return {form, label: form ? MENTORING_FORMS[form] : "не указана", pairs: new Set(list.map((p) => `${p.mentorId}|${p.menteeId}`)).size,
      mentors: new Set(list.map((p) => p.mentorId)).size, mentees: new Set(list.map((p) => p.menteeId)).size};
  }).filter((f) => f.pairs > 0);
  const ended = real.filter((p) => p.end && p.end <= asOf);
  const completed = ended.filter((p) => p.completed === true).length;
  const notCompleted = ended.filter((p) => p.completed === false).length;
  return {
    yearFrom: load.yearFrom,
    mentors: load.mentors, mentees: load.mentees,
    pairs: new Set(real.map((p) => `${p.mentorId}|${p.menteeId}`)).size,
    current: load.current, year: load.year, menteesWithoutMentor: load.menteesWithoutMentor, byForm,
    completion: {ended: ended.length, completed, notCompleted, unmarked: ended.length - completed - notCompleted,
      share: completed + notCompleted > 0 ? completed / (completed + notCompleted) : null}
  };
}

export async function loadReport(store: Store, settings: Settings, options: LoadOptions = {}): Promise<LoadReport> {
  const date = options.date ?? todayIso();
  const asOf = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(asOf.getTime())) throw new Error(`loadReport: bad date ${date}`);
  const registries = await store.read((c) => readRegistries(c, {school: options.school, scope: options.scope}));
  const {yearFrom, ...total} = block(registries.flatMap((r) => r.pairs), asOf);
  return {
    date: isoDay(asOf), maxMentees: settings.mentoringRules.maxMentees.limit, yearFrom: isoDay(yearFrom), total,
    schools: registries.map((r) => {
      const {yearFrom: _, ...b} = block(r.pairs, asOf);
      return {schoolId: r.schoolId, school: r.school, municipality: r.municipality, ...b};
    })
  };
}
