// What participants say, before and after: every questionnaire question asked in both waves, compared.
//
// Issue 15 §2: every question of the participants'
// questionnaires asked in both waves (entry and exit) — rating questions («оцените
// удовлетворённость … от 1 до 5», «психологический климат») and yes/no questions («хотели бы вы
// стать наставником?») — with respondents per wave, respondents matched by code, and the
// comparison of lib/waveComparison.ts (paired where matched, independent samples otherwise).
// The single source of `mentoring report participants`, the annual report's section
// (reports/exports/annualParticipants.ts) and the page. The same question is the same wording
// (questionnaire_questions.text_key) in any file. Names never leave the database: respondents are
// matched by their stored pseudonymous key.
import {all, type Store} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {periodBounds, periodId, type Period} from "../lib/period.ts";
import {isoDay} from "../lib/isoDay.ts";
import {ratingSummary, type RatingSummary} from "../lib/ratingSummary.ts";
import {ratingWaves, yesNoAnswer, yesNoWaves, type RatingWaves, type WaveAnswer, type YesNo, type YesNoWaves} from "../lib/waveComparison.ts";
import {ratingWavesReading, yesNoWavesReading} from "../lib/waveReading.ts";
import {isSmallGroup} from "../lib/smallGroup.ts";
import {TEST_CHOICE_TEXT} from "../lib/chosenTest.ts";
import {REGION, type ReportScope} from "./scope.ts";

export interface ParticipantWavesOptions {
  /** Whose respondents: the region (default), a municipality or a school of the directory, by the respondent's school. */
  scope?: ReportScope;
  /**
   * A school or calendar year: exit answers given within it, entry answers given within it or the
   * year before its start (a programme may start in one school year and end in the next). Undated
   * answers are then left out and counted in `undated`.
   */
  period?: Period;
}

interface QuestionBase {
  question: string;
  /** Respondents who answered it at entry / at exit, and those matched by code across the waves. */
  nEntry: number;
  nExit: number;
  matched: number;
  /** Fewer than the group-size setting in a wave, or among the matched when compared paired: aggregate readers see no figures. */
  small: boolean;
  /** The plain-Russian reading (lib/waveReading.ts). */
  reading: string;
}

export interface RatingWaveQuestion extends QuestionBase {
  kind: "rating";
  scale: {min: number; max: number} | null;
  entry: RatingSummary;
  exit: RatingSummary;
  comparison: RatingWaves;
}

export interface YesNoWaveQuestion extends QuestionBase {
  kind: "yes-no";
  /** Answers per wave: «да», «нет», «затрудняюсь ответить» (the last counts in the wave, not as «да»). */
  entryAnswers: Record<YesNo, number>;
  exitAnswers: Record<YesNo, number>;
  comparison: YesNoWaves;
}

export type WaveQuestion = RatingWaveQuestion | YesNoWaveQuestion;

export interface ParticipantWavesReport {
  scope: ReportScope;
  /** The period asked for («2024/25»), null for every answer. */
  period: string | null;
  /** Respondents of each wave (in scope and period) and those with the same code in both. */
  respondents: {entry: number; exit: number; matched: number};
  /** With a period: respondents left out because their answer has no date. */
  undated: number;
  minGroupSize: number;
  questions: WaveQuestion[];
  method: string;
}

interface AnswerRow {
  respondent: string; key: string | null; wave: "entry" | "exit"; text_key: string; question: string; kind: string;
  scale_min: number | null; scale_max: number | null; answer: string; rating: number | null; answered_at: string | null;
}

