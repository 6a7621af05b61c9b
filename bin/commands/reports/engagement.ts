// `mentoring report engagement`: the quarterly engagement against the target.
import {parse, checkPeriod} from "../../args.ts";
import type {Io} from "../../io.ts";
import {UserError} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {engagementReport, engagementPeriods, type EngagementReport} from "../../../reports/engagement.ts";
import {formatNumber, formatPercent, formatPeriod} from "../../../lib/format.ts";
import type {EngagementFigures} from "../../../lib/engagementSummary.ts";
import type {ReportCommand} from "./types.ts";

const mark = (v: boolean | null) => (v === null ? "н/д" : v ? "да" : "нет");

function cells(f: EngagementFigures, targets: {students: number; teachers: number}): string[] {
  return [
    f.studentsEngaged === null ? "—" : `${formatNumber(f.studentsEngaged)} / ${formatNumber(f.studentsPopulation)}`,
    formatPercent(f.studentsPct, 1, targets.students), mark(f.meetsTarget.students),
    f.teachersEngaged === null ? "—" : `${formatNumber(f.teachersEngaged)} / ${formatNumber(f.teachersPopulation)}`,
    formatPercent(f.teachersPct, 1, targets.teachers), mark(f.meetsTarget.teachers)
  ];
}

export function engagementText(r: EngagementReport): string {
  if (!r.period) return "В базе нет квартальных отчётов. Загрузите их: mentoring ingest <папка>";
  const head = ["", "Обучающиеся", "%", `≥ ${r.targets.students} %`, "Педагоги", "%", `≥ ${r.targets.teachers} %`];
  const out: string[] = [];
  out.push(`Вовлечённость в наставничество за ${formatPeriod(r.period)} (${r.period}); цель — ${formatNumber(r.targets.students)} % обучающихся 10–19 лет и ${formatNumber(r.targets.teachers)} % педагогов.`);
  out.push("");
  out.push(table(["Регион и муниципалитеты", ...head.slice(1)], [
    ["Регион", ...cells(r.region, r.targets)],
    ...r.municipalities.map((m) => [m.name, ...cells(m, r.targets)])
  ]));
  out.push("");
  out.push(table(["Школа", "Муниципалитет", ...head.slice(1), "Замечания"], r.schools.map((s) => [
    s.name, s.municipality,
    ...(s.status === "not_reported" ? ["не отчиталась", "—", "—", "—", "—", "—"] : cells(s, r.targets)),
    s.dataErrors.length ? `${s.dataErrors.length}` + (s.includedInTotals ? "" : ", не в сумме") : s.includedInTotals || s.status === "not_reported" ? "" : "не в сумме"
  ])));
  out.push("");
  out.push(`В сумму вошли школ: ${r.region.schoolsIncluded.length}. Не отчитались: ${r.region.schoolsNotReported.length ? r.region.schoolsNotReported.join("; ") : "нет"}.`);
  const errors = r.schools.filter((s) => s.dataErrors.length);
  if (errors.length) {
    out.push("", "Ошибки данных:");
    for (const s of errors) for (const e of s.dataErrors) out.push(`  ${s.name}: ${e.message}${e.cell ? ` (${e.file}, лист «${e.sheet}», ${e.cell})` : ""}`);
  }
  return out.join("\n");
}

export const engagementReportCommand: ReportCommand = {
  name: "engagement",
  usage: "[--db ФАЙЛ] [--period ГГГГ-QN] [--json]",
  summary: "вовлечённость обучающихся и педагогов по школам, муниципалитетам и региону против цели 70 %",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, period: {type: "string"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report engagement ${this.usage}`); return 0; }
    const period = checkPeriod(values.period);
    return withStore(values.db, async (store, settings) => {
      const known = await engagementPeriods(store);
      if (period && !known.includes(period)) {
        throw new UserError(`за период ${period} данных нет. Есть: ${known.length ? known.join(", ") : "ничего (база пуста)"}.`);
      }
      const report = await engagementReport(store, settings, {period});
      io.out(values.json ? JSON.stringify(report, null, 2) : engagementText(report));
      return 0;
    }, {mustExist: true});
  }
};
