// `mentoring report load`: mentor load from the current registries.
import {parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {formatDate, formatNumber, formatPercent} from "../../../lib/format.ts";
import {loadReport, type LoadBlock, type LoadReport} from "../../../reports/load.ts";
import {checkDate} from "./registryOptions.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const num = (v: number | null, digits = 0) => formatNumber(v, digits);

function distribution(b: LoadBlock, which: "current" | "year"): string {
  const d = b[which].distribution;
  return d.length ? d.map((x) => `${x.mentees}: ${x.mentors}`).join(", ") : "—";
}

export function loadText(r: LoadReport): string {
  if (r.schools.length === 0) return "В базе нет загруженных баз наставников и наставляемых. Загрузите их: mentoring ingest <папка>";
  const out: string[] = [];
  out.push(`Нагрузка наставников на ${formatDate(r.date)}; за год — с ${formatDate(r.yearFrom)} по ${formatDate(r.date)}.`);
  out.push("");
  const rows = [{name: "Всего", m: "", b: r.total as LoadBlock}, ...r.schools.map((s) => ({name: s.school, m: s.municipality, b: s as LoadBlock}))];
  out.push(table(["Школа", "Муниципалитет", "Наставников", "Наставляемых", "Сейчас: в среднем", "макс.", "За год: в среднем", "макс.",
    "Наставников без наставляемых", "Наставляемых без наставника"], rows.map(({name, m, b}) => [
    name, m, num(b.mentors), num(b.mentees), num(b.current.mean, 1), num(b.current.max), num(b.year.mean, 1), num(b.year.max),
    num(b.current.mentorsWithoutMentees.length), num(b.menteesWithoutMentor.length)])));
  out.push("");
  out.push("Распределение (наставляемых у наставника: число наставников):");
  out.push(`  сейчас: ${distribution(r.total, "current")}`);
  out.push(`  за год: ${distribution(r.total, "year")}`);
  out.push("");
  out.push(table(["Форма наставничества", "Пар", "Наставников", "Наставляемых"],
    r.total.byForm.map((f) => [f.label, num(f.pairs), num(f.mentors), num(f.mentees)])));
  const c = r.total.completion;
  out.push("");
  out.push(`Прохождение программы: завершено пар ${num(c.ended)}; отметка «прошёл» — ${num(c.completed)}, «не прошёл» — ${num(c.notCompleted)}, ` +
    `без отметки — ${num(c.unmarked)}; доля прошедших среди отмеченных ${formatPercent(c.share === null ? null : c.share * 100)}.`);
  return out.join("\n");
}

export const loadReportCommand: ReportCommand = {
  name: "load",
  usage: "[--db ФАЙЛ] [--school НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--date ГГГГ-ММ-ДД] [--json]",
  summary: "нагрузка наставников: наставляемых сейчас и за год, распределение, формы наставничества, прохождение",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, school: {type: "string"}, date: {type: "string"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report load ${this.usage}`); return 0; }
    const date = checkDate(values.date);
    return withStore(values.db, async (store, settings) => {
      const {scope, school} = await levelOrText(store, values);
      const report = await loadReport(store, settings, {date, school, scope});
      if (values.school && report.schools.length === 0) {
        throw new UserError(`нет школы с базами наставничества, в названии или районе которой есть «${values.school}».`);
      }
      io.out(values.json ? JSON.stringify(report, null, 2) : loadText(report));
      return 0;
    }, {mustExist: true});
  }
};
