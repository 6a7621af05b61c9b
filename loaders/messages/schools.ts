// Russian wording of what the server says to a school uploading her own files: a kind of file her
// role may not upload from her account, a file of a school outside her scope.
import type {SchoolsIssueDetails} from "../issueKinds.ts";
import type {MessageWriters} from "./index.ts";

export const schoolsMessages: MessageWriters<keyof SchoolsIssueDetails> = {
  "upload/kind-not-allowed": (f) =>
    `Файл не принят: это ${f.details.label}, а с вашей учётной записи загружается только ${f.details.allowed}. ` +
    "Передайте этот файл методисту РНЦ.",
  "upload/outside-scope": (f) => {
    const own = f.details.level === "municipality" ? `ваш муниципалитет — «${f.details.own}»` : `ваша школа — «${f.details.own}»`;
    if (!f.school) return `Файл не принят: в нём не указана школа, а ${own}. Укажите школу в файле (столбец или строка заголовка) и загрузите снова.`;
    const where = f.details.municipality ? ` (${f.details.municipality})` : "";
    const outside = f.details.level === "municipality" ? "школа не из вашего муниципалитета" : "это не ваша школа";
    return `Файл не принят: в нём указана школа «${f.school}»${where} — ${outside}, а ${own}. ` +
      "Загрузите файлы своих школ; если в файле ошибка в названии, исправьте его.";
  }
};
