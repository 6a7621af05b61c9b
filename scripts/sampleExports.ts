// Every XLSX export, made from a database holding the sample (loaders/sample.ts): the annual
// report, the quarterly engagement report, the issues of every upload, one teacher's route, the
// catalogue and the settings. Used by scripts/print-check.ts (LibreOffice → PDF → pages) and by
// tests/reports/exports/printSetup.test.ts (the print properties of each workbook).
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import {loadSettings} from "../settings/load.ts";
import {periodFromId} from "../lib/period.ts";
import {annualReport} from "../reports/exports/annualReport.ts";
import {annualWorkbook} from "../reports/exports/annualXlsx.ts";
import {engagementExport} from "../reports/exports/engagementXlsx.ts";
import {issuesWorkbook, uploadsWithIssues} from "../reports/exports/issuesXlsx.ts";
import {teacherRouteDrafts} from "../reports/routeDraft.ts";
import {routeXlsx} from "../reports/exports/routeXlsx.ts";
import {catalogueXlsx, currentCatalogue} from "../reports/exports/catalogueXlsx.ts";
import {settingsWorkbook} from "../reports/exports/settingsXlsx.ts";

export interface SampleExport {
  /** File name without the extension: «annual», «engagement» … */
  name: string;
  bytes: Buffer;
}

/** The six exports of the sample, in a fixed order. */
export async function sampleExports(store: Store): Promise<SampleExport[]> {
  const loaded = await loadSettings(store);
  const settings = loaded.settings;
  const annual = await annualReport(store, settings, {period: periodFromId("2023/24"), today: "2026-11-24"});
  const uploads = await store.read((c) => all<{upload_id: number}>(c, "SELECT upload_id FROM uploads WHERE undone_at IS NULL ORDER BY upload_id"));
  const issues = await uploadsWithIssues(store, uploads.map((u) => u.upload_id));
  const draft = [...(await teacherRouteDrafts(store, settings, {start: "2025-09-01", names: true})).values()][0];
  if (!draft) throw new Error("the sample has no route draft");
  return [
    {name: "annual", bytes: await annualWorkbook(annual)},
    {name: "engagement", bytes: (await engagementExport(store, settings, {period: "2024-Q1"})).bytes},
    {name: "issues", bytes: await issuesWorkbook(issues.files, "Замечания ко всем загрузкам примера", issues.omitted)},
    {name: "route", bytes: await routeXlsx(draft, {developed: "2025-09-01"})},
    {name: "catalogue", bytes: await catalogueXlsx(await currentCatalogue(store), settings.areas)},
    {name: "settings", bytes: await settingsWorkbook(loaded)}
  ];
}
