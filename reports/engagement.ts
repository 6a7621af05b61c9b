// The quarterly engagement report (DOMAIN.md «Engagement against targets»; issue 11 §2): per
// school, municipality and region, against the target, each figure with its coverage. Schools are
// the directory's (every spelling resolved at query time); the expected ones and their state come
// from completeness.ts; sums per school and form in SQL; the rules in lib/.
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import type {Issue} from "../loaders/issues.ts";
import {toIssue} from "../loaders/messages/index.ts";
import {engagedCounts} from "../lib/engagedCounts.ts";
import {engagementSummary, figures, isIncluded, type EngagementFigures, type GroupSummary, type SchoolFigures} from "../lib/engagementSummary.ts";
import {coverage, targetVerdict, STATE_LABELS, type Coverage, type SchoolState} from "../lib/coverage.ts";
import {collectionStates, type RejectedFile} from "./completeness.ts";
import type {Settings} from "../settings/index.ts";
import type {ReportScope} from "./scope.ts";
import {directoryInScope, scopeParams, spellingInScope} from "./scopeSql.ts";

export interface DataError {
  kind: string;
  severity: Issue["severity"];
  message: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
}

export interface SchoolReport extends EngagementFigures {
  /** The directory's id of the school (stable across spellings and files). */
  id: number;
  municipalityId: number;
  municipality: string;
  name: string;
  status: "reported" | "not_reported";
  /** In the municipality's and region's sums (read in full, with a Form 1 row and an engagement row). */
  includedInTotals: boolean;
  /** The state of its report for the period, and why it is not in the sums (Russian). */
  state: SchoolState;
  stateLabel: string;
  reasons: string[];
  /** Expected to report in the period (directory, earlier Form 1, or it sent something). */
  expected: boolean;
  /** The upload its figures come from; null when none. */
  uploadId: number | null;
  coverage: Coverage;
  verdict: {students: string; teachers: string};
  dataErrors: DataError[];
}

export interface MunicipalityReport extends GroupSummary {
  id: number;
  name: string;
}

export interface StoredIssue extends Issue {
  uploadId: number;
  schoolId: number | null;
}

/** An expected school left out of the sums, with its state and why: listed under every aggregate. */
export interface NotCounted {
  id: number;
  municipality: string;
  name: string;
  state: SchoolState;
  stateLabel: string;
  reasons: string[];
}

export interface EngagementReport {
  period: string | null;
  /** Whose figures these are: the region, one municipality or one school (directory ids). */
  scope: ReportScope;
  /** The target, percent of the population, for students and for teachers. */
  targetPct: number;
  targets: {students: number; teachers: number};
  /** The scope's totals: Σ over its schools (the region's, a municipality's or the one school's), with the coverage of its expected schools. */
  total: GroupSummary;
  /**
   * @deprecated The same object as `total` (kept while the dashboards read `region`): at a
   * municipality's or a school's scope it holds that scope's totals, not the region's.
   */
  region: GroupSummary;
  municipalities: MunicipalityReport[];
  schools: SchoolReport[];
  /** Expected schools not in the sums (missing, refused, read in part), by municipality and name. */
  notCounted: NotCounted[];
  /** Refused files of the period whose school is unknown, still counting against completeness. */
  rejectedFiles: RejectedFile[];
  issues: StoredIssue[];
}

