// The settings a methodologist edits, as one workbook to edit and upload back (issue 11 §4): a sheet
// per settings table (settings/*.ts say which columns), and a first sheet saying where each
// setting's current value comes from. `mentoring settings export` and /exports/settings.xlsx.
import ExcelJS from "exceljs";
import {addTable, toBuffer} from "./xlsxStyle.ts";
import {EDITABLE_SETTINGS, SETTINGS} from "../../settings/index.ts";
import type {SettingDefinition} from "../../settings/definition.ts";
import type {LoadedSettings, SettingSource} from "../../settings/load.ts";
import {formatDate} from "../../lib/format.ts";

function sourceText(s: SettingSource): string {
  return s.from === "file" ? `файл ${s.path}` : `загрузка № ${s.uploadId} («${s.file}», ${formatDate(s.loadedAt)})`;
}

/** The workbook of the effective settings (values and where each came from). */
export async function settingsWorkbook(loaded: LoadedSettings): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const values = loaded.settings as unknown as Record<string, unknown>;
  const sources = loaded.sources as Record<string, SettingSource>;
  addTable(wb, "О настройках", "Действующие настройки: измените значения на листах и загрузите книгу (mentoring ingest или страница «Загрузка отчётов»)",
    [{header: "Настройка", width: 30}, {header: "Листы", width: 40}, {header: "Откуда сейчас", width: 70}, {header: "Как менять", width: 90}],
    (SETTINGS as readonly SettingDefinition<string, unknown>[]).map((d) => [d.label, (d.tables ?? []).map((t) => t.sheet).join(", ") || "—",
      sourceText(sources[d.key]!), d.tables?.length ? (d.tables ?? []).map((t) => t.help).join(" ") : "Только файл JSON для разработчиков: " + d.file]));
  for (const def of EDITABLE_SETTINGS) {
    for (const t of def.tables ?? []) {
      const rows = t.toRows(values[def.key]);
      const ws = addTable(wb, t.sheet, `${t.title}. ${t.help}`, t.columns.map((c) => ({header: c.header, width: c.width})),
        rows.map((r) => t.columns.map((c) => r[c.key] ?? null)));
      ws.getRow(1).alignment = {wrapText: true, vertical: "top"};
      ws.getRow(1).height = 48;
      t.columns.forEach((c, i) => {
        if (!c.readOnly) return;
        ws.getColumn(i + 1).font = {color: {argb: "FF6B7280"}};
      });
    }
  }
  return toBuffer(wb);
}
