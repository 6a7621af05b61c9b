// Russian wording of the problems the local server finds itself: a file that the parser could not
// finish within its time or memory, or a file refused while it was still arriving.
import type {MessageWriters} from "./index.ts";
import type {ServerIssueDetails} from "../issueKinds.ts";

const mb = (bytes: number) => (bytes / 1048576).toLocaleString("ru-RU", {maximumFractionDigits: 1});

export const serverMessages: MessageWriters<keyof ServerIssueDetails> = {
  "upload/too-large": (f) => {
    const d = f.details;
    return `Файл больше предела ${mb(d.limit)} МБ и не принят. Отчёт школы столько весить не может: проверьте, тот ли это файл ` +
      "(например, не вставлены ли в него фотографии).";
  },
  "upload/too-many-files": (f) => {
    const d = f.details;
    return `За один раз принимается не больше ${d.limit} файлов; остальные не приняты. Загрузите их следующей порцией.`;
  },
  "file/parse-timeout": (f) => {
    const d = f.details;
    return `Файл слишком сложен для разбора: его не удалось прочитать за ${String(d.seconds).replace(".", ",")} с — отчёт школы читается за доли секунды. ` +
      "Похоже, файл повреждён или намеренно усложнён. Сохраните отчёт заново из Excel и загрузите ещё раз.";
  },
  // The parse child died with the file in hand: past its memory limits, or ended from outside.
  "file/too-complex": (f) => {
    const d = f.details;
    const why = d.reason === "memory" ? "для его чтения нужно несравнимо больше памяти, чем для любого отчёта"
      : "его разбор был прерван";
    return `Файл слишком сложен для разбора: ${why}. Данные не изменены. Проверьте, тот ли это файл, и сохраните его заново из Excel.`;
  },
  "file/store-failed": () => "Файл прочитан, но сохранить его не удалось из-за внутренней ошибки сервера: данные этого файла не изменены. " +
    "Остальные файлы запроса сохранены или отклонены независимо от него (см. их итоги). Загрузите этот файл ещё раз."
};
