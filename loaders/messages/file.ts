// Russian wording of whole-file problems: what the file is, and how to fix it.
import type {MessageWriter} from "./index.ts";

const LOOKS_LIKE: Record<string, string> = {
  pdf: "Это PDF-документ, а не таблица Excel.",
  html: "Это веб-страница (HTML), а не таблица Excel.",
  xml: "Это XML-файл, а не книга Excel.",
  rtf: "Это документ RTF, а не таблица Excel.",
  image: "Это изображение, а не таблица Excel.",
  text: "Это текстовый файл (например, CSV), а не книга Excel.",
  docx: "Это документ Word (.docx), а не таблица Excel.",
  pptx: "Это презентация PowerPoint (.pptx), а не таблица Excel.",
  ods: "Это таблица OpenDocument (.ods), а не книга Excel.",
  zip: "Это zip-архив, в котором нет книги Excel.",
  unknown: "Содержимое файла не похоже на книгу Excel."
};
const SAVE_AS = "Откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)».";

export const fileMessages: Record<string, MessageWriter> = {
  "file/empty": () => "Файл пустой (0 байт). Сохраните отчёт заново и отправьте ещё раз.",
  "file/too-large": (f) => {
    const d = f.details as {bytes: number; limit: number};
    return `Файл слишком большой: ${(d.bytes / 1048576).toFixed(1).replace(".", ",")} МБ при пределе ${(d.limit / 1048576).toFixed(0)} МБ. Отчёт школы столько весить не может: проверьте, тот ли это файл.`;
  },
  "file/xls-old": () => `Файл в старом формате Excel 97–2003 (.xls). ${SAVE_AS}`,
  "file/encrypted": () => "Файл защищён паролем, прочитать его нельзя. Снимите пароль (Файл → Сведения → Защитить книгу) и сохраните как .xlsx.",
  "file/not-xlsx": (f) => `${LOOKS_LIKE[String((f.details as {looksLike?: string})?.looksLike ?? "unknown")] ?? LOOKS_LIKE.unknown} ${SAVE_AS}`,
  "file/corrupt": () => "Файл повреждён или передан не полностью (обрезан). Сохраните его заново и отправьте ещё раз.",
  "file/zip-bomb": () => "Файл отклонён: при распаковке он занимает несравнимо больше места, чем любой отчёт (похоже на «zip-бомбу»). Сохраните отчёт заново из Excel.",
  "file/xml-doctype": () => "Файл отклонён: внутри книги есть конструкции DOCTYPE, которых Excel не создаёт. Сохраните отчёт заново из Excel.",
  "file/sheet-too-large": (f) => {
    const d = f.details as {sheet: string; limit: number; what: string};
    return `Лист «${d.sheet}» слишком велик: больше ${d.limit.toLocaleString("ru-RU")} ${d.what === "rows" ? "строк" : "ячеек"}. Отчёт такого размера не бывает: проверьте, тот ли это файл.`;
  },
  "file/unknown-format": (f) => {
    const d = f.details as {kinds: string[]};
    return `Не удалось понять, что это за отчёт: ни на одном листе нет заголовков известных форм. Принимаются: ${d.kinds.join("; ")}.`;
  },
  "file/too-many-issues": (f) => {
    const d = f.details as {shown: number; total: number};
    return `Замечаний слишком много: показаны первые ${d.shown} из ${d.total}. Исправьте их и загрузите файл снова.`;
  }
};
