// `mentoring report participants`: what participants say, before and after (questions asked in both waves).
//
// Every question of the questionnaires asked in both waves, from reports/participantWaves.ts (the figures the annual report shows).
import {checkYear, parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {formatNumber} from "../../../lib/format.ts";
import {periodLabel} from "../../../lib/period.ts";
import {participantWavesReport, type ParticipantWavesReport} from "../../../reports/participantWaves.ts";
import {PARTICIPANTS_HEADER, participantLine, participantRow} from "../../../reports/exports/annualParticipants.ts";
import type {ReportScope} from "../../../reports/scope.ts";
import type {ReportCommand} from "./types.ts";

const USAGE = "[--year 2024/25] [--level region|municipality|school --id N] [--db ФАЙЛ] [--json]";

/** The report as text: one table per kind of question, the readings, the method. Every figure shown (the service's readers). */
export function participantsText(r: ParticipantWavesReport, title: string): string {
  const out = [title,
    `Ответили во входном анкетировании: ${formatNumber(r.respondents.entry)}, в итоговом: ${formatNumber(r.respondents.exit)}, ` +
    `в обоих (по коду участника): ${formatNumber(r.respondents.matched)}.` + (r.undated ? ` Без даты ответа (не учтены): ${formatNumber(r.undated)}.` : "")];
  for (const [kind, head] of [["rating", "Оценки (средний балл):"], ["yes-no", "Вопросы «да/нет» (доля ответивших «да», в скобках — 95 % ДИ по Уилсону):"]] as const) {
    const qs = r.questions.filter((q) => q.kind === kind);
    if (!qs.length) continue;
    out.push("", head, table(PARTICIPANTS_HEADER, qs.map((q) => participantRow(participantLine(q, false), r.minGroupSize))));
  }
  out.push("", "Выводы:", ...r.questions.map((q) => `  ${q.reading}`));
  const small = r.questions.filter((q) => q.small);
  if (small.length) {
    out.push("", `Меньше ${r.minGroupSize} ответивших (в волне или среди сопоставленных): ${small.map((q) => `«${q.question}»`).join(", ")} — ` +
      "в итоговом отчёте и на странице эти цифры скрыты.");
  }
  out.push("", r.method);
  return out.join("\n");
}

function scopeOf(level: string | undefined, id: string | undefined): ReportScope {
  if (level === undefined || level === "region") {
    if (id !== undefined) throw new UserError("--id нужен только с --level municipality или --level school.");
    return {level: "region"};
  }
  if (level !== "municipality" && level !== "school") throw new UserError(`--level: нужно region, municipality или school, а не «${level}».`);
  if (id === undefined || !/^\d{1,9}$/.test(id)) throw new UserError(`--id: нужен номер ${level === "school" ? "школы" : "муниципалитета"} из справочника (mentoring directory list).`);
  return {level, id: Number(id)};
}

export const participantsReportCommand: ReportCommand = {
  name: "participants",
  usage: USAGE,
  summary: "что говорят участники до и после: удовлетворённость, климат, «хотели бы стать наставником» и другие вопросы обеих волн анкетирования",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {year: {type: "string"}, level: {type: "string"}, id: {type: "string"}, db: {type: "string"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report participants ${USAGE}`); return 0; }
    const period = checkYear(values.year as string | undefined);
    const scope = scopeOf(values.level as string | undefined, values.id as string | undefined);
    return withStore(values.db as string | undefined, async (store, settings) => {
      const r = await participantWavesReport(store, settings, {scope, ...(period ? {period} : {})});
      if (values.json) { io.out(JSON.stringify(r, null, 2)); return 0; }
      const where = scope.level === "region" ? "" : scope.level === "municipality" ? `, муниципалитет № ${scope.id}` : `, школа № ${scope.id}`;
      const title = `Что говорят участники: до и после (${period ? periodLabel(period) : "все периоды"}${where})`;
      if (!r.questions.length) {
        io.out(`${title}\nВопросов, заданных и во входном, и в итоговом анкетировании, нет. Загрузите выгрузки обеих волн: mentoring ingest <файл.xlsx> [--wave entry|exit]`);
        return 0;
      }
      io.out(participantsText(r, title));
      return 0;
    }, {mustExist: true});
  }
};
