// Competence areas are data (issue 4 §1): data/config/areas.json lists each area's code, Russian
// label and header synonyms; the built-in defaults are DOMAIN.md's five.
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {z} from "zod";
import {normalizeKey} from "../../lib/normalizeText.ts";

export const AreasConfigSchema = z.object({
  note: z.string().optional(),
  areas: z.array(z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, "код области: латиница, цифры и _"),
    label: z.string().min(1),
    /** Word beginnings that name the area in a header: «методическ» matches «Методические компетенции». */
    synonyms: z.array(z.string().min(2)).min(1)
  })).min(1)
}).refine((c) => new Set(c.areas.map((a) => a.code)).size === c.areas.length, {message: "коды областей повторяются"});
export type AreasConfig = z.infer<typeof AreasConfigSchema>;
export type AreaDef = AreasConfig["areas"][number];

export const defaultAreas: AreasConfig = {
  areas: [
    {code: "methodological", label: "Методические", synonyms: ["методическ", "методологическ"]},
    {code: "subject", label: "Предметные", synonyms: ["предметн"]},
    {code: "psych_pedagogical", label: "Психолого-педагогические", synonyms: ["психолого-педагогическ", "психолого педагогическ", "психологическ", "психолого"]},
    {code: "communicative", label: "Коммуникативные", synonyms: ["коммуникативн"]},
    {code: "digital", label: "Цифровые (ИКТ)", synonyms: ["цифров", "икт", "информационно-коммуникационн", "ит-компетен"]}
  ]
};

export const AREAS_CONFIG_PATH = fileURLToPath(new URL("../../data/config/areas.json", import.meta.url));

/** Reads and validates the areas configuration; the defaults when the file does not exist. */
export function loadAreas(path: string = AREAS_CONFIG_PATH): AreasConfig {
  if (!existsSync(path)) return defaultAreas;
  const parsed = AreasConfigSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const LETTER = /[a-zа-я0-9]/;

/** Does a normalised header contain the synonym at the start of a word? («конфликт» is not «икт»). */
function wordStartIndex(key: string, stem: string): number {
  for (let i = key.indexOf(stem); i >= 0; i = key.indexOf(stem, i + 1)) {
    if (i === 0 || !LETTER.test(key[i - 1]!)) return i;
  }
  return -1;
}

/** The area a header names (the longest matching synonym wins), or null. */
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
