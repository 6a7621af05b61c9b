// How the quarterly forms announce themselves (seed 003): title lines and header words, compared
// on normalised text (normalizeKey: case, ё/е, dashes, quotes, spaces).
import {normalizeKey} from "../../lib/normalizeText.ts";

export type FormNumber = 1 | 2 | 3 | 4 | 5;

/** «по форме «ученик – ученик»» and friends: the form a title line names. */
const FORM_PAIRS: Array<[RegExp, FormNumber]> = [
  [/ученик-ученик/, 2],
  [/учитель-учитель/, 3],
  [/студент-ученик/, 4],
  [/работодатель-ученик/, 5]
];

/** The form a title cell names, by its «Форма N» marker or its pair of roles; null if none. */
export function formOfTitle(text: string): FormNumber | null {
  const k = normalizeKey(text);
  if (k.length > 400) return null;
  const marker = /(?:^|[^а-я])форма\s*№?\s*([1-5])(?![0-9])/.exec(k);
  for (const [re, n] of FORM_PAIRS) if (re.test(k) && /форм|данные|численност|вовлеченн/.test(k)) return n;
  if (marker) return Number(marker[1]) as FormNumber;
  if (/участник\S* внедрения/.test(k) && /информаци/.test(k)) return 1;
  return null;
}

/** The quarter a text names: «за I квартал 2024 г.», «за 2 квартал 2024 года» → "2024-Q1". */
const ORDINALS: Array<[RegExp, string]> = [[/перв\S*/, "1"], [/втор\S*/, "2"], [/трет\S*/, "3"], [/четверт\S*/, "4"]];

export function periodOfText(text: string): string | null {
  let k = normalizeKey(text);
  // «за первый квартал 2024» → «за 1 квартал 2024»
  for (const [re, n] of ORDINALS) k = k.replace(new RegExp(`${re.source}(?=\\s+(квартал|кв))`), n);
  const m = /(?:^|[^а-яa-z0-9])(iv|i{1,3}|[1-4])\s*(?:-?(?:й|ый|ой|ий))?\s*(?:квартал\S*|кв\.?)\s*(\d{4})/.exec(k);
  if (!m) return null;
  const roman: Record<string, number> = {i: 1, ii: 2, iii: 3, iv: 4};
  const q = roman[m[1]!] ?? Number(m[1]);
  return `${m[2]}-Q${q}`;
}

export type Field =
  | "municipality" | "school" | "contacts" | "students" | "teachers" | "youngTeachers"
  | "programme" | "mentors" | "mentees" | "result" | "number";

/** What a header cell's text means; null when it names nothing we read. */
export function fieldOfHeader(text: string): Field | null {
  const k = normalizeKey(text);
  if (!k) return null;
  if (/^№(\s*п\/п)?$|^n$|^номер$/.test(k)) return "number";
  if (/муниципальн|район|округ/.test(k) && !/количеств/.test(k)) return "municipality";
  if (/контакт|фио директора|телефон|почт/.test(k)) return "contacts";
  if (/детей|обучающихся|учащихся|10 до 19/.test(k)) return "students";
  if (/молод\S* (специалист|педагог|учител)/.test(k)) return "youngTeachers";
  if (/педагогическ\S* работник|количество педагог|количество учител/.test(k)) return "teachers";
  if (/наименование программы|программ\S* наставничества/.test(k) && !/результат/.test(k)) return "programme";
  if (/результат/.test(k)) return "result";
  if (/наставляем/.test(k)) return "mentees";
  if (/наставник/.test(k) && !/вовлеченных в программу$/.test(k)) return "mentors";
  if (/общеобразовательн\S* организац|^оо$|^школа$|образовательн\S* организац|наименование оо/.test(k)) return "school";
  return null;
}

/** «Итого», «Итого, чел», «Всего»: the closing total row of a table. */
export function isTotalLabel(text: string): boolean {
  return /^\s*(итого|всего)(?![а-яё])/i.test(text);
}

/**
 * The form a sheet's name gives, when nothing inside the sheet names it: «Форма 2», «Ф.3»,
 * «форма_4», «ф2», «Форма №5», «Ф-1 (участники)»; null for any other name («Лист1», «свод»).
 */
export function formOfSheetName(name: string): FormNumber | null {
  const k = normalizeKey(name).replace(/[_.]/g, " ");
  const m = /^\s*(?:форма|ф)\s*(?:-|№)?\s*([1-5])(?![0-9])/.exec(k);
  return m ? (Number(m[1]) as FormNumber) : null;
}
