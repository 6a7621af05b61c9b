// The annual analytical report as an editable Word document (DOCX, issue 15 §5), for management to
// edit and sign. Written with the `docx` package, as the route form is (reports/exports/routeDocx.ts):
// A4, Times New Roman, the organisation's name and level (setting «Организация»), the period,
// numbered headings, the sections' tables from the same AnnualReport object as the page, the PDF and
// the XLSX, the «Выводы» from annualConclusions(), page numbers («Страница N из M») in the footer.
// Aggregates only, no names.
import {AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow,
  TextRun, WidthType} from "docx";
import type {AnnualReport, Section, TargetLine} from "./annualReport.ts";
import {annualConclusions, turnoverSentence} from "./annualConclusions.ts";
import {participantsBlocks, type ParticipantsBlock} from "./annualParticipants.ts";
import {formatDate, formatNumber, formatPercent, formatPeriod, formatPValue} from "../../lib/format.ts";
import {RULE_SEVERITY_LABELS} from "../../lib/glossary.ts";
import type {OrganisationSetting} from "../../settings/organisation.ts";
import {annualFileStem, scopeLevelLabel, scopeTitle, scopeTotalWords, verdictText} from "./annualScope.ts";

const FONT = "Times New Roman";
const border = {style: BorderStyle.SINGLE, size: 4, color: "444444"};
const borders = {top: border, bottom: border, left: border, right: border};
const pct = (v: number | null | undefined, target?: number) => formatPercent(v ?? null, 1, target);
const num = (v: number | null | undefined) => formatNumber(v ?? null);

/** The section headings, in order: the test reads them back. */
export const DOCX_HEADINGS = ["1. Вовлечённость в наставничество", "2. Целевые показатели", "3. SWOT-анализ по анкетам участников",
  "4. Закрепление молодых специалистов и текучесть", "5. Нагрузка наставников", "6. Соблюдение правил наставничества",
  "7. Профессиональные дефициты до и после", "8. Что говорят участники: до и после", "9. Выводы"] as const;

function para(text: string, o: {bold?: boolean; size?: number; center?: boolean; after?: number; italic?: boolean} = {}): Paragraph {
  return new Paragraph({alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: {after: o.after ?? 100},
    children: [new TextRun({text, bold: o.bold, italics: o.italic, size: (o.size ?? 12) * 2, font: FONT})]});
}

function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, spacing: {before: 240, after: 120},
    children: [new TextRun({text, bold: true, size: level === 1 ? 28 : 24, font: FONT, color: "000000"})]});
}

function cell(text: string, width: number, o: {bold?: boolean; shade?: boolean; right?: boolean} = {}): TableCell {
  return new TableCell({borders, width: {size: width, type: WidthType.PERCENTAGE}, shading: o.shade ? {type: ShadingType.CLEAR, color: "auto", fill: "E8EEF4"} : undefined,
    children: [new Paragraph({alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [new TextRun({text, bold: o.bold, size: 20, font: FONT})]})]});
}

/** The text width of an A4 page with the document's margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1418 - 850;

/**
 * A table with a repeated header row; columns from the second on are right-aligned figures unless
 * listed as text. The first column (names) is as wide as three others, unless the columns' relative widths are given.
 */
function table(header: string[], rows: string[][], textColumns: number[] = [0], wideFirst = true, columnWeights?: number[]): Table {
  const weights = columnWeights ?? header.map((_, i) => (wideFirst && i === 0 && header.length > 2 ? 3 : 1));
  const sum = weights.reduce((a, w) => a + w, 0);
  const pct = weights.map((w) => Math.round((w * 100) / sum));
  return new Table({width: {size: 100, type: WidthType.PERCENTAGE}, columnWidths: weights.map((w) => Math.round((w * TEXT_WIDTH) / sum)),
    rows: [new TableRow({tableHeader: true, children: header.map((h, i) => cell(h, pct[i]!, {bold: true, shade: true}))}),
      ...rows.map((r) => new TableRow({children: r.map((v, i) => cell(v, pct[i]!, {right: !textColumns.includes(i)}))}))]});
}

function body<T>(s: Section<T>, render: (data: T) => Array<Paragraph | Table>): Array<Paragraph | Table> {
  return s.available ? render(s.data) : [para(s.note, {italic: true})];
}

