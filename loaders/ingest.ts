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

export async function examineFile(file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<Examined> {
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
  let best: FileKind | null = null, bestScore = 0;
  for (const kind of fileKinds) {
    const score = kind.detect(workbook);
    if (score > bestScore) { best = kind; bestScore = score; }
  }
  if (!best || bestScore < 0.3) {
    return {ok: false, kind: null, issues: [{severity: "error", kind: "file/unknown-format", file,
      details: {sheets: workbook.sheets.map((s) => s.name), kinds: fileKinds.map((k) => k.label)}}]};
  }
  const parsed = best.parse(workbook, {...options, file});
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

/** Ingests one file's bytes: all of it in one transaction, or (rejected) only its record and issues. */
export async function ingestBytes(store: Store, file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<FileOutcome> {
  const hash = sha256(bytes);
  const loaded = await store.read((c) => one<{upload_id: number; kind: string; period: string | null}>(c,
    `SELECT upload_id, kind, period FROM uploads
     WHERE sha256 = $h AND status <> 'rejected' AND undone_at IS NULL ORDER BY upload_id DESC LIMIT 1`, {h: hash}));
  if (loaded) {
    return {file, sha256: hash, status: "already_loaded", kind: loaded.kind, period: loaded.period, uploadId: null,
      sameAs: loaded.upload_id, replaces: [], stats: {}, issues: []};
  }
  const examined = await examineFile(file, bytes, options, limits);
  const facts = capIssues(examined.ok ? examined.parsed.issues : examined.issues, file, limits.maxIssues);
  const issues = facts.map(toIssue);
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  const status: FileStatus = !examined.ok ? "rejected" : errors + warnings > 0 ? "accepted_with_remarks" : "accepted";
  const period = examined.ok ? examined.parsed.period ?? null : null;
  const kindName = examined.kind?.name ?? null;
  return store.write(async (conn) => {
    const row = await one<{upload_id: number}>(conn,
      `INSERT INTO uploads (file_name, sha256, size_bytes, kind, period, status, errors, warnings)
       VALUES ($f, $h, $s, $k, $p, $st, $e, $w) RETURNING upload_id`,
      {f: file, h: hash, s: bytes.length, k: kindName, p: period, st: status, e: errors, w: warnings});
    const uploadId = row!.upload_id;
    let schoolIds = new Map<string, number>();
    let replaces: number[] = [];
    if (examined.ok) {
      const stored = await examined.kind.store(conn, examined.parsed.data, {uploadId, file});
      if (stored?.schoolIds) schoolIds = stored.schoolIds;
      if (stored?.replaces) replaces = stored.replaces;
    }
    await insertIssues(conn, uploadId, issues, schoolIds, period);
    return {file, sha256: hash, status, kind: kindName, period, uploadId, replaces,
      stats: examined.ok ? examined.parsed.stats ?? {} : {}, issues};
  });
}
