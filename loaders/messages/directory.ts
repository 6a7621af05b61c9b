// Russian wording of the directory's issue kinds: the directory file itself, names the directory
// matched or could not place, and schools named by the file or chosen at upload.
import type {MessageWriter} from "./index.ts";

const d = (f: {details?: Record<string, unknown>}) => (f.details ?? {}) as Record<string, unknown>;

export const directoryMessages: Record<string, MessageWriter> = {
  "directory/no-table": () =>
    "Не найдена таблица справочника школ: нужна строка заголовков со столбцами «Муниципальный район» и «Полное наименование» " +
    "(или «Краткое наименование»); по желанию — «ИНН» или «Код», «Статус».",
  "directory/no-rows": () => "В справочнике нет ни одной школы: под строкой заголовков пусто.",
  "directory/no-name": () => "В строке нет названия школы (ни полного, ни краткого): строка не загружена.",
  "directory/no-municipality": (f) => d(f).counted === false
    ? `Для школы «${f.school ?? ""}» не указан муниципальный район, а в справочнике такой школы нет: данные сохранены, но в расчёт не войдут, ` +
      "пока район не будет указан в файле или школа не появится в справочнике (mentoring directory add … или файл справочника)."
    : f.sheet
      ? `Не указан муниципальный район (ни в строке, ни выше): строк без района — ${String(d(f).rows ?? 1)}, начиная с этой; они не загружены. Впишите район.`
      : `Для школы «${f.school ?? ""}» не указан муниципальный район, и в справочнике такой школы нет: школа сохранена без района.`,
  "directory/ambiguous-school": (f) =>
    `Не указан муниципальный район, а школа «${f.school ?? ""}» есть в справочнике в нескольких районах ` +
    `(${(d(f).municipalities as string[] | undefined ?? []).join(", ")}): данные не отнесены ни к одной из них. ` +
    "Укажите район в файле или выберите школу при загрузке (--school или список «Школа» на странице загрузки).",
  "directory/similar-name": (f) =>
    `Школа «${f.school ?? ""}» (${String(d(f).municipality ?? "")}) похожа на «${String(d(f).candidate ?? "")}» из справочника. ` +
    "Пока это разные школы; если это одна и та же, подтвердите: «Это та же школа» на странице «Справочник школ» " +
    `или mentoring directory confirm ${String(d(f).proposal ?? "")}.`,
  "directory/bad-status": (_f, v) =>
    `Статус «${v}» не распознан: школа считается действующей. Пишите «действует» или «закрыта» (также «да» / «нет»).`,
  "directory/duplicate-row": (f) =>
    `Эта школа уже есть в строке ${String(d(f).earlierRow ?? "")} справочника: повтор не загружен.`,
  "directory/code-conflict": (f, v) =>
    `Код ${v} уже принадлежит другой школе справочника («${String(d(f).other ?? "")}»): код у этой строки не сохранён, проверьте его.`,
  "school/spelling-unified": (f, v) =>
    `В форме ${String(d(f).form ?? "")} школа записана как «${v}», в форме 1 — «${f.school ?? ""}»: это одна школа, данные учтены вместе.`,
  "school/option-differs": (f) => d(f).locked
    ? `Файл не принят: в нём указана школа «${f.school ?? ""}»${d(f).municipality ? ` (${String(d(f).municipality)})` : ""}, ` +
      `а ваша школа — «${String(d(f).chosen ?? "")}». Загрузите отчёт своей школы; если в файле ошибка в названии школы, исправьте его.`
    : `В файле указана школа «${f.school ?? ""}», а при загрузке выбрана «${String(d(f).chosen ?? "")}»: данные отнесены к школе из файла. ` +
      "Если файл не той школы, отмените загрузку."
};
