// `mentoring report programmes`: engagement by form of mentoring and the programmes with their
// stated results, for a quarter (issue 15 §3; reports/engagementByForm.ts).
import {parse, checkPeriod} from "../../args.ts";
import type {Io} from "../../io.ts";
import {UserError} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {engagementPeriods, engagementReport} from "../../../reports/engagement.ts";
import {engagementForAggregates} from "../../../reports/aggregateEngagement.ts";
import {engagementByForm, type EngagementByForm, type FormFigures} from "../../../reports/engagementByForm.ts";
import {formatNumber, formatPeriod} from "../../../lib/format.ts";
import type {ReportCommand} from "./types.ts";
import {resolveScope, SCOPE_OPTIONS, SCOPE_USAGE} from "./scopeOptions.ts";

const count = (v: number | null, suppressed: boolean, min: number) => (suppressed ? `< ${min}` : formatNumber(v));

function formRow(f: FormFigures, min: number): string[] {
  return [f.label, formatNumber(f.programmes), formatNumber(f.schools), count(f.mentors, f.suppressed, min), count(f.mentees, f.suppressed, min),
    count(f.studentsEngaged, f.suppressed, min), count(f.teachersEngaged, f.suppressed, min)];
}

/** The region's total: «< 5» when the aggregate view hid it (its forms are then hidden too). */
const total = (r: EngagementByForm, k: "studentsEngaged" | "teachersEngaged") =>
  r.region[k] === null && r.region.byForm.some((f) => f.suppressed) ? `< ${r.minGroupSize}` : formatNumber(r.region[k]);

export function programmesText(r: EngagementByForm): string {
  if (!r.period) return "В базе нет квартальных отчётов. Загрузите их: mentoring ingest <папка>";
  const min = r.minGroupSize;
  const out = [`Вовлечённость по формам наставничества и программы за ${formatPeriod(r.period)} (${r.period}), данные ${r.coverage}` +
    (r.complete ? "." : ": учтены только школы в сумме отчёта о вовлечённости.")];
  out.push("", table(["Форма (регион)", "Программ", "Школ", "Наставников", "Наставляемых", "Обучающихся вовлечено", "Педагогов вовлечено"],
    [...r.region.byForm.map((f) => formRow(f, min)),
      ["Итого", "", "", "", "", total(r, "studentsEngaged"), total(r, "teachersEngaged")]]));
  for (const m of r.municipalities) {
    out.push("", table([`${m.name}: форма`, "Программ", "Школ", "Наставников", "Наставляемых", "Обучающихся вовлечено", "Педагогов вовлечено"],
      m.byForm.filter((f) => f.programmes).map((f) => formRow(f, min))));
  }
  out.push("", `Программы (${r.programmes.length}) — банк практик:`);
  out.push(table(["Муниципалитет", "Школа", "Форма", "Программа", "Наставников", "Наставляемых", "Результат"], r.programmes.map((p) => [
    p.municipality, p.school, p.formLabel, p.programme, count(p.mentors, p.suppressed, min), count(p.mentees, p.suppressed, min), p.result ?? "—"])));
  out.push("", `Группы меньше ${min} человек не показываются («< ${min}»).`);
  return out.join("\n");
}

export const programmesReportCommand: ReportCommand = {
  name: "programmes",
  usage: `[--db ФАЙЛ] [--period ГГГГ-QN] ${SCOPE_USAGE} [--json] [--public]`,
  summary: "вовлечённость по формам наставничества и программы с их результатами (банк практик) за квартал (--public: для публикации и руководства)",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, period: {type: "string"}, json: {type: "boolean"}, public: {type: "boolean"},
      school: {type: "string"}, ...SCOPE_OPTIONS});
    if (values.help) { io.out(`mentoring report programmes ${this.usage}`); return 0; }
    const period = checkPeriod(values.period);
    return withStore(values.db, async (store, settings) => {
      const known = await engagementPeriods(store);
      if (period && !known.includes(period)) {
        throw new UserError(`за период ${period} данных нет. Есть: ${known.length ? known.join(", ") : "ничего (база пуста)"}.`);
      }
      const scope = await resolveScope(store, values);
      // --public: the same hidden cells as `report engagement --public` and management's workbook (reports/aggregateEngagement.ts).
      const base = values.public ? await engagementReport(store, settings, {period, scope}) : undefined;
      const r = base ? engagementForAggregates(base, await engagementByForm(store, settings, {base, suppress: false}),
        settings.groupSize.minGroupSize).byForm! : await engagementByForm(store, settings, {period, scope});
      io.out(values.json ? JSON.stringify(r, null, 2) : programmesText(r));
      return 0;
    }, {mustExist: true});
  }
};
