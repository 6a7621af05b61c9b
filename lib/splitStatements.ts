// Open questionnaire answers hold several thoughts in one cell: «1) опытные наставники; 2) мало
// времени», lines, bullets. Each thought is coded on its own.
import {collapseSpaces} from "./normalizeText.ts";

/** Answers that say nothing: they are not statements and are never listed for coding. */
const NON_ANSWERS = /^(нет|(пока )?не знаю|затрудняюсь( ответить)?|затрудняюсь с ответом|нечего( добавить| сказать)?|ничего|пока нет|все устраивает|всё устраивает|нет ответа|-+|—|–|\.+|\?+|н\/?а|0)$/;

/** True for an answer with no content: «нет», «затрудняюсь ответить», «-». */
export function isNonAnswer(text: string): boolean {
  const t = collapseSpaces(text).toLowerCase().replace(/ё/g, "е").replace(/[.!;,]+$/, "").trim();
  return t === "" || NON_ANSWERS.test(t);
}

/**
 * «высказывания»: an open answer split into statements at `;`, new lines, bullets (•, ·, *, –, -
 * at a line start), sentence ends followed by a capital letter, and numbered-list markers («1)», «2.», «а)»), each trimmed of list markers and
 * closing punctuation; empty pieces and non-answers («нет», «затрудняюсь ответить») dropped.
 * Commas do not split: «поддержка, помощь коллег» is often one thought.
 * Source: issue 6, «SWOT coding» (`;`, new lines, numbered lists).
 * @example splitStatements("1) опытные наставники; 2. мало времени\n- нет") // ["опытные наставники", "мало времени"]
 */
export function splitStatements(answer: string): string[] {
  const marked = answer
    .replace(/\r\n?/g, "\n")
    // A numbered item inside a line («… 2) …», «… 3. …») starts a new statement.
    .replace(/(^|\s)(\d{1,2}|[а-е])[).]\s+(?=\S)/gi, "\n")
    .replace(/[;•·]/g, "\n")
    // A new sentence is a new statement: «Обмен опытом. Много отчётов».
    .replace(/([.!?])\s+(?=[А-ЯЁA-Z])/g, "$1\n");
  const out: string[] = [];
  for (const piece of marked.split("\n")) {
    const t = collapseSpaces(piece.replace(/^\s*[-–—*]+\s*/, "")).replace(/[.,;:!]+$/, "").trim();
    if (t !== "" && !isNonAnswer(t)) out.push(t);
  }
  return out;
}
