// `mentoring report needs-mentor`: young specialists without a mentor, the share covered, and
// teachers with a high deficit and no route.
import {parse} from "../../args.ts";
import type {Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {needsMentorReport, type NeedsMentorReport} from "../../../reports/needsMentor.ts";
import {formatNumber, formatPercent} from "../../../lib/format.ts";
import {day} from "./routeFormat.ts";
import type {ReportCommand} from "./types.ts";

const coverageRow = (name: string, c: NeedsMentorReport["region"], target: number) => [name, formatNumber(c.young), formatNumber(c.withMentor),
  formatNumber(c.withoutMentor), formatNumber(c.unknown), formatPercent(c.share, 1, target), c.meetsTarget === null ? "—" : c.meetsTarget ? "да" : "нет"];

export function needsMentorText(r: NeedsMentorReport): string {
  const out: string[] = [];
  out.push(`Молодые специалисты и наставники (цель — ${formatNumber(r.target)} % молодых специалистов с наставником).`);
  out.push(table(["", "Молодых специалистов", "С наставником", "Без наставника", "Не проверить", "Доля с наставником", `≥ ${formatNumber(r.target)} %`],
    [coverageRow("Регион", r.region, r.target), ...r.schools.map((s) => coverageRow(`${s.school} (${s.municipality}), список на ${day(s.asOf)}`, s.coverage, r.target))]));
  const without = r.young.filter((y) => y.status === "without-mentor");
  if (without.length) {
    out.push("", "Без наставника:");
    for (const y of without) out.push(`  ${y.name ? `${y.name}, ` : ""}${y.school}: принят ${day(y.hired)}, стаж ${formatNumber(y.experience, 1)} — ` +
      `«${y.rosterFile}», лист «${y.sheet}», строка ${y.row}`);
  }
  const unknown = r.young.filter((y) => y.status === "unknown");
  if (unknown.length) {
    out.push("", "Не проверить:");
    for (const y of unknown) out.push(`  ${y.school}, «${y.rosterFile}», строка ${y.row}: ${y.reason === "no-mentee-base"
      ? "база наставляемых школы не загружена" : "в списке только код, в других файлах его нет"}`);
  }
  if (r.highDeficitNoRoute.length) {
    out.push("", "Дефицит высокого уровня, а маршрута нет:");
    for (const w of r.highDeficitNoRoute) out.push(`  ${w.name ? `${w.name}, ` : `педагог № ${w.teacherId}, `}${w.school}: ` +
      w.deficits.filter((d) => d.level === "high").map((d) => `${d.label.charAt(0).toLowerCase()}${d.label.slice(1)} ${formatNumber(d.deficit)} %`).join(", "));
  }
  out.push("", r.definition);
  return out.join("\n");
}

export const needsMentorReportCommand: ReportCommand = {
  name: "needs-mentor",
  usage: "[--db ФАЙЛ] [--school НАЗВАНИЕ] [--municipality НАЗВАНИЕ] [--names] [--json]",
  summary: "молодые специалисты без наставника, доля с наставником против цели 100 %, высокий дефицит без маршрута",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, school: {type: "string"}, municipality: {type: "string"}, names: {type: "boolean"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report needs-mentor ${this.usage}`); return 0; }
    return withStore(values.db as string | undefined, async (store, settings) => {
      const r = await needsMentorReport(store, settings, {school: values.school as string | undefined, municipality: values.municipality as string | undefined,
        names: Boolean(values.names)});
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else if (!r.region.young && !r.highDeficitNoRoute.length) io.out("Штатных списков с молодыми специалистами и диагностики пока нет. Загрузите их: mentoring ingest <файл>");
      else io.out(needsMentorText(r));
      return 0;
    }, {mustExist: true});
  }
};
