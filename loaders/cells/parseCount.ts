// A count of people as schools write it: «85», «85.0», «85 человек», «85,0», «'3'», «пять»,
// «4 Студент 2 курса …». What stays ambiguous («10-12», «около 50») is refused, never guessed.
import type {Cell} from "../xlsx/workbook.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";

export type CountResult =
  | {ok: true; value: number; /** set when the cell was read leniently: "words" | "dash" | "described" */ note?: string}
  | {ok: false; reason: "empty" | "not-a-number" | "ambiguous" | "negative" | "fractional" | "formula-no-result" | "error"; value?: number};

const UNITS: Record<string, number> = {
  ноль: 0, нуль: 0, один: 1, одна: 1, одно: 1, одного: 1, одной: 1, одному: 1, два: 2, две: 2, двух: 2, три: 3, трех: 3,
  четыре: 4, четырех: 4, пять: 5, пяти: 5, шесть: 6, шести: 6, семь: 7, семи: 7, восемь: 8, восьми: 8,
  девять: 9, девяти: 9, десять: 10, десяти: 10, одиннадцать: 11, одиннадцати: 11, двенадцать: 12,
  двенадцати: 12, тринадцать: 13, тринадцати: 13, четырнадцать: 14, четырнадцати: 14, пятнадцать: 15,
  пятнадцати: 15, шестнадцать: 16, шестнадцати: 16, семнадцать: 17, семнадцати: 17, восемнадцать: 18,
  восемнадцати: 18, девятнадцать: 19, девятнадцати: 19
};
const TENS: Record<string, number> = {
  двадцать: 20, двадцати: 20, тридцать: 30, тридцати: 30, сорок: 40, сорока: 40, пятьдесят: 50, пятидесяти: 50,
  шестьдесят: 60, шестидесяти: 60, семьдесят: 70, семидесяти: 70, восемьдесят: 80, восьмидесяти: 80,
  девяносто: 90, девяноста: 90, сто: 100, ста: 100
};
const UNIT_WORDS = /^(чел(овек|овека|\.)?|ч\.?|обучающ\S*|учащ\S*|ученик\S*|детей|ребен\S*|педагог\S*|учител\S*|наставник\S*|наставляем\S*)$/;
const HEDGES = /(около|примерно|приблизительно|более|менее|больше|меньше|свыше|не менее|не более|до\s|от\s|порядка|~|≈|\?)/;

function fromWords(text: string): number | null {
  const words = text.toLowerCase().replace(/ё/g, "е").split(" ");
  let total = 0, i = 0, seen = false;
  const tens = TENS[words[0] ?? ""];
  if (tens !== undefined) { total += tens; i = 1; seen = true; }
  const unit = UNITS[words[i] ?? ""];
  if (unit !== undefined && !(seen && unit >= 10)) { total += unit; i++; seen = true; }
  if (!seen) return null;
  // Whatever follows must be a unit («человек») or nothing.
  const rest = words.slice(i).join(" ");
  if (rest && !UNIT_WORDS.test(rest)) return null;
  return total;
}

function fromNumber(n: number): CountResult {
  if (!Number.isFinite(n)) return {ok: false, reason: "not-a-number"};
  if (n < 0) return {ok: false, reason: "negative", value: n};
  // Binary noise of a calculated 85.0 is not a fraction.
  if (Math.abs(n - Math.round(n)) > 1e-9) return {ok: false, reason: "fractional", value: n};
  return {ok: true, value: Math.round(n)};
}

/** Reads a count from a cell's text; pure and exported for tests. */
export function parseCountText(raw: string): CountResult {
  let s = collapseSpaces(raw).replace(/^['’`"«]+|['’`"»]+$/g, "").trim();
  if (s === "") return {ok: false, reason: "empty"};
  if (/^[-–—]$/.test(s) || /^нет$/i.test(s)) return {ok: true, value: 0, note: "dash"};
  if (HEDGES.test(s.toLowerCase())) return {ok: false, reason: "ambiguous"};
  // «1 234» and «1 234 человека»: a space (or NBSP) between groups of thousands.
  const grouped = /^(\d{1,3}(?: \d{3})+)(?:\s+(\D.*))?$/.exec(s);
  if (grouped && (!grouped[2] || UNIT_WORDS.test(grouped[2].toLowerCase()))) return fromNumber(Number(grouped[1]!.replace(/ /g, "")));
  // «85», «85.0», «85,0», «-3», «85 человек», «85 чел.»
  const m = /^([+-]?\d+(?:[.,]\d+)?)(?:\s*(.*))?$/.exec(s);
  if (m) {
    const n = Number(m[1]!.replace(",", "."));
    const rest = (m[2] ?? "").trim();
    if (rest === "" || UNIT_WORDS.test(rest.toLowerCase())) return fromNumber(n);
    // A number followed by another number or a range is not one count: «10-12», «5/6», «10 12».
    if (/^([-–—/\\+]|и\s|или\s)?\s*\d/.test(rest)) return {ok: false, reason: "ambiguous"};
    // A count followed by a description: «4 Студент 2 курса …», «6 студентов 3 курса БПОУ …».
    if (/^[A-Za-zА-Яа-яЁё«"(]/.test(rest)) {
      const r = fromNumber(n);
      return r.ok ? {...r, note: "described"} : r;
    }
    return {ok: false, reason: "ambiguous"};
  }
  const w = fromWords(s);
  if (w !== null) return {ok: true, value: w, note: "words"};
  return {ok: false, reason: "not-a-number"};
}

/** Reads a count from a cell: numbers, formulas with their cached value, or text. */
export function parseCount(cell: Cell | undefined): CountResult {
  if (!cell) return {ok: false, reason: "empty"};
  if (cell.error) return {ok: false, reason: "error"};
  const v = cell.value;
  if (v === null) return cell.formula ? {ok: false, reason: "formula-no-result"} : {ok: false, reason: "empty"};
  if (typeof v === "number") return fromNumber(v);
  if (typeof v === "string") return parseCountText(v);
  return {ok: false, reason: "not-a-number"};
}
