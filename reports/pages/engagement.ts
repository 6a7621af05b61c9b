// The methodologist's engagement page (src/engagement.md) for a view: engagementReport for every
// period (the same function as `mentoring report engagement --json`), its split by form and
// programme, small groups hidden, and the uploads with their issues. Cut to the view's scope; an
// aggregate reader (management, the public build) gets no file name, no issue message, no
// programme's free-text result: counts only.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {engagementPeriods, engagementReport, type EngagementReport, type SchoolReport, type MunicipalityReport} from "../engagement.ts";
import {issuesReport, type UploadIssues} from "../issues.ts";
import {engagementByForm, type EngagementByForm} from "../engagementByForm.ts";
import {suppressedFigures, type SuppressedFigures} from "../../lib/suppressedFigures.ts";
import type {GroupSummary} from "../../lib/engagementSummary.ts";
import type {ReportScope, View} from "../scope.ts";
import {keepInScope, scopeMembers, uploadsInScope, type ScopeMembers} from "./scope.ts";

export type DashboardSchool = Omit<SchoolReport, keyof SuppressedFigures> & SuppressedFigures;
export type DashboardMunicipality = Omit<MunicipalityReport, keyof SuppressedFigures> & SuppressedFigures;
export interface DashboardPeriod extends Omit<EngagementReport, "schools" | "municipalities" | "issues"> {
  period: string;
  municipalities: DashboardMunicipality[];
  schools: DashboardSchool[];
  /** Engagement by form and the programmes with their results (reports/engagementByForm.ts), small groups hidden. */
  byForm: EngagementByForm;
}
export interface EngagementData {
  /** What `region` stands for in each period: the region, or the view's municipality or school. */
  scope: {level: ReportScope["level"]; name: string | null};
  periods: DashboardPeriod[];
  /** Uploads of the scope, worst first; for an aggregate reader without file names and issue texts (`issuesHidden`). */
  files: Array<UploadIssues & {issuesHidden: boolean}>;
}

const worst = (f: UploadIssues) => f.errors * 1e6 + f.warnings;
/** An aggregate reader is shown no file name (a file's name can hold a person's name): «файл «x.xls» (загрузка № 5 от …)» becomes «файл». */
const noFileNames = (reason: string) => reason.replace(/файл «[^»]*» \(загрузка № \d+ от [\d.]+\)/g, "файл");

/** The figures of the scope itself in a region's report: the region, the municipality's row, or the school's as a group. */
export function scopeGroup(r: EngagementReport, scope: ReportScope): GroupSummary | null {
  if (scope.level === "region") return r.region;
  if (scope.level === "municipality") return r.municipalities.find((m) => m.id === scope.id) ?? null;
  const s = r.schools.find((x) => x.id === scope.id);
  if (!s) return null;
  return {studentsEngaged: s.studentsEngaged, studentsPopulation: s.studentsPopulation, studentsPct: s.studentsPct,
    teachersEngaged: s.teachersEngaged, teachersPopulation: s.teachersPopulation, teachersPct: s.teachersPct, meetsTarget: s.meetsTarget,
    schoolsIncluded: s.includedInTotals ? [s.name] : [], schoolsNotReported: s.status === "not_reported" ? [s.name] : [],
    coverage: s.coverage, meetsTargetCounted: s.meetsTarget, verdict: s.verdict};
}

/** The report cut to the scope: the scope's own figures in place of the region's, its municipalities and schools only. */
function cutToScope(full: EngagementReport, m: ScopeMembers | null): EngagementReport {
  if (!m) return full;
  const group = scopeGroup(full, m.scope);
  const empty = {...full.region, studentsEngaged: null, studentsPopulation: null, studentsPct: null, teachersEngaged: null, teachersPopulation: null,
    teachersPct: null, schoolsIncluded: [], schoolsNotReported: []};
  return {...full, region: group ?? empty,
    municipalities: full.municipalities.filter((x) => m.municipalityIds.has(x.id)),
    schools: full.schools.filter((s) => m.schoolIds.has(s.id)),
    notCounted: full.notCounted.filter((s) => m.schoolIds.has(s.id)),
    // A refused file of no known school belongs to nobody's part of the region.
    rejectedFiles: [],
    issues: full.issues.filter((i) => i.schoolId !== null && m.schoolIds.has(i.schoolId))};
}

export async function engagementData(store: Store, settings: Settings, view: View): Promise<EngagementData> {
  const aggregate = view.audience === "aggregate";
  const members = await scopeMembers(store, view.scope);
  const min = settings.groupSize.minGroupSize;
  const periods: DashboardPeriod[] = [];
  let scopeName: string | null = null;
  // One engagementReport per period with data, oldest first (the trend by quarter).
  for (const period of await engagementPeriods(store)) {
    // TODO(levels): engagementReport(store, settings, {period, scope: view.scope}) — today the region's report cut here.
    const full = cutToScope(await engagementReport(store, settings, {period}), members);
    if (view.scope.level === "municipality") scopeName = full.municipalities[0]?.name ?? scopeName;
    if (view.scope.level === "school") scopeName = full.schools[0]?.name ?? scopeName;
    // TODO(levels): engagementByForm(store, settings, {base: full, scope: view.scope}): its region's split by form is the region's today.
    const counted = keepInScope(await engagementByForm(store, settings, {base: full}), members);
    // An aggregate reader gets no programmes' stated results: free text a school wrote may name a person.
    const byForm = aggregate ? {...counted, programmes: counted.programmes.map((p) => ({...p, result: null}))} : counted;
    const {issues: _issues, schools, municipalities, notCounted, rejectedFiles, ...r} = full;
    periods.push({...r, period, byForm,
      schools: schools.map((s) => suppressedFigures(aggregate
        ? {...s, reasons: s.reasons.map(noFileNames), dataErrors: s.dataErrors.map((e) => ({...e, file: null, message: "ошибка в данных школы"}))} : s, min)),
      municipalities: municipalities.map((x) => suppressedFigures(x, min)),
      notCounted: aggregate ? notCounted.map((s) => ({...s, reasons: s.reasons.map(noFileNames)})) : notCounted,
      rejectedFiles: aggregate ? rejectedFiles.map((f) => ({...f, file: "", message: null})) : rejectedFiles});
  }
  // Every upload of the scope with its issues (issuesReport); issues quote cells and may name people.
  const inScope = await uploadsInScope(store, view.scope);
  const files = (await issuesReport(store)).files.filter((f) => !inScope || inScope.has(f.uploadId)).map((f) => aggregate
    ? {...f, file: "", sha256: "", issues: [], issuesHidden: f.issues.length > 0}
    : {...f, issuesHidden: false}).sort((a, b) => worst(b) - worst(a) || b.uploadId - a.uploadId);
  return {scope: {level: view.scope.level, name: scopeName}, periods, files};
}
