// «Выгрузки»: the quarterly engagement report as XLSX and the annual analytical report as a page
// and as a PDF.
import {escapeHtml} from "../http.ts";
import {formatPeriod} from "../../lib/format.ts";
import {page} from "./layout.ts";

export interface ReportPeriodChoice { id: string; label: string }

/** `years`: the school years, then the calendar years, that have data (newest first within each). */
export function exportsPage(o: {csrf: string; periods: string[]; schoolYears: ReportPeriodChoice[]; calendarYears: ReportPeriodChoice[]}): string {
  const periods = [...o.periods].reverse().map((p) => `<option value="${escapeHtml(p)}">${escapeHtml(formatPeriod(p))}</option>`).join("");
  const choice = (list: ReportPeriodChoice[]) => [...list].reverse().map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.label)}</option>`).join("");
  const years = (o.schoolYears.length ? `<optgroup label="Учебный год">${choice(o.schoolYears)}</optgroup>` : "") +
    (o.calendarYears.length ? `<optgroup label="Календарный год">${choice(o.calendarYears)}</optgroup>` : "");
  return page({title: "Выгрузки", active: "exports", csrf: o.csrf, body: `
<section class="card"><h2>Квартальный отчёт о вовлечённости (XLSX)</h2>
<p>Муниципалитеты и регион против цели, все школы, кто не отчитался, ошибки данных — готов к отправке.</p>
${o.periods.length ? `<form method="get" action="/exports/engagement.xlsx"><label>Квартал: <select name="period">${periods}</select></label>
<button type="submit">Скачать XLSX</button></form>` : "<p class=\"missing\">Квартальных отчётов ещё нет.</p>"}
</section>
<section class="card"><h2>Итоговый аналитический отчёт</h2>
<p>Вовлечённость год к году, целевые показатели, SWOT, закрепление молодых специалистов, нагрузка наставников,
нарушения правил (количество), дефициты до и после по областям. Только сводные данные, без имён.</p>
${years ? `<form method="get" action="/exports/annual.html"><label>Период: <select name="period">${years}</select></label>
<button type="submit">Открыть для печати (A4)</button>
<button type="submit" formaction="/exports/annual.pdf">Скачать PDF</button>
<button type="submit" formaction="/exports/annual.xlsx">Скачать XLSX</button>
<button type="submit" formaction="/exports/annual.docx">Скачать DOCX (для правки и подписи)</button></form>` : "<p class=\"missing\">Данных для отчёта ещё нет.</p>"}
<p class="hint">Учебный год — с 1 сентября по 31 августа; в отчёт за год входят только его данные.</p>
</section>
<section class="card"><h2>Настройки (XLSX)</h2>
<p>Цели вовлечённости, целевые показатели, области компетенций, кодификатор SWOT, правила наставничества и уровни дефицита — в одной книге.
Измените значения и загрузите книгу на странице «Загрузка отчётов»: новые настройки сразу действуют во всех отчётах, а дашборды обновятся.</p>
<p><a class="button" href="/exports/settings.xlsx">Скачать действующие настройки (XLSX)</a></p>
</section>`});
}
