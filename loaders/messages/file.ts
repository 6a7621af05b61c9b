// Russian wording of whole-file problems: what the file is, and how to fix it.
import type {MessageWriters} from "./index.ts";
import type {FileIssueDetails} from "../issueKinds.ts";

/** The formats we read, as the person who sends files knows them. */
const FORMATS = "книга Excel (.xlsx, .xlsm, .xls), таблица OpenDocument (.ods) или текст CSV (.csv)";
const SAVE_AS = "Откройте его в табличном редакторе (Excel, LibreOffice, МойОфис, Р7-Офис) и сохраните как таблицу: .xlsx, .ods или .csv.";

const LOOKS_LIKE: Record<string, string> = {
  pdf: "Это PDF-документ, а не таблица.",
  html: "Это веб-страница (HTML), а не таблица, хотя её и можно открыть в Excel.",
  xml: "Это XML-файл, а не таблица.",
  spreadsheetml: "Это таблица в старом формате «XML-таблица 2003», который не принимается.",
  fods: "Это таблица OpenDocument в виде одного XML-файла (.fods), который не принимается.",
  rtf: "Это документ RTF, а не таблица.",
  image: "Это изображение, а не таблица.",
  gzip: "Это сжатый архив (gzip), а не таблица.",
  archive: "Это архив (RAR или 7z), а не таблица: распакуйте его и отправьте сами таблицы.",
  docx: "Это документ Word (.docx), а не таблица.",
  doc: "Это документ Word 97–2003 (.doc), а не таблица.",
  pptx: "Это презентация PowerPoint (.pptx), а не таблица.",
  ppt: "Это презентация PowerPoint 97–2003 (.ppt), а не таблица.",
  odt: "Это текстовый документ OpenDocument (.odt), а не таблица.",
  odf: "Это документ OpenDocument, но не таблица (.ods).",
  ole: "Это файл Microsoft Office, но в нём нет книги Excel.",
  zip: "Это zip-архив, в котором нет таблицы.",
  unknown: `Содержимое файла не похоже на таблицу: это не ${FORMATS}.`
};

const ENCRYPTED: Record<string, string> = {
  xls: "Книга Excel 97–2003 (.xls) защищена паролем, прочитать её нельзя.",
  xlsx: "Книга Excel защищена паролем, прочитать её нельзя.",
  ods: "Таблица OpenDocument (.ods) защищена паролем, прочитать её нельзя.",
  zip: "Файл защищён паролем, прочитать его нельзя."
};

const TOO_LARGE: Record<string, (limit: string) => string> = {
  rows: (n) => `больше ${n} строк`,
  cells: (n) => `больше ${n} заполненных ячеек`,
  merges: (n) => `больше ${n} объединённых ячеек (диапазонов)`,
  columns: (n) => `больше ${n} столбцов — за пределами листа`,
  text: (n) => `ячейка длиннее ${n} символов — больше, чем вмещает ячейка таблицы`,
  strings: (n) => `больше ${n} разных строк текста`
};

export const fileMessages: MessageWriters<keyof FileIssueDetails> = {
  "file/empty": () => "Файл пустой (0 байт). Сохраните отчёт заново и отправьте ещё раз.",
  "file/too-large": (f) => {
    const d = f.details;
    return `Файл слишком большой: ${(d.bytes / 1048576).toFixed(1).replace(".", ",")} МБ при пределе ${(d.limit / 1048576).toFixed(0)} МБ. Отчёт школы столько весить не может: проверьте, тот ли это файл.`;
  },
  "file/encrypted": (f) => {
    const format = f.details.format;
    return `${ENCRYPTED[format] ?? ENCRYPTED.zip} Снимите пароль (Excel: Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля, очистите поле; LibreOffice: Файл → Сохранить как…, без отметки «Сохранить с паролем») и отправьте файл ещё раз.`;
  },
  "file/not-spreadsheet": (f) => {
    const looksLike = f.details.looksLike;
    return `${LOOKS_LIKE[looksLike] ?? LOOKS_LIKE.unknown} ${SAVE_AS}`;
  },
  "file/xls-unsupported": () => `Файл в формате Excel 5.0/95 (.xls), которому больше 25 лет; такой формат не принимается. ${SAVE_AS}`,
  "file/corrupt": () => "Файл повреждён или передан не полностью (обрезан). Сохраните его заново и отправьте ещё раз.",
  "file/zip-bomb": () => "Файл отклонён: при распаковке он занимает несравнимо больше места, чем любой отчёт (похоже на «zip-бомбу»). Сохраните отчёт заново в табличном редакторе.",
  "file/xml-doctype": () => "Файл отклонён: внутри таблицы есть конструкции DOCTYPE, которых табличные редакторы не создают. Сохраните отчёт заново в табличном редакторе.",
  "file/sheet-too-large": (f) => {
    const d = f.details;
    const what = (TOO_LARGE[d.what] ?? TOO_LARGE.cells!)(d.limit.toLocaleString("ru-RU"));
    const where = d.sheet ? `Лист «${d.sheet}» слишком велик` : "Файл слишком велик";
    return `${where}: ${what}. Отчёт такого размера не бывает: проверьте, тот ли это файл.`;
  },
  "file/unknown-format": (f) => {
    const d = f.details;
    return `Не удалось понять, что это за отчёт: ни на одном листе нет заголовков известных форм. Принимаются: ${d.kinds.join("; ")}.`;
  },
  "file/too-many-issues": (f) => {
    const d = f.details;
    return `Замечаний слишком много: показаны первые ${d.shown} из ${d.total}. Исправьте их и загрузите файл снова.`;
  }
};
