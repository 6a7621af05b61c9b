// «Правила наставничества»: the limits of the model regulation (seed 001, step 5), their
// importance and texts (lib/mentoringRules.ts). File data/config/mentoring-rules.json.
import {MentoringRulesSchema, type MentoringRules} from "../lib/mentoringRules.ts";
import {RULE_SEVERITY_LABELS, SEVERITY_LABELS} from "../lib/glossary.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {defineSetting, numberCell, textCell, type Applied, type Place, type TableProblem, type TableValue} from "./definition.ts";

type RuleKey = keyof MentoringRules;
/** Each rule's row: which of its numbers go to «Наименьшее» and «Наибольшее», and in what unit. */
const ROWS: Array<{code: RuleKey; min?: string; max?: string; unit: string}> = [
  {code: "maxMentees", max: "limit", unit: "наставляемых одновременно"},
  {code: "duration", min: "minMonths", max: "maxMonths", unit: "месяцев"},
  {code: "appointment", max: "days", unit: "календарных дней"},
  {code: "council", min: "minMentors", unit: "наставников"}
];

/** «нарушение», «ошибка», «error» → error; … */
function severityCode(v: TableValue): string | null {
  const t = textCell(v);
  if (t === null) return null;
  const k = normalizeKey(t);
  for (const code of ["error", "warning", "info"] as const) {
    if (k === code || k === normalizeKey(RULE_SEVERITY_LABELS[code]) || k === normalizeKey(SEVERITY_LABELS[code])) return code;
  }
  return `?${t}`;
}

export const mentoringRulesSetting = defineSetting({
  key: "mentoringRules",
  file: "mentoring-rules.json",
  label: "Правила наставничества",
  schema: MentoringRulesSchema,
  tables: [{
    sheet: "Правила наставничества",
    title: "Правила типового положения о наставничестве (семя 001, шаг 5): пределы, важность и тексты",
    help: "Меняйте «Наименьшее», «Наибольшее», «Важность» (нарушение, замечание, сведения) и тексты. Коды строк не меняйте.",
    columns: [
      {key: "code", header: "Код", width: 14},
      {key: "title", header: "Правило", width: 44},
      {key: "min", header: "Наименьшее", width: 12, numeric: true},
      {key: "max", header: "Наибольшее", width: 12, numeric: true},
      {key: "unit", header: "Единица", width: 22, readOnly: true},
      {key: "severity", header: "Важность", width: 12},
      {key: "text", header: "Текст положения", width: 70},
      {key: "source", header: "Источник", width: 40}
    ],
    toRows: (v) => ROWS.map((r) => {
      const rule = v[r.code] as unknown as Record<string, string | number>;
      return {code: r.code, title: String(rule.title), min: r.min ? Number(rule[r.min]) : null, max: r.max ? Number(rule[r.max]) : null,
        unit: r.unit, severity: RULE_SEVERITY_LABELS[rule.severity as keyof typeof RULE_SEVERITY_LABELS], text: String(rule.text),
        source: String(rule.source)};
    }),
    apply(current, rows, sheet): Applied {
      const value = structuredClone(current) as unknown as Record<string, Record<string, unknown>>;
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      for (const r of rows) {
        const code = textCell(r.cells.code);
        const spec = ROWS.find((x) => x.code === code);
        if (!spec) {
          problems.push({place: {sheet, row: r.row, column: "code"}, kind: "settings/unknown-code", value: r.cells.code ?? null,
            expected: ROWS.map((x) => x.code).join(", ")});
          continue;
        }
        const rule = value[spec.code]!;
        places.set(spec.code, {sheet, row: r.row, column: null});
        for (const [field, column] of [[spec.min, "min"], [spec.max, "max"]] as const) {
          if (!field) continue;
          rule[field] = numberCell(r.cells[column] ?? null) ?? undefined;
          places.set(`${spec.code}.${field}`, {sheet, row: r.row, column});
        }
        for (const field of ["title", "text", "source"] as const) {
          rule[field] = textCell(r.cells[field] ?? null) ?? "";
          places.set(`${spec.code}.${field}`, {sheet, row: r.row, column: field});
        }
        const sev = severityCode(r.cells.severity ?? null);
        places.set(`${spec.code}.severity`, {sheet, row: r.row, column: "severity"});
        if (sev?.startsWith("?")) {
          problems.push({place: {sheet, row: r.row, column: "severity"}, kind: "settings/unknown-word", value: r.cells.severity ?? null,
            expected: "нарушение, замечание или сведения"});
        } else rule.severity = sev ?? undefined;
      }
      return {value, places, problems};
    }
  }]
});
