// `mentoring report violations`: the mentoring rules' violations in the current registries.
import {parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {formatDate, formatNumber} from "../../../lib/format.ts";
import {plural} from "../../../loaders/messages/index.ts";
import {violationsReport, type ViolationsReport} from "../../../reports/violations.ts";
import {settingFromFile} from "../../../settings/load.ts";
import {SettingsError} from "../../../settings/errors.ts";
import {checkDate} from "./registryOptions.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const SEVERITY = {error: "ошибка", warning: "замечание", info: "сведения"} as const;
const REASON: Record<string, string> = {
  "no-work-start": "нет даты приёма на работу",
  "no-appointment": "нет даты назначения или вхождения в программу"
};
const DATA_ISSUE: Record<string, string> = {
  "only-in-mentee-base": "пара есть в базе наставляемых, но не в базе наставников",
  "only-in-mentor-base": "пара есть в базе наставников, но не в базе наставляемых"
};
const fd = (iso: string | null) => (iso ? formatDate(iso) : "—");
const days = (n: unknown) => `${formatNumber(Number(n))} ${plural(Number(n), "день", "дня", "дней")}`;

/** One violation as a Russian sentence; `who` writes a person (an id, or a name with the id). */
export function violationText(v: ViolationsReport["violations"][number], who: (id: number | null) => string): string {
  const x = v.details;
  const mentees = v.menteeIds.map(who).join(", ");
  switch (v.rule) {
    case "max-mentees": {
      const started = String(x.startedBy).split(",").filter(Boolean).map(Number).map(who).join(", ");
      return `наставник ${who(v.mentorId)}: ${x.peak} наставляемых одновременно при пределе ${x.limit} с ${fd(v.from)} ` +
        `по ${v.to ? fd(v.to) : "настоящее время"} (сверх предела с ${fd(v.from)}: ${started}); наставляемые ${mentees}`;
    }
    case "duration-too-short":
      return `наставляемый ${mentees}, наставник ${who(v.mentorId)}: ${fd(v.from)} – ${fd(v.to)}, ${days(x.days)}; завершать не раньше ${fd(String(x.minEnd))}`;
    case "duration-too-long":
      return `наставляемый ${mentees}, наставник ${who(v.mentorId)}: ${fd(v.from)} – ${fd(v.to)}, ${days(x.days)}; завершить нужно было не позже ${fd(String(x.maxEnd))}`;
    case "duration-running-past-limit":
      return `наставляемый ${mentees}, наставник ${who(v.mentorId)}: с ${fd(v.from)} идёт ${days(x.days)}, без даты завершения; год истёк ${fd(String(x.maxEnd))}`;
    case "appointment-late":
      return `наставляемый ${mentees}, наставник ${who(v.mentorId)}: принят на работу ${fd(v.from)}, наставник назначен ${fd(v.to)} — через ${days(x.days)} (крайний срок ${fd(String(x.deadline))})`;
    case "council-possible":
      return `${x.mentors} ${plural(Number(x.mentors), "наставник", "наставника", "наставников")} (от ${x.limit}): можно создать совет по наставничеству`;
  }
}

export function violationsText(r: ViolationsReport): string {
  if (r.schools.length === 0) {
    return "В базе нет загруженных баз наставников и наставляемых. Загрузите их: mentoring ingest <папка>";
  }
  const names = new Map((r.people ?? []).map((p) => [p.id, p.name]));
  const who = (id: number | null) => id === null ? "не указан" : names.has(id) ? `${names.get(id)} (№ ${id})` : `№ ${id}`;
  const out: string[] = [];
  const l = r.limits;
  out.push(`Нарушения правил наставничества на ${fd(r.date)}: не больше ${l.maxMentees} наставляемых одновременно; ` +
    `срок от ${l.minMonths} мес. до ${l.maxMonths} мес.; наставник — не позднее ${l.appointmentDays} дней после приёма на работу.`);
  out.push(r.people ? "Отчёт с именами: только для куратора, не для публикации." : "Люди указаны номерами; имена — с параметром --names (для куратора).");
  out.push("");
  out.push(table(["Правило", "Важность", "Нарушений", "Школ"],
    r.summary.map((s) => [s.title, SEVERITY[s.severity], String(s.count), String(s.schools)])));
  out.push("");
  out.push(table(["Школа", "Муниципалитет", "Базы", "Наставников", "Пар", "Ошибок", "Замечаний", "Сведений"], r.schools.map((s) => [
    s.school, s.municipality, s.bases.map((b) => (b === "mentees" ? "наставляемых" : "наставников")).join(", "),
    String(s.mentors), String(s.pairs), String(s.errors), String(s.warnings), String(s.information)])));
  const label = new Map(r.summary.map((s) => [s.rule, s.title]));
  for (const s of r.schools) {
    const list = r.violations.filter((v) => v.schoolId === s.schoolId);
    if (!list.length) continue;
    out.push("", `${s.school} (${s.municipality}):`);
    for (const v of list) out.push(`  ${SEVERITY[v.severity]} · ${label.get(v.rule) ?? v.title}: ${violationText(v, who)}`);
  }
  if (r.notChecked.length) {
    out.push("", "Не проверено (правило не считается выполненным):");
    for (const n of r.notChecked) {
      out.push(`  ${n.school}: «${n.title}» — ${n.pairs} ${plural(n.pairs, "пара", "пары", "пар")}, ${REASON[n.reason] ?? n.reason}`);
    }
  }
  if (r.dataIssues.length) {
    out.push("", "Расхождения баз:");
    for (const i of r.dataIssues) {
      out.push(i.kind === "base-missing"
        ? `  ${i.school}: не загружена база ${i.base === "mentors" ? "наставников" : "наставляемых"}, пары не сверены`
        : `  ${i.school}: ${DATA_ISSUE[i.kind]} (наставник ${who(i.mentorId)}, наставляемый ${who(i.menteeId)})`);
    }
  }
  out.push("", "Правила (типовое положение):");
  for (const rule of r.rules) out.push(`  «${rule.text}» — ${rule.source}`);
  return out.join("\n");
}

export const violationsReportCommand: ReportCommand = {
  name: "violations",
  usage: "[--db ФАЙЛ] [--school НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--date ГГГГ-ММ-ДД] [--names] [--rules ФАЙЛ] [--json]",
  summary: "нарушения правил наставничества по базам наставников и наставляемых (число наставляемых, срок, назначение наставника)",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, school: {type: "string"}, date: {type: "string"},
      names: {type: "boolean"}, rules: {type: "string"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report violations ${this.usage}`); return 0; }
    const date = checkDate(values.date);
    return withStore(values.db, async (store, settings) => {
      let rules = settings.mentoringRules;
      try { if (values.rules) rules = settingFromFile("mentoringRules", values.rules); } catch (e) {
        throw e instanceof SettingsError ? new UserError(e.message) : e;
      }
      const {scope, school} = await levelOrText(store, values);
      const report = await violationsReport(store, {...settings, mentoringRules: rules}, {date, school, scope, names: values.names});
      if (values.school && report.schools.length === 0) {
        throw new UserError(`нет школы с базами наставничества, в названии или районе которой есть «${values.school}».`);
      }
      io.out(values.json ? JSON.stringify(report, null, 2) : violationsText(report));
      return 0;
    }, {mustExist: true});
  }
};
