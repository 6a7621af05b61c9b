// Russian wording of the directory's issue kinds: the directory file itself, names the directory
// matched or could not place, and schools named by the file or chosen at upload.
import type {MessageWriters} from "./index.ts";
import type {DirectoryIssueDetails} from "../issueKinds.ts";

export const directoryMessages: MessageWriters<keyof DirectoryIssueDetails> = {
  "directory/no-table": () =>
    "Не найдена таблица справочника школ: нужна строка заголовков со столбцами «Муниципальный район» и «Полное наименование» " +
    "(или «Краткое наименование»); по желанию — «ИНН» или «Код», «Статус».",
  "directory/no-rows": () => "В справочнике нет ни одной школы: под строкой заголовков пусто.",
  "directory/no-name": () => "В строке нет названия школы (ни полного, ни краткого): строка не загружена.",
  "directory/no-municipality": (f) => "counted" in f.details && !f.details.counted
    ? `Для школы «${f.school ?? ""}» не указан муниципальный район, а в справочнике такой школы нет: данные сохранены, но в расчёт не войдут, ` +
      "пока район не будет указан в файле или школа не появится в справочнике (mentoring directory add … или файл справочника)."
    : f.sheet
      ? `Не указан муниципальный район (ни в строке, ни выше): строк без района — ${"rows" in f.details ? f.details.rows : 1}, начиная с этой; они не загружены. Впишите район.`
      : `Для школы «${f.school ?? ""}» не указан муниципальный район, и в справочнике такой школы нет: школа сохранена без района.`,
  "directory/ambiguous-school": (f) =>
    `Не указан муниципальный район, а школа «${f.school ?? ""}» есть в справочнике в нескольких районах ` +
    `(${f.details.municipalities.join(", ")}): данные не отнесены ни к одной из них. ` +
    "Укажите район в файле или выберите школу при загрузке (--school или список «Школа» на странице загрузки).",
  "directory/similar-name": (f) =>
    `Школа «${f.school ?? ""}» (${f.details.municipality}) похожа на «${f.details.candidate}» из справочника. ` +
    "Пока это разные школы; если это одна и та же, подтвердите: «Это та же школа» на странице «Справочник школ» " +
    `или mentoring directory confirm ${f.details.proposal}.`,
  "directory/bad-status": (_f, v) =>
    `Статус «${v}» не распознан: школа считается действующей. Пишите «действует» или «закрыта» (также «да» / «нет»).`,
  "directory/duplicate-row": (f) =>
    `Эта школа уже есть в строке ${f.details.earlierRow} справочника: повтор не загружен.`,
  "directory/code-conflict": (f, v) =>
    `Код ${v} уже принадлежит другой школе справочника («${f.details.other}»): код у этой строки не сохранён, проверьте его.`,
  "school/spelling-unified": (f, v) =>
    `В форме ${f.details.form} школа записана как «${v}», в форме 1 — «${f.school ?? ""}»: это одна школа, данные учтены вместе.`,
  "school/option-differs": (f) => f.details.locked
    ? `Файл не принят: в нём указана школа «${f.school ?? ""}»${f.details.municipality ? ` (${f.details.municipality})` : ""}, ` +
      `а ваша школа — «${f.details.chosen}». Загрузите отчёт своей школы; если в файле ошибка в названии школы, исправьте его.`
    : `В файле указана школа «${f.school ?? ""}», а при загрузке выбрана «${f.details.chosen}»: данные отнесены к школе из файла. ` +
      "Если файл не той школы, отмените загрузку."
};
