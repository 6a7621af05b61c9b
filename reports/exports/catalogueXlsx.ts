// The region's current catalogue of activities as an XLSX to edit and load again: the headers the
// catalogue loader recognises (loaders/routes/catalogue.ts), dates as dates, areas by their labels.
import ExcelJS from "exceljs";
import {all, type Store} from "../../store/database.ts";
import type {AreasConfig} from "../../loaders/diagnostics/areas.ts";
import {addTable, toBuffer} from "./xlsxStyle.ts";

export const CATALOGUE_EXPORT_HEADER = ["№", "Название программы (мероприятия)", "Вид", "Организатор (провайдер)", "Кол-во часов",
  "Области компетенций (дефициты)", "Формат", "Начало", "Окончание", "Ссылка"];

export interface CatalogueRow {
  no: number; title: string; kind: "dpo" | "event"; provider: string | null; hours: number | null; areas: string[];
  format: string | null; start: string | null; end: string | null; url: string | null;
}

export async function currentCatalogue(store: Store): Promise<CatalogueRow[]> {
  const rows = await store.read((c) => all<{item_no: number; title: string; kind: "dpo" | "event"; provider: string | null; hours: number | null;
    areas: string; format: string | null; starts: string | null; ends: string | null; url: string | null}>(c, `
    SELECT item_no, title, kind, provider, hours, areas, format, CAST(starts AS VARCHAR) AS starts, CAST(ends AS VARCHAR) AS ends, url
    FROM current_catalogue ORDER BY item_no`));
  return rows.map((r) => ({no: r.item_no, title: r.title, kind: r.kind, provider: r.provider, hours: r.hours, areas: r.areas ? r.areas.split(",") : [],
    format: r.format, start: r.starts, end: r.ends, url: r.url}));
}

const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** The catalogue's rows as an XLSX; areas by their labels in `areas` (the settings' areas). */
export async function catalogueXlsx(rows: CatalogueRow[], areas: AreasConfig): Promise<Buffer> {
  const label = new Map(areas.areas.map((a) => [a.code, a.label]));
  const wb = new ExcelJS.Workbook();
  const ws = addTable(wb, "Каталог", "Каталог мероприятий для индивидуальных образовательных маршрутов (ИОМ)",
    [{header: "№", width: 5}, {header: "Название программы (мероприятия)", width: 50}, {header: "Вид", width: 16},
      {header: "Организатор (провайдер)", width: 28}, {header: "Кол-во часов", width: 10}, {header: "Области компетенций (дефициты)", width: 34},
      {header: "Формат", width: 14}, {header: "Начало", width: 12, format: "dd.mm.yyyy"}, {header: "Окончание", width: 12, format: "dd.mm.yyyy"},
      {header: "Ссылка", width: 28}],
    rows.map((r) => [r.no, r.title, r.kind === "dpo" ? "программа ДПО" : "мероприятие", r.provider, r.hours,
      r.areas.map((a) => label.get(a) ?? a).join(", "), r.format, day(r.start), day(r.end), r.url]));
  ws.getColumn(2).alignment = {wrapText: true, vertical: "top"};
  ws.getColumn(6).alignment = {wrapText: true, vertical: "top"};
  return toBuffer(wb);
}
