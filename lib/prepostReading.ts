// The plain-Russian sentence a curator reads instead of the table of statistics.
import {formatPercent, formatP} from "./format.ts";
import {effectSizeLabel} from "./effectSizeLabel.ts";
import {ALPHA, chosenPairedTest} from "./chosenTest.ts";

export interface PrepostFigures {
  label: string;
  nPairs: number;
  /** Mean results (0–100) at entry and exit. */
  meanEntry: number | null;
  meanExit: number | null;
  pT: number | null;
  wilcoxon: {p: number} | null;
  dz: number | null;
}

/**
 * «Вывод для куратора» about one area's entry/exit change (issue 4, §2):
 * deficits are 100 − mean result; the change is called «статистически значимо» when p < 0,05,
 * where p and the test's name come from lib/chosenTest.ts (the Wilcoxon test for fewer than 30
 * pairs, small or skewed samples, DOMAIN.md «Pre/post»; the paired t-test otherwise); the effect is
 * worded from d_z by Cohen's thresholds (see effectSizeLabel: 0,2 / 0,5 / 0,8).
 * @example
 * prepostReading({label: "Методические", nPairs: 40, meanEntry: 52, meanExit: 63, pT: 0.0002,
 *   wilcoxon: {p: 0.0004}, dz: 0.9})
 * // "Методические: дефицит снизился с 48 % до 37 % (пар: 40), изменение статистически значимо
 * //  (парный t-критерий, p < 0,001), эффект большой."
 */
export function prepostReading(f: PrepostFigures): string {
  const head = `${f.label}: `;
  if (f.nPairs === 0 || f.meanEntry === null || f.meanExit === null) return `${head}нет педагогов с входной и итоговой диагностикой.`;
  const before = 100 - f.meanEntry, after = 100 - f.meanExit;
  const b = formatPercent(before, 0), a = formatPercent(after, 0);
  const trend = b === a
    ? `дефицит не изменился (${b})`
    : after < before ? `дефицит снизился с ${b} до ${a}` : `дефицит вырос с ${b} до ${a}`;
  if (f.nPairs === 1) return `${head}${trend}; это один педагог, статистический вывод невозможен.`;
  const {p, label: test} = chosenPairedTest({n: f.nPairs, pT: f.pT, wilcoxon: f.wilcoxon});
  let verdict: string;
  if (p === null) verdict = "ни у одного педагога результат не изменился";
  else if (p < ALPHA) verdict = `изменение статистически значимо (${test}, ${formatP(p)})`;
  else verdict = `изменение статистически не значимо (${test}, ${formatP(p)})`;
  const effect = effectSizeLabel(f.dz);
  return `${head}${trend} (пар: ${f.nPairs}), ${verdict}${effect && p !== null ? `, эффект ${effect}` : ""}.`;
}
