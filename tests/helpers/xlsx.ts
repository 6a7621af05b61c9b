// Builds small workbooks for tests, as people fill them, and runs them through the loaders.
import ExcelJS from "exceljs";
import {examineFile, type Examined} from "../../loaders/ingest.ts";
import type {IngestOptions} from "../../loaders/fileKind.ts";

export type Rows = Array<Array<ExcelJS.CellValue>>;

export async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Adds rows starting at the sheet's next row; returns the first row number used. */
export function addRows(ws: ExcelJS.Worksheet, rows: Rows): number {
  const first = ws.rowCount + 1;
  for (const r of rows) ws.addRow(r);
  return first;
}

export async function examine(buffer: Buffer, options: IngestOptions = {}, file = "test.xlsx"): Promise<Examined> {
  return examineFile(file, buffer, options);
}

// The seed's headers (seed 003), shared by the form fixtures.
export const FORM1_HEADER = ["Муниципальный район", "Общеобразовательные организации", "Контакты: ФИО директора, тел., почта, почт. адрес",
  "Общее количество детей в ОО в возрасте от 10 до 19 лет, чел", "Общее количество педагогических работников в ОО, чел",
  "Общее количество учителей - молодых специалистов в ОО (с опытом работы от 0 до 3 лет), чел"];
export const ENGAGEMENT_HEADER = ["Муниципальный район", "Общеобразовательные организации", "Наименование программы наставничества",
  "Количество вовлеченных в программу", "", "Результат программы"];
export const ENGAGEMENT_SUBHEADER = ["", "", "", "наставников", "наставляемых", ""];
export const FORM_TITLES: Record<2 | 3 | 4 | 5, string> = {
  2: "Данные о численности вовлеченности наставников и наставляемых в образовательной организации по форме «ученик – ученик»",
  3: "Данные о численности вовлеченности наставников и наставляемых в образовательной организации по форме «Учитель - учитель»",
  4: "Данные о численности вовлеченности наставников и наставляемых в образовательной организации по форме «Студент-ученик»",
  5: "Данные о численности вовлеченности наставников и наставляемых в образовательной организации по форме «Работодатель-ученик»"
};

/** Writes an engagement form: title, two-level merged header, rows, «Итого». Returns the header row. */
export function engagementForm(ws: ExcelJS.Worksheet, form: 2 | 3 | 4 | 5, rows: Rows,
  options: {title?: string; marker?: string | null; total?: [ExcelJS.CellValue, ExcelJS.CellValue] | null} = {}): number {
  if (options.marker !== null) ws.addRow([options.marker ?? `Форма ${form}`]);
  ws.addRow([options.title ?? FORM_TITLES[form]]);
  const header = addRows(ws, [ENGAGEMENT_HEADER, ENGAGEMENT_SUBHEADER]);
  ws.mergeCells(header, 4, header, 5);
  for (const c of [1, 2, 3, 6]) ws.mergeCells(header, c, header + 1, c);
  addRows(ws, rows);
  if (options.total !== null) {
    const sum = (i: number) => rows.reduce((a, r) => a + (typeof r[i] === "number" ? (r[i] as number) : 0), 0);
    ws.addRow(["Итого, чел", "", "", ...(options.total ?? [sum(3), sum(4)]), ""]);
  }
  return header;
}

export function form1(ws: ExcelJS.Worksheet, rows: Rows, title = "Информация об общеобразовательных организациях-участниках внедрения региональной целевой модели наставничества за I квартал 2024 г."): number {
  ws.addRow([title]);
  ws.addRow(["Форма 1"]);
  return addRows(ws, [FORM1_HEADER, ...rows]);
}
