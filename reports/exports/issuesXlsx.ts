// «Скачать замечания»: a file's (or a whole batch's) issues as a workbook a school can act on —
// where (sheet, cell), what is wrong, the value as it was, what was expected; worst first.
import ExcelJS from "exceljs";
import {all, type Store} from "../../store/database.ts";
import {listValue} from "@duckdb/node-api";
import type {UploadIssues} from "../issues.ts";
import type {StoredIssue} from "../engagement.ts";
import {addTable, toBuffer} from "./xlsxStyle.ts";

const SEVERITY = {error: "ошибка", warning: "замечание", info: "сведения"} as const;
const STATUS = {accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён"} as const;

/** Uploads of one browser batch, in the order they were stored. */
export async function batchUploadIds(store: Store, batchId: string): Promise<number[]> {
  const rows = await store.read((c) => all<{upload_id: number}>(c,
    // Kept originals carry their batch in upload_files; rejected files (not kept) in upload_batches.
    `SELECT upload_id FROM upload_files WHERE batch_id = $b
     UNION SELECT upload_id FROM upload_batches WHERE batch_id = $b ORDER BY upload_id`, {b: batchId}));
  return rows.map((r) => r.upload_id);
}

/** Whose issues an export holds (server/scope.ts UploadScope): the region's, a municipality's or a school's (directory ids). */
export type IssueScope = {level: "region"} | {level: "municipality" | "school"; id: number};

/** Rows of issues one export holds at most (a batch of 100 files could hold 100,000): the rest are counted. */
export const MAX_EXPORT_ROWS = 20_000;

/**
 * The chosen uploads with their issues, worst first, read in SQL for these uploads only and at most
 * `maxRows` issues in all (issue 13 §2); `omitted` counts the issues left out.
 */
export async function uploadsWithIssues(store: Store, uploadIds: number[], maxRows = MAX_EXPORT_ROWS,
  scope: IssueScope = {level: "region"}): Promise<{files: UploadIssues[]; omitted: number}> {
  if (!uploadIds.length) return {files: [], omitted: 0};
  const ids = listValue(uploadIds);
  // Below the region, an issue about another school of a many-school file is left out.
  const inScope = `($scope_level = 'region' OR school_id IS NULL OR school_id IN (SELECT school_id FROM school_directory
    WHERE ($scope_level = 'school' AND directory_school_id = $scope_id) OR ($scope_level = 'municipality' AND municipality_id = $scope_id)))`;
  const sp = {scope_level: scope.level, scope_id: scope.level === "region" ? -1 : scope.id};
  const uploads = await store.read((c) => all<{upload_id: number; file_name: string; sha256: string; kind: string | null; period: string | null;
    status: UploadIssues["status"]; loaded_at: string; undone: boolean; errors: number; warnings: number}>(c, `
    SELECT upload_id, file_name, sha256, kind, period, status, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at,
           undone_at IS NOT NULL AS undone, errors, warnings
    FROM uploads WHERE list_contains($ids, upload_id) ORDER BY upload_id`, {ids}));
  const issues = await store.read((c) => all<Record<string, unknown>>(c, `
    SELECT * FROM issues WHERE list_contains($ids, upload_id) AND ${inScope}
    ORDER BY upload_id, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, coalesce(sheet, ''), coalesce(row_no, 0), coalesce(col_no, 0)
    LIMIT $max`, {ids, max: maxRows, ...sp}));
  const total = (await store.read((c) => all<{n: number}>(c,
    `SELECT count(*)::INTEGER AS n FROM issues WHERE list_contains($ids, upload_id) AND ${inScope}`, {ids, ...sp})))[0]!.n;
  const byUpload = new Map<number, StoredIssue[]>();
  for (const r of issues) {
    const list = byUpload.get(r.upload_id as number) ?? [];
    list.push({uploadId: r.upload_id as number, schoolId: r.school_id as number | null, severity: r.severity as StoredIssue["severity"],
      kind: r.kind as string, file: r.file as string, sheet: r.sheet as string | null, row: r.row_no as number | null,
      column: r.col_no as number | null, cell: r.cell as string | null, school: r.school as string | null, value: r.value as string | null,
      expected: r.expected as string | null, message: r.message as string});
    byUpload.set(r.upload_id as number, list);
  }
  const files = uploads.map((u): UploadIssues => ({uploadId: u.upload_id, file: u.file_name, sha256: u.sha256, kind: u.kind, period: u.period,
    status: u.status, loadedAt: u.loaded_at, undone: u.undone, replacedBy: null, errors: u.errors, warnings: u.warnings,
    issues: byUpload.get(u.upload_id) ?? []}));
  return {files, omitted: total - issues.length};
}

export async function issuesWorkbook(files: UploadIssues[], title: string, omitted = 0): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const summary = files.map((f) => [f.file, f.uploadId, STATUS[f.status], f.period, f.errors, f.warnings, f.issues.length]);
  const rows = files.flatMap((f) => f.issues.length === 0
    ? [[f.file, f.uploadId, null, null, null, null, "Замечаний нет", null, null]]
    : f.issues.map((i) => [f.file, f.uploadId, i.school, i.sheet, i.cell, SEVERITY[i.severity], i.message, i.value, i.expected]));
  if (omitted > 0) {
    rows.push([null, null, null, null, null, null,
      `И ещё ${omitted} замечаний не вошли в этот файл (не больше ${MAX_EXPORT_ROWS} строк): скачайте замечания каждого файла отдельно.`, null, null]);
  }
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