/** Periods that have data, oldest first. */
export async function engagementPeriods(store: Store): Promise<string[]> {
  // A quarter whose every file was refused still has a period (its schools are then «файл не принят»).
  return store.read(async (c) => (await all<{period: string}>(c, `
    SELECT period FROM current_school_periods
    UNION SELECT c.period FROM upload_claims c JOIN uploads u USING (upload_id)
      WHERE c.period IS NOT NULL AND u.undone_at IS NULL AND c.upload_id NOT IN (SELECT upload_id FROM rejection_dismissals)
    ORDER BY period`)).map((r) => r.period));
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
const byPlace = (a: {municipality: string; name: string}, b: {municipality: string; name: string}) =>
  a.municipality.localeCompare(b.municipality, "ru") || byName(a, b);

interface FigureRow {
  id: number;
  students: number | null;
  teachers: number | null;
  in_form1: boolean;
  forms: Array<{form: number; mentors: number; mentees: number}> | null;
}

/** Form 1 population and engagement per form of each directory school, from its current upload of the period. */
async function periodFigures(store: Store, period: string, scope: ReportScope): Promise<Map<number, FigureRow>> {
  const rows = await store.read((c) => all<FigureRow>(c, `
    WITH cur AS (SELECT directory_school_id AS id, upload_id FROM current_directory_periods
      WHERE period = $p AND ${directoryInScope("directory_school_id")}),
    sd AS (SELECT school_id, directory_school_id AS id FROM school_directory WHERE directory_school_id IS NOT NULL),
    pop AS (
      SELECT cur.id, max(p.students) AS students, max(p.teachers) AS teachers
      FROM cur JOIN populations p ON p.upload_id = cur.upload_id AND p.period = $p JOIN sd ON sd.school_id = p.school_id AND sd.id = cur.id
      GROUP BY cur.id),
    per_form AS (
      SELECT cur.id, e.form, sum(coalesce(e.mentors, 0))::INTEGER AS mentors, sum(coalesce(e.mentees, 0))::INTEGER AS mentees
      FROM cur JOIN engagement e ON e.upload_id = cur.upload_id AND e.period = $p JOIN sd ON sd.school_id = e.school_id AND sd.id = cur.id
      GROUP BY ALL),
    forms AS (SELECT id, list({'form': form, 'mentors': mentors, 'mentees': mentees} ORDER BY form) AS forms FROM per_form GROUP BY id)
    SELECT cur.id, pop.students, pop.teachers, (pop.id IS NOT NULL) AS in_form1, forms.forms
    FROM cur LEFT JOIN pop USING (id) LEFT JOIN forms USING (id)`, {p: period, ...scopeParams(scope)}));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The issues each school's current upload recorded about it (any of its spellings). With a scope:
 * the uploads of its schools, an issue about a school only when that school is in the scope, and an
 * issue about no school only when the upload speaks of no school outside the scope.
 */
async function schoolIssues(store: Store, period: string, scope: ReportScope): Promise<{issues: StoredIssue[]; ofSchool: Map<number, StoredIssue[]>}> {
  const issues = await storedIssues(store,
    `u.undone_at IS NULL AND i.upload_id IN (SELECT upload_id FROM current_directory_periods WHERE period = $p AND ${directoryInScope("directory_school_id")})
     AND ($scope_level = 'region' OR (i.school_id IS NOT NULL AND ${spellingInScope("i.school_id")})
       OR (i.school_id IS NULL AND NOT EXISTS (SELECT 1 FROM school_periods sp WHERE sp.upload_id = i.upload_id AND NOT ${spellingInScope("sp.school_id")})))`,
    {p: period, ...scopeParams(scope)});
  const links = await store.read((c) => all<{school_id: number; id: number; upload_id: number}>(c, `
    SELECT sd.school_id, sd.directory_school_id AS id, cdp.upload_id
    FROM school_directory sd JOIN current_directory_periods cdp USING (directory_school_id) WHERE cdp.period = $p`, {p: period}));
  const own = new Map(links.map((l) => [`${l.school_id}|${l.upload_id}`, l.id]));
  const ofSchool = new Map<number, StoredIssue[]>();
  for (const i of issues) {
    const id = i.schoolId === null ? undefined : own.get(`${i.schoolId}|${i.uploadId}`);
    if (id !== undefined) ofSchool.set(id, [...(ofSchool.get(id) ?? []), i]);
  }
  return {issues, ofSchool};
}

function dataError(i: Pick<Issue, "kind" | "severity" | "message" | "file" | "sheet" | "cell">): DataError {
  return {kind: i.kind, severity: i.severity, message: i.message, file: i.file || null, sheet: i.sheet, cell: i.cell};
}

/** More engaged than the school has people: a data error computed here (no target decision). */
function overPopulation(name: string, f: EngagementFigures): DataError[] {
  const out: DataError[] = [];
  for (const who of ["students", "teachers"] as const) {
    const engaged = f[`${who}Engaged`], population = f[`${who}Population`];
    if (engaged !== null && population !== null && engaged > population) {
      out.push(dataError(toIssue({severity: "error", kind: "engagement/over-population", file: "", school: name, details: {who, engaged, population}})));
    }
  }
  return out;
}

export interface EngagementOptions {
  /** A quarter id («2024-Q3»); default the latest with data. */
  period?: string;
  /** Whose figures: default the region. A municipality's report has its schools and its coverage; a school's, that school. */
  scope?: ReportScope;
}

export async function engagementReport(store: Store, settings: Settings, options: EngagementOptions = {}): Promise<EngagementReport> {
  const targets = settings.targets.engagementTargetPct;
  const scope: ReportScope = options.scope ?? {level: "region"};
  const periods = await engagementPeriods(store);
  const period = options.period ?? periods.at(-1) ?? null;
  const empty: GroupSummary = engagementSummary([], targets);
  if (!period) {
    return {period: null, scope, targetPct: targets.students, targets, total: empty, region: empty, municipalities: [], schools: [], notCounted: [],
      rejectedFiles: [], issues: []};
  }
  const [states, data, {issues, ofSchool}] = await Promise.all([collectionStates(store, period, scope), periodFigures(store, period, scope),
    schoolIssues(store, period, scope)]);

  const rows = states.schools.map((st) => {
    const d = data.get(st.id);
    const counts = engagedCounts(d?.forms ?? []);
    const fig: SchoolFigures & {id: number} = {id: st.id, name: st.name, municipality: st.municipality, inForm1: d?.in_form1 ?? false,
      hasEngagement: !!d?.forms, studentsEngaged: counts.students, studentsPopulation: d?.students ?? null, teachersEngaged: counts.teachers,
      teachersPopulation: d?.teachers ?? null, incomplete: st.state === "partial" || st.state === "rejected" || st.state === "missing",
      expected: st.expected, knownPopulation: st.knownPopulation};
    return {st, fig};
  });

  const schools: SchoolReport[] = rows.map(({st, fig}) => {
    const reported = fig.hasEngagement;
    const f = figures(reported ? fig.studentsEngaged : null, fig.studentsPopulation, reported ? fig.teachersEngaged : null,
      fig.teachersPopulation, targets);
    const dataErrors = [...(ofSchool.get(st.id) ?? []).filter((i) => i.severity !== "info").map(dataError), ...overPopulation(fig.name, f)];
    const counted = isIncluded(fig);
    const c = coverage(st.expected ? [{counted, students: st.knownPopulation.students, teachers: st.knownPopulation.teachers}] : []);
    return {id: st.id, municipalityId: st.municipalityId, municipality: st.municipality, name: st.name,
      status: reported ? "reported" as const : "not_reported" as const, includedInTotals: counted, state: st.state, stateLabel: STATE_LABELS[st.state],
      reasons: st.reasons, expected: st.expected, uploadId: st.uploadId, ...f, coverage: c,
      verdict: {students: targetVerdict(f.meetsTarget.students, c), teachers: targetVerdict(f.meetsTarget.teachers, c)}, dataErrors};
  }).sort(byPlace);

  const municipalities = [...new Map(states.schools.map((s) => [s.municipalityId, s.municipality]))]
    .sort((a, b) => a[1].localeCompare(b[1], "ru"))
    .map(([id, name]) => ({id, name, ...engagementSummary(rows.filter((r) => r.st.municipalityId === id).map((r) => r.fig).sort(byName), targets)}));

  const notCounted: NotCounted[] = schools.filter((s) => s.expected && !s.includedInTotals)
    .map((s) => ({id: s.id, municipality: s.municipality, name: s.name, state: s.state, stateLabel: s.stateLabel,
      reasons: s.reasons}));

  const total = engagementSummary(rows.map((r) => r.fig).sort(byName), targets, states.rejectedFiles.length);
  return {period, scope, targetPct: targets.students, targets, total, region: total,
    municipalities, schools, notCounted, rejectedFiles: states.rejectedFiles, issues};
}

/** The quarter that stands for a year: its last complete quarter, else its last quarter (said so). */
export interface RepresentativeQuarter {
  period: string;
  /** True when the year has no complete quarter and its last one stands for it. */
  incomplete: boolean;
  report: EngagementReport;
}

/**
 * Of a year's quarters (in order), the one whose figures stand for the year: the last one whose
 * scope's total is complete — or, when none is, the last one, marked incomplete. The annual report
 * (and through it the effectiveness dashboard) takes this; null when there are no quarters.
 */
export async function representativeQuarter(store: Store, settings: Settings, quarters: string[],
  reportOf: (period: string) => Promise<EngagementReport> = (period) => engagementReport(store, settings, {period})): Promise<RepresentativeQuarter | null> {
  let chosen: RepresentativeQuarter | null = null;
  for (const period of [...quarters].reverse()) {
    const report = await reportOf(period);
    if (report.total.coverage.complete) return {period, incomplete: false, report};
    chosen ??= {period, incomplete: true, report};
  }
  return chosen;
}
