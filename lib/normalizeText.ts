// Text as people type it, made comparable: spaces, case, ё/е, dash and quote variants. Pure (lib/): loaders, store and reports use it.

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const QUOTES = /[«»„“”‟"″'‘’‚‛`]/g;

/** Trims and collapses every kind of whitespace (NBSP, tabs, new lines) into one space. */
export function collapseSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u2007\u202f\u200b]+/g, " ").trim();
}

/**
 * The comparison key of a title, header or name: lower case, ё → е, all dashes as «-» without
 * spaces around them, all quotes as «"», spaces collapsed, «№5» as «№ 5».
 */
export function normalizeKey(s: string): string {
  // Every kind's detector reads the same headers of a file: a short text's key is computed once.
  if (s.length > MEMO_MAX_LENGTH) return computeKey(s);
  let key = memo.get(s);
  if (key === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(s, key = computeKey(s));
  }
  return key;
}

/** Keys of recent short texts (bounded: cleared when full, long texts never kept). */
const memo = new Map<string, string>();
const MEMO_MAX_ENTRIES = 20_000;
const MEMO_MAX_LENGTH = 200;

function computeKey(s: string): string {
  return collapseSpaces(s)
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(DASHES, "-")
    .replace(QUOTES, "\"")
    .replace(/\s*-\s*/g, "-")
    .replace(/№\s*/g, "№ ")
    .trim();
}

/** Display form of a school or district name: spaces collapsed, nothing else changed. */
export function cleanName(s: string): string {
  return collapseSpaces(s);
}

/** Key of a person's full name: spaces collapsed, case and ё/е ignored, dots spaced. */
export function personKey(s: string): string {
  return collapseSpaces(s.replace(/\./g, ". ")).toLowerCase().replace(/ё/g, "е").replace(/\s+\./g, ".");
}

/**
 * The key two bases share for one person («фамилия и инициалы»): surname and initials, lower case, ё as е.
 * «Иванова Анна Андреевна», «Иванова А.А.», «ИВАНОВА А. А.» and «А.А. Иванова» → «иванова а а».
 * @example personMatchKey("А. А. Иванова") // "иванова а а"
 */
export function personMatchKey(name: string): string {
  const tokens = collapseSpaces(name.replace(/\./g, ". ")).toLowerCase().replace(/ё/g, "е")
    .split(" ").map((t) => t.replace(/\.$/, "")).filter((t) => t !== "");
  // «А. А. Иванова»: initials first, surname last.
  const initialsFirst = tokens.length > 1 && tokens.slice(0, -1).every((t) => t.length === 1) && tokens[tokens.length - 1]!.length > 1;
  const [surname, ...rest] = initialsFirst ? [tokens[tokens.length - 1]!, ...tokens.slice(0, -1)] : tokens;
  return [surname ?? "", ...rest.slice(0, 2).map((t) => t[0])].join(" ");
}
