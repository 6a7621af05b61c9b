// The original files the server keeps (issue 13 §3, 152-ФЗ): only of files it accepted — a rejected
// file's bytes are never written —, under generated names in a folder that is not served, within a
// quota (total MB: the oldest go first) and a retention period (days), and deleted on request (the
// history page's button, `mentoring uploads purge-originals`). Deleting an original changes no data:
// the upload, its rows and issues stay; original_deletions records when and why the file went.
import {randomUUID} from "node:crypto";
import type {SpreadsheetFormat} from "../loaders/formats/readSpreadsheet.ts";
import {existsSync, mkdirSync, readdirSync, unlinkSync} from "node:fs";
import {writeFile} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {listValue} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";

export interface OriginalsPolicy {
  /** Total size of kept originals, MB; past it the oldest are deleted. */
  quotaMb: number;
  /** Originals older than this many days are deleted. */
  retentionDays: number;
}

// Where these are set for now: ServerOptions.originals (bin/commands/serve.ts passes the defaults).
// They belong in the settings module (issue 12 §3) once it exists.
export const defaultOriginalsPolicy: OriginalsPolicy = {quotaMb: 1024, retentionDays: 365};

export type DeletedReason = "quota" | "retention" | "request" | "rejected" | "missing";

const STORED_NAME = /^[0-9a-f-]{36}\.(xlsx|ods|xls|csv)$/;

/** Where the originals of a database are kept: `uploads/` beside the database file. */
export function originalsDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), "uploads");
}

/**
 * Writes an original under a generated name only this process can read, with the extension of the
 * format found in its bytes (never the sender's name); returns the name.
 */
export async function keepOriginal(dir: string, bytes: Buffer, format: SpreadsheetFormat | null = "xlsx"): Promise<string> {
  mkdirSync(dir, {recursive: true, mode: 0o700});
  const name = `${randomUUID()}.${format ?? "xlsx"}`;
  await writeFile(join(dir, name), bytes, {flag: "wx", mode: 0o600});
  return name;
}

/** Removes a kept file (a name this module generated; anything else is left alone). */
export function removeOriginal(dir: string, name: string): void {
  if (!STORED_NAME.test(name)) return;
  try {
    unlinkSync(join(dir, name));
  } catch {
    // Already gone.
  }
}

export interface PurgeResult {
  files: number;
  bytes: number;
  uploads: number[];
}

/** Kept originals not yet deleted, with their size (the upload's), as a subquery. */
const KEPT = `SELECT f.upload_id, f.stored_name, f.received_at, u.size_bytes FROM upload_files f JOIN uploads u USING (upload_id)
  WHERE f.upload_id NOT IN (SELECT upload_id FROM original_deletions)`;

/** Marks the chosen originals deleted (one transaction), then removes their files. */
async function purge(store: Store, dir: string, where: string, params: Record<string, string | number>, reason: DeletedReason): Promise<PurgeResult> {
  const rows = await store.write(async (c) => {
    const chosen = await all<{upload_id: number; stored_name: string; size_bytes: number}>(c,
      `SELECT upload_id, stored_name, size_bytes FROM (${KEPT}) WHERE ${where} ORDER BY upload_id`, params);
    if (chosen.length) {
      await c.run("INSERT INTO original_deletions (upload_id, deleted_at, reason) SELECT unnest($u), current_timestamp, $reason",
        {u: listValue(chosen.map((r) => r.upload_id)), reason});
    }
    return chosen;
  });
  for (const r of rows) removeOriginal(dir, r.stored_name);
  return {files: rows.length, bytes: rows.reduce((n, r) => n + (r.size_bytes ?? 0), 0), uploads: rows.map((r) => r.upload_id)};
}

/** Deletes originals on request: one upload's, and/or those received more than `olderThanDays` ago. */
export function purgeOriginals(store: Store, dir: string, o: {uploadId?: number; olderThanDays?: number}, reason: DeletedReason = "request"): Promise<PurgeResult> {
  const where: string[] = [], params: Record<string, number> = {};
  if (o.uploadId !== undefined) { where.push("upload_id = $u"); params.u = o.uploadId; }
  if (o.olderThanDays !== undefined) { where.push("received_at < current_timestamp::TIMESTAMP - to_days($d::INTEGER)"); params.d = o.olderThanDays; }
  if (!where.length) throw new Error("purgeOriginals needs uploadId or olderThanDays");
  return purge(store, dir, where.join(" AND "), params, reason);
}

/** The retention period and the quota: deletes what is too old, then the oldest while over the quota. */
export async function enforcePolicy(store: Store, dir: string, policy: OriginalsPolicy): Promise<PurgeResult> {
  const old = await purgeOriginals(store, dir, {olderThanDays: policy.retentionDays}, "retention");
  const quota = Math.round(policy.quotaMb * 1048576);
  const over = await purge(store, dir,
    `upload_id IN (SELECT upload_id FROM (
       SELECT upload_id, sum(size_bytes) OVER (ORDER BY upload_id DESC) AS newer_and_this FROM (${KEPT})) WHERE newer_and_this > $quota)`,
    {quota}, "quota");
  return {files: old.files + over.files, bytes: old.bytes + over.bytes, uploads: [...old.uploads, ...over.uploads]};
}

/** Total size and count of kept originals. */
export async function keptOriginals(store: Store): Promise<{files: number; bytes: number}> {
  const [r] = await store.read((c) => all<{files: number; bytes: number}>(c,
    `SELECT count(*)::INTEGER AS files, coalesce(sum(size_bytes), 0)::BIGINT AS bytes FROM (${KEPT})`));
  return r ?? {files: 0, bytes: 0};
}

/**
 * At start: deletes originals of rejected uploads (an earlier version kept them), marks originals
 * whose file is gone, and removes files in the folder that no upload refers to (left by a crash
 * between writing a file and committing its upload).
 */
export async function reconcileOriginals(store: Store, dir: string): Promise<void> {
  mkdirSync(dir, {recursive: true, mode: 0o700});
  await purge(store, dir, "upload_id IN (SELECT upload_id FROM uploads WHERE status = 'rejected')", {}, "rejected");
  const kept = await store.read((c) => all<{upload_id: number; stored_name: string}>(c, `SELECT upload_id, stored_name FROM (${KEPT})`));
  const missing = kept.filter((r) => !existsSync(join(dir, r.stored_name))).map((r) => r.upload_id);
  if (missing.length) await purge(store, dir, `list_contains([${missing.join(",")}], upload_id)`, {}, "missing");
  const referenced = new Set(kept.map((r) => r.stored_name));
  for (const name of readdirSync(dir)) if (STORED_NAME.test(name) && !referenced.has(name)) removeOriginal(dir, name);
}
