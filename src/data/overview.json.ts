// The start page: what is loaded — periods, files by kind, the last upload (issuesReport and
// dataPeriods, the same functions as the CLI and the server's lists; coverage from engagementReport).
import {dataPeriods, type PeriodOption} from "../../reports/periods.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {issuesReport} from "../../reports/issues.ts";
import {emit} from "./_snapshot.ts";

export interface OverviewData {
  /** Quarters with quarterly forms. */
  periods: string[];
  /** Each period's coverage of the region: «по 20 из 22 школ», complete or not (engagementReport). */
  coverage: Array<{period: string; label: string; complete: boolean}>;
  /** School years with any data. */
  schoolYears: PeriodOption[];
  files: {total: number; accepted: number; withRemarks: number; rejected: number; undone: number};
  /** Accepted files (not undone) per kind: forms, diagnostics, registry … */
  kinds: Array<{kind: string; files: number}>;
  lastUpload: {file: string; loadedAt: string} | null;
}

await emit(async (store, settings): Promise<OverviewData | null> => {
  if (!store) return null;
  const files = (await issuesReport(store)).files;
  const live = files.filter((f) => !f.undone);
  const kinds = new Map<string, number>();
  for (const f of live) if (f.kind && f.status !== "rejected") kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const last = files.at(-1);
  const known = await dataPeriods(store);
  const periods = known.quarters.map((q) => q.id);
  const coverage = [];
  for (const period of periods) {
    const c = (await engagementReport(store, settings, {period})).region.coverage;
    coverage.push({period, label: c.label, complete: c.complete});
  }
  return {
    periods, coverage,
    schoolYears: known.schoolYears,
    files: {total: live.length, accepted: live.filter((f) => f.status === "accepted").length,
      withRemarks: live.filter((f) => f.status === "accepted_with_remarks").length,
      rejected: live.filter((f) => f.status === "rejected").length, undone: files.length - live.length},
    kinds: [...kinds].map(([kind, n]) => ({kind, files: n})).sort((a, b) => b.files - a.files),
    lastUpload: last ? {file: last.file, loadedAt: last.loadedAt} : null
  };
});
