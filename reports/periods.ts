// Which periods have data: the lists every page, export and command offers (issue 12 §1: «lists
// of years are the years that have data»). Each kind of data is placed in time by what it says:
// quarterly forms by their quarter, rosters and indicator tables by their school year, diagnostics
// by the school year of their sheet, questionnaires by the answer date, registries by the pairs'
// start and end dates (up to today).
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import {comparePeriods, enclosingPeriods, periodContains, periodFromId, periodId, periodLabel, periodOfDate, schoolYear,
  type Period} from "../lib/period.ts";

export interface PeriodOption {
  /** «2024-Q3», «2024/25», «2024». */
  id: string;
  /** «III квартал 2024», «2024/25 учебный год», «2024 год». */
  label: string;
  kind: Period["kind"];
}

export interface DataPeriods {
  /** Quarters with quarterly forms, oldest first. */
  quarters: PeriodOption[];
  /** School years with any data, oldest first. */
  schoolYears: PeriodOption[];
  /** Calendar years with any data, oldest first. */
  calendarYears: PeriodOption[];
  /**
   * The school year reports open on: the latest with reported data (forms, rosters, indicator tables,
   * diagnostics, questionnaires) — registries alone run into the future with ongoing pairs and do not
   * make a year «the latest»; null without any data.
   */
  defaultSchoolYear: PeriodOption | null;
}

export const periodOption = (p: Period): PeriodOption => ({id: periodId(p), label: periodLabel(p), kind: p.kind});

interface Rows {
  quarters: Array<{period: string}>;
  years: Array<{year: number}>;
  answers: Array<{d: string}>;
  dates: Array<{d: string}>;
}

/** Every period that has data, as option lists (oldest first); `today` caps registry dates in the future. */
export async function dataPeriods(store: Store, options: {today?: string} = {}): Promise<DataPeriods> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const rows: Rows = await store.read(async (c) => ({
    quarters: await all<{period: string}>(c, "SELECT DISTINCT period FROM current_school_periods ORDER BY period"),
    years: await all<{year: number}>(c, `
      SELECT year FROM current_roster_snapshots
      UNION SELECT year FROM current_indicator_tables
      UNION SELECT y.school_year AS year FROM current_diagnostic_entries e
        JOIN diagnostic_sheet_years y ON y.upload_id = e.upload_id AND y.sheet = e.sheet`),
    answers: await all<{d: string}>(c, `
      SELECT DISTINCT substr(r.answered_at, 1, 10) AS d FROM questionnaire_respondents r
        JOIN current_questionnaire_uploads USING (upload_id) WHERE r.answered_at IS NOT NULL`),
    dates: await all<{d: string}>(c, `
      SELECT DISTINCT CAST(start_date AS VARCHAR) AS d FROM current_registry_entries WHERE start_date IS NOT NULL
      UNION SELECT DISTINCT CAST(end_date AS VARCHAR) AS d FROM current_registry_entries WHERE end_date IS NOT NULL`)
  }));
  const quarters: Period[] = rows.quarters.map((r) => periodFromId(r.period)).sort(comparePeriods);
  const reported: Period[] = [...quarters, ...rows.years.map((r) => schoolYear(r.year))];
  const registry: Period[] = [];
  const dated = (list: Array<{d: string}>, into: Period[]) => {
    for (const r of list) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.d) || r.d > today) continue;
      const d = new Date(`${r.d}T00:00:00Z`);
      if (!Number.isNaN(d.getTime())) into.push(periodOfDate(d, "quarter"));
    }
  };
  dated(rows.answers, reported);
  dated(rows.dates, registry);
  const items = [...reported, ...registry];
  const schoolYears = enclosingPeriods(items, "school-year").map(periodOption);
  const latestReported = enclosingPeriods(reported, "school-year").at(-1);
  return {
    quarters: quarters.map(periodOption),
    schoolYears,
    calendarYears: enclosingPeriods(items, "calendar-year").map(periodOption),
    defaultSchoolYear: latestReported ? periodOption(latestReported) : schoolYears.at(-1) ?? null
  };
}

/** The quarter ids with quarterly forms that belong to a longer period (by their last day), in order. */
export function quartersIn(quarterIds: readonly string[], within: Period): string[] {
  return quarterIds.filter((id) => periodContains(within, periodFromId(id)));
}
