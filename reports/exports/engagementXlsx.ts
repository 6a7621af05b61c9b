// The quarterly engagement report as a workbook to send upward (issue 8 §3): the region and its
// municipalities, every school, engagement by form and the programmes with their results (issue 15
// §3), the schools that did not report, and the data errors — the same
// figures as `mentoring report engagement --json` (reports/engagement.ts), ru-RU formats.
import ExcelJS from "exceljs";
import type {Store} from "../../store/database.ts";
import {engagementReport, type EngagementReport} from "../engagement.ts";
import {engagementByForm, type EngagementByForm} from "../engagementByForm.ts";
import type {Settings} from "../../settings/index.ts";
import {severityLabel} from "../../lib/glossary.ts";
import type {EngagementFigures, GroupSummary} from "../../lib/engagementSummary.ts";
import type {Coverage} from "../../lib/coverage.ts";
import {formatPeriod} from "../../lib/format.ts";
import {engagementForAggregates, type AggregateEngagementReport} from "../aggregateEngagement.ts";
import type {Audience} from "../scope.ts";
import {addTable, COUNT_FORMAT, PERCENT_FORMAT, toBuffer, type Column} from "./xlsxStyle.ts";

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
/** Over incomplete coverage the target is not judged: the cell says over how many schools the figure is. */
const decision = (v: boolean | null, c?: Pick<Coverage, "complete" | "label">) => (c && !c.complete ? `не оценивается: ${c.label}` : yesNo(v));

const FIGURE_COLUMNS: Column[] = [
  {header: "Обучающихся вовлечено", width: 13, format: COUNT_FORMAT}, {header: "Обучающихся 10–19 лет", width: 13, format: COUNT_FORMAT},
  {header: "Доля обучающихся", width: 11}, {header: "Цель по обучающимся достигнута", width: 13},
  {header: "Педагогов вовлечено", width: 12, format: COUNT_FORMAT}, {header: "Педагогов всего", width: 12, format: COUNT_FORMAT},
  {header: "Доля педагогов", width: 11}, {header: "Цель по педагогам достигнута", width: 13}
];

/** A side hidden for aggregate readers (reports/aggregateEngagement.ts): its four cells read «< 5». */
type Hidden = {suppressed?: {students: boolean; teachers: boolean}};
type CoverageLike = Pick<Coverage, "complete" | "label">;

function figureCells(f: EngagementFigures & Hidden, c?: CoverageLike, min = 5): Array<string | number | null> {
  const side = (who: "students" | "teachers"): Array<string | number | null> => f.suppressed?.[who] ? [`< ${min}`, `< ${min}`, `< ${min}`, "—"]
    : [f[`${who}Engaged`], f[`${who}Population`], f[`${who}Pct`] === null ? null : f[`${who}Pct`]! / 100, decision(f.meetsTarget[who], c)];
  return [...side("students"), ...side("teachers")];
}

const COVERAGE_COLUMNS: Column[] = [
  {header: "Школ в сумме", width: 10, format: COUNT_FORMAT}, {header: "Школ ожидалось", width: 10, format: COUNT_FORMAT},
  {header: "Доля обучающихся в учтённых школах", width: 14, format: PERCENT_FORMAT},
  {header: "Доля педагогов в учтённых школах", width: 14, format: PERCENT_FORMAT},
  {header: "Полнота", width: 30}, {header: "Не отчитались", width: 10, format: COUNT_FORMAT}
];

function coverageCells(g: Pick<GroupSummary, "schoolsNotReported"> & {coverage: CoverageLike & Pick<Coverage, "schoolsCounted" | "schoolsExpected">
  & {students: {share: number | null}; teachers: {share: number | null}}}): Array<string | number | null> {
  const c = g.coverage;
  return [c.schoolsCounted, c.schoolsExpected, c.students.share, c.teachers.share, c.complete ? "полные" : `неполные: ${c.label}`,
    g.schoolsNotReported.length];
}

