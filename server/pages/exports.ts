// «Выгрузки»: the quarterly engagement report as XLSX and the annual analytical report as a page
// and as a PDF.
import {escapeHtml} from "../http.ts";
import {formatPeriod} from "../../lib/format.ts";
import {page} from "./layout.ts";

export function exportsPage(o: {csrf: string; periods: string[]; years: number[]}): string {
  const periods = [...o.periods].reverse().map((p) => `<option value="${escapeHtml(p)}">${escapeHtml(formatPeriod(p))}</option>`).join("");
  const years = [...o.years].reverse().map((y) => `<option value="${y}">${y}</option>`).join("");
  return page({title: "Выгрузки", active: "exports", csrf: o.csrf, body: `
<section class="card"><h2>Квартальный отчёт о вовлечённости (XLSX)</h2>
<p>Муниципалитеты и регион против цели, все школы, кто не отчитался, ошибки данных — готов к отправке.</p>
${o.periods.length ? `<form method="get" action="/exports/engagement.xlsx"><label>Квартал: <select name="period">${periods}</select></label>
<button type="submit">Скачать XLSX</button></form>` : "<p class=\"missing\">Квартальных отчётов ещё нет.</p>"}
</section>
<section class="card"><h2>Итоговый аналитический отчёт</h2>
<p>Вовлечённость год к году, целевые показатели, SWOT, закрепление молодых специалистов, нагрузка наставников,
нарушения правил (количество), дефициты до и после по областям. Только сводные данные, без имён.</p>
<form method="get" action="/exports/annual.html"><label>Год: <select name="year">${years || `<option>${new Date().getFullYear()}</option>`}</select></label>
<button type="submit">Открыть для печати (A4)</button>
<button type="submit" formaction="/exports/annual.pdf">Скачать PDF</button></form>
</section>`});
}
