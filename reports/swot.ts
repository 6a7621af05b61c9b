// The programme's SWOT from questionnaires, ratings and closed answers (issue 6, part 1): the single
// source of `mentoring report swot`, its --json and the dashboards. Coding happens here, at read
// time, so an edited codebook recodes every stored answer.
import {all, type Store} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {periodBounds, periodId, type Period} from "../lib/period.ts";
import {isoDay} from "../lib/isoDay.ts";
import {codeStatement, compileCodebook, questionQuadrant, type CompiledCodebook, type Quadrant} from "../lib/swotCoding.ts";
import {splitStatements} from "../lib/splitStatements.ts";
import {swotTally, type QuadrantTally, type StatementTally, type SwotMention} from "../lib/swotTally.ts";
import {ratingSummary, type RatingSummary} from "../lib/ratingSummary.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";
import {ratingWaves, type RatingWaves} from "../lib/waveComparison.ts";


export interface SwotReportOptions {
  /** Only respondents of this role (наставник, наставляемый, куратор, руководитель, другое). */
  role?: string;
  /** Only answers of one wave (entry | exit); then there is no before/after comparison. */
  wave?: "entry" | "exit";
  /** Statements shown per quadrant. */
  top?: number;
  /** Only answers given within this period (by the questionnaire's answer time); undated answers are then left out. */
  period?: Period;
  /** Only respondents of a municipality's schools or of one school (a respondent whose school is unknown belongs to the region only). */
  scope?: ReportScope;
}

export interface UncodedStatement {
  text: string;
  /** Known when the question named a quadrant. */
  quadrant: Quadrant | null;
  role: string;
  question: string;
  file: string;
  sheet: string | null;
  row: number | null;
}

/** Entry vs exit of a rating question (lib/waveComparison.ts). */
export type PrePost = RatingWaves;

export interface RatingQuestion {
  question: string;
  scale: {min: number; max: number} | null;
  all: RatingSummary;
  byRole: Record<string, RatingSummary>;
  byWave: {entry: RatingSummary; exit: RatingSummary} | null;
  /** Entry vs exit: paired where respondents can be matched by their code, unpaired otherwise. */
  prepost: PrePost | null;
}

export interface SwotReport {
  role: string | null;
  wave: "entry" | "exit" | null;
  /** The period asked for («2024/25»), null for every answer. */
  period: string | null;
  /** With a period: respondents left out because their answer has no date. */
  undated: number;
  uploads: number[];
  respondents: {total: number; byRole: Record<string, number>};
  quadrants: QuadrantTally[];
  statements: StatementTally[];
  /** Statements no codebook phrase fits: for a person to code (add a phrase and re-run). */
  uncoded: UncodedStatement[];
  closed: Array<{question: string; n: number; answers: Array<{answer: string; count: number; share: number}>}>;
  ratings: RatingQuestion[];
}

interface AnswerRow {
  upload_id: number; respondent_no: number; role: string; wave: string | null; respondent_key: string | null;
  question: string; text_key: string; kind: string; scale_min: number | null; scale_max: number | null;
  answer: string; rating: number | null; file_name: string; sheet: string | null; row_no: number | null;
}

/** Paired comparison needs at least this many matched respondents; fewer → the unpaired one. */
export {MIN_PAIRS} from "../lib/waveComparison.ts";

