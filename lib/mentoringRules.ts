// The model regulation's rules applied to one organisation's mentoring pairs.
import {z} from "zod";
import {appointmentDelay} from "./appointmentDelay.ts";
import {mentoringDuration} from "./mentoringDuration.ts";
import {mentorOverlap} from "./mentorOverlap.ts";
import {isoDay} from "./isoDay.ts";

const SOURCE = "Типовое положение о наставничестве (семя 001, шаг 5 «Издается приказ о создании наставнических пар (групп)»)";
const severity = z.enum(["error", "warning", "info"], "важность — error (нарушение), warning (замечание) или info (сведения)");
const wording = {title: z.string().min(1, "заголовок правила не заполнен"), text: z.string().min(1, "текст положения не заполнен"),
  source: z.string().min(1, "источник не заполнен")};
const whole = (min: number, what: string) => z.number().int(`${what} — целое число`).min(min, `${what} — не меньше ${min}`);

/**
 * The rules' limits, severities and Russian texts (settings/mentoringRules.ts, data/config/mentoring-rules.json).
 * Every rule must be there: a missing one is an error, never the regulation's value in silence.
 */
export const MentoringRulesSchema = z.object({
  maxMentees: z.object({limit: whole(1, "предел наставляемых"), severity, ...wording}),
  duration: z.object({minMonths: whole(0, "наименьший срок, мес."), maxMonths: whole(1, "наибольший срок, мес."), severity, ...wording}),
  appointment: z.object({days: whole(0, "срок назначения, дней"), severity, ...wording}),
  council: z.object({minMentors: whole(1, "число наставников для совета"), severity, ...wording})
}).refine((r) => r.duration.minMonths <= r.duration.maxMonths,
  {message: "наименьший срок наставничества больше наибольшего", path: ["duration", "minMonths"]});

export type MentoringRules = z.infer<typeof MentoringRulesSchema>;

/** The regulation's values (seed 001, step 5), as data/config/mentoring-rules.json holds them: for examples and tests. */
export const defaultMentoringRules: MentoringRules = {
  maxMentees: {
    limit: 3, severity: "error", title: "Больше трёх наставляемых одновременно", source: SOURCE,
    text: "Максимальное число лиц, в отношении которых наставник одновременно осуществляет наставничество, не может превышать трех."
  },
  duration: {
    minMonths: 1, maxMonths: 12, severity: "warning", title: "Срок наставничества вне пределов от 1 месяца до 1 года", source: SOURCE,
    text: "Наставничество устанавливается продолжительностью от одного месяца до одного года в зависимости от степени профессиональной подготовки лица, в отношении которого осуществляется наставничество."
  },
  appointment: {
    days: 30, severity: "warning", title: "Наставник назначен позже 30 дней после допуска к работе", source: SOURCE,
    text: "Утверждение кандидатуры наставника осуществляется не позднее 30 календарных дней со дня фактического допущения к работе лица, в отношении которого осуществляется наставничество."
  },
  council: {
    minMentors: 10, severity: "info", title: "Можно создать совет по наставничеству", source: SOURCE,
    text: "При наличии в организации 10 и более наставников может создаваться совет по наставничеству."
  }
};

export interface RulePair {
  mentorId: number | null;
  menteeId: number | null;
  start: Date | null;
  /** Last day (inclusive); null while running. */
  end: Date | null;
  /** The mentee's start of work («Дата приёма на работу»), when the registry has it. */
  workStart: Date | null;
  /** The mentor's appointment: an explicit date, else the pair's start in the programme. */
  appointed: Date | null;
}

export type RuleId = "max-mentees" | "duration-too-short" | "duration-too-long" | "duration-running-past-limit"
  | "appointment-late" | "council-possible";

/** One violation (or, for the council, one piece of information): a record, not a sentence. */
export interface Violation {
  rule: RuleId;
  severity: "error" | "warning" | "info";
  mentorId: number | null;
  menteeIds: number[];
  /** YYYY-MM-DD: when it began (the 4th mentee's start, the programme's start, the start of work). */
  from: string | null;
  /** YYYY-MM-DD: when it ended or was seen (null while it goes on without a date). */
  to: string | null;
  /** Rule-specific numbers: {peak, limit}, {days, limitMonths}, {days, limit}, {mentors, limit}. */
  details: Record<string, number | string | boolean | null>;
  title: string;
  text: string;
  source: string;
}

export interface RuleCheck {
  violations: Violation[];
  /** Pairs the appointment rule could not be checked for, and why. */
  notChecked: Array<{rule: "appointment-late"; mentorId: number | null; menteeId: number; reason: "no-work-start" | "no-appointment"}>;
  /** How many mentors / pairs each rule looked at. */
  checked: {mentors: number; pairs: number; appointmentPairs: number};
}

