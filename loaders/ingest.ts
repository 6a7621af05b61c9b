// One file in, one transaction: guard → read → recognise → parse → store with its issues.
// Bad input never throws past here; it becomes a rejected outcome with issues.
import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import {one, type Store} from "../store/database.ts";
import type {FileKind, IngestOptions, Parsed} from "./fileKind.ts";
import type {Issue, IssueFacts} from "./issues.ts";
import {fileKinds} from "./kinds.ts";
import {toIssue} from "./messages/index.ts";
import {guardZip, defaultZipLimits, type ZipLimits} from "./xlsx/zipGuard.ts";
import {readWorkbook, defaultReadLimits, type ReadLimits} from "./xlsx/readWorkbook.ts";
import type {Workbook} from "./xlsx/workbook.ts";
import type {Settings} from "../settings/index.ts";
import {loadSettings, readSettingsFiles} from "../settings/load.ts";

export type FileStatus = "accepted" | "accepted_with_remarks" | "rejected" | "already_loaded";

export interface FileOutcome {
  file: string;
  sha256: string;
  status: FileStatus;
  /** The kind recognised (forms, diagnostics …), null when rejected before recognition. */
  kind: string | null;
  period: string | null;
  uploadId: number | null;
  /** For already_loaded: the upload that holds these bytes. */
  sameAs?: number;
  /** Uploads whose data for some school and period this one now replaces. */
  replaces: number[];
  stats: Record<string, number>;
  issues: Issue[];
}

export interface IngestLimits {
  zip: ZipLimits;
  read: ReadLimits;
  /** Issues stored per file; past it one summary issue says how many more there were. */
  maxIssues: number;
}

export const defaultIngestLimits: IngestLimits = {zip: defaultZipLimits, read: defaultReadLimits, maxIssues: 2000};

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What a file's bytes hold, without touching the database: the parse step of ingestion. */
export type Examined =
  | {ok: true; kind: FileKind; parsed: Parsed<unknown>}
  | {ok: false; kind: FileKind | null; issues: IssueFacts[]};

/**
 * An unexpected error while reading one file (a reader or parser bug, a value no code path
 * expected) as that file's outcome: rejected with `file/parse-failed`, never an exception that
 * stops a batch. Only the error's name is kept: its message may quote a cell.
 */
export function parseFailed(file: string, e: unknown): Examined {
  return {ok: false, kind: null, issues: [{severity: "error", kind: "file/parse-failed", file,
    details: {error: e instanceof Error ? e.name : typeof e}}]};
}

let projectSettings: Settings | null = null;
/** The caller's settings, or (tests, benchmarks) the project's settings files, read once. */
function settingsOf(options: IngestOptions): Settings {
  return options.settings ?? (projectSettings ??= readSettingsFiles().settings);
}

