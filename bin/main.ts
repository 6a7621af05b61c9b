// Dispatches `mentoring <command>` to its module.
import type {Io} from "./io.ts";
import {UserError} from "./io.ts";
import {ingestCommand} from "./commands/ingest.ts";
import {reportCommand, reportHelp} from "./commands/report.ts";
import {serveCommand, SERVE_USAGE} from "./commands/serve.ts";
import {directoryCommand, DIRECTORY_USAGE} from "./commands/directory.ts";
import {uploadsCommand, UPLOADS_USAGE} from "./commands/uploads.ts";

export const HELP = `mentoring — аналитика программ наставничества

Команды:
  mentoring ingest <файл|папка>… [--db ФАЙЛ] [--period ГГГГ-QN] [--wave entry|exit] [--school ШКОЛА]
      загрузить отчёты .xlsx (папки — рекурсивно) в базу; --school — школа, если в файле она не указана
${reportHelp()}
  ${DIRECTORY_USAGE}
  ${SERVE_USAGE}
      сервер: загрузка отчётов в браузере, история, выгрузки, дашборды (http://127.0.0.1:3000)
  ${UPLOADS_USAGE}
      удалить хранящиеся исходные файлы загрузок (данные остаются)
  mentoring help
      эта справка

База данных: --db, иначе переменная MENTORING_DB, иначе data/mentoring.duckdb.`;

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
