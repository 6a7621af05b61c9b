// People's names in registries: several in one cell, full or with initials, matched across the
// two bases by surname and initials.
import {collapseSpaces} from "../../lib/normalizeText.ts";

/**
 * Splits a cell naming one or more people: «Иванова А.А., Петров Б.Б.», one per line, «1. … 2. …».
 * Numbering and parenthesised notes («(учитель физики)») are dropped.
 */
export function splitNames(text: string): string[] {
  return text
    .replace(/(^|\s)\d{1,2}[.)]\s+/g, "\n")
    .split(/[\n;,]+/)
    .map((s) => collapseSpaces(s.replace(/\([^)]*\)/g, " ")))
    .filter((s) => s !== "");
}

/** True when the text can be a person's name: Cyrillic or Latin letters, dots, hyphens, spaces. */
export function looksLikeName(text: string): boolean {
  return /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё.\s'’-]*$/.test(text) && /[A-Za-zА-Яа-яЁё]{2,}/.test(text);
}

/**
 * The key two bases share for one person: surname and initials, lower case, ё as е.
 * «Иванова Анна Андреевна», «Иванова А.А.», «ИВАНОВА А. А.» and «А.А. Иванова» → «иванова а а».
 */
export function personMatchKey(name: string): string {
  const tokens = collapseSpaces(name.replace(/\./g, ". ")).toLowerCase().replace(/ё/g, "е")
    .split(" ").map((t) => t.replace(/\.$/, "")).filter((t) => t !== "");
  // «А. А. Иванова»: initials first, surname last.
  const initialsFirst = tokens.length > 1 && tokens.slice(0, -1).every((t) => t.length === 1) && tokens[tokens.length - 1]!.length > 1;
  const [surname, ...rest] = initialsFirst ? [tokens[tokens.length - 1]!, ...tokens.slice(0, -1)] : tokens;
  return [surname ?? "", ...rest.slice(0, 2).map((t) => t[0])].join(" ");
}

/** The display form kept for a person: the fullest spelling seen. */
export function fullerName(a: string | null, b: string): string {
  if (!a) return b;
  return b.replace(/[^A-Za-zА-Яа-яЁё]/g, "").length > a.replace(/[^A-Za-zА-Яа-яЁё]/g, "").length ? b : a;
}
