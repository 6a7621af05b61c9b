// The Russian plural rule, shared by every surface (CLI, messages, pages through their mirror).

/**
 * «Форма множественного числа»: the word form for a count by the Russian rule — one for counts
 * ending in 1 (but not 11), few for 2–4 (but not 12–14), many otherwise (0, 5–20, 25 …).
 * Source: the rule of Russian grammar, as zod's Russian locale applies it.
 * @example plural(1, "упоминание", "упоминания", "упоминаний") // "упоминание"
 * @example plural(54, "упоминание", "упоминания", "упоминаний") // "упоминания"
 * @example plural(11, "школа", "школы", "школ") // "школ"
 */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = Math.abs(n) % 10, m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/**
 * A count with its word: «54 упоминания», «1 школа», «11 школ». Integers only get the rule; a
 * fractional count takes the genitive singular form («2,5 школы» is written with `few`).
 * @example countWord(54, "упоминание", "упоминания", "упоминаний") // "54 упоминания"
 */
export function countWord(n: number, one: string, few: string, many: string, format: (n: number) => string = String): string {
  return `${format(n)} ${Number.isInteger(n) ? plural(n, one, few, many) : few}`;
}
