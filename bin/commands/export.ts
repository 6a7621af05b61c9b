// `mentoring export aggregates`: the region's aggregate tables as Parquet for the federal view (issue 15 §6).
import {relative} from "node:path";
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {withStore} from "../withStore.ts";
import {engagementPeriods} from "../../reports/engagement.ts";
import {exportAggregates} from "../../reports/federal/exportAggregates.ts";
import {russianRegion} from "../../lib/russianRegion.ts";
import {formatNumber, formatPeriod} from "../../lib/format.ts";

export const EXPORT_USAGE = "mentoring export aggregates --out ПАПКА [--region КОД|НАЗВАНИЕ] [--db ФАЙЛ]";

/** 1 строка, 2 строки, 5 строк. */
function plural(n: number, one: string, few: string, many: string): string {
  const last = n % 10, lastTwo = n % 100;
  const form = last === 1 && lastTwo !== 11 ? one : last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? few : many;
  return `${formatNumber(n)} ${form}`;
}

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const [what, ...rest] = argv;
  if (what === undefined || what === "--help" || what === "-h") { io.out(EXPORT_USAGE); return 0; }
  if (what !== "aggregates") throw new UserError(`неизвестная выгрузка «${what}». Есть: aggregates (${EXPORT_USAGE}).`);
  const {values} = parse(rest, {out: {type: "string"}, region: {type: "string"}, db: {type: "string"}});
  if (values.help) { io.out(EXPORT_USAGE); return 0; }
  if (!values.out) throw new UserError(`укажите папку выгрузки: ${EXPORT_USAGE}`);
  const regionText = values.region ?? process.env.MENTORING_REGION;
  if (!regionText) throw new UserError("укажите регион: --region 55 или --region \"Омская область\" (или переменная MENTORING_REGION).");
  const region = russianRegion(regionText);
  if (!region) throw new UserError(`регион «${regionText}» не найден: укажите код субъекта РФ (две цифры, например 55) или его название («Омская область»).`);
  const out = values.out;
  return withStore(values.db, async (store, settings) => {
    if ((await engagementPeriods(store)).length === 0) {
      throw new UserError("в базе нет квартальных отчётов — выгружать нечего. Сначала загрузите их: mentoring ingest <папка>");
    }
    const r = await exportAggregates(store, settings, {region, out});
    const m = r.manifest;
    io.out(`Сводные таблицы региона ${region.name} (${region.code}) выгружены в ${out}: ${m.periods.map(formatPeriod).join(", ")}.`);
    for (const [name, t] of Object.entries(m.tables)) {
      io.out(`  ${name}: ${plural(t.rows, "строка", "строки", "строк")}, ${plural(t.files, "файл", "файла", "файлов")} Parquet (${t.path})`);
    }
    io.out(`  описание выгрузки: ${relative(out, r.manifestPath)} (версия формата ${m.schema_version})`);
    io.out("Только сводные числа: без ФИО, контактов, названий файлов, названий и результатов программ.");
    io.out(`Сложить регионы: mentoring rollup ${out} [ПАПКА …]`);
    return 0;
  }, {mustExist: true});
}
