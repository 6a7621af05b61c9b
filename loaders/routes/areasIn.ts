// Which competence areas a piece of free text names: «Низкий уровень сформированности
// методических и предметных компетенций» → methodological, subject. Same synonyms as the
// diagnostics' headers (data/config/areas.json), matched at a word start.
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {AreasConfig} from "../diagnostics/areas.ts";

const LETTER = /[a-zа-я0-9]/;

function firstWordStart(key: string, stem: string): number {
  for (let i = key.indexOf(stem); i >= 0; i = key.indexOf(stem, i + 1)) {
    if (i === 0 || !LETTER.test(key[i - 1]!)) return i;
  }
  return -1;
}

/** Area codes named in the text, in the order they first appear; [] when none. */
export function areasIn(text: string, config: AreasConfig): string[] {
  const key = normalizeKey(text);
  if (!key) return [];
  const found: Array<{code: string; at: number}> = [];
  for (const area of config.areas) {
    let at = -1;
    for (const s of area.synonyms) {
      const i = firstWordStart(key, normalizeKey(s));
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) found.push({code: area.code, at});
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.code);
}
