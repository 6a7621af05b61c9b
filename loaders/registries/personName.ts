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

/** The key two bases share for one person (moved to lib/ so that store/ can link people too). */
export {personMatchKey} from "../../lib/normalizeText.ts";

/** The display form kept for a person: the fullest spelling seen. */
export function fullerName(a: string | null, b: string): string {
  if (!a) return b;
  return b.replace(/[^A-Za-zА-Яа-яЁё]/g, "").length > a.replace(/[^A-Za-zА-Яа-яЁё]/g, "").length ? b : a;
}
