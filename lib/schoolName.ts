// School and municipality names as schools write them, made comparable (DOMAIN.md «Who must report,
// and when a figure is complete»): the same school is written «МБОУ СОШ №1», «МБОУ «СОШ № 1»»,
// «Средняя общеобразовательная школа № 1»; the same district «Саргатский», «Саргатский
// муниципальный район», «Саргатский р-н». Pure: the directory (store/directory.ts) and the loaders
// compare names through these keys; nothing here knows about districts — a match is only ever
// looked for within one district.
import {normalizeKey} from "./normalizeText.ts";

/** «Муниципальное бюджетное общеобразовательное учреждение», «казённое образовательное учреждение» … */
const ORG_FORM_SPELLED = new RegExp(
  "(?<![а-яa-z0-9])(?:(?:муниципальн|государственн|бюджетн|казенн|автономн|частн|негосударственн|некоммерческ|областн|краев|" +
  "городск|районн|общеобразовательн|образовательн)[а-я]*\\s+)+(?:учреждени|организаци)[а-я]*", "g");

/** Abbreviated legal forms written before the name: МБОУ, МКОУ, МАОУ, МОУ, БОУ, ГБОУ, КОУ … */
const ORG_FORM_TOKENS = new Set([
  "мбоу", "мкоу", "маоу", "моу", "боу", "гбоу", "кгбоу", "огбоу", "гкоу", "гаоу", "каоу", "коу", "аоу", "оу", "мбноу", "моау",
  "мобу", "мкобу", "ноу", "чоу", "нчоу", "ано", "мау", "мку", "мбу", "мбоо", "мкоо", "маоо", "гоу", "мсоу", "мбобу"
]);

/** Kinds of school spelled out, in any case form («средней общеобразовательной школы»). */
const SCHOOL_TYPES: Array<[RegExp, string]> = [
  [/(?<![а-я])средн[а-я]*\s+общеобразовательн[а-я]*\s+школ[а-я]*/g, "сош"],
  [/(?<![а-я])основн[а-я]*\s+общеобразовательн[а-я]*\s+школ[а-я]*/g, "оош"],
  [/(?<![а-я])начальн[а-я]*\s+общеобразовательн[а-я]*\s+школ[а-я]*/g, "нош"],
  [/(?<![а-я])средн[а-я]*\s+школ[а-я]*/g, "сош"],
  [/(?<![а-я])основн[а-я]*\s+школ[а-я]*/g, "оош"]
];

/** Settlement words: «г.», «город», «города» are one word; «с.» / «село» another … */
const SETTLEMENTS: Array<[RegExp, string]> = [
  [/(?<![а-я])(?:рабоч[а-я]*\s+пос[её]л[а-я]*|р\.\s*п\.?|рп\.?)(?![а-я])/g, " рп "],
  [/(?<![а-я])(?:город[а-я]*|г\.?)(?![а-я])/g, " г "],
  [/(?<![а-я])(?:сел[оаеу]|с\.?)(?![а-я])/g, " с "],
  [/(?<![а-я])(?:пос[её]л(?:ок|ка|ке)|пос\.|п\.?)(?![а-я])/g, " п "],
  [/(?<![а-я])(?:деревн[яиюе]|д\.?)(?![а-я])/g, " д "],
  [/(?<![а-я])(?:имени|им\.?)(?![а-я])/g, " им "]
];

/** Words every district has: they never tell two schools apart on their own. */
const GENERIC = new Set(["сош", "оош", "нош", "школа", "гимназия", "лицей", "г", "с", "п", "д", "рп", "им", "интернат", "кадетская",
  "вечерняя", "сменная", "детский", "сад", "центр", "образования"]);

function tokens(key: string): string[] {
  return key.split(" ").filter(Boolean);
}

