// Russian wording of a file the program could not finish reading: never a stack trace, always
// which file and what to do (the batch goes on with the next file).
import type {MessageWriters} from "./index.ts";
import type {FailuresIssueDetails} from "../issueKinds.ts";

export const failuresMessages: MessageWriters<keyof FailuresIssueDetails> = {
  "file/parse-failed": (f) => {
    const d = f.details;
    if (d.reason === "memory") {
      return "Файл отклонён: для его чтения нужно несравнимо больше памяти, чем для любого отчёта. Проверьте, тот ли это файл, и сохраните его заново из Excel.";
    }
    if (d.reason === "unavailable") {
      return "Сервер сейчас не может разбирать файлы (не запускается процесс разбора). Файл не принят и не сохранён; повторите загрузку позже.";
    }
    return `Файл не удалось прочитать: при разборе произошла непредвиденная ошибка (${d.error ?? "ошибка"}). Файл не загружен, ` +
      "остальные файлы загружаются. Откройте его в Excel или LibreOffice, сохраните заново как .xlsx и загрузите ещё раз; " +
      "если не поможет — передайте файл разработчикам.";
  },
  "file/unreadable": (f) => {
    const d = f.details;
    return `Файл не удалось открыть с диска${d.code ? ` (${d.code})` : ""}: проверьте, что он существует и доступен для чтения.`;
  }
};
