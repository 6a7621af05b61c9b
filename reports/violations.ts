// Violations of the model regulation's mentoring rules (seed 001, step 5) in the current
// registries: one record per violation with ids, dates, the rule's text and source; counts per rule
// and school for management; the rules that could not be checked, and why. Names appear only when
// asked for (`names: true`, the curator's named-person output).
import {listValue} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {mentoringViolations, type MentoringRules, type RuleId, type Violation} from "../lib/mentoringRules.ts";
import type {Settings} from "../settings/index.ts";
import {isoDay} from "../lib/isoDay.ts";
import type {ReportScope} from "./scope.ts";
import {readRegistries, type RegistryDataIssue} from "./registryPairs.ts";


export interface ViolationsOptions {
  /** Only a municipality's schools or one school (directory ids); default the region. */
  scope?: ReportScope;
  /** The report date, YYYY-MM-DD (default: today). */
  date?: string;
  /** Part of a school's name, or a district. */
  school?: string;
  /** Add the names of the people the violations name (the curator's named-person output). */
  names?: boolean;
}

export interface SchoolRef {
  schoolId: number;
  school: string;
  municipality: string;
}

export interface ViolationsReport {
  date: string;
  limits: {maxMentees: number; minMonths: number; maxMonths: number; appointmentDays: number; councilMentors: number};
  schools: Array<SchoolRef & {bases: string[]; mentors: number; pairs: number; errors: number; warnings: number; information: number}>;
  summary: Array<{rule: RuleId; title: string; severity: Violation["severity"]; count: number; schools: number}>;
  violations: Array<SchoolRef & Violation>;
  notChecked: Array<SchoolRef & {rule: RuleId; title: string; reason: string; pairs: number}>;
  dataIssues: Array<SchoolRef & RegistryDataIssue>;
  rules: Array<{rule: RuleId; title: string; text: string; source: string}>;
  /** Only with `names`: the people the violations and data issues name. */
  people?: Array<{id: number; name: string}>;
}

const RULE_ORDER: RuleId[] = ["max-mentees", "duration-too-short", "duration-too-long", "duration-running-past-limit",
  "appointment-late", "council-possible"];

/** A short Russian name of each rule for the summary (the three duration rules share one config entry). */
export function ruleLabel(rule: RuleId, rules: MentoringRules): string {
  const d = rules.duration;
  switch (rule) {
    case "duration-too-short": return `Наставничество короче ${d.minMonths} мес.`;
    case "duration-too-long": return `Наставничество дольше ${d.maxMonths} мес.`;
    case "duration-running-past-limit": return `Идёт дольше ${d.maxMonths} мес. без даты завершения`;
    case "max-mentees": return rules.maxMentees.title;
    case "appointment-late": return rules.appointment.title;
    case "council-possible": return rules.council.title;
  }
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function violationsReport(store: Store, settings: Settings, options: ViolationsOptions = {}): Promise<ViolationsReport> {
  const rules: MentoringRules = settings.mentoringRules;
  const date = options.date ?? todayIso();
  const asOf = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(asOf.getTime())) throw new Error(`violationsReport: bad date ${date}`);
  const registries = await store.read((c) => readRegistries(c, {school: options.school, scope: options.scope}));

  const report: ViolationsReport = {
    date: isoDay(asOf),
    limits: {maxMentees: rules.maxMentees.limit, minMonths: rules.duration.minMonths, maxMonths: rules.duration.maxMonths,
      appointmentDays: rules.appointment.days, councilMentors: rules.council.minMentors},
    schools: [], summary: [], violations: [], notChecked: [], dataIssues: [], rules: []
  };
  for (const reg of registries) {
    const ref: SchoolRef = {schoolId: reg.schoolId, school: reg.school, municipality: reg.municipality};
    const check = mentoringViolations(reg.pairs, rules, asOf);
    for (const v of check.violations) report.violations.push({...ref, ...v});
    const reasons = new Map<string, number>();
    for (const n of check.notChecked) reasons.set(n.reason, (reasons.get(n.reason) ?? 0) + 1);
    for (const [reason, pairs] of reasons) {
      report.notChecked.push({...ref, rule: "appointment-late", title: rules.appointment.title, reason, pairs});
    }
    for (const i of reg.dataIssues) report.dataIssues.push({...ref, ...i});
    const count = (s: Violation["severity"]) => check.violations.filter((v) => v.severity === s).length;
    report.schools.push({...ref, bases: reg.bases, mentors: check.checked.mentors, pairs: check.checked.pairs,
      errors: count("error"), warnings: count("warning"), information: count("info")});
  }
  const wording: Record<RuleId, {title: string; text: string; source: string; severity: Violation["severity"]}> = {
    "max-mentees": rules.maxMentees, "duration-too-short": rules.duration, "duration-too-long": rules.duration,
    "duration-running-past-limit": rules.duration, "appointment-late": rules.appointment, "council-possible": rules.council
  };
  for (const rule of RULE_ORDER) {
    const list = report.violations.filter((v) => v.rule === rule);
    report.summary.push({rule, title: ruleLabel(rule, rules), severity: wording[rule].severity, count: list.length,
      schools: new Set(list.map((v) => v.schoolId)).size});
  }
  const seen = new Set<string>();
  for (const rule of RULE_ORDER) {
    const w = wording[rule];
    if (seen.has(w.text)) continue;
    seen.add(w.text);
    report.rules.push({rule, title: w.title, text: w.text, source: w.source});
  }
  if (options.names) {
    const ids = new Set<number>();
    for (const v of report.violations) { if (v.mentorId !== null) ids.add(v.mentorId); v.menteeIds.forEach((i) => ids.add(i)); }
    for (const i of report.dataIssues) for (const id of [i.mentorId, i.menteeId]) if (id !== null) ids.add(id);
    report.people = ids.size === 0 ? [] : await store.read((c) => all<{id: number; name: string}>(c,
      "SELECT person_id AS id, full_name AS name FROM registry_people WHERE list_contains($ids, person_id) ORDER BY person_id",
      {ids: listValue([...ids])}));
  }
  return report;
}
