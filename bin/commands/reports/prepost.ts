// `mentoring report prepost`: the curator's entry/exit comparison by competence area.
import {checkYear, parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {prepostReport, type AreaFigures, type PrepostReport, type TeacherRef} from "../../../reports/prepost.ts";
import {formatNumber, formatPercent, formatPValue} from "../../../lib/format.ts";
import type {ReportCommand} from "./types.ts";
import {levelOrText, LEVEL_OPTIONS} from "./scopeOptions.ts";

const pct = (v: number | null) => formatPercent(v, 1);
const num = (v: number | null, d = 2) => formatNumber(v, d);
const share = (v: number | null) => (v === null ? "—" : formatPercent(v * 100, 0));

const measured = (a: AreaFigures) => a.nEntry + a.nExit > 0;
const signed = (v: number | null, d = 1) => {
  if (v === null) return "—";
  const text = formatNumber(v, d);
  // A value that rounds to zero is shown without a sign: «-0,0» reads as a loss.
  return /^-?[0,]+$/.test(text) ? text.replace("-", "") : `${v > 0 ? "+" : ""}${text}`;
};

function areaRows(areas: AreaFigures[]): string[][] {
  return areas.filter(measured).map((a) => [
    a.label, formatNumber(a.nPairs), pct(a.meanEntryDeficit), pct(a.meanExitDeficit), signed(a.meanChange),
    a.ci95 ? `${signed(a.ci95[0])} … ${signed(a.ci95[1])}` : "—",
    formatPValue(a.test.p), a.test.label ?? "—",
    num(a.dz), share(a.normalizedGain),
    a.shareImproved === null ? "—" : `${share(a.shareImproved)} / ${share(a.shareUnchanged)} / ${share(a.shareWorse)}`
  ]);
}

const AREA_HEAD = ["Область", "Пар", "Дефицит до", "после", "Изм. результата, п.п.", "95 % ДИ", "p", "Критерий", "d_z",
  "Устранено дефицита", "Лучше / так же / хуже"];

function who(t: TeacherRef): string {
  return `${t.name ? `${t.name}, ` : ""}№ ${t.id} — ${t.school} (${t.municipality})`;
}

export function prepostText(r: PrepostReport, showTeachers: boolean): string {
  const out: string[] = [];
  const scope = [r.scope.municipality ? `муниципалитет «${r.scope.municipality}»` : null,
    r.scope.school ? `школа «${r.scope.school}»` : null].filter(Boolean).join(", ");
  out.push(`Входная и итоговая диагностика педагогов${scope ? ` (${scope})` : ""}` +
    `${r.scope.schoolYear ? `, ${r.scope.schoolYear} учебный год (итоговые диагностики этого года и входные тех же педагогов)` : ", все учебные годы"}.`);
  out.push(`Педагогов: ${formatNumber(r.counts.teachers)}; с обеими диагностиками: ${formatNumber(r.counts.paired)}; ` +
    `только входная: ${formatNumber(r.counts.entryOnly)}; только итоговая: ${formatNumber(r.counts.exitOnly)}` +
    (r.counts.ambiguous ? `; не сопоставлены из-за совпадения ФИО: ${formatNumber(r.counts.ambiguous)}` : "") +
    (r.counts.undated ? `; без учебного года в файле (не учтены): ${formatNumber(r.counts.undated)}` : "") + ".");
  out.push("");
  out.push(table(AREA_HEAD, areaRows(r.areas)));
  out.push("");
  out.push("Выводы:");
  for (const a of r.areas.filter(measured)) out.push(`  ${a.reading}`);
  out.push("");
  out.push(r.method.text);
  for (const g of r.groups) {
    out.push("", g.level === "municipality" ? `Муниципалитет «${g.municipality}» (педагогов: ${g.nTeachers})`
      : `${g.school}, ${g.municipality} (педагогов: ${g.nTeachers})`);
    out.push(table(AREA_HEAD, areaRows(g.areas)));
  }
  if (r.entryOnly.length) {
    out.push("", "Только входная диагностика (итоговой нет):");
    for (const t of r.entryOnly) out.push(`  ${who(t)}`);
  }
  if (r.exitOnly.length) {
    out.push("", "Только итоговая диагностика (входной нет):");
    for (const t of r.exitOnly) out.push(`  ${who(t)}`);
  }
  if (showTeachers && r.teachers.length) {
    const shown = r.areas.filter(measured);
    const codes = shown.map((a) => a.area);
    out.push("", "Дефициты педагогов, % (входная → итоговая):");
    out.push(table(["Педагог", "Школа", ...shown.map((a) => a.label)], r.teachers.map((t) => [
      t.name ? `${t.name} (№ ${t.id})` : `№ ${t.id}`, t.school,
      ...codes.map((c) => {
        const f = t.areas[c];
        if (!f) return "";
        return `${formatNumber(f.entryDeficit, 0)} → ${formatNumber(f.exitDeficit, 0)}`;
      })
    ])));
  }
  return out.join("\n");
}

export const prepostReportCommand: ReportCommand = {
  name: "prepost",
  usage: "[--db ФАЙЛ] [--year 2025/26] [--school НАЗВАНИЕ] [--municipality НАЗВАНИЕ] [--level регион|муниципалитет|школа --id N] [--by school|municipality|all] [--teachers] [--names] [--json]",
  summary: "входная и итоговая диагностика: изменение дефицитов по областям, значимость, величина эффекта",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, year: {type: "string"}, school: {type: "string"}, municipality: {type: "string"},
      by: {type: "string"}, teachers: {type: "boolean"}, names: {type: "boolean"}, json: {type: "boolean"}, ...LEVEL_OPTIONS});
    if (values.help) { io.out(`mentoring report prepost ${this.usage}`); return 0; }
    const by = values.by as string | undefined;
    if (by !== undefined && !["school", "municipality", "all"].includes(by)) {
      throw new UserError(`--by: нужно school, municipality или all, а не «${by}».`);
    }
    const year = checkYear(values.year as string | undefined);
    return withStore(values.db as string | undefined, async (store, settings) => {
      const {scope, school, municipality} = await levelOrText(store, values as Record<string, string | undefined>);
      const report = await prepostReport(store, settings, {...(year ? {schoolYear: year.year} : {}), school, municipality, scope, by: by as "school" | "municipality" | "all" | undefined,
        names: Boolean(values.names)});
      if ((values.school || values.municipality) && report.scope.schools.length === 0) {
        throw new UserError(`не найдено ни одной школы по условию${values.municipality ? ` «${values.municipality}»` : ""}${values.school ? ` «${values.school}»` : ""}.`);
      }
      if (report.counts.teachers === 0 && !values.json) {
        io.out("В базе нет результатов диагностики. Загрузите их: mentoring ingest <файл> [--wave entry|exit]");
        return 0;
      }
      io.out(values.json ? JSON.stringify(report, null, 2) : prepostText(report, Boolean(values.teachers)));
      return 0;
    }, {mustExist: true});
  }
};
