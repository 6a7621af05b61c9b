// The quarterly engagement report (issue «Quarterly reports» §2, §6): per school, municipality and
// region, against the target. Sums per school and form in SQL; the rules in lib/.
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import type {Issue} from "../loaders/issues.ts";
import {toIssue} from "../loaders/messages/index.ts";
import {engagedCounts} from "../lib/engagedCounts.ts";
import {engagementSummary, figures, isIncluded, type EngagementFigures, type GroupSummary, type SchoolFigures} from "../lib/engagementSummary.ts";
import type {Settings} from "../settings/index.ts";

export interface DataError {
  kind: string;
  severity: Issue["severity"];
  message: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
}

export interface SchoolReport extends EngagementFigures {
  municipality: string;
  name: string;
  status: "reported" | "not_reported";
  /** In the municipality's and region's sums (a Form 1 row and an engagement row). */
  includedInTotals: boolean;
  dataErrors: DataError[];
}

export interface MunicipalityReport extends GroupSummary {
  name: string;
}

export interface StoredIssue extends Issue {
  uploadId: number;
  schoolId: number | null;
}

export interface EngagementReport {
  period: string | null;
  /** The target, percent of the population, for students and for teachers. */
  targetPct: number;
  targets: {students: number; teachers: number};
  region: GroupSummary;
  municipalities: MunicipalityReport[];
  schools: SchoolReport[];
  issues: StoredIssue[];
}

/** Periods that have data, oldest first. */
export async function engagementPeriods(store: Store): Promise<string[]> {
  return store.read(async (c) => (await all<{period: string}>(c,
    "SELECT DISTINCT period FROM current_school_periods ORDER BY period")).map((r) => r.period));
}

export async function storedIssues(store: Store, where: string, params: Record<string, string | number | null>): Promise<StoredIssue[]> {
  const rows = await store.read((c) => all<Record<string, unknown>>(c,
    `SELECT i.* FROM issues i JOIN uploads u USING (upload_id) WHERE ${where} ORDER BY i.upload_id, i.seq`, params));
  return rows.map((r) => ({
    uploadId: r.upload_id as number, schoolId: r.school_id as number | null, severity: r.severity as Issue["severity"], kind: r.kind as string, file: r.file as string,
    sheet: r.sheet as string | null, row: r.row_no as number | null, column: r.col_no as number | null,
    cell: r.cell as string | null, school: r.school as string | null, value: r.value as string | null,
    expected: r.expected as string | null, message: r.message as string
  }));
}

const byName = (a: {name: string}, b: {name: string}) => a.name.localeCompare(b.name, "ru");

export async function engagementReport(store: Store, settings: Settings, options: {period?: string} = {}): Promise<EngagementReport> {
  const targets = settings.targets.engagementTargetPct;
  const periods = await engagementPeriods(store);
  const period = options.period ?? periods.at(-1) ?? null;
  const empty: GroupSummary = engagementSummary([], targets);
  if (!period) return {period: null, targetPct: targets.students, targets, region: empty, municipalities: [], schools: [], issues: []};

  const rows = await store.read((c) => all<{
    school_id: number; municipality: string; name: string; upload_id: number | null; in_form1: boolean;
    students: number | null; teachers: number | null; forms: Array<{form: number; mentors: number; mentees: number}> | null;
  }>(c, `
    -- Schools expected in the period: those a current upload speaks about, plus schools known from
    -- an earlier period that sent nothing for this one (not reported).
    WITH cur AS (SELECT school_id, upload_id FROM current_school_periods WHERE period = $p),
    expected AS (
      SELECT school_id, upload_id FROM cur
      UNION ALL
      SELECT DISTINCT school_id, NULL FROM current_school_periods
      WHERE period < $p AND school_id NOT IN (SELECT school_id FROM cur)
    ),
    pop AS (SELECT school_id, students, teachers FROM current_populations WHERE period = $p),
    per_form AS (
      SELECT school_id, form, sum(coalesce(mentors, 0))::INTEGER AS mentors, sum(coalesce(mentees, 0))::INTEGER AS mentees
      FROM current_engagement WHERE period = $p GROUP BY ALL
    ),
    forms AS (SELECT school_id, list({'form': form, 'mentors': mentors, 'mentees': mentees} ORDER BY form) AS forms FROM per_form GROUP BY ALL)
    SELECT e.school_id, s.municipality, s.name, e.upload_id, (pop.school_id IS NOT NULL) AS in_form1,
           pop.students, pop.teachers, forms.forms
    FROM expected e JOIN schools s USING (school_id)
    LEFT JOIN pop USING (school_id) LEFT JOIN forms USING (school_id)`, {p: period}));

  const issues = await storedIssues(store,
    "u.undone_at IS NULL AND i.upload_id IN (SELECT upload_id FROM current_school_periods WHERE period = $p)", {p: period});
  // A school's data errors: the issues its current upload recorded about it, plus computed ones.
  const ownUpload = new Map(rows.map((r) => [r.school_id, r.upload_id]));
  const errorsOf = (schoolId: number): DataError[] => issues
    .filter((i) => i.schoolId === schoolId && i.uploadId === ownUpload.get(schoolId) && i.severity !== "info")
    .map((i) => ({kind: i.kind, severity: i.severity, message: i.message, file: i.file, sheet: i.sheet, cell: i.cell}));

  const schoolFigures: Array<SchoolFigures & {id: number}> = rows.map((r) => {
    const counts = engagedCounts(r.forms ?? []);
    return {id: r.school_id, name: r.name, municipality: r.municipality, inForm1: r.in_form1, hasEngagement: r.forms !== null,
      studentsEngaged: counts.students, studentsPopulation: r.students, teachersEngaged: counts.teachers, teachersPopulation: r.teachers};
  });

  const schools: SchoolReport[] = schoolFigures.map((s) => {
    const reported = s.hasEngagement;
    const f = figures(reported ? s.studentsEngaged : null, s.studentsPopulation, reported ? s.teachersEngaged : null,
      s.teachersPopulation, targets);
    const dataErrors = errorsOf(s.id);
    for (const who of ["students", "teachers"] as const) {
      const engaged = f[`${who}Engaged`], population = f[`${who}Population`];
      if (engaged !== null && population !== null && engaged > population) {
        const issue = toIssue({severity: "error", kind: "engagement/over-population", file: "", school: s.name,
          details: {who, engaged, population}});
        dataErrors.push({kind: issue.kind, severity: issue.severity, message: issue.message, file: null, sheet: null, cell: null});
      }
    }
    const status: SchoolReport["status"] = reported ? "reported" : "not_reported";
    return {municipality: s.municipality, name: s.name, status,
      includedInTotals: isIncluded(s), ...f, dataErrors};
  }).sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || byName(a, b));

  const municipalities = [...new Set(schoolFigures.map((s) => s.municipality))].sort((a, b) => a.localeCompare(b, "ru"))
    .map((name) => ({name, ...engagementSummary(schoolFigures.filter((s) => s.municipality === name).sort(byName), targets)}));

  return {period, targetPct: targets.students, targets, region: engagementSummary([...schoolFigures].sort(byName), targets),
    municipalities, schools, issues};
}