/** Sets each percentage cell's format from its own value (see percentFormat). */
function formatPercents(ws: ExcelJS.Worksheet, firstFigureColumn: number, figures: EngagementFigures[], report: Pick<EngagementReport, "targets">): void {
  figures.forEach((f, i) => {
    const row = ws.getRow(3 + i);
    row.getCell(firstFigureColumn + 2).numFmt = percentFormat(f.studentsPct, report.targets.students);
    row.getCell(firstFigureColumn + 6).numFmt = percentFormat(f.teachersPct, report.targets.teachers);
  });
}

/** «Формы и программы»: the quarter by form of mentoring, then every programme with its result (banks of practices). */
function formsSheet(wb: ExcelJS.Workbook, r: EngagementByForm, period: string): void {
  const min = r.minGroupSize;
  const hidden = (v: number | null, suppressed: boolean) => (suppressed ? `< ${min}` : v);
  // The region's total is null either for want of data or because it is hidden (aggregate readers, a region of fewer than 5).
  const totalHidden = r.period && r.region.byForm.some((f) => f.suppressed) ? `< ${min}` : null;
  const forms = [...r.region.byForm.map((f) => ["Регион", f.label, f.programmes, f.schools, hidden(f.mentors, f.suppressed), hidden(f.mentees, f.suppressed),
    hidden(f.studentsEngaged, f.suppressed), hidden(f.teachersEngaged, f.suppressed)]),
    ["Регион", "Итого", null, null, null, null, r.region.studentsEngaged ?? totalHidden, r.region.teachersEngaged ?? totalHidden],
    ...r.municipalities.flatMap((m) => m.byForm.filter((f) => f.programmes).map((f) => [m.name, f.label, f.programmes, f.schools,
      hidden(f.mentors, f.suppressed), hidden(f.mentees, f.suppressed), hidden(f.studentsEngaged, f.suppressed), hidden(f.teachersEngaged, f.suppressed)]))];
  const ws = addTable(wb, "Формы и программы", `Вовлечённость по формам наставничества за ${period}, данные ${r.coverage}; ` +
    `группы меньше ${min} человек не показываются`,
  [{header: "Регион / муниципалитет", width: 22}, {header: "Форма наставничества", width: 24}, {header: "Программ", width: 10, format: COUNT_FORMAT},
    {header: "Школ", width: 8, format: COUNT_FORMAT}, {header: "Наставников", width: 12, format: COUNT_FORMAT},
    {header: "Наставляемых", width: 12, format: COUNT_FORMAT}, {header: "Обучающихся вовлечено", width: 13, format: COUNT_FORMAT},
    {header: "Педагогов вовлечено", width: 12, format: COUNT_FORMAT}], forms);
  ws.getRow(3 + r.region.byForm.length).font = {bold: true};
  addTable(wb, "Банк практик", `Программы наставничества за ${period} и их результаты (школы в сумме отчёта)`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 30}, {header: "Форма наставничества", width: 22},
      {header: "Программа", width: 34}, {header: "Наставников", width: 12, format: COUNT_FORMAT}, {header: "Наставляемых", width: 12, format: COUNT_FORMAT},
      {header: "Результат программы", width: 70}],
    r.programmes.length ? r.programmes.map((p) => [p.municipality, p.school, p.formLabel, p.programme, hidden(p.mentors, p.suppressed),
      hidden(p.mentees, p.suppressed), p.result]) : [["—", "Программ нет", null, null, null, null, null]]);
}

/** «< 5» stands in a column of numbers: right-aligned like them. */
function alignHidden(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
    if (typeof c.value === "string" && /^< \d+$/.test(c.value)) c.alignment = {...c.alignment, horizontal: "right"};
  })));
}