export const PARTICIPANT_WAVES_METHOD = "Сравниваются вопросы, заданные и во входном, и в итоговом анкетировании (одинаковая формулировка). " +
  "Участники сопоставляются по коду участника; если сопоставлено хотя бы двое — сравниваются ответы сопоставленных (парное сравнение), " +
  "иначе все ответы двух волн как независимые выборки. Для оценок " + TEST_CHOICE_TEXT.charAt(0).toLowerCase() + TEST_CHOICE_TEXT.slice(1) + " " +
  "Вопросы «да/нет»: доля ответивших «да» (ответ «затрудняюсь ответить» учитывается в числе ответивших, но не как «да»), " +
  "95 % доверительный интервал по Уилсону; для сопоставленных — точный критерий Макнемара (по тем, кто изменил ответ), " +
  "для независимых выборок — z-критерий для двух долей, а при ожидаемой частоте меньше 5 — точный критерий Фишера.";

const SCOPE_SQL = `($scope_level = 'region' OR r.school_id IN (SELECT school_id FROM school_directory
  WHERE ($scope_level = 'school' AND directory_school_id = $scope_id) OR ($scope_level = 'municipality' AND municipality_id = $scope_id)))`;

/** The answers of both waves to rating and closed questions, in scope and period, in file order. */
async function loadAnswers(store: Store, scope: ReportScope, period: Period | undefined) {
  const bounds = period ? periodBounds(period) : null;
  const entryFrom = bounds ? new Date(Date.UTC(bounds.start.getUTCFullYear() - 1, bounds.start.getUTCMonth(), bounds.start.getUTCDate())) : null;
  const scopeParams = {scope_level: scope.level, scope_id: scope.level === "region" ? -1 : scope.id};
  const params = {...scopeParams,
    from: bounds ? isoDay(bounds.start) : null, entry_from: entryFrom ? isoDay(entryFrom) : null, to: bounds ? isoDay(bounds.end) : null};
  const day = "substr(r.answered_at, 1, 10)";
  const inPeriod = `($from IS NULL OR (r.answered_at IS NOT NULL AND ${day} <= $to AND ${day} >= CASE r.wave WHEN 'exit' THEN $from ELSE $entry_from END))`;
  return store.read(async (c) => ({
    answers: await all<AnswerRow>(c, `
      SELECT a.upload_id || ':' || a.respondent_no AS respondent, r.respondent_key AS key, r.wave, q.text_key, q.text AS question, q.kind,
             q.scale_min, q.scale_max, a.answer, a.rating, r.answered_at
      FROM questionnaire_answers a
      JOIN current_questionnaire_uploads USING (upload_id)
      JOIN questionnaire_respondents r USING (upload_id, respondent_no)
      JOIN questionnaire_questions q ON q.upload_id = a.upload_id AND q.question_no = a.question_no
      WHERE r.wave IN ('entry', 'exit') AND q.kind IN ('rating', 'closed') AND ${SCOPE_SQL} AND ${inPeriod}
      ORDER BY a.upload_id, a.respondent_no, a.question_no`, params),
    respondents: await all<{wave: "entry" | "exit"; key: string | null}>(c, `
      SELECT r.wave, r.respondent_key AS key FROM questionnaire_respondents r JOIN current_questionnaire_uploads USING (upload_id)
      WHERE r.wave IN ('entry', 'exit') AND ${SCOPE_SQL} AND ${inPeriod}`, params),
    undated: bounds ? (await all<{n: number}>(c, `SELECT count(*)::INTEGER AS n FROM questionnaire_respondents r
      JOIN current_questionnaire_uploads USING (upload_id) WHERE r.wave IN ('entry', 'exit') AND r.answered_at IS NULL AND ${SCOPE_SQL}`, scopeParams))[0]!.n : 0
  }));
}

/** Codes present in both lists. */
function matchedKeys(entry: ReadonlyArray<{key: string | null}>, exit: ReadonlyArray<{key: string | null}>): number {
  const e = new Set(entry.map((a) => a.key).filter((k): k is string => k !== null));
  return new Set(exit.map((a) => a.key).filter((k): k is string => k !== null && e.has(k))).size;
}

