// Writes exceljs workbooks byte-identical from run to run: exceljs's zip writer (JSZip) stamps
// every entry with the current time unless a default date is set, and the workbook carries
// created/modified. Stable bytes keep a sample file's sha256 — what ingest uses to recognise a
// file already loaded — the same after `npm run sample`.
import {createRequire} from "node:module";
import ExcelJS from "exceljs";

export const SAMPLE_STAMP = new Date(Date.UTC(2026, 10, 24));

/** Sets JSZip's default entry date (process-wide) and the workbook's own dates to `at`. */
export function pinWorkbookDates(wb: {created: Date; modified: Date; creator?: string}, at: Date = SAMPLE_STAMP): void {
  const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve("exceljs"));
  const jszip = requireFromExceljs("jszip") as {defaults?: {date: Date | null}};
  if (!jszip.defaults) throw new Error("exceljs no longer bundles JSZip with defaults: sample files would not be reproducible");
  jszip.defaults.date = at;
  wb.created = wb.modified = at;
}

export async function stableWorkbookBuffer(wb: ExcelJS.Workbook, at: Date = SAMPLE_STAMP): Promise<Buffer> {
  pinWorkbookDates(wb, at);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeStableWorkbook(wb: ExcelJS.Workbook, path: string, at: Date = SAMPLE_STAMP): Promise<void> {
  pinWorkbookDates(wb, at);
  await wb.xlsx.writeFile(path);
}
