// `mentoring report routes`: the routes as followed (completion, overdue activities, deficits
// without a route) and what changed after the exit diagnostics.
import {parse} from "../../args.ts";
import type {Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {routesReport, type RoutesReport} from "../../../reports/routes.ts";
import {routeEffectReport, type RouteEffectReport} from "../../../reports/routeEffect.ts";
import {formatNumber} from "../../../lib/format.ts";
import {checkDate} from "./registryOptions.ts";
import {day, share, STATES} from "./routeFormat.ts";
import type {ReportCommand} from "./types.ts";

const totalsRow = (name: string, t: RoutesReport["region"], without: number) => [name, formatNumber(t.routes), formatNumber(t.routesComplete),
  `${formatNumber(t.done)} / ${formatNumber(t.activities)}`, share(t.share), formatNumber(t.overdue), formatNumber(without)];
const TOTALS_HEAD = ["", "Маршрутов", "Выполнены", "Пройдено мероприятий", "Доля", "Просрочено", "Без маршрута"];

const quoted = (t: string) => (/^«.*»$/.test(t) ? t : `«${t}»`);
const who = (x: {name?: string; teacherId?: number | null; personId?: number; school: string}) =>
  `${x.name ? `${x.name}, ` : x.teacherId != null ? `педагог № ${x.teacherId}, ` : ""}${x.school}`;

export function routesText(r: RoutesReport, e: RouteEffectReport, showRoutes: boolean): string {
  const out: string[] = [];
  out.push(`Индивидуальные образовательные маршруты на ${day(r.asOf)}. Каталог мероприятий: ${r.catalogue
    ? `${formatNumber(r.catalogue.items)} (программ ДПО: ${formatNumber(r.catalogue.programmes)})` : "не загружен"}.`);
  out.push(`Маршрутов: ${formatNumber(r.counts.routes)}; найдены в диагностике: ${formatNumber(r.counts.linked)}` +
    (r.counts.unlinked ? `; педагог не найден в диагностике: ${formatNumber(r.counts.unlinked)}` : "") + ".");
  out.push("");
  out.push(table(TOTALS_HEAD, [totalsRow("Регион", r.region, r.withoutRoute.length),
    ...r.municipalities.map((m) => totalsRow(m.municipality, m.totals, m.withoutRoute)),
    ...r.schools.map((s) => totalsRow(`${s.school} (${s.municipality})`, s.totals, s.withoutRoute))]));
  out.push("Доля — пройдено мероприятий из всех запланированных (сумма по маршрутам, не среднее долей); «выполнены» — маршруты, где пройдено всё.");
  if (r.overdue.length) {
    out.push("", `Просрочено на ${day(r.asOf)} (срок прошёл, отметки о прохождении нет):`);
    for (const o of r.overdue) out.push(`  ${who(o)}: ${quoted(o.title)} — срок ${day(o.plannedEnd)}, просрочено на ${formatNumber(o.daysOverdue)} дн.`);
  }
  if (r.withoutRoute.length) {
    out.push("", `Дефицит уровня «${r.routeLevels.map((l) => l.label).join("» или «")}», а маршрута нет (${formatNumber(r.withoutRoute.length)}; ` +
      `с высоким уровнем: ${formatNumber(r.counts.withoutRouteHigh)}):`);
    for (const w of r.withoutRoute) out.push(`  ${who(w)}: ${w.deficits.map((d) => `${d.label.charAt(0).toLowerCase()}${d.label.slice(1)} ${formatNumber(d.deficit)} %`).join(", ")}`);
  }
  if (showRoutes) {
    out.push("", "Маршруты:");
    for (const s of r.routes) {
      out.push(`  ${who(s)} — ${day(s.start)}–${day(s.end)}: пройдено ${s.completion.done} из ${s.completion.activities}`);
      for (const a of s.activities) out.push(`    ${STATES[a.state]}: ${quoted(a.title)}${a.hours !== null ? `, ${formatNumber(a.hours)} ч` : ""}; срок ${a.plannedText ?? "—"}` +
        `${a.markText ? `; отметка «${a.markText}»` : ""}`);
    }
  }
  if (e.counts.paired) {
    out.push("", "Что изменилось после итоговой диагностики (изменение = снижение дефицита, п. п.):");
    for (const a of e.areas) {
      if (a.route.nWith + a.route.nWithout > 0) out.push(`  ${a.route.reading}`);
      if (a.mentoring.nWith + a.mentoring.nWithout > 0) out.push(`  ${a.mentoring.reading}`);
    }
    out.push(`  Педагогов с обеими диагностиками: ${formatNumber(e.counts.paired)}; с маршрутом: ${formatNumber(e.counts.withRoute)}; ` +
      `наставляемых: ${formatNumber(e.counts.mentees)}; вне программы: ${formatNumber(e.counts.outside)}; школа без базы наставляемых: ${formatNumber(e.counts.unknownMentoring)}.`);
    out.push(`  ${e.caution}`);
  }
  return out.join("\n");
}

export const routesReportCommand: ReportCommand = {
  name: "routes",
  usage: "[--db ФАЙЛ] [--date ГГГГ-ММ-ДД] [--school НАЗВАНИЕ] [--municipality НАЗВАНИЕ] [--routes] [--names] [--json]",
  summary: "ИОМ: выполнение по педагогам, школам, муниципалитетам; просроченные мероприятия; дефициты без маршрута; что изменилось",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, date: {type: "string"}, school: {type: "string"}, municipality: {type: "string"},
      routes: {type: "boolean"}, names: {type: "boolean"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report routes ${this.usage}`); return 0; }
    const asOf = checkDate(values.date as string | undefined);
    const scope = {school: values.school as string | undefined, municipality: values.municipality as string | undefined};
    return withStore(values.db as string | undefined, async (store, settings) => {
      const report = await routesReport(store, settings, {...scope, asOf, names: Boolean(values.names)});
      const effect = await routeEffectReport(store, settings, scope);
      if (values.json) io.out(JSON.stringify({...report, effect}, null, 2));
      else if (!report.counts.routes && !report.withoutRoute.length) io.out("Маршрутов и диагностики пока нет. Загрузите их: mentoring ingest <файл>");
      else io.out(routesText(report, effect, Boolean(values.routes)));
      return 0;
    }, {mustExist: true});
  }
};
