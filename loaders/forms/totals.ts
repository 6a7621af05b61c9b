// The «Итого» rows of a form's table: only checked, never summed — the figures come from the rows.
// A subtotal («Итого по району») is checked against its block, the grand total against all rows.
import type {IssueFacts} from "../issues.ts";
import type {Sheet} from "../xlsx/workbook.ts";
import {parseCount} from "../cells/parseCount.ts";
import type {Field, FormNumber} from "./signatures.ts";
import type {Columns} from "./tables.ts";

/** Running sums of a table's counts: of all its rows, and of the block since the last subtotal. */
export class Sums {
  readonly all: Map<Field, number>;
  block: Map<Field, number>;

  constructor(readonly fields: readonly Field[]) {
    this.all = new Map(fields.map((f) => [f, 0]));
    this.block = new Map(fields.map((f) => [f, 0]));
  }

  add(field: Field, value: number): void {
    this.all.set(field, this.all.get(field)! + value);
    this.block.set(field, this.block.get(field)! + value);
  }

  /** A subtotal closes its block. */
  closeBlock(): void {
    this.block = new Map(this.fields.map((f) => [f, 0]));
  }
}

/** Checks one «Итого» row against the sums: a mismatch, an unreadable or an uncalculated total is an issue. */
export function checkTotalRow(sheet: Sheet, row: number, columns: Columns, form: FormNumber, sums: Sums, file: string): IssueFacts[] {
  const issues: IssueFacts[] = [];
  for (const f of sums.fields) {
    const c = columns[f];
    if (c === undefined) continue;
    const cell = sheet.cell(row, c);
    const stated = parseCount(cell);
    const place = {file, sheet: sheet.name, row, column: c, value: cell?.value ?? cell?.formula ?? null};
    if (stated.ok) {
      if (stated.value !== sums.block.get(f) && stated.value !== sums.all.get(f)) {
        issues.push({...place, severity: "error", kind: "table/total-mismatch",
          details: {form, field: f, stated: stated.value, computed: sums.block.get(f)}});
      }
    } else if (stated.reason === "formula-no-result") {
      issues.push({...place, severity: "info", kind: "table/total-not-calculated", details: {form}});
    } else if (stated.reason !== "empty") {
      issues.push({...place, severity: "warning", kind: "table/total-unreadable", details: {form}});
    }
  }
  sums.closeBlock();
  return issues;
}
