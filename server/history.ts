// The upload history (issue 8 §2; issue 13 §2): every upload with its time, file, hash and outcome,
// which upload replaced which (from upload_replaces, for every kind; for quarterly forms also when a
// later upload took over all its schools), and undo: marking an upload undone, which makes every
// `current_*` view fall back to what it had replaced. One page at a time, counted and joined in SQL:
// a database with thousands of uploads and a million issues answers a page in milliseconds.
import {all, one, type Store} from "../store/database.ts";
import {HttpError} from "./http.ts";
import type {UploadRecord} from "../reports/issues.ts";
import {uploadScopeParams, uploadScopeSql, type UploadScope} from "./scope.ts";

export interface HistoryEntry extends UploadRecord {
  errors: number;
  warnings: number;
  /** Earlier uploads this one replaced. */
  replaces: number[];
  /** Later live uploads that replaced this one (some or all of its data). */
  replacedBy: number[];
  undoneAt: string | null;
  batch: string | null;
  issueCount: number;
  /** Whether the server still keeps the original file (it is deleted by quota, retention or on request). */
  originalKept: boolean;
}

export interface HistoryPage {
  uploads: HistoryEntry[];
  /** Uploads in all. */
  total: number;
  /** `before` of the next (older) page, or null on the last page. */
  nextBefore: number | null;
  limit: number;
}

export const HISTORY_PAGE = 50;

/** A page of the history, newest first: uploads with upload_id < before (all when null). */
export async function uploadHistory(store: Store, o: {before?: number | null; limit?: number; scope?: UploadScope} = {}): Promise<HistoryPage> {
  const scope = uploadScopeParams(o.scope ?? {level: "region"});
  const limit = Math.max(1, Math.min(200, o.limit ?? HISTORY_PAGE));
  const rows = await store.read((c) => all<{upload_id: number; file_name: string; sha256: string; kind: string | null; period: string | null;
    status: HistoryEntry["status"]; loaded_at: string; undone_at: string | null; errors: number; warnings: number; issue_count: number;
    batch_id: string | null; original_kept: boolean | null; replaces: number[] | null; replaced_by: number[] | null; replaced_by_forms: number | null}>(c, `
    WITH page AS (
      SELECT * FROM uploads WHERE ($before IS NULL OR upload_id < $before) AND ${uploadScopeSql("upload_id")} ORDER BY upload_id DESC LIMIT $limit
    ),
    counts AS (SELECT upload_id, count(*)::INTEGER AS n FROM issues WHERE upload_id IN (SELECT upload_id FROM page) GROUP BY upload_id),
    -- replacements recorded by live (not undone) uploads
    links AS (
      SELECT r.upload_id, r.replaced_upload_id FROM upload_replaces r JOIN uploads u USING (upload_id)
      WHERE u.undone_at IS NULL AND (r.upload_id IN (SELECT upload_id FROM page) OR r.replaced_upload_id IN (SELECT upload_id FROM page))
    )
    SELECT p.upload_id, p.file_name, p.sha256, p.kind, p.period, p.status,
           strftime(p.loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at, strftime(p.undone_at, '%Y-%m-%dT%H:%M:%S') AS undone_at,
           p.errors, p.warnings, coalesce(n.n, 0) AS issue_count, coalesce(f.batch_id, b.batch_id) AS batch_id,
           f.stored_name IS NOT NULL AND p.upload_id NOT IN (SELECT upload_id FROM original_deletions) AS original_kept,
           (SELECT list(l.replaced_upload_id ORDER BY l.replaced_upload_id) FROM links l WHERE l.upload_id = p.upload_id) AS replaces,
           (SELECT list(DISTINCT l.upload_id ORDER BY l.upload_id) FROM links l WHERE l.replaced_upload_id = p.upload_id) AS replaced_by,
           -- quarterly forms: replaced when every (school, period) it spoke about now belongs to a later upload
           (SELECT max(cur.upload_id) FROM school_periods sp JOIN current_school_periods cur USING (school_id, period)
             WHERE sp.upload_id = p.upload_id AND cur.upload_id > p.upload_id
             HAVING count(*) = (SELECT count(*) FROM school_periods x WHERE x.upload_id = p.upload_id)) AS replaced_by_forms
    FROM page p LEFT JOIN counts n USING (upload_id) LEFT JOIN upload_files f USING (upload_id) LEFT JOIN upload_batches b USING (upload_id)
    ORDER BY p.upload_id DESC`, {before: o.before ?? null, limit, ...scope}));
  const total = (await store.read((c) => one<{n: number}>(c, `SELECT count(*)::INTEGER AS n FROM uploads WHERE ${uploadScopeSql("upload_id")}`, scope)))!.n;
  const uploads = rows.map((r): HistoryEntry => {
    const replacedBy = new Set(r.replaced_by ?? []);
    if (r.replaced_by_forms !== null) replacedBy.add(r.replaced_by_forms);
    return {uploadId: r.upload_id, file: r.file_name, sha256: r.sha256, kind: r.kind, period: r.period, status: r.status, loadedAt: r.loaded_at,
      undone: r.undone_at !== null, errors: r.errors, warnings: r.warnings, replaces: r.undone_at === null ? r.replaces ?? [] : [],
      replacedBy: [...replacedBy].sort((a, b) => a - b), undoneAt: r.undone_at, batch: r.batch_id, issueCount: r.issue_count,
      originalKept: r.original_kept === true};
  });
  const last = uploads.at(-1);
  const older = last ? (await store.read((c) => one<{n: number}>(c,
    `SELECT count(*)::INTEGER AS n FROM uploads WHERE upload_id < $u AND ${uploadScopeSql("upload_id")}`, {u: last.uploadId, ...scope})))!.n : 0;
  return {uploads, total, nextBefore: last && older > 0 ? last.uploadId : null, limit};
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
