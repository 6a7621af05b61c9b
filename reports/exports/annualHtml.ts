// The annual analytical report as one printable A4 page (HTML with its styles inside, no scripts,
// nothing loaded from elsewhere), so the same page prints from the browser and from Chromium to PDF.
import {formatDate, formatNumber, formatPercent, formatPeriod, formatPValue} from "../../lib/format.ts";
import {RULE_SEVERITY_LABELS} from "../../lib/glossary.ts";
import {plural} from "../../lib/plural.ts";
import type {AnnualReport, Section, TargetLine} from "./annualReport.ts";
import type {SourcePart} from "../targets.ts";
import {FAVICON} from "../../server/favicon.ts";
import type {OrganisationSetting} from "../../settings/organisation.ts";
import {annualStudentsHtml} from "./annualStudents.ts";
import {scopeLevelLabel, scopeTitle, scopeTotalWords, verdictText} from "./annualScope.ts";
import {turnoverSentence} from "./annualConclusions.ts";
import {annualParticipantsHtml} from "./annualParticipants.ts";

/** The product's icon inline (the page allows no other image source): no favicon request, no 404. */
const ICON = `data:image/x-icon;base64,${FAVICON.toString("base64")}`;
const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"})[c]!);
const pct = (v: number | null | undefined, target?: number) => esc(formatPercent(v ?? null, 1, target));
const num = (v: number | null | undefined, d = 0) => esc(formatNumber(v ?? null, d));
const met = (v: boolean | null) => (v === null ? "—" : v ? "да" : "нет");

/** A horizontal bar against a target line, as inline SVG (prints crisply, needs no script). */
function bar(value: number | null, target: number, complete = true): string {
  const w = 160, x = (v: number) => Math.max(0, Math.min(100, v)) / 100 * w;
  // Over incomplete data the bar is grey: the target is not judged.
  const colour = !complete ? "#8a949e" : value !== null && value >= target ? "#2f7d4f" : "#c0692b";
  const fill = value === null ? "" : `<rect x="0" y="3" width="${x(value).toFixed(1)}" height="10" fill="${colour}"/>`;
  return `<svg class="bar" width="${w}" height="16" viewBox="0 0 ${w} 16" role="img" aria-label="${pct(value)}">` +
    `<rect x="0" y="3" width="${w}" height="10" fill="#e6e9ee"/>${fill}<line x1="${x(target)}" x2="${x(target)}" y1="0" y2="16" stroke="#222" stroke-width="1.5"/></svg>`;
}

function body<T>(s: Section<T>, render: (data: T) => string): string {
  return s.available ? render(s.data) : `<p class="missing">${esc(s.note)}</p>`;
}

