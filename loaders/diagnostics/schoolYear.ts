// The school year a diagnostics sheet speaks about, from what the file says: a school year
// («2025–2026 уч. г.», «2025/26»), or a month and year («апрель 2025 г.»), or a date (15.04.2025).
// A bare calendar year («2026») is not enough: January and October of one year lie in two school years.
import {academicYear} from "../../lib/academicYear.ts";
import {parsePeriod} from "../../lib/period.ts";
import {parseDateText} from "../cells/parseDate.ts";

const SCHOOL_YEAR = /(?<!\d)(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})(?!\d)/g;
const MONTH_YEAR = /(?<![а-яё])(январ[ья]|феврал[ья]|март[а]?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август[а]?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])\s+(\d{4})/giu;
const DATE = /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g;

/**
 * «Учебный год диагностики» named in a text (the year it ends in), or null when the text names none
 * or names two different ones.
 * @example schoolYearInText("Диагностика педагогов Омского района, 2025–2026 уч. г.") // 2026
 * @example schoolYearInText("Результаты входной диагностики, апрель 2025 г.") // 2025
 * @example schoolYearInText("Итоговая диагностика 2026") // null
 */
export function schoolYearInText(text: string): number | null {
  const found = new Set<number>();
  for (const m of text.matchAll(SCHOOL_YEAR)) {
    const p = parsePeriod(`${m[1]}/${m[2]}`, ["school-year"]);
    if (p.ok) found.add(p.period.year);
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const d = parseDateText(`${m[1]} ${m[2]}`);
    if (d.ok) found.add(academicYear(d.date));
  }
  for (const m of text.matchAll(DATE)) {
    const d = parseDateText(`${m[1]}.${m[2]}.${m[3]}`);
    if (d.ok) found.add(academicYear(d.date));
  }
  return found.size === 1 ? [...found][0]! : null;
}
