// Dispatches `mentoring <command>` to its module.
import type {Io} from "./io.ts";
import {UserError} from "./io.ts";
import {ingestCommand, INGEST_USAGE} from "./commands/ingest.ts";
import {reportCommand, reportHelp} from "./commands/report.ts";
import {serveCommand, SERVE_USAGE} from "./commands/serve.ts";
import {directoryCommand, DIRECTORY_USAGE} from "./commands/directory.ts";
import {uploadsCommand, UPLOADS_USAGE} from "./commands/uploads.ts";
import {settingsCommand, SETTINGS_USAGE} from "./commands/settings.ts";
import {usersCommand, USERS_USAGE} from "./commands/users.ts";
import {purgeCommand, PURGE_USAGE} from "./commands/purge.ts";
import {exportCommand, EXPORT_USAGE} from "./commands/export.ts";
import {rollupCommand, ROLLUP_USAGE} from "./commands/rollup.ts";

export const HELP = `mentoring — аналитика программ наставничества

Команды:
  ${INGEST_USAGE}
      загрузить отчёты и таблицы настроек (.xlsx, .xls, .ods, .csv; папки — рекурсивно) в базу; --school — школа, если в файле она не указана
${reportHelp()}
  ${DIRECTORY_USAGE}
  ${SETTINGS_USAGE}
      действующие настройки и откуда они; выгрузка настроек в XLSX для правки (загружаются обратно через ingest)
  ${SERVE_USAGE}
      сервер: загрузка отчётов в браузере, история, выгрузки, дашборды (http://127.0.0.1:3000)
  ${UPLOADS_USAGE}
      удалить хранящиеся исходные файлы загрузок (данные остаются)
  ${USERS_USAGE}
      учётные записи сервиса (роли, пароли, одноразовые ссылки); подробно: mentoring users --help
  ${PURGE_USAGE}
      удалить персональные данные старше срока хранения или одного человека (152-ФЗ)
  ${EXPORT_USAGE}
      сводные таблицы региона в Parquet для федерального уровня (без персональных данных)
  ${ROLLUP_USAGE}
      вовлечённость по стране из выгрузок регионов: регионы, охват, формы наставничества
  mentoring help
      эта справка

База данных: --db, иначе переменная MENTORING_DB, иначе data/mentoring.duckdb.
Периоды пишутся по-русски или в виде ISO: квартал — 2024-Q3, «3 кв 2024», «III квартал 2024»; учебный год — 2024/25 или 2024-2025;
календарный год — 2024.
Коды выхода: 0 — выполнено; 1 — ошибка в команде или хотя бы один файл не загружен; 2 — сбой программы.`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "ingest":
      return ingestCommand(rest, io);
    case "report":
      return reportCommand(rest, io);
    case "serve":
      return serveCommand(rest, io);
    case "directory":
      return directoryCommand(rest, io);
    case "uploads":
      return uploadsCommand(rest, io);
    case "settings":
      return settingsCommand(rest, io);
    case "users":
      return usersCommand(rest, io);
    case "purge":
      return purgeCommand(rest, io);
    case "export":
      return exportCommand(rest, io);
    case "rollup":
      return rollupCommand(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(HELP);
      return 0;
    default:
      throw new UserError(`неизвестная команда «${command}». Справка: mentoring help`);
  }
}
