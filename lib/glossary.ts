// The product's shared vocabulary: the words every surface (CLI, pages, exports, the annual
// report, issue messages) uses for the same thing. src/components/glossary.ts mirrors this file for
// the dashboards (Framework cannot import lib/) and tests/dashboards/format.test.ts keeps them equal.

/** Severity of an issue in a file: «ошибка» (the value was not used), «замечание» (used, but check it), «сведения». */
export const SEVERITY_LABELS = {error: "ошибка", warning: "замечание", info: "сведения"} as const;
/** The same severities counted: «3 ошибки», «5 замечаний». */
export const SEVERITY_COUNT_FORMS = {
  error: ["ошибка", "ошибки", "ошибок"], warning: ["замечание", "замечания", "замечаний"], info: ["сведение", "сведения", "сведений"]
} as const;
/** Severity of a mentoring-rule check: a rule broken, a doubtful case, or information (the council). */
export const RULE_SEVERITY_LABELS = {error: "нарушение", warning: "замечание", info: "сведения"} as const;

/** Waves of the diagnostics and questionnaires, by grammatical case («по итоговой диагностике»). */
export const WAVE_LABELS = {
  entry: {nominative: "входная", genitive: "входной", dative: "входной", accusative: "входную", prepositional: "входной"},
  exit: {nominative: "итоговая", genitive: "итоговой", dative: "итоговой", accusative: "итоговую", prepositional: "итоговой"}
} as const;

/** Kinds of period (lib/period.ts): the words for them. */
export const PERIOD_KIND_LABELS = {quarter: "квартал", "school-year": "учебный год", "calendar-year": "календарный год"} as const;
/** Roman numerals of quarters, as forms and reports write them: «III квартал 2024». */
export const QUARTER_NUMERALS = ["I", "II", "III", "IV"] as const;

/** Who uses the product (DOMAIN.md «Who uses the product»). */
export const USER_ROLE_LABELS = {
  methodologist: "методист регионального центра", curator: "куратор наставничества", management: "руководство"
} as const;
/** Roles of questionnaire respondents. */
export const RESPONDENT_ROLES = ["наставник", "наставляемый", "куратор", "руководитель", "другое"] as const;

/** Statistical tests, as a report names them next to their p (lib/chosenTest.ts). */
export const TEST_LABELS = {
  "paired-t": "парный t-критерий", wilcoxon: "критерий Уилкоксона",
  welch: "t-критерий Уэлча", "mann-whitney": "U-критерий Манна — Уитни"
} as const;

/** Outcomes of a loaded file. */
export const FILE_STATUS_LABELS = {
  accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён", already_loaded: "уже загружен, ничего не изменено"
} as const;

export type SeverityCode = keyof typeof SEVERITY_LABELS;
export type WaveCode = keyof typeof WAVE_LABELS;
export type WaveCase = keyof (typeof WAVE_LABELS)["entry"];

/**
 * «Важность замечания» in words.
 * @example severityLabel("warning") // "замечание"
 */
export function severityLabel(severity: string): string {
  return (SEVERITY_LABELS as Record<string, string>)[severity] ?? severity;
}

/**
 * A wave of diagnostics in the grammatical case the sentence needs.
 * @example waveLabel("exit", "prepositional") // "итоговой" — «по итоговой диагностике»
 */
export function waveLabel(wave: string, grammaticalCase: WaveCase = "nominative"): string {
  return (WAVE_LABELS as Record<string, Record<WaveCase, string>>)[wave]?.[grammaticalCase] ?? wave;
}