function ratingQuestion(list: AnswerRow[], min: number): RatingWaveQuestion | null {
  const rated = list.filter((a) => a.rating !== null);
  const entry = rated.filter((a) => a.wave === "entry"), exit = rated.filter((a) => a.wave === "exit");
  if (!entry.length || !exit.length) return null;
  const lo = Math.min(...rated.map((a) => a.scale_min ?? Infinity)), hi = Math.max(...rated.map((a) => a.scale_max ?? -Infinity));
  const scale = Number.isFinite(lo) && Number.isFinite(hi) ? {min: lo, max: hi} : null;
  const answers = (xs: AnswerRow[]): Array<WaveAnswer<number>> => xs.map((a) => ({key: a.key, value: a.rating!}));
  const comparison = ratingWaves(answers(entry), answers(exit));
  const matched = matchedKeys(entry, exit);
  const question = list[0]!.question;
  return {kind: "rating", question, scale, nEntry: entry.length, nExit: exit.length, matched,
    small: isSmallGroup(entry.length, min) || isSmallGroup(exit.length, min) || (comparison.type === "paired" && isSmallGroup(comparison.matched, min)),
    entry: ratingSummary(entry.map((a) => a.rating!), scale ?? undefined), exit: ratingSummary(exit.map((a) => a.rating!), scale ?? undefined),
    comparison, reading: ratingWavesReading(question, comparison)};
}

function yesNoQuestion(list: AnswerRow[], min: number): YesNoWaveQuestion | null {
  const coded = list.map((a) => ({a, v: yesNoAnswer(a.answer)}));
  // A closed question is a yes/no one when every answer is «да», «нет» or «затрудняюсь» and someone said «да» or «нет».
  if (coded.some((c) => c.v === null) || !coded.some((c) => c.v !== "unsure")) return null;
  const wave = (w: "entry" | "exit") => coded.filter((c) => c.a.wave === w).map((c): WaveAnswer<YesNo> => ({key: c.a.key, value: c.v!}));
  const entry = wave("entry"), exit = wave("exit");
  if (!entry.length || !exit.length) return null;
  const counts = (xs: Array<WaveAnswer<YesNo>>) => ({yes: xs.filter((x) => x.value === "yes").length, no: xs.filter((x) => x.value === "no").length,
    unsure: xs.filter((x) => x.value === "unsure").length});
  const comparison = yesNoWaves(entry, exit);
  const question = list[0]!.question;
  return {kind: "yes-no", question, nEntry: entry.length, nExit: exit.length, matched: matchedKeys(entry, exit),
    small: isSmallGroup(entry.length, min) || isSmallGroup(exit.length, min) || (comparison.type === "paired" && isSmallGroup(comparison.matched, min)),
    entryAnswers: counts(entry), exitAnswers: counts(exit), comparison, reading: yesNoWavesReading(question, comparison)};
}

export async function participantWavesReport(store: Store, settings: Settings, options: ParticipantWavesOptions = {}): Promise<ParticipantWavesReport> {
  const scope = options.scope ?? REGION;
  const min = settings.groupSize.minGroupSize;
  const {answers, respondents, undated} = await loadAnswers(store, scope, options.period);
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const a of answers) {
    const list = byQuestion.get(a.text_key);
    if (list) list.push(a); else byQuestion.set(a.text_key, [a]);
  }
  const questions: WaveQuestion[] = [];
  for (const list of byQuestion.values()) {
    // One wording may be a rating in one file and closed in another: the kind most answers have decides.
    const ratings = list.filter((a) => a.kind === "rating").length;
    const q = ratings * 2 >= list.length ? ratingQuestion(list.filter((a) => a.kind === "rating"), min)
      : yesNoQuestion(list.filter((a) => a.kind === "closed"), min);
    if (q) questions.push(q);
  }
  const entry = respondents.filter((r) => r.wave === "entry"), exit = respondents.filter((r) => r.wave === "exit");
  return {scope, period: options.period ? periodId(options.period) : null,
    respondents: {entry: entry.length, exit: exit.length, matched: matchedKeys(entry, exit)}, undated, minGroupSize: min,
    questions, method: PARTICIPANT_WAVES_METHOD};
}
