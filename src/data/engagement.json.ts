// The methodologist's page: engagementReport for every period (the same function as
// `mentoring report engagement --json`), with its coverage and its split by form and programme
// (`mentoring report programmes --json`); small groups hidden, and every upload with its issues.
import {engagementPeriods, engagementReport, type EngagementReport, type SchoolReport, type MunicipalityReport} from "../../reports/engagement.ts";
import {issuesReport, type UploadIssues} from "../../reports/issues.ts";
import {engagementByForm, type EngagementByForm} from "../../reports/engagementByForm.ts";
import {suppressedFigures, type SuppressedFigures} from "../../lib/suppressedFigures.ts";
import {emit, isPublic} from "./_snapshot.ts";

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
  periods: DashboardPeriod[];
  /** Uploads worst first; in the public build, only forms' issues are itemised. */
  files: Array<UploadIssues & {issuesHidden: boolean}>;
}

const worst = (f: UploadIssues) => f.errors * 1e6 + f.warnings;
/** The public build names no file (a file's name can hold a person's name): «файл «x.xls» (загрузка № 5 от …)» becomes «файл». */
const noFileNames = (reason: string) => reason.replace(/файл «[^»]*» \(загрузка № \d+ от [\d.]+\)/, "файл");

await emit(async (store, settings): Promise<EngagementData> => {
  if (!store) return {periods: [], files: []};
  const periods: DashboardPeriod[] = [];
  const hide = isPublic();
  // One engagementReport per period with data, oldest first (the trend by quarter).
  for (const period of await engagementPeriods(store)) {
    const full = await engagementReport(store, settings, {period});
    const counted = await engagementByForm(store, settings, {base: full});
    // The public build leaves out the programmes' stated results: free text a school wrote may name a person.
    const byForm = hide ? {...counted, programmes: counted.programmes.map((p) => ({...p, result: null}))} : counted;
    const {issues: _issues, schools, municipalities, notCounted, rejectedFiles, ...r} = full;
    const min = settings.groupSize.minGroupSize;
    periods.push({...r, period, byForm,
      schools: schools.map((s) => suppressedFigures(hide ? {...s, reasons: s.reasons.map(noFileNames)} : s, min)),
      municipalities: municipalities.map((m) => suppressedFigures(m, min)),
      notCounted: hide ? notCounted.map((s) => ({...s, reasons: s.reasons.map(noFileNames)})) : notCounted,
      rejectedFiles: hide ? rejectedFiles.map((f) => ({...f, file: "", message: null})) : rejectedFiles});
  }
  // Every upload with its issues (issuesReport); registry and diagnostics issues may quote names.
  const files = (await issuesReport(store)).files.map((f) => {
    const hidden = isPublic() && f.kind !== "forms" && f.issues.length > 0;
    return {...f, issues: hidden ? [] : f.issues, issuesHidden: hidden};
  }).sort((a, b) => worst(b) - worst(a) || b.uploadId - a.uploadId);
  return {periods, files};
});
