// Which of a teacher's (or a group's) remaining deficits a route addresses, and in which order.
import {deficitLevel, defaultDeficitLevels, type DeficitLevels} from "./deficitLevel.ts";

export interface AreaDeficit {
  area: string;
  label: string;
  /** Deficit, percent (100 − result). */
  deficit: number;
}

export interface RankedDeficit extends AreaDeficit {
  /** Level code and label (data/config/deficit-levels.json). */
  level: string;
  levelLabel: string;
  /** 1 = address first. */
  rank: number;
}

/**
 * «Ранжирование дефицитов для ИОМ»: keeps the areas whose deficit level is one of `routeLevels`
 * (default «высокий» and «средний»: deficit ≥ 25 %) and orders them by level (the level with the
 * larger threshold first), then by deficit (larger first), then as given (the configured area
 * order). Source: seed 001, Приложение № 1, block 4 → block 5 (the road map removes the deficits
 * found); DOMAIN.md «Competence deficits» (levels are configuration).
 * Throws for a deficit outside 0–100 (deficitLevel does).
 * @example
 * // Seed 001, block 4: communicative 17, methodological 48, subject 56, psych.-ped. 32.
 * rankDeficits([{area: "communicative", label: "Коммуникативные", deficit: 17},
 *   {area: "methodological", label: "Методические", deficit: 48},
 *   {area: "subject", label: "Предметные", deficit: 56},
 *   {area: "psych_pedagogical", label: "Психолого-педагогические", deficit: 32}]).map((d) => [d.area, d.level, d.rank])
 * // [["subject", "high", 1], ["methodological", "medium", 2], ["psych_pedagogical", "medium", 3]]
 * // (17 is «низкий»: no route activity for it)
 */
export function rankDeficits(deficits: readonly AreaDeficit[], levels: DeficitLevels = defaultDeficitLevels,
  routeLevels: readonly string[] = ["high", "medium"]): RankedDeficit[] {
  const from = new Map(levels.levels.map((l) => [l.code, l.from]));
  return deficits
    .map((d, i) => ({d, i, level: deficitLevel(d.deficit, levels)}))
    .filter((x) => routeLevels.includes(x.level.code))
    .sort((a, b) => (from.get(b.level.code)! - from.get(a.level.code)!) || (b.d.deficit - a.d.deficit) || (a.i - b.i))
    .map((x, k) => ({area: x.d.area, label: x.d.label, deficit: x.d.deficit, level: x.level.code, levelLabel: x.level.label, rank: k + 1}));
}
