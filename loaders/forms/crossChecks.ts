// Step 5 of reading a quarterly report: Form 1 against Forms 2–5. A school is matched by its name
// key (lib/schoolName.ts) within its district, so «МБОУ СОШ №1» in Form 1 and «МБОУ «СОШ № 1»» in
// Form 3 are one school, stored under Form 1's spelling; a district written only in Form 1 holds for
// the other forms. Schools missing from Form 1, repeated in it or absent from Forms 2–5 are issues.
// Pure.
import type {IssueFacts} from "../issues.ts";
import {isSimilarSchoolName, municipalityKey, schoolNameKey} from "../../lib/schoolName.ts";
import type {EngagementRow, Form1Row} from "./rows.ts";

export interface CrossChecked {
  form1: Form1Row[];
  engagement: EngagementRow[];
  issues: IssueFacts[];
}

/** Keys are computed once per distinct text: a file repeats its schools and districts on every row. */
function memo(f: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let k = cache.get(s);
    if (k === undefined) {
      if (cache.size > 20_000) cache.clear(); // a long-running parser keeps it small
      cache.set(s, (k = f(s)));
    }
    return k;
  };
}
const districtKey = memo(municipalityKey);
const nameKey = memo(schoolNameKey);
const districtOf = (r: {municipality: string}) => districtKey(r.municipality);

/** Form 1 rows by name key; a repeated school is an error and its repeat is left out. */
function indexForm1(form1: Form1Row[], file: string, issues: IssueFacts[]): Map<string, Form1Row[]> {
  const byName = new Map<string, Form1Row[]>();
  for (const row of form1) {
    const key = nameKey(row.school);
    const same = byName.get(key) ?? [];
    if (same.some((o) => districtOf(o) === districtOf(row) || !districtOf(o) || !districtOf(row))) {
      issues.push({severity: "error", kind: "school/duplicate-in-form1", file, sheet: row.sheet, row: row.row, school: row.school, column: row.column});
      continue;
    }
    byName.set(key, [...same, row]);
  }
  return byName;
}

/** The Form 1 row an engagement row speaks of: same name key, same district (or one side without one). */
function form1Of(row: EngagementRow, byName: Map<string, Form1Row[]>): Form1Row | null {
  const candidates = byName.get(nameKey(row.school)) ?? [];
  const district = districtOf(row);
  const matches = candidates.filter((c) => !district || !districtOf(c) || districtOf(c) === district);
  return matches.length === 1 ? matches[0]! : null;
}

export function crossCheck(form1: Form1Row[], engagement: EngagementRow[], file: string, period: string): CrossChecked {
  const issues: IssueFacts[] = [];
  const byName = indexForm1(form1, file, issues);
  const indexed = new Set([...byName.values()].flat());
  const kept = form1.filter((r) => indexed.has(r));
  const unified = new Set<string>(), missing = new Set<string>(), engaged = new Set<Form1Row>();
  for (const row of engagement) {
    const f1 = form1Of(row, byName);
    if (f1) {
      engaged.add(f1);
      if (row.school !== f1.school && !unified.has(row.school)) {
        unified.add(row.school);
        issues.push({severity: "info", kind: "school/spelling-unified", file, sheet: row.sheet, row: row.row, column: row.column, school: f1.school,
          value: row.school, details: {form: row.form}});
      }
      row.school = f1.school;
      if (!row.municipality) row.municipality = f1.municipality;
      continue;
    }
    const key = `${districtOf(row)}|${nameKey(row.school)}`;
    if (missing.has(key)) continue;
    missing.add(key);
    const similar = kept.find((r) => isSimilarSchoolName(nameKey(r.school), nameKey(row.school)));
    issues.push({severity: "warning", kind: "school/missing-from-form1", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school,
      details: {form: row.form, similar: similar?.school ?? null}});
  }
  for (const row of kept) {
    if (!engaged.has(row)) {
      issues.push({severity: "info", kind: "school/no-engagement", file, sheet: row.sheet, row: row.row, column: row.column, school: row.school,
        details: {period}});
    }
  }
  return {form1: kept, engagement, issues};
}
