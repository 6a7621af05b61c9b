// The annual analytical report as a workbook: the same AnnualReport object as the page and the PDF
// (reports/exports/annualReport.ts), one sheet per section, shares as percent-formatted numbers, p
// with the name of its test. No names: aggregates only.
import ExcelJS from "exceljs";
import {addTable, toBuffer, COUNT_FORMAT, PERCENT_FORMAT} from "./xlsxStyle.ts";
import type {AnnualReport, Section} from "./annualReport.ts";
import type {OrganisationSetting} from "../../settings/organisation.ts";
import {scopeLevelLabel, scopeTitle, scopeTotalWords} from "./annualScope.ts";
import {formatDate, formatPeriod} from "../../lib/format.ts";
import {RULE_SEVERITY_LABELS} from "../../lib/glossary.ts";
import {annualParticipantsSheet} from "./annualParticipants.ts";

/** Percent (0–100) → the fraction Excel's «0,0 %» format shows; null stays empty. */
const share = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);
const P3 = "0.000";

function missing<T>(wb: ExcelJS.Workbook, name: string, s: Section<T>, write: (data: T) => void): void {
  if (s.available) write(s.data);
  else addTable(wb, name, s.note, [{header: "Нет данных", width: 80}], [[s.note]]);
}

/** `organisation`: the setting whose level the region's report names (default: the scope's own level). */
export async function annualWorkbook(r: AnnualReport, organisation?: OrganisationSetting): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Наставничество: аналитика";
  addTable(wb, "Отчёт", `Итоговый аналитический отчёт за ${r.period.label}: ${scopeTitle(r.scope)}`, [{header: "Что", width: 36}, {header: "Значение", width: 90}], [
    ["Организация", scopeTitle(r.scope)],
    ["Уровень", scopeLevelLabel(r.scope, organisation)],
    ["Период", `${r.period.label}: ${formatDate(r.period.start)}–${formatDate(r.period.end)}`],
    ["Учебный год разделов по учебному году", r.schoolYear.label],
    ["Нагрузка и нарушения — на дату", formatDate(r.asOf)],
    ["Группы меньше", `${r.minGroupSize} человек не показываются`],
    ["Критерии значимости", r.method.tests],
    ["Сформирован", formatDate(r.generatedAt)]
  ]);
  missing(wb, "Вовлечённость", r.engagement, (d) => {
    addTable(wb, "Вовлечённость", `Вовлечённость по ${r.period.kind === "school-year" ? "учебным" : "календарным"} годам (последний квартал каждого), ${scopeTitle(r.scope)}`,
      [{header: "Год", width: 12}, {header: "Квартал", width: 18}, {header: "Обучающихся вовлечено", width: 14, format: COUNT_FORMAT},
        {header: "Обучающихся всего", width: 14, format: COUNT_FORMAT}, {header: "Доля обучающихся", width: 12, format: PERCENT_FORMAT},
        {header: "Педагогов вовлечено", width: 14, format: COUNT_FORMAT}, {header: "Педагогов всего", width: 14, format: COUNT_FORMAT},
        {header: "Доля педагогов", width: 12, format: PERCENT_FORMAT}, {header: "Школ в расчёте", width: 10}, {header: "Не отчитались", width: 10}],
      d.years.map((y) => [y.periodId, formatPeriod(y.period), y.studentsEngaged, y.studentsPopulation, share(y.studentsPct),
        y.teachersEngaged, y.teachersPopulation, share(y.teachersPct), y.schoolsIncluded, y.schoolsNotReported]));
  });
  missing(wb, "Целевые показатели", r.targets, (d) => {
    addTable(wb, "Целевые показатели", `Целевые показатели, ${d.schoolYear} учебный год (${scopeTotalWords(r.scope)}: сумма числителей / сумма знаменателей)`,
      [{header: "Показатель", width: 60}, {header: "Школ", width: 8}, {header: "Факт", width: 10, format: PERCENT_FORMAT},
        {header: "Прошлый год", width: 10, format: PERCENT_FORMAT}, {header: "Цель", width: 22}, {header: "Достигнута", width: 11},
        {header: "Отклонение от цели", width: 26},
        {header: "По кадровым спискам", width: 14, format: PERCENT_FORMAT}, {header: "Школ (списки)", width: 10},
        {header: "По таблицам показателей", width: 14, format: PERCENT_FORMAT}, {header: "Школ (таблицы)", width: 10}],
      // A count is written as it is (the column's percent format is for shares).
      d.indicators.map((i) => [i.name, i.schools, i.measure === "count" ? i.actual : share(i.actual), i.measure === "count" ? i.previous : share(i.previous),
        i.goalText ?? "не задана", i.met === null ? "—" : i.met ? "да" : "нет", i.met === null ? i.verdict : i.gapText,
        share(i.bySource.roster?.actual), i.bySource.roster?.schools ?? null, share(i.bySource.table?.actual), i.bySource.table?.schools ?? null]));
  });
  missing(wb, "SWOT", r.swot, (d) => {
    addTable(wb, "SWOT", `SWOT по анкетам за ${r.period.label}: ответивших ${d.respondents}`,
      [{header: "Квадрант", width: 20}, {header: "Упоминаний", width: 12}, {header: "Ответивших", width: 12},
        {header: "Доля ответивших", width: 12, format: PERCENT_FORMAT}, {header: "Чаще всего называли", width: 90}],
      d.quadrants.map((q) => [q.label, q.mentions, q.respondents, share(q.share), q.top.map((s) => `${s.text} (${s.mentions})`).join("; ")]));
  });
  missing(wb, "Закрепление", r.retention, (d) => {
    addTable(wb, "Закрепление", `Закрепление молодых специалистов по учебному году приёма (по кадровым спискам до ${d.schoolYear})`,
      [{header: "Учебный год приёма", width: 14}, {header: "Принято", width: 10}, {header: "Остались через год", width: 12},
        {header: "Ушли до года", width: 10}, {header: "Ещё нет года", width: 10}, {header: "Закрепление", width: 12, format: PERCENT_FORMAT},
        {header: "Оценено в этом году", width: 12}],
      d.cohorts.map((c) => c.suppressed ? [c.label, `< ${r.minGroupSize}`, null, null, null, null, null]
        : [c.label, c.hired, c.retained, c.left, c.pending, share(c.share), d.judged?.year === c.year ? "да" : ""]));
    addTable(wb, "Текучесть", "Текучесть педагогических кадров по учебным годам",
      [{header: "Учебный год", width: 14}, {header: "Среднесписочная численность", width: 14}, {header: "Принято", width: 10},
        {header: "Уволились", width: 10}, {header: "Текучесть", width: 12, format: PERCENT_FORMAT}],
      d.turnover.map((t) => [t.label, t.averageHeadcount, t.hires, t.leavers, share(t.rate)]));
    if (d.turnoverTarget) {
      addTable(wb, "Цель по текучести", `Текучесть в ${d.schoolYear} учебном году против цели`,
        [{header: "Показатель", width: 40}, {header: "Цель", width: 22}, {header: "Факт", width: 10, format: PERCENT_FORMAT},
          {header: "Прошлый год", width: 10, format: PERCENT_FORMAT}, {header: "Достигнута", width: 11}, {header: "Вывод", width: 90}],
        [[d.turnoverTarget.name, d.turnoverTarget.goalText ?? "не задана", share(d.turnoverTarget.actual), share(d.turnoverTarget.previous),
          d.turnoverTarget.met === null ? "—" : d.turnoverTarget.met ? "да" : "нет", d.turnoverTarget.verdict]]);
    }
  });
  // A count hidden for aggregate readers (annualSuppression.ts) is the text «< 5».
  const cnt = (v: number | null) => v === null ? `< ${r.minGroupSize}` : v;
  missing(wb, "Нагрузка", r.load, (d) => {
    addTable(wb, "Нагрузка", `Нагрузка наставников на ${formatDate(d.date)}: наставников ${cnt(d.mentors)}, наставляемых ${cnt(d.mentees)}, пар ${cnt(d.pairs)}; предел — ${d.maxMentees}`,
      [{header: "Наставляемых у наставника сейчас", width: 18}, {header: "Наставников", width: 14}],
      d.current.map((x) => [x.mentees, cnt(x.mentors)]));
  });
  missing(wb, "Нарушения", r.violations, (d) => {
    addTable(wb, "Нарушения", `Соблюдение правил наставничества на ${formatDate(d.date)}: школ ${d.schools}; число случаев, без имён`,
      [{header: "Правило", width: 60}, {header: "Важность", width: 12}, {header: "Случаев", width: 10}, {header: "Школ", width: 8}],
      d.rules.map((v) => [v.title, RULE_SEVERITY_LABELS[v.severity as keyof typeof RULE_SEVERITY_LABELS] ?? v.severity, cnt(v.count), cnt(v.schools)]));
  });
  missing(wb, "До и после", r.prepost, (d) => {
    const ws = addTable(wb, "До и после", `Дефициты до и после, ${d.schoolYear} учебный год: пар ${d.paired}; p — по критерию в строке`,
      [{header: "Область", width: 28}, {header: "Пар", width: 8}, {header: "Дефицит на входе", width: 12, format: PERCENT_FORMAT},
        {header: "Дефицит на выходе", width: 12, format: PERCENT_FORMAT}, {header: "Доля устранённого дефицита", width: 14, format: PERCENT_FORMAT},
        {header: "Улучшились", width: 12, format: PERCENT_FORMAT}, {header: "p", width: 10, format: P3}, {header: "Критерий", width: 26}],
      d.areas.map((a) => a.suppressed ? [a.label, `< ${r.minGroupSize}`, null, null, null, null, null, null]
        : [a.label, a.nPairs, share(a.meanEntryDeficit), share(a.meanExitDeficit), a.normalizedGain, a.shareImproved, a.test?.p ?? null, a.test?.label ?? "—"]));
    // p below 0,001 is written as such, never «0,000».
    d.areas.forEach((a, i) => {
      if (a.test?.p !== null && a.test?.p !== undefined && a.test.p < 0.001) ws.getCell(3 + i, 7).numFmt = "\"< 0,001\"";
    });
  });
  annualParticipantsSheet(wb, r.participants, r.minGroupSize);
  return toBuffer(wb);
}