/**
 * «Ключ названия школы»: the name with what varies between spellings of one school taken out —
 * quotes of any kind, spaces, case, ё/е, «№1» / «№ 1» / «N 1», the legal form (МБОУ, МКОУ, МАОУ,
 * МОУ, БОУ, ГБОУ … or spelled out), «средняя / основная / начальная общеобразовательная школа» as
 * СОШ / ООШ / НОШ, «г.» / «город», «с.» / «село», «п.», «д.», «им.» — and the words put in
 * alphabetical order, so «СОШ № 47 г. Омска» and «г. Омска СОШ № 47» are one key.
 * Two names with equal keys in one district are the same school; nothing else is decided here.
 * @example schoolNameKey("МБОУ «СОШ № 1»") // "сош №1"
 * @example schoolNameKey("Муниципальное бюджетное общеобразовательное учреждение \"Средняя общеобразовательная школа №1\"") // "сош №1"
 * @example schoolNameKey("МКОУ \"Тарская ООШ № 5\"") // "оош тарская №5"
 */
export function schoolNameKey(name: string): string {
  let k = normalizeKey(name);
  k = k.replace(ORG_FORM_SPELLED, " ");
  for (const [re, to] of SCHOOL_TYPES) k = k.replace(re, ` ${to} `);
  k = k.replace(/(?<![а-яa-z])(?:№|n|no)\s*(\d+)/g, " №$1 ");
  k = k.replace(/["«»()[\],;:!?]/g, " ");
  for (const [re, to] of SETTLEMENTS) k = k.replace(re, to);
  k = k.replace(/\.(?=\s|$)/g, " ").replace(/(?<!\d)\.(?!\d)/g, " ");
  const words = tokens(k.replace(/\s+/g, " ")).filter((w) => !ORG_FORM_TOKENS.has(w) && w !== "-" && w !== "–");
  return words.sort().join(" ");
}

/**
 * «Ключ муниципалитета»: a district's name without «муниципальный район / округ», «городской
 * округ», «р-н», «район», «город / г.», «… области», with adjectives in the genitive or
 * prepositional case put back in the nominative («Саргатского» → «саргатский»).
 * @example municipalityKey("Саргатский муниципальный район") // "саргатский"
 * @example municipalityKey("Саргатский р-н") // "саргатский"
 * @example municipalityKey("г. Омск") // "омск"
 * @example municipalityKey("не указан") // ""  (no district: the school is looked up by its name)
 */
export function municipalityKey(name: string): string {
  let k = normalizeKey(name).replace(/["«»()[\],;:.]/g, " ");
  if (/^\s*(?:не указан[а-я]*|нет|-|—)?\s*$/.test(k)) return "";
  k = k.replace(/(?<![а-я])[а-я-]+\s+област[а-я]*/g, " ");
  k = k.replace(/(?<![а-я])(?:муниципальн[а-я]*|городск[а-я]*)\s+(?:район[а-я]*|округ[а-я]*|образовани[а-я]*)/g, " ");
  k = k.replace(/(?<![а-я])(?:р-н|район[а-я]*|округ[а-я]*|мр|мо|город[а-я]*|г)(?![а-я])/g, " ");
  const words = tokens(k.replace(/\s+/g, " ")).map((w) => w
    .replace(/(ск|цк)(?:ого|ом|ому)$/, "$1ий")
    .replace(/(ск|цк)(?:ой)$/, "$1ий"));
  return words.sort().join(" ");
}

function numbers(ts: string[]): Set<string> {
  return new Set(ts.filter((t) => /\d/.test(t)));
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of s.split(" ")) {
    const w = ` ${word} `;
    for (let i = 0; i < w.length - 1; i++) {
      const g = w.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * «Похожесть названий школ» of two keys (schoolNameKey), 0 to 1:
 * 0 when both carry numbers and the numbers differ («СОШ № 1» is never «СОШ № 3»);
 * 0,9 when every word of the shorter name is in the longer one and the shorter has a word of its
 * own (not «СОШ», «школа», «г.» …): «сош №47» in «г омска сош №47»;
 * otherwise the Dice coefficient of the two keys' letter pairs (Sørensen–Dice: 2·|A∩B| / (|A|+|B|)),
 * which catches typos: «Сарагтская» for «Саргатская».
 * @example schoolNameSimilarity("саргатская сош №1", "сарагтская сош №1") // 0.8333333333333334
 * @example schoolNameSimilarity("сош №1 тарская", "сош №3 тарская") // 0
 * @example schoolNameSimilarity("сош №47", "г омска сош №47") // 0.9
 */
export function schoolNameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ta = tokens(a), tb = tokens(b);
  if (!ta.length || !tb.length) return 0;
  const na = numbers(ta), nb = numbers(tb);
  if (na.size && nb.size && (na.size !== nb.size || [...na].some((n) => !nb.has(n)))) return 0;
  const [small, large] = ta.length <= tb.length ? [ta, new Set(tb)] : [tb, new Set(ta)];
  if (small.every((t) => large.has(t)) && small.some((t) => !GENERIC.has(t))) return 0.9;
  const ga = bigrams(a), gb = bigrams(b);
  let common = 0, total = 0;
  for (const [g, n] of ga) { common += Math.min(n, gb.get(g) ?? 0); total += n; }
  for (const n of gb.values()) total += n;
  return total ? (2 * common) / total : 0;
}

/** From this similarity on, a new name is proposed as a possible spelling of a known school. */
export const SIMILAR_NAME = 0.75;

/**
 * «Возможно, та же школа»: two different keys close enough to ask the methodologist (never
 * decided automatically; only ever asked within one district).
 * @example isSimilarSchoolName("саргатская сош №1", "сарагтская сош №1") // true
 * @example isSimilarSchoolName("гимназия саргатская", "саргатская сош №1") // false
 */
export function isSimilarSchoolName(a: string, b: string): boolean {
  return a !== b && schoolNameSimilarity(a, b) >= SIMILAR_NAME;
}

const TITLE_START = new RegExp(
  "(?<![А-Яа-яЁё])(?:" +
  "(?:МБОУ|МКОУ|МАОУ|МОУ|БОУ|ГБОУ|КГБОУ|ОГБОУ|ГКОУ|ГАОУ|КОУ|ЧОУ|НОУ|АНО)(?![А-Яа-яЁё])" +
  "|[Мм]униципальн[а-я]*\\s+(?:бюджетн|казенн|казённ|автономн)[а-я]*\\s+общеобразовательн[а-я]*\\s+учреждени[а-я]*" +
  "|(?:[А-ЯЁ][а-яё-]+(?:ая|ой|ей|ий|ый|ое)\\s+)?(?:[Сс]редн[а-я]*|[Оо]сновн[а-я]*|[Нн]ачальн[а-я]*)\\s+(?:общеобразовательн[а-я]*\\s+)?школ[а-я]*" +
  "|(?:[А-ЯЁ][а-яё-]+(?:ая|ой|ей|ий|ый|ое)\\s+)?(?:СОШ|ООШ|НОШ|[Гг]имнази[а-я]*|[Лл]ице[а-я]*)(?![А-Яа-яЁё])" +
  ")");
const TITLE_END = /\s+(?:на|за)\s|\s+по\s+состоянию|\s+в\s+\d{4}|\s*\((?![^)]*(?:СОШ|ООШ|школ))|[;,]|\s+-\s+|$/;

/**
 * «Школа в заголовке»: the organisation a title names, from its legal form or kind of school to the
 * date or year after it: «Кадровый состав педагогических работников МБОУ «СОШ № 47» г. Омска на
 * 2023/2024 учебный год» names «МБОУ «СОШ № 47» г. Омска». Null when no organisation is named.
 * @example schoolInTitle("Кадровый состав педагогических работников МБОУ «СОШ № 47» г. Омска на 2023/2024 учебный год") // "МБОУ «СОШ № 47» г. Омска"
 * @example schoolInTitle("Список педагогов на 2024/2025 учебный год") // null
 */
export function schoolInTitle(text: string): string | null {
  const line = text.replace(/\s+/g, " ").trim();
  const start = TITLE_START.exec(line);
  if (!start) return null;
  const rest = line.slice(start.index);
  const end = TITLE_END.exec(rest.slice(start[0].length));
  const name = rest.slice(0, start[0].length + (end ? end.index : rest.length)).replace(/[\s,.:–—-]+$/, "").trim();
  return schoolNameKey(name) ? name : null;
}
