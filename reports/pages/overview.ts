// The start page's data (src/index.md): what is loaded — periods, files by kind, the last upload —
// for a view. Files are counted within the view's scope; an aggregate reader gets counts only (the
// last upload's time, never its file's name).
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {dataPeriods, type PeriodOption} from "../periods.ts";
import {engagementReport} from "../engagement.ts";
import {issuesReport} from "../issues.ts";
import type {View} from "../scope.ts";
import {uploadsInScope} from "./scope.ts";

export interface OverviewData {
  /** Quarters with quarterly forms. */
  periods: string[];
  /** Each period's coverage of the view's scope: «по 20 из 22 школ», complete or not (engagementReport). */
  coverage: Array<{period: string; label: string; complete: boolean}>;
  /** School years with any data. */
  schoolYears: PeriodOption[];
  files: {total: number; accepted: number; withRemarks: number; rejected: number; undone: number};
  /** Accepted files (not undone) per kind: forms, diagnostics, registry … */
  kinds: Array<{kind: string; files: number}>;
  /** The file's name only for the service's own readers (a file name can hold a person's name). */
  lastUpload: {file: string | null; loadedAt: string} | null;
}

export async function overviewData(store: Store, settings: Settings, view: View): Promise<OverviewData> {
  const inScope = await uploadsInScope(store, view.scope);
  const files = (await issuesReport(store)).files.filter((f) => !inScope || inScope.has(f.uploadId));
  const live = files.filter((f) => !f.undone);
  const kinds = new Map<string, number>();
  for (const f of live) if (f.kind && f.status !== "rejected") kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const last = files.at(-1);
  // The periods of the region's data: a scope's page shows its coverage of each (none sent: «по 0 из N школ»).
  const known = await dataPeriods(store);
  const periods = known.quarters.map((q) => q.id);
  const coverage = [];
  for (const period of periods) {
    const c = (await engagementReport(store, settings, {period, scope: view.scope})).total.coverage;
    coverage.push({period, label: c.label, complete: c.complete});
  }
  return {
    periods, coverage,
    schoolYears: known.schoolYears,
    files: {total: live.length, accepted: live.filter((f) => f.status === "accepted").length,
      withRemarks: live.filter((f) => f.status === "accepted_with_remarks").length,
      rejected: live.filter((f) => f.status === "rejected").length, undone: files.length - live.length},
    kinds: [...kinds].map(([kind, n]) => ({kind, files: n})).sort((a, b) => b.files - a.files),
    lastUpload: last ? {file: view.audience === "service" ? last.file : null, loadedAt: last.loadedAt} : null
  };
}
