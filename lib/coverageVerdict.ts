// What a figure over incomplete coverage may say about its target (issue 11 §2; issue 15 §6).
import {formatNumber} from "./format.ts";
import {plural} from "./plural.ts";
import {coverageLabel, targetVerdict} from "./coverage.ts";

/** How much of what was expected a figure counts. */
export interface FigureCoverage {
  /** Schools in the sums. */
  schoolsCounted: number;
  /** Schools that should have reported. */
  schoolsExpected: number;
  /** For the country: regions with at least one school counted, and regions in the roll-up. */
  regionsCounted?: number;
  regionsPresent?: number;
}

/** Complete when every expected school (and, for the country, every region present) is counted. */
export function isComplete(c: FigureCoverage): boolean {
  return c.schoolsExpected > 0 && c.schoolsCounted === c.schoolsExpected
    && (c.regionsPresent === undefined || c.regionsCounted === c.regionsPresent);
}

/** «по 9 из 12 школ» (lib/coverage.ts's label), «по 40 120 из 44 500 школ, 85 из 89 регионов». */
export function coverageText(c: FigureCoverage): string {
  const regions = c.regionsPresent === undefined ? "" : `, ${formatNumber(c.regionsCounted ?? 0)} из ${formatNumber(c.regionsPresent)} ${plural(c.regionsPresent, "региона", "регионов", "регионов")}`;
  return `${coverageLabel(c.schoolsCounted, c.schoolsExpected)}${regions}`;
}

/**
 * The verdict on a target as every surface words it (lib/coverage.ts targetVerdict): over complete
 * coverage the decision; over incomplete coverage never «достигнута» — the target is not judged,
 * and the words say what the figure stands on. No school counted: «нет данных».
 * @example coverageVerdict(true, {schoolsCounted: 12, schoolsExpected: 12}) // "цель достигнута"
 * @example coverageVerdict(true, {schoolsCounted: 9, schoolsExpected: 12})  // "данные неполные (по 9 из 12 школ): цель не оценивается"
 * @example coverageVerdict(false, {schoolsCounted: 20, schoolsExpected: 21, regionsCounted: 2, regionsPresent: 3})
 * // "данные неполные (по 20 из 21 школы, 2 из 3 регионов): цель не оценивается"
 */
export function coverageVerdict(met: boolean | null, c: FigureCoverage): string {
  if (c.schoolsCounted === 0) return "нет данных";
  return targetVerdict(met, {complete: isComplete(c), label: coverageText(c)});
}