function engagement(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.engagement, (d) => {
    const c = d.current;
    const t = d.targets;
    return [
      para(`Цель: не менее ${formatPercent(t.students, 0)} обучающихся и не менее ${formatPercent(t.teachers, 0)} педагогов. ` +
        `За год взят ${formatPeriod(c.period)}: ${c.note}.`),
      table(["Год", "Квартал", "Обучающихся вовлечено", "Обучающихся всего", "Доля обучающихся", "Педагогов вовлечено", "Педагогов всего",
        "Доля педагогов", "Охват"],
      d.years.map((y) => [y.periodId, formatPeriod(y.period), num(y.studentsEngaged), num(y.studentsPopulation), pct(y.studentsPct, t.students),
        num(y.teachersEngaged), num(y.teachersPopulation), pct(y.teachersPct, t.teachers), y.coverage.label]), [0, 1, 8], false),
      para(`Вывод ${scopeTotalWords(r.scope)}: ${verdictText(c.verdict)}.`),
      ...(c.municipalities.length ? [
        para(""),
        para(`Муниципалитеты, ${formatPeriod(c.period)}`, {bold: true}),
        table(["Муниципалитет", "Доля обучающихся", "Доля педагогов", "Охват", "Цель достигнута"],
          c.municipalities.map((m) => [m.name, m.suppressed?.students ? `< ${r.minGroupSize}` : pct(m.studentsPct, t.students),
            m.suppressed?.teachers ? `< ${r.minGroupSize}` : pct(m.teachersPct, t.teachers), m.coverage, verdictText(m.verdict)]), [0, 3, 4])] : [])
    ];
  });
}

/** A share in percent (more decimals just below its target line), a count as a number. */
const figure = (i: TargetLine, v: number | null) => (i.measure === "count" ? num(v) : pct(v, i.target ?? undefined));

function targets(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.targets, (d) => [
    para(`${d.schoolYear} учебный год; ${scopeTotalWords(r.scope)} — сумма числителей, делённая на сумму знаменателей по школам.`),
    table(["Показатель", "Школ", "Факт", "Прошлый год", "Цель", "Достигнута", "Отклонение от цели"],
      d.indicators.map((i) => [i.name, num(i.schools), figure(i, i.actual), figure(i, i.previous), i.goalText ?? "не задана",
        i.met === null ? "—" : i.met ? "да" : "нет", i.met === null ? i.verdict : i.gapText]),
      [0, 4, 5, 6])
  ]);
}

function swot(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.swot, (d) => [
    para(`Ответивших: ${num(d.respondents)}.`),
    table(["Квадрант", "Упоминаний", "Ответивших", "Доля ответивших", "Чаще всего называли"],
      d.quadrants.map((q) => [q.label, num(q.mentions), num(q.respondents), pct(q.share), q.top.map((s) => `${s.text} (${s.mentions})`).join("; ")]),
      [0, 4])
  ]);
}

function retention(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.retention, (d) => [
    table(["Учебный год приёма", "Принято", "Остались через год", "Ушли до года", "Ещё нет года", "Закрепление"],
      d.cohorts.map((c) => c.suppressed ? [c.label, `< ${r.minGroupSize}`, "—", "—", "—", "—"]
        : [c.label, num(c.hired), num(c.retained), num(c.left), num(c.pending), pct(c.share)]), [0], false),
    para(""),
    table(["Учебный год", "Среднесписочная численность", "Принято", "Уволились", "Текучесть"],
      d.turnover.map((t) => [t.label, formatNumber(t.averageHeadcount, 1), num(t.hires), num(t.leavers), pct(t.rate)]), [0], false),
    ...(d.turnoverTarget ? [para(turnoverSentence(d.turnoverTarget, d.schoolYear))] : [])
  ]);
}

/** A count hidden for aggregate readers (annualSuppression.ts): «< 5». */
const cnt = (r: AnnualReport, v: number | null) => v === null ? `< ${r.minGroupSize}` : num(v);

function load(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.load, (d) => [
    para(`На ${formatDate(d.date)}: наставников ${cnt(r, d.mentors)}, наставляемых ${cnt(r, d.mentees)}, пар ${cnt(r, d.pairs)}; ` +
      `предел — ${num(d.maxMentees)} наставляемых одновременно.`),
    table(["Наставляемых у наставника сейчас", "Наставников"], d.current.map((x) => [num(x.mentees), cnt(r, x.mentors)]), [])
  ]);
}

function violations(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.violations, (d) => [
    para(`На ${formatDate(d.date)}, школ: ${num(d.schools)}; число случаев, без имён.`),
    table(["Правило", "Важность", "Случаев", "Школ"],
      d.rules.map((v) => [v.title, RULE_SEVERITY_LABELS[v.severity as keyof typeof RULE_SEVERITY_LABELS] ?? v.severity, cnt(r, v.count), cnt(r, v.schools)]),
      [0, 1])
  ]);
}

