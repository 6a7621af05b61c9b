// `mentoring settings`: what the effective settings are and where each comes from (`show`), and the
// settings a methodologist edits as one XLSX workbook to edit and load back with `mentoring ingest`
// (`export`).
import {writeFile} from "node:fs/promises";
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {withStore} from "../withStore.ts";
import {loadSettings, type SettingSource} from "../../settings/load.ts";
import {SETTINGS} from "../../settings/index.ts";
import type {SettingDefinition} from "../../settings/definition.ts";
import {formatDate} from "../../lib/format.ts";

export const SETTINGS_USAGE = "mentoring settings show|export [--db ФАЙЛ] [--out ФАЙЛ.xlsx] [--json]";

const source = (s: SettingSource) => (s.from === "file" ? `файл ${s.path}` : `загрузка № ${s.uploadId} «${s.file}» от ${formatDate(s.loadedAt)}`);

export async function settingsCommand(argv: string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  const {values} = parse(rest, {db: {type: "string"}, out: {type: "string"}, json: {type: "boolean"}});
  if (values.help || action === undefined || action === "help") {
    io.out(`${SETTINGS_USAGE}
  show    действующие настройки и откуда каждая: файл из папки настроек или загруженная таблица (последняя не отменённая)
  export  настройки, которые меняет методист, — одной книгой XLSX (по умолчанию настройки.xlsx); измените значения
          и загрузите книгу: mentoring ingest ФАЙЛ.xlsx (или на странице «Загрузка отчётов»)`);
    return action === undefined ? 1 : 0;
  }
  if (action !== "show" && action !== "export") throw new UserError(`неизвестное действие «${action}». Доступны: show, export.`);
  return withStore(values.db, async (store) => {
    const loaded = await loadSettings(store);
    if (action === "export") {
      const out = (values.out as string | undefined) ?? "настройки.xlsx";
      if (!out.toLowerCase().endsWith(".xlsx")) throw new UserError(`--out: нужен файл .xlsx, а не «${out}».`);
      const {settingsWorkbook} = await import("../../reports/exports/settingsXlsx.ts");
      await writeFile(out, await settingsWorkbook(loaded));
      io.out(`Настройки записаны: ${out}. Измените значения и загрузите файл: mentoring ingest ${out}`);
      return 0;
    }
    if (values.json) {
      io.out(JSON.stringify({dir: loaded.dir, sources: loaded.sources, settings: loaded.settings}, null, 2));
      return 0;
    }
    io.out(`Папка настроек: ${loaded.dir}`);
    for (const d of SETTINGS as readonly SettingDefinition<string, unknown>[]) {
      io.out(`  ${d.label}: ${source((loaded.sources as Record<string, SettingSource>)[d.key]!)}`);
    }
    return 0;
  });
}
