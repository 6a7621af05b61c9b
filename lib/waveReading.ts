// The plain-Russian sentence management reads about one question asked at entry and at exit.
// (The question is quoted in «», as its wording may end in «?».)
import {formatNumber, formatP, formatPercent} from "./format.ts";
import {ALPHA} from "./chosenTest.ts";
import type {RatingWaves, YesNoWaves} from "./waveComparison.ts";

/** «изменение статистически значимо (критерий, p = …)», or why there is no test. */
function verdict(t: {label: string | null; p: number | null}): string {
  if (t.p === null || t.label === null) return "проверить значимость нельзя (мало данных или ответы не изменились)";
  return `изменение статистически ${t.p < ALPHA ? "значимо" : "не значимо"} (${t.label}, ${formatP(t.p)})`;
}

/** «выросла с A до B» / «снизилась с A до B» / «не изменилась (A)», in the gender of the subject. */
function trend(before: string, after: string, rising: boolean, feminine = true): string {
  if (before === after) return `${feminine ? "не изменилась" : "не изменился"} (${before})`;
  return `${rising ? (feminine ? "выросла" : "вырос") : (feminine ? "снизилась" : "снизился")} с ${before} до ${after}`;
}

/**
 * «Вывод» about a rating question: the mean rating before and after (two decimals), who was
 * compared, and the verdict of the test chosen for the comparison (p < 0,05 — «значимо»).
 * @example
 * ratingWavesReading("Удовлетворённость", {type: "paired", matched: 3, unmatchedEntry: 1, unmatchedExit: 1,
 *   result: {meanBefore: 3, meanAfter: 4.333333, test: {label: "критерий Уилкоксона", p: 0.1572992}, …}})
 * // "«Удовлетворённость»: средняя оценка выросла с 3,00 до 4,33 (сопоставлено участников: 3);
 * //  изменение статистически не значимо (критерий Уилкоксона, p = 0,157)."
 */
export function ratingWavesReading(question: string, w: RatingWaves): string {
  const r = w.result;
  if (r.meanBefore === null || r.meanAfter === null) return `«${question}»: ответов одной из волн нет, сравнить нельзя.`;
  const b = formatNumber(r.meanBefore, 2), a = formatNumber(r.meanAfter, 2);
  const who = w.type === "paired" ? `сопоставлено участников: ${formatNumber(w.matched)}`
    : `независимые выборки, ответов ${formatNumber(w.result.nBefore)} и ${formatNumber(w.result.nAfter)}: ${w.reason}`;
  return `«${question}»: средняя оценка ${trend(b, a, r.meanAfter > r.meanBefore)} (${who}); ${verdict(r.test)}.`;
}

/**
 * «Вывод» about a yes/no question: the share of «да» before and after (whole percent), who was
 * compared (with the changed answers when paired), and the verdict of the proportions test.
 * @example
 * yesNoWavesReading("Хотели бы стать наставником", {type: "paired", matched: 8, before: {share: 0.5, …},
 *   after: {share: 0.75, …}, discordant: {yesToNo: 1, noToYes: 3}, test: {label: "точный критерий Макнемара", p: 0.625}, …})
 * // "«Хотели бы стать наставником»: доля ответивших «да» выросла с 50 % до 75 % (сопоставлено участников: 8;
 * //  стали отвечать «да» — 3, перестали — 1); изменение статистически не значимо (точный критерий Макнемара, p = 0,625)."
 */
export function yesNoWavesReading(question: string, w: YesNoWaves): string {
  if (w.before.share === null || w.after.share === null) return `«${question}»: ответов одной из волн нет, сравнить нельзя.`;
  const b = formatPercent(w.before.share * 100, 0), a = formatPercent(w.after.share * 100, 0);
  const who = w.type === "paired"
    ? `сопоставлено участников: ${formatNumber(w.matched)}; стали отвечать «да» — ${formatNumber(w.discordant!.noToYes)}, перестали — ${formatNumber(w.discordant!.yesToNo)}`
    : `независимые выборки, ответов ${formatNumber(w.before.n)} и ${formatNumber(w.after.n)}: ${w.reason}`;
  return `«${question}»: доля ответивших «да» ${trend(b, a, w.after.share > w.before.share)} (${who}); ${verdict(w.test)}.`;
}