/** A table whose cells are already HTML; columns from the second on are numbers unless listed as text. */
function table(header: string[], rows: string[][], textColumns: number[] = [0]): string {
  const cls = (i: number) => (textColumns.includes(i) ? "" : " class=\"n\"");
  return `<table><thead><tr>${header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #1b1f24; margin: 0; line-height: 1.35; }
.page { max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
@media print { .page { max-width: none; padding: 0; } }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; border-bottom: 1px solid #9aa5b1; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.sub { color: #4a5560; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #d5dbe1; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; font-size: 9pt; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.missing { color: #6b4b00; background: #fff7e0; padding: 2mm 3mm; border-left: 3px solid #d8a300; }
.note { color: #4a5560; font-size: 8.5pt; }
.bar { vertical-align: middle; }
.kpis { display: flex; gap: 4mm; margin: 2mm 0 3mm; }
.kpi { flex: 1; border: 1px solid #d5dbe1; border-radius: 2mm; padding: 2mm 3mm; }
.kpi b { display: block; font-size: 15pt; }
footer { margin-top: 8mm; color: #4a5560; font-size: 8.5pt; border-top: 1px solid #d5dbe1; padding-top: 2mm; }
`;

/** A share in percent (more decimals just below its target line), a count as a number. */
const figure = (i: TargetLine, v: number | null) => (i.measure === "count" ? num(v) : pct(v, i.target ?? undefined));

/** A target of any kind decided: the verdict's words in full, the gap in the target's direction. */
const judged = (i: TargetLine) => (i.met === null ? esc(i.verdict) : `${met(i.met)}<br><span class="note">${esc(i.gapText)}</span>`);

/** «по кадровым спискам 2 школ: 83,3 %; по таблицам показателей 1 школы: 75,0 %» — where both sources exist, both named. */
function sources(i: TargetLine): string {
  const part = (p: SourcePart | null, what: string) => p ? `${what} ${num(p.schools)} ${plural(p.schools, "школы", "школ", "школ")}: ${figure(i, p.actual)}` : null;
  const parts = [part(i.bySource.roster, "по кадровым спискам"), part(i.bySource.table, "по таблицам показателей")].filter(Boolean);
  return parts.length > 1 ? `<br><span class="note">${parts.join("; ")}</span>` : "";
}

/** `organisation`: the setting whose level the region's report names (default: the scope's own level). */
export function annualHtml(r: AnnualReport, organisation?: OrganisationSetting): string {
  const period = esc(r.period.label);
  const eng = body(r.engagement, (d) => {
    const last = d.current, prev = d.years.at(-2);
    const delta = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? "—"
      : `${a - b >= 0 ? "+" : "−"}${esc(formatNumber(Math.abs(a - b), 1))} п. п.`);
    const yearWord = r.period.kind === "school-year" ? "учебному году" : "году";
    return `<p class="sub">${esc(formatPeriod(last.period))} — ${last.complete ? "последний полный квартал" : "последний квартал с отчётами (полного нет)"} за ${period}.</p>
      <div class="kpis">
      <div class="kpi">Обучающихся вовлечено<b>${pct(last.studentsPct, d.targets.students)}</b>цель ${d.targets.students} %; к прошлому ${yearWord}: ${delta(last.studentsPct, prev?.studentsPct)}</div>
      <div class="kpi">Педагогов вовлечено<b>${pct(last.teachersPct, d.targets.teachers)}</b>цель ${d.targets.teachers} %; к прошлому ${yearWord}: ${delta(last.teachersPct, prev?.teachersPct)}</div>
      <div class="kpi">Школ в расчёте<b>${num(last.coverage.schoolsCounted)} из ${num(last.coverage.schoolsExpected)}</b>не отчитались: ${num(last.schoolsNotReported)}</div></div>` +
      d.years.filter((y) => !y.complete).map((y) => `<p class="missing">${esc(y.note[0]!.toUpperCase() + y.note.slice(1))}.</p>`).join("") +
      table([r.period.kind === "school-year" ? "Учебный год (квартал, полнота)" : "Год (квартал, полнота)", "Обучающиеся", "", "Педагоги", ""], d.years.map((y) => [
        `${esc(y.periodId)} (${esc(formatPeriod(y.period))}, ${esc(y.coverage.label)}${y.complete ? "" : ", неполный"})`,
        `${num(y.studentsEngaged)} из ${num(y.studentsPopulation)} — ${pct(y.studentsPct, d.targets.students)}`,
        bar(y.studentsPct, d.targets.students, y.complete), `${num(y.teachersEngaged)} из ${num(y.teachersPopulation)} — ${pct(y.teachersPct, d.targets.teachers)}`,
        bar(y.teachersPct, d.targets.teachers, y.complete)]), [0, 2, 4]) +
      `<p id="verdict">Вывод ${esc(scopeTotalWords(r.scope))}: ${esc(verdictText(last.verdict))}.</p>` +
      (last.municipalities.length ? `<h3>По муниципалитетам, ${esc(formatPeriod(last.period))}</h3>` +
      table(["Муниципалитет", "Обучающиеся", "Педагоги", "Полнота", "Цель"], last.municipalities.map((m) => [esc(m.name),
        m.suppressed?.students ? `&lt; ${r.minGroupSize}` : pct(m.studentsPct, d.targets.students),
        m.suppressed?.teachers ? `&lt; ${r.minGroupSize}` : pct(m.teachersPct, d.targets.teachers), `${esc(m.coverage)}${m.complete ? "" : " — неполные"}`,
        esc(verdictText(m.verdict))]), [0, 3, 4]) : "") +
      `<p class="note">Доля муниципалитета и региона — сумма вовлечённых, делённая на сумму численности школ (не среднее процентов). Чёрная черта на полосе — цель. ` +
      `Год представлен последним полным кварталом (отчитались все ожидаемые школы); если полного нет — последним кварталом, с указанием, по скольким школам. ` +
      `Более поздние периоды в отчёт не входят.</p>`;
  });

  const targets = body(r.targets, (d) => table(["Показатель", "Школ", "Факт", "Прошлый год", "Цель", "Достигнута"],
    d.indicators.map((i) => [esc(i.name) + sources(i), num(i.schools), figure(i, i.actual), figure(i, i.previous), esc(i.goalText ?? "не задана"),
      judged(i)]), [0, 4, 5]) +
    `<p class="note">${esc(d.schoolYear)} учебный год; факт ${esc(scopeTotalWords(r.scope))} — сумма числителей по школам, делённая на сумму знаменателей. ` +
    `Закрепление молодых специалистов по кадровым спискам — принятые в предыдущем учебном году, оставшиеся через год (как в разделе 3). ` +
    `Цель роста или снижения сравнивается с прошлым учебным годом; отклонение — сколько не хватает до цели (для «не более» — на сколько выше).</p>`);

  const swot = body(r.swot, (d) => `<p>Ответили на анкету за ${period}: ${num(d.respondents)} чел.` +
    (d.undated ? ` Ответы без даты (${num(d.undated)}) не учтены.` : "") + `</p>` +
    table(["Квадрант", "Упоминаний", "Ответивших", "Доля ответивших", "Чаще всего называли"], d.quadrants.map((q) => [esc(q.label),
      num(q.mentions), num(q.respondents), pct(q.share), q.top.map((s) => `${esc(s.text)} (${num(s.mentions)})`).join("; ") || "—"]), [0, 4]));

  const retention = body(r.retention, (d) => (d.judged
    ? `<p>Молодые специалисты, принятые в ${esc(d.judged.label)} учебном году: через год работы остались ${num(d.judged.retained)} из ${num(d.judged.retained + d.judged.left)} — <b>${pct(d.judged.share, 90)}</b> (оценено в ${esc(d.schoolYear)}).</p>`
    : `<p class="missing">Когорты, принятой в предыдущем учебном году, нет (или она меньше ${r.minGroupSize} человек): закрепление в ${esc(d.schoolYear)} не оценивается.</p>`) +
    (d.cohorts.length ? table(["Учебный год приёма", "Принято молодых специалистов", "Остались через год", "Ушли", "Ещё нет года", "Закрепление"],
      d.cohorts.map((c) => c.suppressed ? [esc(c.label), `&lt; ${r.minGroupSize}`, "—", "—", "—", "—"]
        : [esc(c.label), num(c.hired), num(c.retained), num(c.left), num(c.pending), pct(c.share)])) : "") +
    (d.turnover.length ? `<h3>Текучесть педагогических кадров</h3>` + table(["Учебный год", "Среднесписочная численность", "Уволились", "Текучесть"],
      d.turnover.map((t) => [esc(t.label), num(t.averageHeadcount, 1), num(t.leavers), pct(t.rate)])) : "") +
    (d.turnoverTarget ? `<p>${esc(turnoverSentence(d.turnoverTarget, d.schoolYear))}</p>` : "") +
    `<p class="note">По кадровым спискам до ${esc(d.schoolYear)} учебного года включительно${d.observedUntil ? ` (данные по ${esc(formatDate(d.observedUntil))})` : ""}.</p>`);

  // A count hidden for aggregate readers (annualSuppression.ts) reads «< 5».
  const cnt = (v: number | null) => v === null ? `&lt; ${r.minGroupSize}` : num(v);
  const load = body(r.load, (d) => `<div class="kpis"><div class="kpi">Наставников<b>${cnt(d.mentors)}</b></div>` +
    `<div class="kpi">Наставляемых<b>${cnt(d.mentees)}</b></div><div class="kpi">Пар<b>${cnt(d.pairs)}</b></div>` +
    `<div class="kpi">Наставляемых на наставника<b>${num(d.meanCurrent, 1)}</b>наибольшая нагрузка: ${num(d.maxCurrent)}; предел — ${num(d.maxMentees)}</div></div>` +
    (d.byForm.length ? table(["Форма наставничества", "Пар"], d.byForm.map((f) => [esc(f.label), cnt(f.pairs)])) : "") +
    table(["Наставляемых у наставника сейчас", "Наставников"], d.current.map((x) => [num(x.mentees), cnt(x.mentors)])) +
    `<p class="note">На ${esc(formatDate(d.date))}. Программу завершили успешно: ${pct(d.completionShare === null ? null : d.completionShare * 100)} завершившихся пар.</p>`);

  const violations = body(r.violations, (d) => table(["Правило", "Важность", "Случаев", "Школ"],
    d.rules.map((v) => [esc(v.title), esc(RULE_SEVERITY_LABELS[v.severity as keyof typeof RULE_SEVERITY_LABELS] ?? v.severity), cnt(v.count), cnt(v.schools)]), [0, 1]) +
    `<p class="note">Проверено школ: ${num(d.schools)}; на ${esc(formatDate(d.date))}. Только количество случаев, без имён.</p>`);

  const prepost = body(r.prepost, (d) => `<p>${esc(d.schoolYear)} учебный год: педагогов с диагностикой ${num(d.teachers)}; с обеими (входной и итоговой): ${num(d.paired)}; ` +
    `только входная: ${num(d.entryOnly)}; только итоговая: ${num(d.exitOnly)}.` +
    (d.undated ? ` Без указанного учебного года (не учтены): ${num(d.undated)}.` : "") + `</p>` +
    (d.paired === 0 ? `<p class="missing">Итоговых диагностик в этом учебном году нет: сравнение до и после — в году итоговой диагностики.</p>` : table(["Область", "Пар", "Дефицит на входе", "Дефицит на выходе", "Доля устранённого дефицита", "Улучшились", "p", "Критерий"],
      d.areas.map((a) => a.suppressed ? [esc(a.label), `&lt; ${r.minGroupSize}`, "—", "—", "—", "—", "—", "—"] : [esc(a.label), num(a.nPairs),
        pct(a.meanEntryDeficit), pct(a.meanExitDeficit), pct(a.normalizedGain === null ? null : a.normalizedGain * 100),
        pct(a.shareImproved === null ? null : a.shareImproved * 100), esc(formatPValue(a.test?.p)), esc(a.test?.label ?? "—")]), [0, 7])) +
    `<p class="note">Дефицит = 100 − результат теста, %. p — двусторонний уровень значимости критерия, указанного в строке. ${esc(r.method.tests)} ` +
    `Учтены итоговые диагностики ${esc(d.schoolYear)} учебного года и входные диагностики тех же педагогов. Области, где пар меньше ${r.minGroupSize}, не показываются.</p>`);

  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Итоговый аналитический отчёт за ${period}: ${esc(scopeTitle(r.scope))}</title><link rel="icon" href="${ICON}"><style>${STYLE}</style></head>
<body><main class="page">
<h1>Итоговый аналитический отчёт о реализации системы наставничества за ${period}</h1>
<p class="sub" id="scope"><b>${esc(scopeTitle(r.scope))}</b> — ${esc(scopeLevelLabel(r.scope, organisation))}</p>
<p class="sub">Мониторинг и оценка результатов реализации программы наставничества (приложение № 3 к положению о системе наставничества). ` +
`Период: ${esc(formatDate(r.period.start))}–${esc(formatDate(r.period.end))}${r.period.kind === "calendar-year" ? `; разделы по учебному году — за ${esc(r.schoolYear.label)}` : ""}. Сводные данные, без персональных данных.</p>
<h2>1. Вовлечённость в наставничество, год к году</h2>${eng}
<h2>2. Целевые показатели, ${esc(r.schoolYear.label)}</h2>${targets}
<h2>3. Этап 1. Качество реализации программы</h2>
<h3>SWOT-анализ по анкетам участников</h3>${swot}
<h3>Закрепление молодых специалистов</h3>${retention}
<h3>Нагрузка наставников</h3>${load}
<h3>Соблюдение правил наставничества</h3>${violations}
<h2>4. Этап 2. Влияние программы на участников: дефициты до и после</h2>${prepost}
<h3>Результаты обучающихся наставляемых</h3>${annualStudentsHtml(r.students, r.minGroupSize)}
<h3>Что говорят участники: до и после</h3>${annualParticipantsHtml(r.participants, r.minGroupSize)}
<footer>Сформировано ${esc(formatDate(r.generatedAt))} программой «Наставничество: аналитика». Группы меньше ${r.minGroupSize} человек не показываются.</footer>
</main></body></html>`;
}
