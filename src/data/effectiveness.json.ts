// Management's page: the annual analytical report (reports/exports/annualReport.ts — the same object
// as the PDF, the XLSX, /api/annual and `mentoring report annual --json`) for every school year that
// has data, so the page and the signed report show one value for one figure. Counts and shares
// only; groups under the group-size setting are suppressed by the report itself.
import {annualReport, type AnnualReport} from "../../reports/exports/annualReport.ts";
import {dataPeriods, type PeriodOption} from "../../reports/periods.ts";
import {periodFromId} from "../../lib/period.ts";
import {emit, NO_DATA} from "./_snapshot.ts";

export interface EffectivenessData {
  available: true;
  /** School years with data, newest first: the page's list. */
  schoolYears: PeriodOption[];
  /** The one the page opens on: the latest with reported data (reports/periods.ts). */
  defaultSchoolYear: string;
  /** The annual report of each, by id («2024/25»). */
  reports: Record<string, AnnualReport>;
}

await emit(async (store, settings): Promise<EffectivenessData | {available: false; message: string}> => {
  if (!store) return {available: false, message: NO_DATA};
  const known = await dataPeriods(store);
  const years = known.schoolYears;
  if (!years.length) return {available: false, message: NO_DATA};
  const reports: Record<string, AnnualReport> = {};
  // One annual report per school year with data, oldest first.
  for (const y of years) reports[y.id] = await annualReport(store, settings, {period: periodFromId(y.id)});
  return {available: true, schoolYears: [...years].reverse(), defaultSchoolYear: known.defaultSchoolYear?.id ?? years.at(-1)!.id, reports};
});