function prepost(r: AnnualReport): Array<Paragraph | Table> {
  return body(r.prepost, (d) => [
    para(`${d.schoolYear} учебный год: педагогов ${num(d.teachers)}, с обеими диагностиками ${num(d.paired)}. ${r.method.tests}`),
    table(["Область", "Пар", "Дефицит на входе", "Дефицит на выходе", "Доля устранённого дефицита", "Улучшились", "p", "Критерий"],
      d.areas.map((a) => a.suppressed ? [a.label, `< ${r.minGroupSize}`, "—", "—", "—", "—", "—", "—"]
        : [a.label, num(a.nPairs), pct(a.meanEntryDeficit), pct(a.meanExitDeficit), pct(a.normalizedGain === null ? null : a.normalizedGain * 100),
          pct(a.shareImproved === null ? null : a.shareImproved * 100), formatPValue(a.test?.p), a.test?.label ?? "—"]), [0, 7])
  ]);
}

/** The participants' section (reports/exports/annualParticipants.ts) in this document's paragraphs and tables. */
function participants(r: AnnualReport): Array<Paragraph | Table> {
  return participantsBlocks(r.participants, r.minGroupSize).map((b: ParticipantsBlock) => b.kind === "table" ? table(b.header, b.rows, b.textColumns, true, b.weights)
    : para(b.text, {bold: b.style === "bold", italic: b.style === "missing", size: b.style === "note" ? 10 : 12}));
}

function conclusions(r: AnnualReport): Paragraph[] {
  const c = annualConclusions(r);
  const list = (title: string, lines: string[]) => (lines.length ? [para(title, {bold: true}), ...lines.map((l) => para(`— ${l}`))] : []);
  const out = [
    ...list("Цели достигнуты", c.met),
    ...list("Цели не достигнуты", c.notMet),
    ...list("Цели не оцениваются", c.notJudged),
    ...list("Где разрыв больше всего", c.gaps),
    ...list("Разделы без данных", c.missing)
  ];
  return out.length ? out : [para("Данных для выводов нет.", {italic: true})];
}

/** The title of the document, as its first line says it. */
export const DOCX_TITLE = "Итоговый аналитический отчёт о реализации системы наставничества";

export async function annualDocx(r: AnnualReport, organisation: OrganisationSetting): Promise<Buffer> {
  const children = [
    para(DOCX_TITLE, {bold: true, size: 16, center: true, after: 200}),
    para(r.scope.level === "region" ? organisation.name : scopeTitle(r.scope), {bold: true, size: 14, center: true}),
    para(scopeLevelLabel(r.scope, organisation), {center: true}),
    para(`${r.period.label} (${formatDate(r.period.start)}–${formatDate(r.period.end)})`, {center: true, after: 300}),
    para(`Группы меньше ${r.minGroupSize} человек не показываются. Нагрузка и нарушения — на ${formatDate(r.asOf)}. ` +
      `Сформирован ${formatDate(r.generatedAt)}.`, {size: 10}),
    heading(DOCX_HEADINGS[0]), ...engagement(r),
    heading(DOCX_HEADINGS[1]), ...targets(r),
    heading(DOCX_HEADINGS[2]), ...swot(r),
    heading(DOCX_HEADINGS[3]), ...retention(r),
    heading(DOCX_HEADINGS[4]), ...load(r),
    heading(DOCX_HEADINGS[5]), ...violations(r),
    heading(DOCX_HEADINGS[6]), ...prepost(r),
    heading(DOCX_HEADINGS[7]), ...participants(r),
    heading(DOCX_HEADINGS[8]), ...conclusions(r),
    para(""),
    para("Руководитель ______________________ (подпись)      «___» ____________ 20___ г.")
  ];
  const footer = new Footer({children: [new Paragraph({alignment: AlignmentType.CENTER,
    children: [new TextRun({font: FONT, size: 20, children: ["Страница ", PageNumber.CURRENT, " из ", PageNumber.TOTAL_PAGES]})]})]});
  const whose = r.scope.level === "region" ? organisation.name : scopeTitle(r.scope);
  const header = new Header({children: [new Paragraph({alignment: AlignmentType.RIGHT,
    children: [new TextRun({font: FONT, size: 18, color: "555555", text: `${whose} · ${scopeLevelLabel(r.scope, organisation)} · ${r.period.label}`})]})]});
  const doc = new Document({creator: "Наставничество: аналитика", title: `${DOCX_TITLE}, ${whose}, ${r.period.label}`,
    styles: {default: {document: {run: {font: FONT, size: 24}}}},
    sections: [{properties: {page: {size: {width: 11906, height: 16838}, margin: {top: 1134, bottom: 1134, left: 1418, right: 850}}},
      headers: {default: header}, footers: {default: footer}, children}]});
  return Packer.toBuffer(doc);
}

/** «Итоговый отчёт 2024-25.docx» (the region), «Итоговый отчёт 2024-25 — школа СОШ № 1 (Тарский).docx»: the period id without a slash, then the scope. */
export function annualDocxFileName(r: AnnualReport): string {
  return `${annualFileStem(r)}.docx`;
}
