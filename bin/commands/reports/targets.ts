// `mentoring report targets`: target indicators vs actual per school and year, year over year.
import {checkYear, parse} from "../../args.ts";
import {UserError} from "../../io.ts";
import {table} from "../../present.ts";
import {formatNumber, formatSchoolYear, formatPercent} from "../../../lib/format.ts";
import {withStore} from "../../withStore.ts";
import {targetsReport} from "../../../reports/targets.ts";
import {settingFromFile} from "../../../settings/load.ts";
import {SettingsError} from "../../../settings/errors.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const USAGE = "[--school НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--year 2024/25] [--config ФАЙЛ] [--db ФАЙЛ] [--json]";

/** A share in percent, a count as a number. */
const value = (v: number | null, measure: "share" | "count") => (measure === "count" ? formatNumber(v) : formatPercent(v));
const short = (name: string) => (name.length > 60 ? name.slice(0, 58) + "…" : name);
const metWord = (met: boolean | null) => (met === null ? "—" : met ? "да" : "нет");

export const targetsReportCommand: ReportCommand = {
  name: "targets",
  usage: USAGE,
  summary: "целевые показатели: факт, цель, отклонение и динамика по школам и годам",
  async run(argv, io) {
    const {values} = parse(argv, {school: {type: "string"}, year: {type: "string"}, config: {type: "string"}, db: {type: "string"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report targets ${USAGE}`); return 0; }
    // A school year «2024/25», or a calendar year «2025» meaning the school year that ends in it (docs/periods.md).
    const year = checkYear(values.year)?.year;
    return withStore(values.db, async (store, settings) => {
      let indicators = settings.indicators;
      try { if (values.config) indicators = settingFromFile("indicators", values.config); } catch (e) {
        throw e instanceof SettingsError ? new UserError(e.message) : e;
      }
      const {scope, school} = await levelOrText(store, values);
      const r = await targetsReport(store, {...settings, indicators}, {school, year, scope});
      if (values.json) { io.out(JSON.stringify(r, null, 2)); return 0; }
      if (!r.schools.length) {
        io.out("Данных для целевых показателей нет: загрузите список педагогов или таблицу показателей (mentoring ingest).");
        return 0;
      }
      io.out("Целевые показатели по учебным годам");
      for (const s of r.schools) {
        for (const y of s.years) {
          io.out("");
          io.out(`${s.municipality} · ${s.name} · ${formatSchoolYear(y.year)} учебный год`);
          io.out(table(["Показатель", "Факт", "Прошлый год", "Цель", "Выполнен", "Отклонение от цели", "Чел.", "Источник"],
            y.indicators.map((l) => [short(l.name), value(l.actual, l.measure), value(l.previous, l.measure), l.targetText ?? "—",
              metWord(l.met), l.met === null && l.target ? l.verdict : l.gapText,
              l.numerator === null || l.denominator === null ? "—" : `${formatNumber(l.numerator)} из ${formatNumber(l.denominator, Number.isInteger(l.denominator) ? 0 : 1)}`,
              l.source === "roster" ? "список" : "таблица"])));
        }
      }
      for (const y of r.region) {
        if (r.schools.length < 2) break;
        io.out("");
        io.out(`Все школы · ${y.year - 1}/${y.year} (сумма по школам)`);
        io.out(table(["Показатель", "Школ", "Факт", "Прошлый год", "Цель", "Выполнен", "Отклонение от цели"],
          y.indicators.map((l) => [short(l.name), String(l.schools), value(l.actual, l.measure), value(l.previous, l.measure),
            l.targetText ?? "—", metWord(l.met), l.met === null && l.target ? l.verdict : l.gapText])));
      }
      return 0;
    }, {mustExist: true});
  }
};
