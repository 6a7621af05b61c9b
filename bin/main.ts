// Dispatches `mentoring <command>` to its module.
import type {Io} from "./io.ts";
import {UserError} from "./io.ts";
import {ingestCommand} from "./commands/ingest.ts";
import {reportCommand, reportHelp} from "./commands/report.ts";
import {serveCommand, SERVE_USAGE} from "./commands/serve.ts";
import {exportCommand, EXPORT_USAGE} from "./commands/export.ts";
import {rollupCommand, ROLLUP_USAGE} from "./commands/rollup.ts";

export const HELP = `mentoring — аналитика программ наставничества

Команды:
  mentoring ingest <файл|папка>… [--db ФАЙЛ] [--period ГГГГ-QN] [--wave entry|exit]
      загрузить отчёты .xlsx (папки — рекурсивно) в базу
${reportHelp()}
  ${SERVE_USAGE}
      сервер: загрузка отчётов в браузере, история, выгрузки, дашборды (http://127.0.0.1:3000)
  ${EXPORT_USAGE}
      сводные таблицы региона в Parquet для федерального уровня (без персональных данных)
  ${ROLLUP_USAGE}
      вовлечённость по стране из выгрузок регионов: регионы, охват, формы наставничества
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