export async function swotReport(store: Store, settings: Settings, options: SwotReportOptions = {}): Promise<SwotReport> {
  const compiled: CompiledCodebook = compileCodebook(settings.swotCodebook);
  const role = options.role ?? null;
  const wave = options.wave ?? null;
  const bounds = options.period ? periodBounds(options.period) : null;
  const scoped = scopeParams(options.scope);
  const params = {role, wave, from: bounds ? isoDay(bounds.start) : null, to: bounds ? isoDay(bounds.end) : null, ...scoped};
  const inPeriod = `($from IS NULL OR (r.answered_at IS NOT NULL AND substr(r.answered_at, 1, 10) BETWEEN $from AND $to)) AND ${spellingInScope("r.school_id")}`;
  const [respondents, answers, undated] = await store.read(async (c) => [
    await all<{upload_id: number; respondent_no: number; role: string}>(c, `
      SELECT r.upload_id, r.respondent_no, r.role FROM questionnaire_respondents r
      JOIN current_questionnaire_uploads USING (upload_id)
      WHERE ($role IS NULL OR r.role = $role) AND ($wave IS NULL OR r.wave = $wave) AND ${inPeriod}
      ORDER BY r.upload_id, r.respondent_no`, params),
    await all<AnswerRow>(c, `
      SELECT a.upload_id, a.respondent_no, r.role, r.wave, r.respondent_key, q.text AS question, q.text_key, q.kind,
             q.scale_min, q.scale_max, a.answer, a.rating, u.file_name, r.sheet, r.row_no
      FROM questionnaire_answers a
      JOIN current_questionnaire_uploads USING (upload_id)
      JOIN questionnaire_respondents r USING (upload_id, respondent_no)
      JOIN questionnaire_questions q ON q.upload_id = a.upload_id AND q.question_no = a.question_no
      JOIN uploads u ON u.upload_id = a.upload_id
      WHERE ($role IS NULL OR r.role = $role) AND ($wave IS NULL OR r.wave = $wave) AND ${inPeriod}
      ORDER BY a.upload_id, a.respondent_no, a.question_no`, params),
    bounds ? (await all<{n: number}>(c, `SELECT count(*)::INTEGER AS n FROM questionnaire_respondents r
      JOIN current_questionnaire_uploads USING (upload_id)
      WHERE ($role IS NULL OR r.role = $role) AND ($wave IS NULL OR r.wave = $wave) AND r.answered_at IS NULL
        AND ${spellingInScope("r.school_id")}`, {role, wave, ...scoped}))[0]!.n : 0
  ]);
  const id = (upload: number, no: number) => `${upload}:${no}`;

  // SWOT: every statement of every open answer, coded.
  const mentions: SwotMention[] = [];
  const uncoded: UncodedStatement[] = [];
  const questionQuadrants = new Map<string, Quadrant | null>();
  for (const a of answers) {
    if (a.kind !== "open") continue;
    if (!questionQuadrants.has(a.question)) questionQuadrants.set(a.question, questionQuadrant(a.question, compiled));
    const hint = questionQuadrants.get(a.question) ?? null;
    for (const s of splitStatements(a.answer)) {
      const coding = codeStatement(s, compiled, hint);
      mentions.push({respondent: id(a.upload_id, a.respondent_no), role: a.role, ...coding});
      if (coding.statementId === null) {
        uncoded.push({text: s, quadrant: coding.quadrant, role: a.role, question: a.question, file: a.file_name, sheet: a.sheet, row: a.row_no});
      }
    }
  }
  const labels = new Map(compiled.codebook.statements.map((s) => [s.id, s.label]));
  const tally = swotTally(respondents.map((r) => ({id: id(r.upload_id, r.respondent_no), role: r.role})), mentions, labels, options.top ?? 5);

  // Closed questions: how often each answer was given.
  const closedMap = new Map<string, {question: string; counts: Map<string, number>; n: number}>();
  for (const a of answers) {
    if (a.kind !== "closed") continue;
    const q = closedMap.get(a.text_key) ?? {question: a.question, counts: new Map(), n: 0};
    closedMap.set(a.text_key, q);
    const answer = a.answer.trim().replace(/\s+/g, " ");
    const key = [...q.counts.keys()].find((k) => k.toLowerCase().replace(/ё/g, "е") === answer.toLowerCase().replace(/ё/g, "е")) ?? answer;
    q.counts.set(key, (q.counts.get(key) ?? 0) + 1);
    q.n++;
  }
  const closed = [...closedMap.values()].map((q) => ({question: q.question, n: q.n,
    answers: [...q.counts].map(([answer, count]) => ({answer, count, share: (100 * count) / q.n}))
      .sort((x, y) => y.count - x.count || x.answer.localeCompare(y.answer, "ru"))}));

  // Ratings: the same question (same wording) across files and waves.
  const ratingMap = new Map<string, AnswerRow[]>();
  for (const a of answers) {
    if (a.kind !== "rating" || a.rating === null) continue;
    const list = ratingMap.get(a.text_key) ?? [];
    list.push(a);
    ratingMap.set(a.text_key, list);
  }
  const ratings: RatingQuestion[] = [...ratingMap.values()].map((list) => {
    const first = list[0]!;
    const scaleMin = Math.min(...list.map((a) => a.scale_min ?? Infinity)), scaleMax = Math.max(...list.map((a) => a.scale_max ?? -Infinity));
    const scale = Number.isFinite(scaleMin) && Number.isFinite(scaleMax) ? {min: scaleMin, max: scaleMax} : null;
    const values = (xs: AnswerRow[]) => xs.map((a) => a.rating!);
    const roles = [...new Set(list.map((a) => a.role))].sort();
    const entry = list.filter((a) => a.wave === "entry"), exit = list.filter((a) => a.wave === "exit");
    return {
      question: first.question, scale,
      all: ratingSummary(values(list), scale ?? undefined),
      byRole: Object.fromEntries(roles.map((r) => [r, ratingSummary(values(list.filter((a) => a.role === r)), scale ?? undefined)])),
      byWave: entry.length && exit.length ? {entry: ratingSummary(values(entry), scale ?? undefined), exit: ratingSummary(values(exit), scale ?? undefined)} : null,
      prepost: entry.length && exit.length ? prePost(entry, exit) : null
    };
  });

  return {role, wave, period: options.period ? periodId(options.period) : null, undated,
    uploads: [...new Set(respondents.map((r) => r.upload_id))], respondents: tally.respondents,
    quadrants: tally.quadrants, statements: tally.statements, uncoded, closed, ratings};
}

/** Pairs entry and exit answers by respondent code (lib/waveComparison.ts ratingWaves: the one computation of before/after ratings). */
function prePost(entry: AnswerRow[], exit: AnswerRow[]): PrePost {
  const answers = (xs: AnswerRow[]) => xs.map((a) => ({key: a.respondent_key, value: a.rating!}));
  return ratingWaves(answers(entry), answers(exit));
}
