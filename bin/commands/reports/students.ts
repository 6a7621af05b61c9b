// `mentoring report students`: the students' results of the mentees' classes, a year before and a
// year after, beside those of the teachers outside the programme.
import {parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {studentResultsReport, type StudentResultsReport} from "../../../reports/studentResults.ts";
import {schoolYearOf} from "../../../loaders/students/parse.ts";
import {formatNumber, formatPercent} from "../../../lib/format.ts";
import {signed} from "./routeFormat.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const yearLabel = (y: number | null) => (y === null ? "—" : `${y - 1}/${y}`);
const frac = (s: {x: number; n: number}) => (s.n ? `${formatNumber(s.x)} / ${formatNumber(s.n)} (${formatPercent((100 * s.x) / s.n, 1)})` : "—");
const pText = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0,001" : formatNumber(p, 3));

export function studentsText(r: StudentResultsReport, showTeachers: boolean): string {
  const out: string[] = [];
  out.push(`Результаты обучающихся: ${yearLabel(r.before)} → ${yearLabel(r.after)} учебный год. Учителей в файлах: ${formatNumber(r.counts.teachers)} ` +
    `(наставляемых ${formatNumber(r.counts.mentees)}, вне программы ${formatNumber(r.counts.outside)}, школа без базы наставляемых ${formatNumber(r.counts.unknown)}; ` +
    `с результатами только одного из двух лет: ${formatNumber(r.counts.onlyOneYear)}).`);
  for (const g of r.groups) {
    out.push("", `${g.label}: учителей с результатами обоих лет — ${formatNumber(g.teachers)}` +
      (g.small ? ` (меньше ${r.minGroupSize}: в сводных отчётах не показывается)` : "") + ".");
    if (!g.teachers) continue;
    out.push(table(["Показатель", yearLabel(r.before), yearLabel(r.after), "Разница, п. п.", "95 % ДИ", "Критерий", "p"],
      g.shares.filter((s) => s.comparison.before.n + s.comparison.after.n > 0).map((s) => {
        const c = s.comparison;
        return [s.label, frac(c.before), frac(c.after), c.difference === null ? "—" : signed(c.difference * 100),
          c.ci95 ? `${signed(c.ci95[0] * 100)} … ${signed(c.ci95[1] * 100)}` : "—", c.test === "z" ? "z-критерий" : c.test === "fisher" ? "точный Фишера" : "—", pText(c.p)];
      }).concat([["Средняя отметка", formatNumber(g.before.meanGrade, 2), formatNumber(g.after.meanGrade, 2),
        g.before.meanGrade === null || g.after.meanGrade === null ? "—" : signed(g.after.meanGrade - g.before.meanGrade, 2), "—", "—", "—"]])));
  }
  out.push("", r.method);
  if (showTeachers) {
    out.push("", "Учителя:");
    for (const t of r.teachers) {
      out.push(`  ${t.name ? `${t.name}, ` : `№ ${t.personId}, `}${t.school} — ${t.group === "mentees" ? "наставляемый" : t.group === "outside" ? "вне программы" : "не проверить"}: ` +
        t.years.map((y) => `${yearLabel(y.year)}: классов ${y.classes}, ВПР ${frac(y.shares.vpr)}, ОГЭ ${frac(y.shares.oge)}, ЕГЭ ${frac(y.shares.ege)}, ` +
          `призёров ${frac(y.shares.winners)}, средняя ${formatNumber(y.meanGrade, 2)}`).join("; "));
    }
  }
  return out.join("\n");
}

function year(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  const y = schoolYearOf(String(value));
  if (y === null) throw new UserError(`${option}: учебный год записан неверно («${String(value)}»): нужен, например, 2025 или 2024/2025.`);
  return y;
}

export const studentsReportCommand: ReportCommand = {
  name: "students",
  usage: "[--db ФАЙЛ] [--before ГОД] [--after ГОД] [--school НАЗВАНИЕ] [--municipality НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--teachers] [--names] [--json]",
  summary: "результаты обучающихся наставляемых (ВПР, ОГЭ, ЕГЭ, олимпиады) до и после, с проверкой значимости",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, before: {type: "string"}, after: {type: "string"}, school: {type: "string"},
      municipality: {type: "string"}, teachers: {type: "boolean"}, names: {type: "boolean"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report students ${this.usage}`); return 0; }
    const before = year(values.before, "--before"), after = year(values.after, "--after");
    return withStore(values.db as string | undefined, async (store, settings) => {
      const {scope, school, municipality} = await levelOrText(store, values as Record<string, string | undefined>);
      const r = await studentResultsReport(store, settings, {before, after, school, municipality, scope, names: Boolean(values.names)});
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else if (!r.counts.teachers) io.out("Результатов обучающихся пока нет. Загрузите их: mentoring ingest <файл>");
      else io.out(studentsText(r, Boolean(values.teachers)));
      return 0;
    }, {mustExist: true});
  }
};
