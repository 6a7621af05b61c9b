// Step 4 of reading a quarterly report: the quarter it is for — from title lines outside the
// tables, else from the period chosen at upload (--period). Two quarters in one file are never
// guessed between. Pure.
import type {IssueFacts} from "../issues.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {periodOfText} from "./signatures.ts";
import {nonEmptyColumns} from "./tables.ts";

interface Mention {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

export type PeriodResult =
  | {ok: true; period: string; issues: IssueFacts[]}
  | {ok: false; issues: IssueFacts[]};

/** Every quarter named outside the tables, with the first place that names it. */
function periodsNamed(workbook: Workbook, tableRows: Map<Sheet, Set<number>>): Map<string, Mention> {
  const found = new Map<string, Mention>();
  for (const sheet of workbook.sheets) {
    const inTable = tableRows.get(sheet);
    for (let r = 1; r <= sheet.rowCount; r++) {
      if (inTable?.has(r)) continue;
      for (const c of nonEmptyColumns(sheet, r)) {
        const p = periodOfText(sheet.text(r, c));
        if (p && !found.has(p)) found.set(p, {sheet: sheet.name, row: r, column: c, text: sheet.text(r, c)});
      }
    }
  }
  return found;
}

export function periodOf(workbook: Workbook, tableRows: Map<Sheet, Set<number>>, file: string, option: string | undefined): PeriodResult {
  const found = periodsNamed(workbook, tableRows);
  if (found.size === 1) {
    const [period, at] = [...found][0]!;
    const issues: IssueFacts[] = option && option !== period
      ? [{severity: "warning", kind: "file/period-option-ignored", file, sheet: at.sheet, row: at.row, column: at.column, value: at.text,
        details: {option, period}}]
      : [];
    return {ok: true, period, issues};
  }
  if (found.size > 1) {
    if (option && found.has(option)) return {ok: true, period: option, issues: []};
    const [a, b] = [...found.values()];
    return {ok: false, issues: [{severity: "error", kind: "file/period-conflict", file, sheet: b!.sheet, row: b!.row, column: b!.column,
      value: b!.text, details: {periods: [...found.keys()], first: a!.text}}]};
  }
  if (option) return {ok: true, period: option, issues: []};
  return {ok: false, issues: [{severity: "error", kind: "file/no-period", file}]};
}