/**
 * «Нарушения правил наставничества»: every rule of the model regulation applied to one
 * organisation's pairs at `asOf`.
 *
 * Formula: per mentor, mentorOverlap with max = maxMentees.limit (one violation per episode);
 * per pair, mentoringDuration (too short, too long, running past the limit at asOf);
 * appointmentDelay where the pair has a start-of-work date (else listed in notChecked);
 * distinct mentors ≥ council.minMentors gives one information record. Pairs repeated with the
 * same mentor, mentee and start are counted once. Source: seed 001, model regulation (step 5);
 * DOMAIN.md «Registries».
 *
 * @example mentoringViolations([{mentorId: 1, menteeId: 2, start: new Date("2024-09-01"),
 *   end: new Date("2024-09-15"), workStart: null, appointed: new Date("2024-09-01")}], defaultMentoringRules,
 *   new Date("2026-11-24"))
 * // violations: [{rule: "duration-too-short", mentorId: 1, menteeIds: [2], from: "2024-09-01",
 * //   to: "2024-09-15", details: {days: 14, minMonths: 1, minEnd: "2024-10-01"}, …}];
 * // notChecked: [{rule: "appointment-late", mentorId: 1, menteeId: 2, reason: "no-work-start"}]
 */
export function mentoringViolations(pairs: RulePair[], rules: MentoringRules, asOf: Date): RuleCheck {
  const seen = new Set<string>();
  const unique = pairs.filter((p) => {
    const key = `${p.mentorId}|${p.menteeId}|${p.start ? isoDay(p.start) : ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const violations: Violation[] = [];
  const notChecked: RuleCheck["notChecked"] = [];
  const word = (r: {severity: Violation["severity"]; title: string; text: string; source: string}) =>
    ({severity: r.severity, title: r.title, text: r.text, source: r.source});

  const byMentor = new Map<number, RulePair[]>();
  for (const p of unique) {
    if (p.mentorId === null) continue;
    if (!byMentor.has(p.mentorId)) byMentor.set(p.mentorId, []);
    if (p.menteeId !== null) byMentor.get(p.mentorId)!.push(p);
  }
  for (const [mentorId, list] of [...byMentor].sort((a, b) => a[0] - b[0])) {
    const intervals = list.filter((p) => p.start && (!p.end || p.end >= p.start))
      .map((p) => ({menteeId: p.menteeId!, start: p.start!, end: p.end}));
    for (const e of mentorOverlap(intervals, {max: rules.maxMentees.limit, asOf}).episodes) {
      violations.push({rule: "max-mentees", ...word(rules.maxMentees), mentorId, menteeIds: e.menteeIds,
        from: isoDay(e.from), to: e.ongoing ? null : isoDay(e.to),
        details: {peak: e.peak, limit: rules.maxMentees.limit, startedBy: e.startedBy.join(","), ongoing: e.ongoing}});
    }
  }

  const limits = {minMonths: rules.duration.minMonths, maxMonths: rules.duration.maxMonths};
  let appointmentPairs = 0;
  for (const p of unique) {
    if (p.menteeId === null) continue;
    const d = mentoringDuration(p.start, p.end, asOf, limits);
    const base = {...word(rules.duration), mentorId: p.mentorId, menteeIds: [p.menteeId], from: p.start ? isoDay(p.start) : null};
    if (d.status === "too-short") {
      violations.push({rule: "duration-too-short", ...base, to: isoDay(p.end!),
        details: {days: d.days, minMonths: limits.minMonths, minEnd: isoDay(d.minEnd!)}});
    } else if (d.status === "too-long") {
      violations.push({rule: "duration-too-long", ...base, to: isoDay(p.end!),
        details: {days: d.days, maxMonths: limits.maxMonths, maxEnd: isoDay(d.maxEnd!)}});
    } else if (d.status === "running-past-limit") {
      violations.push({rule: "duration-running-past-limit", ...base, to: null,
        details: {days: d.days, maxMonths: limits.maxMonths, maxEnd: isoDay(d.maxEnd!), asOf: isoDay(asOf)}});
    }
    if (p.start && p.start > asOf) continue;
    const a = appointmentDelay(p.workStart, p.appointed, rules.appointment.days);
    if (a.status === "not-checked") {
      notChecked.push({rule: "appointment-late", mentorId: p.mentorId, menteeId: p.menteeId, reason: a.reason!});
      continue;
    }
    appointmentPairs++;
    if (a.status === "late") {
      violations.push({rule: "appointment-late", ...word(rules.appointment), mentorId: p.mentorId, menteeIds: [p.menteeId],
        from: isoDay(p.workStart!), to: isoDay(p.appointed!),
        details: {days: a.days, limit: rules.appointment.days, deadline: isoDay(a.deadline!)}});
    }
  }

  if (byMentor.size >= rules.council.minMentors) {
    violations.push({rule: "council-possible", ...word(rules.council), mentorId: null, menteeIds: [], from: null, to: isoDay(asOf),
      details: {mentors: byMentor.size, limit: rules.council.minMentors}});
  }
  return {violations, notChecked, checked: {mentors: byMentor.size, pairs: unique.filter((p) => p.menteeId !== null).length, appointmentPairs}};
}
