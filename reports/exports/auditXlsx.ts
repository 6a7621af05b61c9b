// The audit log as XLSX (issue 16 §5): the same columns as the page, every text cell neutralised,
// times as Excel dates. Ids of people, never names.
import ExcelJS from "exceljs";
import {AUDIT_ACTIONS, OUTCOME_LABELS, detailsLabel, objectLabel, subjectsLabel, whoLabel, type AuditRow} from "../../store/audit.ts";
import {ROLE_LABELS, roleLabelOf} from "../../server/auth/roles.ts";
import {addTable, toBuffer, DATE_FORMAT} from "./xlsxStyle.ts";

/** Local wall-clock time as an Excel date (Excel has no time zones: it shows what it is given). */
function excelTime(d: Date): Date {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

export async function auditWorkbook(events: AuditRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  addTable(wb, "Журнал", title, [
    {header: "№", width: 8}, {header: "Время", width: 18, format: DATE_FORMAT}, {header: "Кто", width: 18}, {header: "Роль", width: 20},
    {header: "Действие", width: 30}, {header: "Итог", width: 12}, {header: "Что", width: 24}, {header: "Чьи данные", width: 36},
    {header: "Адрес", width: 16}, {header: "Подробности", width: 50}
  ], events.map((e) => [e.id, excelTime(e.at), whoLabel(e), roleLabelOf(e.role), AUDIT_ACTIONS[e.action] ?? e.action,
    OUTCOME_LABELS[e.outcome] ?? e.outcome, objectLabel(e.object), subjectsLabel(e, 10_000), e.address ?? "", detailsLabel(e.details, ROLE_LABELS)]));
  return toBuffer(wb);
}
