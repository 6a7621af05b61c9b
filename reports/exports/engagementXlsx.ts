// The quarterly engagement report as a workbook to send upward (issue 8 §3): the region and its
// municipalities, every school, the schools that did not report, and the data errors — the same
// figures as `mentoring report engagement --json` (reports/engagement.ts), ru-RU formats.
import ExcelJS from "exceljs";
import type {Store} from "../../store/database.ts";
import {engagementReport, type EngagementReport} from "../engagement.ts";
import type {Settings} from "../../settings/index.ts";
import {severityLabel} from "../../lib/glossary.ts";
import type {EngagementFigures} from "../../lib/engagementSummary.ts";
import {formatPeriod} from "../../lib/format.ts";
import {addTable, COUNT_FORMAT, toBuffer, type Column} from "./xlsxStyle.ts";

/**
 * The Excel number format for a percentage shown against a target: one decimal, or as many more as
 * needed so that a value just under the target never reads as the target (69,96 %, not 70,0 %).
 * @example percentFormat(69.96, 70) // "0.00%"
 */
export function percentFormat(pct: number | null, target: number): string {
  let d = 1;
  while (pct !== null && pct < target && d < 6 && Number(pct.toFixed(d)) >= target) d++;
  return `0.${"0".repeat(d)}%`;
}

const yesNo = (v: boolean | null) => (v === null ? "—" : v ? "да" : "нет");

const FIGURE_COLUMNS: Column[] = [
  {header: "Обучающихся вовлечено", width: 13, format: COUNT_FORMAT}, {header: "Обучающихся 10–19 лет", width: 13, format: COUNT_FORMAT},
  {header: "Доля обучающихся", width: 11}, {header: "Цель по обучающимся достигнута", width: 13},
  {header: "Педагогов вовлечено", width: 12, format: COUNT_FORMAT}, {header: "Педагогов всего", width: 12, format: COUNT_FORMAT},
  {header: "Доля педагогов", width: 11}, {header: "Цель по педагогам достигнута", width: 13}
];

function figureCells(f: EngagementFigures): Array<string | number | null> {
  return [f.studentsEngaged, f.studentsPopulation, f.studentsPct === null ? null : f.studentsPct / 100, yesNo(f.meetsTarget.students),
    f.teachersEngaged, f.teachersPopulation, f.teachersPct === null ? null : f.teachersPct / 100, yesNo(f.meetsTarget.teachers)];
}

/** Sets each percentage cell's format from its own value (see percentFormat). */
function formatPercents(ws: ExcelJS.Worksheet, firstFigureColumn: number, figures: EngagementFigures[], report: EngagementReport): void {
  figures.forEach((f, i) => {
    const row = ws.getRow(3 + i);
    row.getCell(firstFigureColumn + 2).numFmt = percentFormat(f.studentsPct, report.targets.students);
    row.getCell(firstFigureColumn + 6).numFmt = percentFormat(f.teachersPct, report.targets.teachers);
  });
}

export async function engagementWorkbook(report: EngagementReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const period = `${formatPeriod(report.period)} (${report.period ?? "нет данных"})`;
  const goal = `цель — ${report.targets.students} % обучающихся 10–19 лет и ${report.targets.teachers} % педагогов`;

  const groups = [{name: "Регион", ...report.region}, ...report.municipalities];
  const ws1 = addTable(wb, "Муниципалитеты", `Вовлечённость в наставничество за ${period}; ${goal}`,
    [{header: "Регион / муниципалитет", width: 24}, ...FIGURE_COLUMNS, {header: "Школ в сумме", width: 10, format: COUNT_FORMAT},
      {header: "Не отчитались", width: 10, format: COUNT_FORMAT}],
    groups.map((g) => [g.name, ...figureCells(g), g.schoolsIncluded.length, g.schoolsNotReported.length]));
  formatPercents(ws1, 2, groups, report);
  ws1.getRow(3).font = {bold: true};

  const ws2 = addTable(wb, "Школы", `Школы за ${period}`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 34}, {header: "Отчитались", width: 11},
      {header: "В сумме", width: 9}, ...FIGURE_COLUMNS, {header: "Ошибок данных", width: 10, format: COUNT_FORMAT}],
    report.schools.map((s) => [s.municipality, s.name, s.status === "reported" ? "да" : "нет", s.includedInTotals ? "да" : "нет",
      ...figureCells(s), s.dataErrors.length]));
  formatPercents(ws2, 5, report.schools, report);

  const missing = report.schools.filter((s) => s.status === "not_reported");
  addTable(wb, "Не отчитались", `Не прислали отчёт за ${period}`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 40}],
    missing.length ? missing.map((s) => [s.municipality, s.name]) : [["—", "Все школы отчитались"]]);

  const errors = report.schools.flatMap((s) => s.dataErrors.map((e) => [s.municipality, s.name, e.file, e.sheet, e.cell,
    severityLabel(e.severity), e.message]));
  addTable(wb, "Ошибки данных", `Ошибки данных в действующих отчётах за ${period}`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 30}, {header: "Файл", width: 26}, {header: "Лист", width: 12},
      {header: "Ячейка", width: 8}, {header: "Важность", width: 11}, {header: "Что не так", width: 80}],
    errors.length ? errors : [["—", "Ошибок нет", null, null, null, null, null]]);
  return toBuffer(wb);
}

export async function engagementExport(store: Store, settings: Settings, options: {period?: string} = {}): Promise<{period: string | null; bytes: Buffer}> {
  const report = await engagementReport(store, settings, options);
  return {period: report.period, bytes: await engagementWorkbook(report)};
}
