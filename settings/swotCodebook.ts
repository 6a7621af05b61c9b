// «Кодификатор SWOT»: which questionnaire statements go to which quadrant (lib/swotCoding.ts).
// File data/config/swot-codebook.json.
import {CodebookSchema, QUADRANT_LABELS, QUADRANTS, type Codebook, type Quadrant} from "../lib/swotCoding.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import {defineSetting, joinList, listCell, textCell, type Applied, type Place, type TableProblem, type TableValue} from "./definition.ts";

function quadrantOf(v: TableValue): Quadrant | "?" | null {
  const t = textCell(v);
  if (t === null) return null;
  const k = normalizeKey(t);
  return QUADRANTS.find((q) => k === q || k === normalizeKey(QUADRANT_LABELS[q])) ?? "?";
}
const QUADRANT_WORDS = QUADRANTS.map((q) => QUADRANT_LABELS[q]).join(", ");

export const swotCodebookSetting = defineSetting({
  key: "swotCodebook",
  file: "swot-codebook.json",
  label: "Кодификатор SWOT",
  schema: CodebookSchema,
  tables: [{
    sheet: "Кодификатор SWOT",
    title: "Кодификатор SWOT: высказывания анкет и квадранты",
    help: "Высказывание подходит, если в ответе есть все слова одной из фраз (в любом порядке и форме). Фразы — через «;». " +
      "Положительная фраза не подходит к ответу с «не», «нет», «мало», «нехватка»: для них нужны отрицательные фразы.",
    columns: [
      {key: "id", header: "Код", width: 24},
      {key: "quadrant", header: "Квадрант", width: 18},
      {key: "label", header: "Высказывание", width: 50},
      {key: "patterns", header: "Фразы (через ;)", width: 80}
    ],
    toRows: (v) => v.statements.map((s) => ({id: s.id, quadrant: QUADRANT_LABELS[s.quadrant], label: s.label, patterns: joinList(s.patterns)})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      const statements = rows.map((r, i) => {
        places.set(`statements.${i}`, {sheet, row: r.row, column: null});
        for (const k of ["id", "quadrant", "label", "patterns"]) places.set(`statements.${i}.${k}`, {sheet, row: r.row, column: k});
        const q = quadrantOf(r.cells.quadrant ?? null);
        if (q === "?") problems.push({place: {sheet, row: r.row, column: "quadrant"}, kind: "settings/unknown-word", value: r.cells.quadrant ?? null, expected: QUADRANT_WORDS});
        return {id: textCell(r.cells.id) ?? "", quadrant: q === "?" || q === null ? undefined : q, label: textCell(r.cells.label) ?? "",
          patterns: listCell(r.cells.patterns ?? null)};
      });
      places.set("statements", {sheet, row: rows[0]?.row ?? 3, column: null});
      return {value: {...(current as Codebook), statements}, places, problems};
    }
  }, {
    sheet: "Вопросы SWOT",
    title: "Слова в вопросе анкеты, по которым все ответы на него относятся к одному квадранту",
    help: "Одна строка — квадрант; слова — через «;».",
    columns: [
      {key: "quadrant", header: "Квадрант", width: 18},
      {key: "words", header: "Слова в вопросе (через ;)", width: 80}
    ],
    toRows: (v) => QUADRANTS.filter((q) => v.quadrantQuestions[q]).map((q) => ({quadrant: QUADRANT_LABELS[q], words: joinList(v.quadrantQuestions[q])})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>(), problems: TableProblem[] = [];
      const quadrantQuestions: Partial<Record<Quadrant, string[]>> = {};
      for (const r of rows) {
        const q = quadrantOf(r.cells.quadrant ?? null);
        if (q === null || q === "?") {
          problems.push({place: {sheet, row: r.row, column: "quadrant"}, kind: "settings/unknown-word", value: r.cells.quadrant ?? null, expected: QUADRANT_WORDS});
          continue;
        }
        quadrantQuestions[q] = listCell(r.cells.words ?? null);
        places.set(`quadrantQuestions.${q}`, {sheet, row: r.row, column: "words"});
      }
      return {value: {...(current as Codebook), quadrantQuestions}, places, problems};
    }
  }]
});
