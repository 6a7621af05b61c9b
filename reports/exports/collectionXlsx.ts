// «Школы для напоминания» (issue 16 §4): the schools of a quarter that have not sent a report, whose
// file was refused, or whose report was read only in part — with municipality, state, reason and
// contact, for the methodologist's reminders. The rows are reports/collection.ts `toRemind`.
import ExcelJS from "exceljs";
import {toRemind, type CollectionBoard} from "../collection.ts";
import {addTable, toBuffer} from "./xlsxStyle.ts";

export const REMIND_COLUMNS = ["Муниципалитет", "Школа", "Состояние", "Причина", "Контакт (форма 1)", "Учётная запись", "Последняя загрузка"] as const;

export async function collectionWorkbook(board: CollectionBoard, periodLabel: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const rows = toRemind(board).map((s) => [s.municipality, s.name, s.stateLabel, s.reason, s.contact ?? "нет в форме 1", s.account ?? "нет учётной записи",
    s.lastUpload ?? "—"]);
  const widths = [18, 36, 22, 48, 36, 24, 16];
  addTable(wb, "Напомнить", `Школы для напоминания: ${periodLabel} (${rows.length} из ${board.expected})`,
    REMIND_COLUMNS.map((header, i) => ({header, width: widths[i]!})), rows).eachRow((row, n) => {
    if (n > 2) row.alignment = {wrapText: true, vertical: "top"};
  });
  return toBuffer(wb);
}
