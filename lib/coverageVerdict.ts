// What a figure over incomplete coverage may say about its target (issue 11 §2; issue 15 §6).
import {formatNumber} from "./format.ts";

/** How much of what was expected a figure counts. */
export interface Coverage {
  /** Schools in the sums. */
  schoolsCounted: number;
  /** Schools that should have reported. */
  schoolsExpected: number;
  /** For the country: regions with at least one school counted, and regions in the roll-up. */
  regionsCounted?: number;
  regionsPresent?: number;
}

/** Complete when every expected school (and, for the country, every region present) is counted. */
export function isComplete(c: Coverage): boolean {
  return c.schoolsExpected > 0 && c.schoolsCounted === c.schoolsExpected
    && (c.regionsPresent === undefined || c.regionsCounted === c.regionsPresent);
}

/** «из 12 школ», «из 21 школы»: the genitive after «из». */
const ofSchools = (n: number) => `${formatNumber(n)} ${n % 10 === 1 && n % 100 !== 11 ? "школы" : "школ"}`;
const ofRegions = (n: number) => `${formatNumber(n)} ${n % 10 === 1 && n % 100 !== 11 ? "региона" : "регионов"}`;

/** «по 9 из 12 школ», «по 40 120 из 44 500 школ, 85 из 89 регионов». */
export function coverageText(c: Coverage): string {
  const regions = c.regionsPresent === undefined ? "" : `, ${formatNumber(c.regionsCounted ?? 0)} из ${ofRegions(c.regionsPresent)}`;
  return `по ${formatNumber(c.schoolsCounted)} из ${ofSchools(c.schoolsExpected)}${regions}`;
}

/**
 * «Цель достигнута» only over complete coverage; over incomplete coverage the verdict says what it
 * stands on: «цель достигнута по 9 из 12 школ» (a figure over part of the schools never reads as
 * the whole's). No schools counted: «нет данных»; no decision (population 0, more engaged than
 * people): «нет решения». Source: issue 11 §2 («никогда не говорит „цель достигнута“ без „по N из
 * M школ“»).
 * @example coverageVerdict(true, {schoolsCounted: 12, schoolsExpected: 12}) // "цель достигнута"
 * @example coverageVerdict(true, {schoolsCounted: 9, schoolsExpected: 12})  // "цель достигнута по 9 из 12 школ"
 * @example coverageVerdict(false, {schoolsCounted: 20, schoolsExpected: 21, regionsCounted: 2, regionsPresent: 3})
 * // "цель не достигнута по 20 из 21 школы, 2 из 3 регионов"
 */
export function coverageVerdict(met: boolean | null, c: Coverage): string {
  if (c.schoolsCounted === 0) return "нет данных";
  const verdict = met === null ? "нет решения" : met ? "цель достигнута" : "цель не достигнута";
  return isComplete(c) ? verdict : `${verdict} ${coverageText(c)}`;
}
