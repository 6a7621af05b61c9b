// Registry workbooks built in the test, as schools fill them in.
import ExcelJS from "exceljs";

export const MENTEE_HEADERS = ["№", "ФИО наставляемого", "Контактные данные для связи (данные представителя)", "Год рождения наставляемого",
  "Основной запрос наставляемого", "Дата вхождения в программу", "ФИО наставника", "Форма наставничества",
  "Место работы/учебы наставника", "Дата завершения Программы", "Результаты программы",
  "Ссылка на кейс/отзыв наставляемого, размещенные на сайте организации", "Отметка о прохождении программы"];

export const MENTOR_HEADERS = ["№", "Ф.И.О. наставника", "Контактные данные для связи", "Место работы/учебы наставника",
  "Основные компетенции наставника", "Важные для программы достижения наставника", "Интересы наставника",
  "Желаемый возраст наставляемых", "Ресурс времени на программу наставничества", "Дата вхождения в программу",
  "ФИО наставляемого (наставляемых)", "Форма наставничества", "Место работы/учебы наставляемого", "Дата завершения программы",
  "Результаты программы", "Ссылка на кейс/отзыв наставника, размещённые на сайте организации"];

export type Row = Array<string | number | Date | null>;

/** A workbook with title lines, a header and rows; `merge` ranges like "B5:B6". */
export async function registryXlsx(options: {titles: string[]; headers: string[]; rows: Row[]; merges?: string[]; sheet?: string;
  extraRows?: Row[]}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheet ?? "Лист1");
  for (const t of options.titles) ws.addRow([t]);
  ws.addRow(options.headers);
  for (const r of options.extraRows ?? []) ws.addRow(r);
  for (const r of options.rows) ws.addRow(r);
  ws.eachRow((row) => row.eachCell((cell) => { if (cell.value instanceof Date) cell.numFmt = "dd.mm.yyyy"; }));
  for (const m of options.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
