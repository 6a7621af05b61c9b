// SWOT coding of questionnaire statements against a codebook (data, editable): each statement of
// an open answer is matched to the codebook's statements by word stems, so «нехватка времени у
// наставников» and «наставникам не хватает времени» both land on one coded statement.
import {z} from "zod";
import {stemWords} from "./russianStem.ts";

export const QUADRANTS = ["strengths", "weaknesses", "opportunities", "threats"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Russian names of the quadrants (seed 001, appendix 3, table 2). */
export const QUADRANT_LABELS: Record<Quadrant, string> = {
  strengths: "Сильные стороны",
  weaknesses: "Слабые стороны",
  opportunities: "Возможности",
  threats: "Угрозы"
};

export const CodebookSchema = z.object({
  /** Words in a question's header that send all its answers to one quadrant («Сильные стороны программы»). */
  quadrantQuestions: z.partialRecord(z.enum(QUADRANTS), z.array(z.string().min(2))),
  statements: z.array(z.object({
    id: z.string().min(1),
    quadrant: z.enum(QUADRANTS),
    /** How the statement is shown in the report. */
    label: z.string().min(1),
    /** Phrases; a statement matches a phrase when it holds every one of its words (any order, any ending). */
    patterns: z.array(z.string().min(2)).min(1)
  })).superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, s] of list.entries()) {
      if (seen.has(s.id)) ctx.addIssue({code: "custom", path: [i, "id"], message: `повторяется id «${s.id}»`});
      seen.add(s.id);
    }
  })
});
export type Codebook = z.infer<typeof CodebookSchema>;

/** Words that carry no meaning for matching. */
const STOP = new Set(["и", "в", "во", "на", "с", "со", "к", "ко", "у", "о", "об", "по", "за", "из", "от", "до", "для",
  "а", "но", "или", "что", "как", "это", "то", "же", "ли", "бы", "при", "так", "также", "очень", "есть"]);
/** Stems that turn a statement negative: a positive phrase never matches a statement holding one. */
const NEGATION_WORDS = new Set(["не", "нет", "без", "ни", "мал", "мало"]);
const NEGATION_PREFIX = /^(недостат|нехват|отсутств)/;

interface CompiledPattern {
  statementId: string;
  quadrant: Quadrant;
  stems: string[];
  negative: boolean;
  order: number;
}

export interface CompiledCodebook {
  codebook: Codebook;
  patterns: CompiledPattern[];
  questionStems: Array<{quadrant: Quadrant; stems: string[]}>;
}

function contentStems(text: string): string[] {
  return stemWords(text).filter((s) => !STOP.has(s));
}

function isNegation(stem: string): boolean {
  return NEGATION_WORDS.has(stem) || NEGATION_PREFIX.test(stem);
}

/** Prepares a validated codebook for matching. Throws when the codebook does not fit the schema. */
export function compileCodebook(input: unknown): CompiledCodebook {
  const codebook = CodebookSchema.parse(input);
  const patterns: CompiledPattern[] = [];
  codebook.statements.forEach((s, order) => {
    for (const p of s.patterns) {
      const stems = contentStems(p);
      if (stems.length) patterns.push({statementId: s.id, quadrant: s.quadrant, stems, negative: stems.some(isNegation), order});
    }
  });
  const questionStems = QUADRANTS.flatMap((quadrant) =>
    (codebook.quadrantQuestions[quadrant] ?? []).map((w) => ({quadrant, stems: contentStems(w)})));
  return {codebook, patterns, questionStems};
}

function holds(stems: string[], wanted: string[]): boolean {
  return wanted.every((w) => stems.some((s) => s.startsWith(w)));
}

/**
 * The quadrant a question names by its wording («Сильные стороны программы», «Какие риски вы
 * видите?»), or null for a question that names none. When several match, the phrase
 * with the most words wins («не понравилось» over «понравилось»), then the quadrant order
 * (strengths, weaknesses, opportunities, threats).
 * @example
 * const cb = compileCodebook({quadrantQuestions: {weaknesses: ["слабые стороны"]}, statements: []});
 * questionQuadrant("Назовите слабые стороны программы", cb) // "weaknesses"
 */
export function questionQuadrant(question: string, compiled: CompiledCodebook): Quadrant | null {
  const stems = contentStems(question);
  let best: {quadrant: Quadrant; stems: string[]} | null = null;
  for (const q of compiled.questionStems) {
    if (q.stems.length && holds(stems, q.stems) && (!best || q.stems.length > best.stems.length)) best = q;
  }
  return best?.quadrant ?? null;
}

export interface Coding {
  /** The quadrant: the matched statement's, or the one the question names; null when neither. */
  quadrant: Quadrant | null;
  /** The codebook statement matched, or null: then the statement is listed for a person to code. */
  statementId: string | null;
}

/**
 * «кодирование высказывания»: the codebook statement whose phrase fits the statement best. A phrase
 * fits when each of its word stems begins a word stem of the statement (order and endings free)
 * and, unless the phrase is itself negative, the statement holds no negation («не», «нет», «мало»,
 * «нехватка», «недостаточно», «отсутствие»). The phrase with the most words wins; ties go to the
 * codebook's order. A question that names a quadrant restricts the search to it and decides the
 * quadrant even when no phrase fits.
 * Source: issue 6, «SWOT coding»; quadrants after seed 001, appendix 3, table 2.
 * @example
 * const cb = compileCodebook({quadrantQuestions: {}, statements: [
 *   {id: "S-support", quadrant: "strengths", label: "Поддержка наставника", patterns: ["поддержка наставника"]},
 *   {id: "W-no-time", quadrant: "weaknesses", label: "Нехватка времени", patterns: ["не хватает времени", "нехватка времени"]}]});
 * codeStatement("Наставникам не хватает времени", cb) // {quadrant: "weaknesses", statementId: "W-no-time"}
 * codeStatement("нет поддержки от наставника", cb) // {quadrant: null, statementId: null}
 * codeStatement("Поддержку наставников", cb) // {quadrant: "strengths", statementId: "S-support"}
 */
export function codeStatement(statement: string, compiled: CompiledCodebook, questionQuadrantHint: Quadrant | null = null): Coding {
  const stems = contentStems(statement);
  const negative = stems.some(isNegation);
  let best: CompiledPattern | null = null;
  for (const p of compiled.patterns) {
    if (questionQuadrantHint && p.quadrant !== questionQuadrantHint) continue;
    if (negative && !p.negative) continue;
    if (!holds(stems, p.stems)) continue;
    if (!best || p.stems.length > best.stems.length || (p.stems.length === best.stems.length && p.order < best.order)) best = p;
  }
  if (best) return {quadrant: best.quadrant, statementId: best.statementId};
  return {quadrant: questionQuadrantHint, statementId: null};
}
