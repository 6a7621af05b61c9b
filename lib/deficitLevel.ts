// Which level («высокий», «средний», «низкий») a deficit falls into.
import {z} from "zod";

export const DeficitLevelsSchema = z.object({
  note: z.string().optional(),
  levels: z.array(z.object({
    code: z.string().min(1, "код уровня не заполнен"),
    label: z.string().min(1, "название уровня не заполнено"),
    /** The level applies from this deficit (percent, inclusive) up to the next level's `from`. */
    from: z.number().min(0, "порог — от 0 до 100 %").max(100, "порог — от 0 до 100 %")
  })).min(1, "нужен хотя бы один уровень")
}).refine((c) => c.levels.some((l) => l.from === 0), {message: "один из уровней должен начинаться с 0 %", path: ["levels"]});
export type DeficitLevels = z.infer<typeof DeficitLevelsSchema>;
export type DeficitLevelDef = DeficitLevels["levels"][number];

/**
 * The default levels. No seed fixes thresholds (DOMAIN.md «Competence deficits»), so these are
 * a labelled convention, overridden by data/config/deficit-levels.json.
 */
export const defaultDeficitLevels: DeficitLevels = {
  levels: [
    {code: "high", label: "высокий", from: 50},
    {code: "medium", label: "средний", from: 25},
    {code: "low", label: "низкий", from: 0}
  ]
};

/**
 * «Уровень дефицита»: the level with the largest `from` not above the deficit
 * (levels are configuration; DOMAIN.md: no seed fixes thresholds).
 * Throws for a deficit outside 0–100.
 * @example deficitLevel(48, defaultDeficitLevels).code // "medium" (25 ≤ 48 < 50)
 */
export function deficitLevel(deficit: number, config: DeficitLevels = defaultDeficitLevels): DeficitLevelDef {
  if (!Number.isFinite(deficit) || deficit < 0 || deficit > 100) throw new Error(`deficit must be within 0–100, got ${deficit}`);
  let best: DeficitLevelDef | undefined;
  for (const l of config.levels) if (l.from <= deficit && (!best || l.from > best.from)) best = l;
  return best!;
}