export async function examineFile(file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<Examined> {
  try {
    return await examineBytes(file, bytes, options, limits);
  } catch (e) {
    return parseFailed(file, e);
  }
}

async function examineBytes(file: string, bytes: Buffer, options: IngestOptions, limits: IngestLimits): Promise<Examined> {
  const guarded = await guardZip(bytes, limits.zip);
  if (!guarded.ok) {
    const r = guarded.refusal;
    return {ok: false, kind: null, issues: [{severity: "error", kind: r.kind, file, details: "details" in r ? r.details : {}}]};
  }
  const read = readWorkbook(guarded.entries, limits.read);
  if (!read.ok) {
    const details = read.refusal.details as Record<string, unknown>;
    return {ok: false, kind: null, issues: [{severity: "error", kind: read.refusal.kind, file,
      sheet: typeof details.sheet === "string" ? details.sheet : null, details}]};
  }
  return examineWorkbook(file, read.workbook, options);
}

export function examineWorkbook(file: string, workbook: Workbook, options: IngestOptions = {}): Examined {
  const context = {...options, file, settings: settingsOf(options)};
  let best: FileKind | null = null, bestScore = 0;
  for (const kind of fileKinds) {
    const score = kind.detect(workbook, context);
    if (score > bestScore) { best = kind; bestScore = score; }
  }
  if (!best || bestScore < 0.3) {
    return {ok: false, kind: null, issues: [{severity: "error", kind: "file/unknown-format", file,
      details: {sheets: workbook.sheets.map((s) => s.name), kinds: fileKinds.map((k) => k.label)}}]};
  }
  const parsed = best.parse(workbook, context);
  if (parsed.rejected) return {ok: false, kind: best, issues: parsed.issues};
  return {ok: true, kind: best, parsed};
}

function capIssues(issues: IssueFacts[], file: string, max: number): IssueFacts[] {
  if (issues.length <= max) return issues;
  return [...issues.slice(0, max), {severity: "warning", kind: "file/too-many-issues", file,
    details: {shown: max, total: issues.length}}];
}

async function insertIssues(conn: DuckDBConnection, uploadId: number, issues: Issue[], schoolIds: Map<string, number>,
  period: string | null): Promise<void> {
  if (!issues.length) return;
  const appender = await conn.createAppender("issues");
  issues.forEach((i, seq) => {
    appender.appendInteger(uploadId);
    appender.appendInteger(seq + 1);
    appender.appendVarchar(i.severity);
    appender.appendVarchar(i.kind);
    appender.appendVarchar(i.file);
    for (const v of [i.sheet]) v === null ? appender.appendNull() : appender.appendVarchar(v);
    for (const v of [i.row, i.column]) v === null ? appender.appendNull() : appender.appendInteger(v);
    for (const v of [i.cell, i.school]) v === null ? appender.appendNull() : appender.appendVarchar(v);
    const sid = i.school !== null ? schoolIds.get(i.school) : undefined;
    sid === undefined ? appender.appendNull() : appender.appendInteger(sid);
    period === null ? appender.appendNull() : appender.appendVarchar(period);
    for (const v of [i.value, i.expected]) v === null ? appender.appendNull() : appender.appendVarchar(v);
    appender.appendVarchar(i.message);
    appender.endRow();
  });
  appender.closeSync();
}

/**
 * A file examined and judged, ready to be stored. Plain data only (structured-clonable), so the
 * parsing can run in a worker thread and the storing in the thread that owns the database.
 */
export interface PreparedFile {
  file: string;
  sha256: string;
  size: number;
  /** FileKind.name of the recognised kind; null when rejected before recognition. */
  kind: string | null;
  status: Exclude<FileStatus, "already_loaded">;
  period: string | null;
  issues: Issue[];
  errors: number;
  warnings: number;
  /** The kind's parsed data (only when not rejected). */
  data: unknown;
  stats: Record<string, number>;
}

/** Judges already-examined bytes: caps and words the issues, decides the status. */
export function judgeFile(file: string, bytes: Buffer | {sha256: string; size: number}, examined: Examined,
  limits: IngestLimits = defaultIngestLimits): PreparedFile {
  const facts = capIssues(examined.ok ? examined.parsed.issues : examined.issues, file, limits.maxIssues);
  const issues = facts.map(toIssue);
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  const status = !examined.ok ? "rejected" : errors + warnings > 0 ? "accepted_with_remarks" : "accepted";
  const id = Buffer.isBuffer(bytes) ? {sha256: sha256(bytes), size: bytes.length} : bytes;
  return {file, ...id, kind: examined.kind?.name ?? null, status, period: examined.ok ? examined.parsed.period ?? null : null,
    issues, errors, warnings, data: examined.ok ? examined.parsed.data : null,
    stats: examined.ok ? examined.parsed.stats ?? {} : {}};
}

/** Guard, read, recognise, parse and judge one file, without the database (runs in a worker too). */
export async function prepareFile(file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<PreparedFile> {
  const examined = await examineFile(file, bytes, options, limits);
  try {
    return judgeFile(file, bytes, examined, limits);
  } catch (e) {
    return judgeFile(file, bytes, parseFailed(file, e), limits);
  }
}

/** The live upload holding exactly these bytes, if any (same SHA-256, not rejected, not undone). */
async function loadedByHash(conn: DuckDBConnection, hash: string) {
  return one<{upload_id: number; kind: string; period: string | null}>(conn,
    `SELECT upload_id, kind, period FROM uploads
     WHERE sha256 = $h AND status <> 'rejected' AND undone_at IS NULL ORDER BY upload_id DESC LIMIT 1`, {h: hash});
}

function alreadyLoaded(file: string, hash: string, loaded: {upload_id: number; kind: string; period: string | null}): FileOutcome {
  return {file, sha256: hash, status: "already_loaded", kind: loaded.kind, period: loaded.period, uploadId: null,
    sameAs: loaded.upload_id, replaces: [], stats: {}, issues: []};
}

/** The outcome for bytes already loaded, without parsing them again; null when they are new. */
export async function findLoaded(store: Store, file: string, hash: string): Promise<FileOutcome | null> {
  const loaded = await store.read((c) => loadedByHash(c, hash));
  return loaded ? alreadyLoaded(file, hash, loaded) : null;
}

export interface StoreHooks {
  /** Runs inside the file's transaction after its rows went in (the server links the stored original). */
  afterStore?: (conn: DuckDBConnection, outcome: FileOutcome) => Promise<void>;
}

/**
 * Stores a prepared file in one transaction: its upload record, its data (unless rejected), its
 * issues and which earlier uploads it replaces. The hash is checked again inside the transaction,
 * so two concurrent uploads of the same bytes store it once.
 */
export async function storePrepared(store: Store, prepared: PreparedFile, hooks: StoreHooks = {}): Promise<FileOutcome> {
  const {file, sha256: hash, status, period} = prepared;
  const kind = prepared.kind === null ? null : fileKinds.find((k) => k.name === prepared.kind);
  if (kind === undefined) throw new Error(`unknown file kind ${prepared.kind}`);
  return store.write(async (conn) => {
    // The record goes in only when no live upload holds the same bytes (a rejected file is
    // recorded each time it is sent): one statement, as statements are most of a file's cost.
    const row = await one<{upload_id: number}>(conn,
      `INSERT INTO uploads (file_name, sha256, size_bytes, kind, period, status, errors, warnings)
       SELECT $f, $h, $s, $k, $p, $st, $e, $w
       WHERE $st = 'rejected' OR NOT EXISTS (
         SELECT 1 FROM uploads WHERE sha256 = $h AND status <> 'rejected' AND undone_at IS NULL)
       RETURNING upload_id`,
      {f: file, h: hash, s: prepared.size, k: prepared.kind, p: period, st: status, e: prepared.errors, w: prepared.warnings});
    if (!row) {
      const loaded = await loadedByHash(conn, hash);
      if (loaded) return alreadyLoaded(file, hash, loaded);
      throw new Error("upload record was not written");
    }
    const uploadId = row.upload_id;
    let schoolIds = new Map<string, number>();
    let replaces: number[] = [];
    let issues = prepared.issues;
    let finalStatus = status;
    if (status !== "rejected" && kind) {
      const stored = await kind.store(conn, prepared.data, {uploadId, file});
      if (stored?.schoolIds) schoolIds = stored.schoolIds;
      if (stored?.replaces) replaces = [...new Set(stored.replaces)].sort((a, b) => a - b);
      if (stored?.issues?.length) {
        // What only the database could tell: recount and, if needed, correct the upload's record.
        issues = [...issues, ...stored.issues.map(toIssue)];
        const errors = issues.filter((i) => i.severity === "error").length;
        const warnings = issues.filter((i) => i.severity === "warning").length;
        finalStatus = errors + warnings > 0 ? "accepted_with_remarks" : "accepted";
        await conn.run("UPDATE uploads SET status = $st, errors = $e, warnings = $w WHERE upload_id = $u",
          {st: finalStatus, e: errors, w: warnings, u: uploadId});
      }
    }
    await insertIssues(conn, uploadId, issues, schoolIds, period);
    for (const replaced of replaces) {
      await conn.run("INSERT INTO upload_replaces (upload_id, replaced_upload_id) VALUES ($u, $r)", {u: uploadId, r: replaced});
    }
    const outcome: FileOutcome = {file, sha256: hash, status: finalStatus, kind: prepared.kind, period, uploadId, replaces,
      stats: prepared.stats, issues};
    if (hooks.afterStore) await hooks.afterStore(conn, outcome);
    return outcome;
  });
}

/**
 * Ingests one file's bytes: all of it in one transaction, or (rejected) only its record and issues.
 * The settings are the caller's (loaded once per batch); without them, the store's effective ones.
 * A failure while storing the file's data becomes a rejected outcome (`file/parse-failed`).
 */
export async function ingestBytes(store: Store, file: string, bytes: Buffer,
  options: IngestOptions = {}, limits: IngestLimits = defaultIngestLimits): Promise<FileOutcome> {
  const settings = options.settings ?? (await loadSettings(store)).settings;
  // Bytes already loaded are found inside the transaction (storePrepared): parsing a small file
  // costs less than a separate look-up before it.
  const prepared = await prepareFile(file, bytes, {...options, settings}, limits);
  try {
    return await storePrepared(store, prepared);
  } catch (e) {
    if (prepared.status === "rejected") throw e;
    return storePrepared(store, judgeFile(file, bytes, parseFailed(file, e), limits));
  }
}
