// «Скачать замечания»: a file's (or a whole batch's) issues as a workbook a school can act on —
// where (sheet, cell), what is wrong, the value as it was, what was expected; worst first.
import ExcelJS from "exceljs";
import {all, type Store} from "../../store/database.ts";
import {issuesReport, type UploadIssues} from "../issues.ts";
import {addTable, toBuffer} from "./xlsxStyle.ts";

const SEVERITY = {error: "ошибка", warning: "замечание", info: "сведения"} as const;
const STATUS = {accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён"} as const;

/** Uploads of one browser batch, in the order they were stored. */
export async function batchUploadIds(store: Store, batchId: string): Promise<number[]> {
  const rows = await store.read((c) => all<{upload_id: number}>(c,
    "SELECT upload_id FROM upload_files WHERE batch_id = $b ORDER BY upload_id", {b: batchId}));
  return rows.map((r) => r.upload_id);
}

/** The uploads with their issues (worst first), as reports/issues.ts gives them. */
export async function uploadsWithIssues(store: Store, uploadIds: number[]): Promise<UploadIssues[]> {
  const wanted = new Set(uploadIds);
  return (await issuesReport(store)).files.filter((f) => wanted.has(f.uploadId));
}

export async function issuesWorkbook(files: UploadIssues[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const summary = files.map((f) => [f.file, f.uploadId, STATUS[f.status], f.period, f.errors, f.warnings, f.issues.length]);
  const rows = files.flatMap((f) => f.issues.length === 0
    ? [[f.file, f.uploadId, null, null, null, null, "Замечаний нет", null, null]]
    : f.issues.map((i) => [f.file, f.uploadId, i.school, i.sheet, i.cell, SEVERITY[i.severity], i.message, i.value, i.expected]));
  addTable(wb, "Замечания", title, [
    {header: "Файл", width: 28}, {header: "Загрузка №", width: 11}, {header: "Школа", width: 28}, {header: "Лист", width: 14},
    {header: "Ячейка", width: 9}, {header: "Важность", width: 12}, {header: "Что не так и как исправить", width: 70},
    {header: "Значение в файле", width: 22}, {header: "Что ожидалось", width: 22}
  ], rows).eachRow((row, n) => {
    if (n > 2) row.alignment = {wrapText: true, vertical: "top"};
  });
  addTable(wb, "Файлы", "Файлы и их итог", [
    {header: "Файл", width: 28}, {header: "Загрузка №", width: 11}, {header: "Итог", width: 22}, {header: "Квартал", width: 10},
    {header: "Ошибок", width: 9}, {header: "Замечаний", width: 11}, {header: "Всего записей", width: 14}
  ], summary);
  return toBuffer(wb);
}
