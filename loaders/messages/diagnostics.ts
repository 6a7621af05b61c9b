// Russian wording of the diagnostics loaders' issue kinds.
import type {MessageWriters} from "./index.ts";
import type {DiagnosticsIssueDetails} from "../issueKinds.ts";
import {plural} from "./index.ts";

const WAVE: Record<string, string> = {entry: "входная", exit: "итоговая"};
const area = (f: {details: {area: string}}) => f.details.area;
const asDeficit = (f: {details: {deficit: boolean}}) => (f.details.deficit ? "дефицит" : "результат");

export const diagnosticsMessages: MessageWriters<keyof DiagnosticsIssueDetails> = {
  "diagnostics/no-table": (f) => {
    const areas = f.details.areas;
    return `В файле не найдена таблица диагностики: нужна строка заголовка со столбцом «ФИО педагога» и столбцами областей компетенций (${areas.join(", ")}).`;
  },
  "diagnostics/no-school-year": () => "Не указан учебный год диагностики: ни в названии листа, ни в заголовке над таблицей, ни в имени файла " +
    "нет вида «2025/26 уч. г.» или «апрель 2025 г.». Результаты загружены, но в отчёты за учебный год (итоговый отчёт) не входят. " +
    "Допишите учебный год в заголовок или укажите его при загрузке.",
  "diagnostics/no-rows": () => "В таблице диагностики нет ни одной строки педагога с результатом: файл не загружен.",
  "diagnostics/no-school-column": () => "В таблице нет столбца «ОО» (образовательная организация): без него педагогов нельзя сопоставить между входной и итоговой диагностикой. Лист не загружен: добавьте столбец.",
  "diagnostics/no-municipality-column": () => "В таблице нет столбца «Муниципалитет»: школы сопоставлены с уже известными по названию, незнакомые записаны без муниципалитета.",
  "diagnostics/no-wave": (f) => {
    const n = f.details.rows;
    return `Не указано, входная это диагностика или итоговая: ${n} ${plural(n, "строка не загружена", "строки не загружены", "строк не загружено")}. Назовите лист или строку над таблицей («Входная диагностика», «Итоговая диагностика»), добавьте столбец «Этап» или укажите этап при загрузке (на странице загрузки — «Этап диагностики»; в командной строке — входная entry, итоговая exit).`;
  },
  "diagnostics/wave-conflict": (f) => {
    const d = f.details;
    return `В файле указана ${WAVE[d.stated] ?? d.stated} диагностика, а при загрузке выбрана ${WAVE[d.given] ?? d.given}: использовано указанное в файле.`;
  },
  "diagnostics/unknown-wave": (_, v) => `«${v}» — непонятный этап диагностики: ожидается «входная» или «итоговая». Строка не загружена.`,
  "diagnostics/no-name": () => "Есть результаты, но не указано ФИО педагога: строка не загружена.",
  "diagnostics/no-school": () => "Не указана образовательная организация педагога (ни в строке, ни выше в блоке): строка не загружена.",
  "diagnostics/no-results": () => "У педагога не заполнен ни один результат диагностики: строка не загружена.",
  "diagnostics/not-a-percent": (f, v) => `«${v}» не читается как процент (${area(f)}, ${asDeficit(f)}): ожидается число от 0 до 100, например 52 или 52,5 %. Значение не учтено.`,
  "diagnostics/out-of-range": (f, v) => `${v} — вне диапазона 0–100 % (${area(f)}, ${asDeficit(f)}). Значение не учтено.`,
  "diagnostics/formula-no-result": (f) => `Формула без сохранённого значения (файл не пересчитан): ${area(f)} — результат неизвестен. Откройте файл в Excel, пересчитайте и сохраните.`,
  "diagnostics/excel-error": (f, v) => `В ячейке ошибка Excel ${v}: ${area(f)} — результат неизвестен.`,
  "diagnostics/deficit-result-mismatch": (f) => {
    const d = f.details;
    return `${d.area}: дефицит ${d.deficit} % и результат ${d.result} % в сумме не дают 100 %. Взят указанный результат (${d.result} %).`;
  },
  "diagnostics/read-as-share": (_, v) => `В столбце «${v}» все числа от 0 до 1: они прочитаны как доли (0,52 = 52 %).`,
  "diagnostics/duplicate-area-column": (f, v) => `Столбец «${v}» повторяет область «${area(f)}», уже прочитанную из другого столбца: он не загружен.`,
  "diagnostics/ambiguous-stored-teacher": (f) => {
    const n = f.details.namesakes;
    return `В этой школе уже загружены ${n} ${plural(n, "педагог", "педагога", "педагогов")} с тем же ФИО, и различить их нечем. Результаты загружены, но с другой диагностикой не сопоставлены; добавьте столбец «ID»/«код» в оба файла.`;
  },
  "diagnostics/ambiguous-teacher": (f) => {
    const rows = f.details.rows;
    return `В той же школе и той же диагностике есть педагог с тем же ФИО или кодом (${plural(rows.length, "строка", "строки", "строк")} ${rows.join(", ")}), и различить их нечем. Результаты загружены, но с другой диагностикой не сопоставлены; добавьте столбец «ID»/«код» или уточните ФИО.`;
  }
};
