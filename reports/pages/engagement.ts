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
import {engagementForAggregates, type AggregateMunicipality, type AggregateRegion, type AggregateSchool} from "../aggregateEngagement.ts";
import type {GroupSummary} from "../../lib/engagementSummary.ts";
import type {ReportScope, View} from "../scope.ts";
import {keepInScope, scopeMembers, uploadsInScope, type ScopeMembers} from "./scope.ts";

export type DashboardSchool = Omit<SchoolReport, keyof SuppressedFigures> & SuppressedFigures;
export type DashboardMunicipality = Omit<MunicipalityReport, keyof SuppressedFigures> & SuppressedFigures;
/** A period's figures: the service's (small groups hidden), or an aggregate reader's (reports/aggregateEngagement.ts: secondary cells hidden too, coverage as shares only). */
export interface DashboardPeriod extends Omit<EngagementReport, "schools" | "municipalities" | "issues" | "total" | "region"> {
  period: string;
  total: GroupSummary | AggregateRegion;
  region: GroupSummary | AggregateRegion;
  municipalities: Array<DashboardMunicipality | AggregateMunicipality>;
  schools: Array<DashboardSchool | AggregateSchool>;
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
/** A report already filtered to the scope, its rows cut again to it (a second line of defence). */
function cutToScope(full: EngagementReport, m: ScopeMembers | null): EngagementReport {
  if (!m) return full;
  return {...full,
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
    // The scope's report (filtered in SQL), cut again here as a second line of defence.
    const full = cutToScope(await engagementReport(store, settings, {period, scope: view.scope}), members);
    if (view.scope.level === "municipality") scopeName = full.municipalities[0]?.name ?? scopeName;
    if (view.scope.level === "school") scopeName = full.schools[0]?.name ?? scopeName;
    if (aggregate) {
      // Management and the public: small groups and every cell that would reveal one by subtraction
      // hidden (reports/aggregateEngagement.ts — the same cells as the CLI's --public and the workbook);
      // no file names, issue texts or programmes' results.
      const agg = engagementForAggregates(full, await engagementByForm(store, settings, {base: full, suppress: false}), min);
      const {issues: _issues, ...r} = agg.report;
      periods.push({...r, period, byForm: agg.byForm!});
      continue;
    }
    const byForm = keepInScope(await engagementByForm(store, settings, {base: full}), members);
    const {issues: _issues, schools, municipalities, ...r} = full;
    periods.push({...r, period, byForm,
      schools: schools.map((s) => suppressedFigures(s, min)),
      municipalities: municipalities.map((x) => suppressedFigures(x, min))});
  }
  // Every upload of the scope with its issues (issuesReport); issues quote cells and may name people.
  const inScope = await uploadsInScope(store, view.scope);
  const files = (await issuesReport(store)).files.filter((f) => !inScope || inScope.has(f.uploadId)).map((f) => aggregate
    ? {...f, file: "", sha256: "", issues: [], issuesHidden: f.issues.length > 0}
    : {...f, issuesHidden: false}).sort((a, b) => worst(b) - worst(a) || b.uploadId - a.uploadId);
  return {scope: {level: view.scope.level, name: scopeName}, periods, files};
}
