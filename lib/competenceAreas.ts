// Competence areas are data (DOMAIN.md «Competence deficits»: the list must be data, not code): each
// area's code, Russian label and the header words that name it; the settings module loads them
// (settings/areas.ts, data/config/areas.json).
import {z} from "zod";
import {normalizeKey} from "./normalizeText.ts";

export const AreasConfigSchema = z.object({
  note: z.string().optional(),
  areas: z.array(z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, "код области: строчные латинские буквы, цифры и _ (например legal)"),
    label: z.string().min(1, "название области не заполнено"),
    /** Word beginnings that name the area in a header: «методическ» matches «Методические компетенции». */
    synonyms: z.array(z.string().min(2, "синоним — не короче 2 букв")).min(1, "нужен хотя бы один синоним")
  })).min(1, "нужна хотя бы одна область")
}).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.areas.forEach((a, i) => {
    if (seen.has(a.code)) ctx.addIssue({code: "custom", path: ["areas", i, "code"], message: `код области «${a.code}» повторяется`});
    seen.add(a.code);
  });
});
export type AreasConfig = z.infer<typeof AreasConfigSchema>;
export type AreaDef = AreasConfig["areas"][number];

const LETTER = /[a-zа-я0-9]/;

/** Does a normalised header contain the synonym at the start of a word? («конфликт» is not «икт»). */
function wordStartIndex(key: string, stem: string): number {
  for (let i = key.indexOf(stem); i >= 0; i = key.indexOf(stem, i + 1)) {
    if (i === 0 || !LETTER.test(key[i - 1]!)) return i;
  }
  return -1;
}

/**
 * «Область компетенций по заголовку столбца»: the area whose synonym starts a word of the header
 * (case, ё/е, dashes ignored); the longest matching synonym wins; null when none.
 * @example matchArea("Коммуникативные компетенции, %", {areas: [{code: "communicative", label: "Коммуникативные", synonyms: ["коммуникативн"]}]})?.code // "communicative"
 * @example matchArea("Разрешение конфликтов", {areas: [{code: "digital", label: "Цифровые (ИКТ)", synonyms: ["икт"]}]}) // null
 */
export function matchArea(header: string, config: AreasConfig): AreaDef | null {
  const key = normalizeKey(header);
  let best: AreaDef | null = null, bestLength = 0;
  for (const area of config.areas) {
    for (const s of area.synonyms) {
      const stem = normalizeKey(s);
      if (stem.length > bestLength && wordStartIndex(key, stem) >= 0) { best = area; bestLength = stem.length; }
    }
  }
  return best;
}
