// A light Russian stemmer for matching free-text answers to a codebook: it strips the common
// inflectional endings so «наставников», «наставники» and «наставнику» meet at «наставник».
// Not Snowball: no derivational suffixes, which keeps stems readable in the codebook.

const REFLEXIVE = /(ся|сь)$/;
// Longest endings first: adjectives/participles, verbs, nouns.
const ENDINGS = [
  "ующими", "ующего", "ующему", "ующая", "ующее", "ующие", "ующий", "ующую",
  "ыми", "ими", "ых", "их", "ым", "им", "ого", "его", "ому", "ему", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ую", "юю",
  "ешь", "ете", "ишь", "ите", "ала", "ало", "али", "ила", "ило", "или", "ыла", "ыли", "ять", "ать", "ить", "еть", "уть",
  "ями", "ами", "иями", "ией", "иям", "иях", "ием", "ов", "ев", "ей", "ам", "ям", "ах", "ях", "ом", "ем",
  "ию", "ия", "ие", "ии", "ью", "ой", "ей",
  "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"
].sort((a, b) => b.length - a.length);

/** Shortest stem left after stripping: «сил» stays «сил», not «с». */
const MIN_STEM = 3;

/**
 * «основа слова»: a word in lower case with ё as е and one inflectional ending removed, keeping at
 * least three letters. Words of three letters or fewer, numbers and Latin words are returned as they are.
 * Source: the codebook needs «простые окончания» (issue 6, «SWOT coding»).
 * @example russianStem("Наставников") // "наставник"
 * @example russianStem("поддержки") // "поддержк"
 * @example russianStem("опытные") // "опытн"
 */
export function russianStem(word: string): string {
  let w = word.toLowerCase().replace(/ё/g, "е");
  if (!/^[а-я-]+$/.test(w) || w.length <= MIN_STEM) return w;
  if (w.length - 2 >= MIN_STEM + 1 && REFLEXIVE.test(w)) w = w.slice(0, -2);
  for (const e of ENDINGS) {
    if (w.endsWith(e) && w.length - e.length >= MIN_STEM) return w.slice(0, -e.length);
  }
  return w;
}

/** Words of a text (Cyrillic, Latin, digits; hyphenated words kept whole), each stemmed. */
export function stemWords(text: string): string[] {
  const words = text.toLowerCase().replace(/ё/g, "е").match(/[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*/g) ?? [];
  return words.map(russianStem);
}
