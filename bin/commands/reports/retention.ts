// `mentoring report retention`: young specialists retained one year after hiring, staff turnover.
import {checkYear, parse} from "../../args.ts";
import {table} from "../../present.ts";
import {formatDate, formatNumber, formatPercent, formatSchoolYear} from "../../../lib/format.ts";
import {withStore} from "../../withStore.ts";
import {retentionReport} from "../../../reports/retention.ts";
import type {RetentionCohort} from "../../../lib/retention.ts";
import type {Turnover} from "../../../lib/turnover.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const USAGE = "[--school НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--year 2024/25] [--db ФАЙЛ] [--json]";

function cohortTable(cohorts: RetentionCohort[]): string {
  return table(["Год приёма", "Принято молодых", "Закрепились", "Ушли до года", "Ещё нет года", "Закрепляемость"],
    cohorts.map((c) => [formatSchoolYear(c.year), String(c.hired), String(c.retained), String(c.left), String(c.pending), formatPercent(c.share)]));
}

function turnoverTable(rows: Turnover[]): string {
  return table(["Учебный год", "На 1 сентября", "На 31 августа", "Средняя численность", "Принято", "Уволилось", "Текучесть"],
    rows.map((t) => [formatSchoolYear(t.year), String(t.headcountStart), String(t.headcountEnd), formatNumber(t.averageHeadcount, 1),
      String(t.hires), String(t.leavers), formatPercent(t.rate)]));
}

export const retentionReportCommand: ReportCommand = {
  name: "retention",
  usage: USAGE,
  summary: "закрепляемость молодых специалистов (через год после приёма) и текучесть кадров по спискам педагогов",
  async run(argv, io) {
    const {values} = parse(argv, {school: {type: "string"}, year: {type: "string"}, db: {type: "string"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report retention ${USAGE}`); return 0; }
    const year = checkYear(values.year);
    return withStore(values.db, async (store) => {
      const {scope, school} = await levelOrText(store, values);
      const r = await retentionReport(store, {school, scope, ...(year ? {schoolYear: year.year} : {})});
      if (values.json) { io.out(JSON.stringify(r, null, 2)); return 0; }
      if (!r.schools.length) {
        io.out("Списков педагогов в базе нет: загрузите список с датами приёма и увольнения (mentoring ingest).");
        return 0;
      }
      io.out(`Закрепляемость молодых специалистов и текучесть кадров (${r.schoolYear ? `по ${r.schoolYear} учебный год; ` : ""}данные по ${formatDate(r.observedUntil)})`);
      io.out("Закрепился — работает через год после даты приёма; «ещё нет года» в долю не входят.");
      io.out("");
      io.out(`Все школы (${r.schools.length})`);
      io.out(cohortTable(r.region.cohorts));
      io.out(turnoverTable(r.region.turnover));
      for (const s of r.schools) {
        io.out("");
        io.out(`${s.municipality} · ${s.name}`);
        io.out(cohortTable(s.cohorts));
        io.out(turnoverTable(s.turnover));
        if (s.youngUnknown) io.out(`  Не определено, молодой ли специалист (нет стажа): ${s.youngUnknown}.`);
      }
      return 0;
    }, {mustExist: true});
  }
};
