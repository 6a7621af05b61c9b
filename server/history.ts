// The upload history (issue 8 §2): every upload with its time, file, hash and outcome, which upload
// replaced which (from upload_replaces, for every kind; for quarterly forms also when a later
// upload took over all its schools), and undo: marking an upload undone, which makes every
// `current_*` view fall back to what it had replaced.
import {all, one, type Store} from "../store/database.ts";
import {issuesReport, type UploadIssues} from "../reports/issues.ts";
import {HttpError} from "./http.ts";

export interface HistoryEntry extends Omit<UploadIssues, "issues" | "replacedBy"> {
  /** Earlier uploads this one replaced. */
  replaces: number[];
  /** Later live uploads that replaced this one (some or all of its data). */
  replacedBy: number[];
  undoneAt: string | null;
  batch: string | null;
  issueCount: number;
}

export async function uploadHistory(store: Store): Promise<HistoryEntry[]> {
  const report = await issuesReport(store);
  const links = await store.read((c) => all<{upload_id: number; replaced_upload_id: number}>(c,
    `SELECT r.upload_id, r.replaced_upload_id FROM upload_replaces r JOIN uploads u USING (upload_id)
     WHERE u.undone_at IS NULL ORDER BY 1, 2`));
  const extra = await store.read((c) => all<{upload_id: number; undone_at: string | null; batch_id: string | null}>(c,
    `SELECT u.upload_id, strftime(u.undone_at, '%Y-%m-%dT%H:%M:%S') AS undone_at, f.batch_id
     FROM uploads u LEFT JOIN upload_files f USING (upload_id)`));
  const byId = new Map(extra.map((e) => [e.upload_id, e]));
  return report.files.map((f) => {
    const replacedBy = new Set(links.filter((l) => l.replaced_upload_id === f.uploadId).map((l) => l.upload_id));
    if (f.replacedBy !== null) replacedBy.add(f.replacedBy);
    const {issues, replacedBy: _, ...rest} = f;
    return {...rest, replaces: links.filter((l) => l.upload_id === f.uploadId).map((l) => l.replaced_upload_id),
      replacedBy: [...replacedBy].sort((a, b) => a - b), undoneAt: byId.get(f.uploadId)?.undone_at ?? null,
      batch: byId.get(f.uploadId)?.batch_id ?? null, issueCount: issues.length};
  }).reverse();
}

/** Undoes an upload: its data stops counting, what it replaced counts again. Nothing is deleted. */
export async function undoUpload(store: Store, uploadId: number): Promise<{uploadId: number; restored: number[]}> {
  return store.write(async (conn) => {
    const u = await one<{status: string; undone: boolean}>(conn,
      "SELECT status, undone_at IS NOT NULL AS undone FROM uploads WHERE upload_id = $id", {id: uploadId});
    if (!u) throw new HttpError(404, `Загрузки № ${uploadId} нет.`);
    if (u.undone) throw new HttpError(409, `Загрузка № ${uploadId} уже отменена.`);
    if (u.status === "rejected") throw new HttpError(409, `Загрузка № ${uploadId} была отклонена: отменять нечего.`);
    await conn.run("UPDATE uploads SET undone_at = current_timestamp WHERE upload_id = $id", {id: uploadId});
    await conn.run("INSERT INTO upload_undos (upload_id) VALUES ($id)", {id: uploadId});
    const restored = await all<{id: number}>(conn, "SELECT replaced_upload_id AS id FROM upload_replaces WHERE upload_id = $id ORDER BY 1", {id: uploadId});
    return {uploadId, restored: restored.map((r) => r.id)};
  });
}
