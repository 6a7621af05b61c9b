// `mentoring report deficits`: deficit levels per area and teacher and each school's most common
// deficits — the input to individual routes (ИОМ).
import {parse} from "../../args.ts";
import {UserError, type Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {deficitsReport, type DeficitsReport} from "../../../reports/deficits.ts";
import {formatNumber, formatPercent} from "../../../lib/format.ts";
import type {ReportCommand} from "./types.ts";

const WAVE_RU = {entry: "входная диагностика", exit: "итоговая диагностика", latest: "последняя диагностика каждого педагога"};

export function deficitsText(r: DeficitsReport, showTeachers: boolean): string {
  const out: string[] = [];
  const levelText = r.levels.map((l) => `${l.label} — ${l.to === null ? `от ${l.from} %` : `${l.from}–${l.to} %`}`).join("; ");
  out.push(`Профессиональные дефициты педагогов (${WAVE_RU[r.wave]}). Уровни: ${levelText}.`);
  out.push(r.levelsNote);
  out.push("");
  const codes = r.levels.map((l) => l.code);
  out.push(table(["Область", "Педагогов", "Средний дефицит", ...r.levels.map((l) => l.label)],
    r.areas.filter((a) => a.n > 0).map((a) => [a.label, formatNumber(a.n), formatPercent(a.meanDeficit),
      ...codes.map((c) => formatNumber(a.levels[c] ?? 0))])));
  out.push("", `Самые частые дефициты по школам (по числу педагогов с уровнем «${r.levels[0]!.label}», затем по среднему дефициту):`);
  out.push(table(["Школа", "Муниципалитет", "Педагогов", "1-я", "2-я", "3-я"], r.schools.map((s) => [
    s.school, s.municipality, formatNumber(s.nTeachers),
    ...[0, 1, 2].map((i) => {
      const t = s.top[i];
      return t ? `${t.label} (${t.nTopLevel}; ${formatPercent(t.meanDeficit, 0)})` : "";
    })
  ])));
  if (showTeachers) {
    out.push("", "Педагоги (области высокого уровня — первыми в ИОМ):");
    for (const t of r.teachers) {
      const list = t.deficits.map((d) => `${d.label} ${formatPercent(d.deficit, 0)} (${r.levels.find((l) => l.code === d.level)?.label})`).join(", ");
      out.push(`  ${t.name ? `${t.name}, ` : ""}№ ${t.id}, ${t.school}: ${list}`);
    }
  }
  return out.join("\n");
}

export const deficitsReportCommand: ReportCommand = {
  name: "deficits",
  usage: "[--db ФАЙЛ] [--wave entry|exit] [--school НАЗВАНИЕ] [--municipality НАЗВАНИЕ] [--teachers] [--names] [--json]",
  summary: "уровни дефицитов по областям и педагогам, самые частые дефициты школ — основа для ИОМ",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, wave: {type: "string"}, school: {type: "string"},
      municipality: {type: "string"}, teachers: {type: "boolean"}, names: {type: "boolean"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report deficits ${this.usage}`); return 0; }
    const wave = values.wave as string | undefined;
    if (wave !== undefined && wave !== "entry" && wave !== "exit") {
      throw new UserError(`--wave: нужно entry (входная диагностика) или exit (итоговая), а не «${wave}».`);
    }
    return withStore(values.db as string | undefined, async (store, settings) => {
      const report = await deficitsReport(store, settings, {wave, school: values.school as string | undefined,
        municipality: values.municipality as string | undefined, names: Boolean(values.names)});
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else if (!report.teachers.length) io.out("Нет результатов диагностики для отчёта. Загрузите их: mentoring ingest <файл> [--wave entry|exit]");
      else io.out(deficitsText(report, Boolean(values.teachers)));
      return 0;
    }, {mustExist: true});
  }
};
