// The registries' columns, recognised by their header text: the names of seed 001, appendix 3,
// and the variants schools write («Ф.И.О. наставника», «Наставник (ФИО)», «Дата приёма на работу»).
import {normalizeKey} from "../../lib/normalizeText.ts";

export type Field =
  | "no" | "menteeName" | "mentorName" | "menteeOrg" | "mentorOrg" | "contacts" | "birthYear" | "request"
  | "workStart" | "appointed" | "start" | "end" | "form" | "completed" | "result" | "link" | "municipality" | "school";

/** Checked in order; a column takes the first field it matches that no column to its left took. */
const FIELDS: Array<[Field, RegExp]> = [
  ["no", /^(№|n|номер)( п\/п)?$/],
  ["menteeName", /(фио|имя|фамилия).*наставляем|^наставляем\S*( \(фио\))?$/],
  ["mentorName", /(фио|имя|фамилия).*наставник|^наставник( \(фио\))?$/],
  ["menteeOrg", /мест\S* (работы|учебы).*наставляем/],
  ["mentorOrg", /мест\S* (работы|учебы)/],
  ["contacts", /контакт|телефон|e-?mail|почта/],
  ["birthYear", /год рождения|дата рождения/],
  ["request", /запрос/],
  ["workStart", /дата (приема|трудоустройства|допуска|фактического|начала (трудовой )?(работы|деятельности))|(принят|прием)\S* на работу/],
  ["appointed", /дата (назначения|приказа)/],
  ["start", /дата (вхождения|вступления|включения|начала)|начало программы/],
  ["end", /дата (завершения|окончания)|окончание программы/],
  ["form", /^форма/],
  ["completed", /отметка|прохождени/],
  ["result", /результат/],
  ["link", /ссылка|кейс|отзыв/],
  ["municipality", /муниципал|район/],
  ["school", /^(образовательная )?организация$|^оо$|наименование оо/]
];

/** A header's comparison text: normalised, dots dropped, «Ф. И. О.» as «фио». */
export function headerKey(text: string): string {
  return normalizeKey(text).replace(/\./g, " ").replace(/(?<![а-яё])ф\s*и\s*о(?![а-яё])/g, "фио").replace(/\s+/g, " ").trim();
}

/** Which field a header names, or null. */
export function fieldOf(text: string, taken: ReadonlySet<Field> = new Set()): Field | null {
  const key = headerKey(text);
  if (!key) return null;
  for (const [field, re] of FIELDS) if (!taken.has(field) && re.test(key)) return field;
  return null;
}

export type Base = "mentees" | "mentors";

export interface HeaderMatch {
  row: number;
  columns: Map<Field, number>;
  /** The base whose person's name column comes first: the mentee base starts with «ФИО наставляемого». */
  base: Base;
}

/** Finds the header row among the first rows of a sheet: two name columns and two more known fields. */
export function findHeader(rowTexts: (row: number) => string[], rowCount: number, scanRows = 40): HeaderMatch | null {
  for (let r = 1; r <= Math.min(rowCount, scanRows); r++) {
    const columns = new Map<Field, number>();
    rowTexts(r).forEach((text, i) => {
      const f = fieldOf(text, new Set(columns.keys()));
      if (f) columns.set(f, i + 1);
    });
    const mentee = columns.get("menteeName"), mentor = columns.get("mentorName");
    if (mentee === undefined && mentor === undefined) continue;
    if (columns.size < 4) continue;
    const base: Base = mentor === undefined || (mentee !== undefined && mentee < mentor) ? "mentees" : "mentors";
    return {row: r, columns, base};
  }
  return null;
}
