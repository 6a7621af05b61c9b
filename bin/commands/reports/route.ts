// `mentoring report route`: a route drafted from the diagnostics for a teacher (or a group), as text
// or JSON, and written in seed 001's form as XLSX and DOCX.
import {writeFileSync} from "node:fs";
import {parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {withStore} from "../../withStore.ts";
import {routeDraft, type RouteDraft} from "../../../reports/routeDraft.ts";
import {routeXlsx} from "../../../reports/exports/routeXlsx.ts";
import {routeDocx} from "../../../reports/exports/routeDocx.ts";
import {all, type Store} from "../../../store/database.ts";
import {normalizeKey} from "../../../lib/normalizeText.ts";
import {formatNumber} from "../../../lib/format.ts";
import {checkDate} from "./registryOptions.ts";
import {day} from "./routeFormat.ts";
import type {ReportCommand} from "./types.ts";

/** --teacher: the pseudonymous number, or a part of the full name that names one teacher. */
async function teacherOf(store: Store, value: string): Promise<number> {
  if (/^\d+$/.test(value.trim())) return Number(value);
  const key = normalizeKey(value);
  const found = await store.read((c) => all<{teacher_id: number}>(c,
    "SELECT teacher_id FROM teacher_identities WHERE contains(name_key, $k) ORDER BY teacher_id", {k: key.replace(/ё/g, "е")}));
  if (found.length === 0) throw new UserError(`педагог «${value}» не найден в диагностике.`);
  if (found.length > 1) throw new UserError(`«${value}» подходит к ${found.length} педагогам: уточните ФИО или укажите номер педагога (--teacher N).`);
  return found[0]!.teacher_id;
}

const quoted = (t: string) => (/^«.*»$/.test(t) ? t : `«${t}»`);
const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

export function routeText(d: RouteDraft): string {
  const out: string[] = [];
  out.push(d.teacher ? `ИОМ: ${d.teacher.name ? `${d.teacher.name}, ` : `педагог № ${d.teacher.teacherId}, `}${d.teacher.school} (${d.teacher.municipality}).`
    : `Маршрут группы: ${d.group!.label}, педагогов: ${formatNumber(d.group!.teachers)}.`);
  out.push(`Срок: ${day(d.window.start)} – ${day(d.window.end)}. Дефициты — по ${d.wave === "exit" ? "итоговой" : d.wave === "entry" ? "входной" : "последней"} диагностике` +
    `${d.kind === "group" ? " (среднее по группе)" : ""}; уровень дефицитов: ${d.overallLevel?.label ?? "—"}.`);
  out.push("", "Дефициты по порядку устранения:");
  if (!d.ranked.length) out.push("  нет дефицитов, для которых нужен маршрут.");
  for (const r of d.ranked) {
    const plan = d.areas.find((a) => a.area === r.area)!;
    const extra = d.deficits.find((x) => x.area === r.area)?.teachersNeeding;
    out.push(`  ${r.rank}. ${r.label}: ${formatNumber(r.deficit, Number.isInteger(r.deficit) ? 0 : 1)} % (${r.levelLabel})` +
      `${extra !== undefined ? `, нуждаются ${extra}` : ""} — запланировано ${formatNumber(plan.plannedHours)} ч из ${formatNumber(plan.targetHours)}` +
      `${plan.met ? "" : " (не хватает: в каталоге нет подходящих мероприятий на этот срок)"}`);
  }
  out.push("", `Мероприятия из каталога (${formatNumber(d.catalogueItems)} в каталоге), всего ${formatNumber(d.totalHours)} ч:`);
  if (!d.activities.length) out.push("  подходящих мероприятий нет.");
  for (const a of d.activities) {
    out.push(`  ${a.kind === "dpo" ? "программа ДПО" : "мероприятие"}: ${quoted(a.title)}${a.hours !== null ? `, ${formatNumber(a.hours)} ч` : ""}` +
      `${a.provider ? `, ${a.provider}` : ""}; ${a.start || a.end ? `${day(a.start)} – ${day(a.end)}` : "в любое время"}; дефициты: ${a.addressesLabels.map(lowerFirst).join(", ")}`);
  }
  return out.join("\n");
}

export const routeReportCommand: ReportCommand = {
  name: "route",
  usage: "(--teacher НОМЕР|ФИО | --school НАЗВАНИЕ | --municipality НАЗВАНИЕ) [--db ФАЙЛ] [--start ГГГГ-ММ-ДД] [--names] [--xlsx ФАЙЛ] [--docx ФАЙЛ] [--json]",
  summary: "черновик ИОМ по диагностике и каталогу мероприятий; выгрузка в форме ИОМ (XLSX, DOCX)",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, teacher: {type: "string"}, school: {type: "string"}, municipality: {type: "string"},
      start: {type: "string"}, names: {type: "boolean"}, xlsx: {type: "string"}, docx: {type: "string"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report route ${this.usage}`); return 0; }
    const start = checkDate(values.start as string | undefined);
    if (!values.teacher && !values.school && !values.municipality) {
      throw new UserError("укажите, для кого маршрут: --teacher НОМЕР (или часть ФИО), --school НАЗВАНИЕ или --municipality НАЗВАНИЕ.");
    }
    if ((values.xlsx || values.docx) && !values.teacher) throw new UserError("выгрузка в форме ИОМ — для одного педагога: укажите --teacher.");
    return withStore(values.db as string | undefined, async (store, settings) => {
      const teacherId = values.teacher ? await teacherOf(store, values.teacher as string) : undefined;
      // The document is signed by the teacher: it carries the name (the service view).
      const names = Boolean(values.names) || Boolean(values.xlsx) || Boolean(values.docx);
      let draft: RouteDraft;
      try {
        draft = await routeDraft(store, settings, {teacherId, school: values.school as string | undefined, municipality: values.municipality as string | undefined,
          start, names});
      } catch (e) {
        if (/no diagnostics/.test((e as Error).message)) throw new UserError(`у педагога № ${teacherId} нет результатов диагностики.`);
        throw e;
      }
      if (values.xlsx) { writeFileSync(values.xlsx as string, await routeXlsx(draft)); io.err(`ИОМ записан: ${values.xlsx}`); }
      if (values.docx) { writeFileSync(values.docx as string, await routeDocx(draft)); io.err(`ИОМ записан: ${values.docx}`); }
      io.out(values.json ? JSON.stringify(draft, null, 2) : routeText(draft));
      return 0;
    }, {mustExist: true});
  }
};