export async function engagementWorkbook(report: EngagementReport | AggregateEngagementReport, byForm?: EngagementByForm): Promise<Buffer> {
  const min = "minGroupSize" in report ? report.minGroupSize : 5;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  const period = `${formatPeriod(report.period)} (${report.period ?? "нет данных"})`;
  const goal = `цель — ${report.targets.students} % обучающихся 10–19 лет и ${report.targets.teachers} % педагогов`;

  const groups = [{name: "Регион", ...report.region}, ...report.municipalities] as Array<(typeof report.municipalities)[number]>;
  const complete = report.region.coverage.complete ? "данные полные" : `данные неполные (${report.region.coverage.label}): цель не оценивается`;
  const ws1 = addTable(wb, "Муниципалитеты", `Вовлечённость в наставничество за ${period}; ${goal}; ${complete}`,
    [{header: "Регион / муниципалитет", width: 24}, ...FIGURE_COLUMNS, ...COVERAGE_COLUMNS],
    groups.map((g) => [g.name, ...figureCells(g, g.coverage, min), ...coverageCells(g)]));
  formatPercents(ws1, 2, groups, report);
  ws1.getRow(3).font = {bold: true};

  const ws2 = addTable(wb, "Школы", `Школы за ${period}`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 34}, {header: "Отчитались", width: 11},
      {header: "В сумме", width: 9}, ...FIGURE_COLUMNS, {header: "Ошибок данных", width: 10, format: COUNT_FORMAT},
      {header: "Состояние отчёта", width: 20}, {header: "Почему не в сумме", width: 60}],
    report.schools.map((s) => [s.municipality, s.name, s.status === "reported" ? "да" : "нет", s.includedInTotals ? "да" : "нет",
      ...figureCells(s, undefined, min), s.dataErrors.length, s.stateLabel, s.reasons.join("; ")]));
  formatPercents(ws2, 5, report.schools, report);
  if (byForm) formsSheet(wb, byForm, period);

  // Every expected school left out of the sums — not sent, refused, read in part — and refused files of no known school.
  const missing = [...report.notCounted.map((s) => [s.municipality, s.name, s.stateLabel, s.reasons.join("; ")]),
    ...report.rejectedFiles.map((f) => ["—", "школа не определена", "файл не принят", `загрузка № ${f.uploadId}, ${f.file}${f.message ? `: ${f.message}` : ""}`])];
  addTable(wb, "Не отчитались", `Не вошли в суммы за ${period}: не прислали отчёт, файл не принят или прочитан не полностью`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 40}, {header: "Состояние", width: 22}, {header: "Причина", width: 70}],
    missing.length ? missing : [["—", "Все ожидаемые школы в суммах", null, null]]);

  const errors = report.schools.flatMap((s) => s.dataErrors.map((e) => [s.municipality, s.name, e.file, e.sheet, e.cell,
    severityLabel(e.severity), e.message]));
  addTable(wb, "Ошибки данных", `Ошибки данных в действующих отчётах за ${period}`,
    [{header: "Муниципалитет", width: 16}, {header: "Школа", width: 30}, {header: "Файл", width: 26}, {header: "Лист", width: 12},
      {header: "Ячейка", width: 8}, {header: "Важность", width: 11}, {header: "Что не так", width: 80}],
    errors.length ? errors : [["—", "Ошибок нет", null, null, null, null, null]]);
  alignHidden(wb);
  return toBuffer(wb);
}

/**
 * The workbook of a quarter. For aggregate readers (management, publishing) the figures are those of
 * reports/aggregateEngagement.ts: small groups and the cells that would reveal them read «< 5».
 */
export async function engagementExport(store: Store, settings: Settings, options: {period?: string; audience?: Audience} = {}):
  Promise<{period: string | null; bytes: Buffer}> {
  const report = await engagementReport(store, settings, {period: options.period});
  if (options.audience === "aggregate") {
    const raw = await engagementByForm(store, settings, {base: report, suppress: false});
    const view = engagementForAggregates(report, raw, settings.groupSize.minGroupSize);
    return {period: report.period, bytes: await engagementWorkbook(view.report, view.byForm ?? undefined)};
  }
  const byForm = await engagementByForm(store, settings, {base: report});
  return {period: report.period, bytes: await engagementWorkbook(report, byForm)};
}
