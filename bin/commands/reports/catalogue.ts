// `mentoring report catalogue`: the region's current catalogue of activities, and as XLSX to edit.
import {writeFileSync} from "node:fs";
import {parse} from "../../args.ts";
import type {Io} from "../../io.ts";
import {table} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {catalogueXlsx, currentCatalogue} from "../../../reports/exports/catalogueXlsx.ts";
import {formatNumber} from "../../../lib/format.ts";
import {day} from "./routeFormat.ts";
import type {ReportCommand} from "./types.ts";

export const catalogueReportCommand: ReportCommand = {
  name: "catalogue",
  usage: "[--db ФАЙЛ] [--xlsx ФАЙЛ] [--json]",
  summary: "каталог мероприятий для ИОМ; --xlsx — выгрузка для правки и повторной загрузки",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, xlsx: {type: "string"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report catalogue ${this.usage}`); return 0; }
    return withStore(values.db as string | undefined, async (store, settings) => {
      const rows = await currentCatalogue(store);
      const areas = settings.areas;
      const label = new Map(areas.areas.map((a) => [a.code, a.label]));
      if (values.xlsx) { writeFileSync(values.xlsx as string, await catalogueXlsx(rows, areas)); io.err(`Каталог записан: ${values.xlsx}`); }
      if (values.json) io.out(JSON.stringify({items: rows}, null, 2));
      else if (!rows.length) io.out("Каталог мероприятий не загружен. Загрузите его: mentoring ingest <файл>");
      else io.out(table(["№", "Мероприятие", "Вид", "Часов", "Области", "Сроки"], rows.map((r) => [String(r.no), r.title.length > 70 ? `${r.title.slice(0, 67)}…` : r.title,
        r.kind === "dpo" ? "ДПО" : "мероприятие", formatNumber(r.hours), r.areas.map((a) => label.get(a) ?? a).join(", ") || "—",
        r.start || r.end ? `${day(r.start)} – ${day(r.end)}` : "—"])));
      return 0;
    }, {mustExist: true});
  }
};
