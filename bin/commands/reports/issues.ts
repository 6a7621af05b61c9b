// `mentoring report issues`: every stored issue, worst first, per file.
import {parse} from "../../args.ts";
import type {Io} from "../../io.ts";
import {issueLine} from "../../present.ts";
import {withStore} from "../../withStore.ts";
import {issuesReport} from "../../../reports/issues.ts";
import {STATUS_RU} from "../ingest.ts";
import {plural} from "../../../loaders/messages/index.ts";
import type {ReportCommand} from "./types.ts";

export const issuesReportCommand: ReportCommand = {
  name: "issues",
  usage: "[--db ФАЙЛ] [--file ИМЯ] [--json]",
  summary: "все замечания к загруженным файлам (лист, ячейка, значение, что не так)",
  async run(argv: string[], io: Io) {
    const {values} = parse(argv, {db: {type: "string"}, file: {type: "string"}, json: {type: "boolean"}});
    if (values.help) { io.out(`mentoring report issues ${this.usage}`); return 0; }
    return withStore(values.db, async (store) => {
      const report = await issuesReport(store, {file: values.file});
      if (values.json) { io.out(JSON.stringify(report, null, 2)); return 0; }
      if (report.files.length === 0) { io.out(values.file ? `Файл «${values.file}» не загружался.` : "Загрузок нет."); return 0; }
      for (const f of report.files) {
        io.out(`${f.file} — загрузка № ${f.uploadId}, ${STATUS_RU[f.status]}${f.replacedBy ? `, заменён загрузкой № ${f.replacedBy}` : ""}${f.undone ? ", отменена" : ""}: ${f.issues.length} ${plural(f.issues.length, "замечание", "замечания", "замечаний")}`);
        for (const i of f.issues) io.out(issueLine(i));
      }
      return 0;
    }, {mustExist: true});
  }
};
