// Every upload with its issues, worst first: the data-quality view of the methodologist.
// Issues read back from the database are loosely typed at that boundary (`kind` is text, the
// details are not stored): the registry of kinds (loaders/issueKinds.ts) types them when made.
import {all, type Store} from "../store/database.ts";
import {worstFirst} from "../loaders/issues.ts";
import {storedIssues, type StoredIssue} from "./engagement.ts";

/** One stored upload as the history and the issues reports show it. */
export interface UploadRecord {
  uploadId: number;
  file: string;
  sha256: string;
  kind: string | null;
  period: string | null;
  status: "accepted" | "accepted_with_remarks" | "rejected";
  loadedAt: string;
  undone: boolean;
}

export interface UploadIssues extends UploadRecord {
  /** The latest upload that took over all of this upload's schools and periods, if any. */
  replacedBy: number | null;
  errors: number;
  warnings: number;
  issues: StoredIssue[];
}

export interface IssuesReport {
  files: UploadIssues[];
}

export async function issuesReport(store: Store, options: {file?: string} = {}): Promise<IssuesReport> {
  const uploads = await store.read((c) => all<Record<string, unknown>>(c, `
    SELECT u.upload_id, u.file_name, u.sha256, u.kind, u.period, u.status, strftime(u.loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at,
           u.undone_at IS NOT NULL AS undone, u.errors, u.warnings,
           -- replaced when every (school, period) it spoke about now belongs to a later upload
           (SELECT max(c.upload_id) FROM school_periods sp JOIN current_school_periods c USING (school_id, period)
             WHERE sp.upload_id = u.upload_id AND c.upload_id > u.upload_id
             HAVING count(*) = (SELECT count(*) FROM school_periods x WHERE x.upload_id = u.upload_id)) AS replaced_by
    FROM uploads u WHERE $file IS NULL OR u.file_name = $file ORDER BY u.upload_id`, {file: options.file ?? null}));
  const issues = await storedIssues(store, "$file IS NULL OR u.file_name = $file", {file: options.file ?? null});
  return {
    files: uploads.map((u) => ({
      uploadId: u.upload_id as number, file: u.file_name as string, sha256: u.sha256 as string, kind: u.kind as string | null,
      period: u.period as string | null, status: u.status as UploadIssues["status"], loadedAt: u.loaded_at as string,
      undone: u.undone as boolean, replacedBy: (u.replaced_by as number | null) ?? null,
      errors: u.errors as number, warnings: u.warnings as number,
      issues: issues.filter((i) => i.uploadId === u.upload_id).sort(worstFirst)
    }))
  };
}
