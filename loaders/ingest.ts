// One file in, one transaction: guard → read → recognise → parse → store with its issues.
// Bad input never throws past here; it becomes a rejected outcome with issues.
import {createHash} from "node:crypto";
import {listValue, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import {allPrepared, type Row, type Store} from "../store/database.ts";
import type {Claims, FileKind, IngestOptions, Parsed, Stored} from "./fileKind.ts";
import {storeClaims} from "../store/directory.ts";
import type {Issue, IssueFacts} from "./issues.ts";
import {fileKinds} from "./kinds.ts";
import {outsideScope} from "./ownScope.ts";
import {toIssue} from "./messages/index.ts";
import {defaultZipLimits, type ZipLimits} from "./xlsx/zipGuard.ts";
import {defaultReadLimits, type ReadLimits} from "./xlsx/sheetBuilder.ts";
import type {CfbLimits} from "./formats/cfb.ts";
import {readSpreadsheet, type SpreadsheetFormat} from "./formats/readSpreadsheet.ts";
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
  /** The OLE/CFB guard of .xls files (defaults when absent). */
  cfb?: CfbLimits;
  /** Issues stored per file; past it one summary issue says how many more there were. */
  maxIssues: number;
  /** Bytes of issue text stored per file (messages, values …); past it the same summary issue. */
  maxIssueBytes?: number;
}

export const defaultIngestLimits: IngestLimits = {zip: defaultZipLimits, read: defaultReadLimits, maxIssues: 2000,
  maxIssueBytes: 1024 * 1024};

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * What a file's bytes hold, without touching the database: the parse step of ingestion. `format`
 * is the spreadsheet format found in the bytes (null when they are none we read).
 */
export type Examined =
  | {ok: true; kind: FileKind; parsed: Parsed<unknown>; format?: SpreadsheetFormat | null}
  | {ok: false; kind: FileKind | null; issues: IssueFacts[]; format?: SpreadsheetFormat | null; claims?: Claims};

/** What a file refused before parsing was for: only what was chosen at upload. */
function claimsOfOptions(options: IngestOptions): Claims {
  return {period: options.period ?? null, schools: options.school ? [options.school] : []};
}

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

/** Detects the format from the bytes, reads the cells (.xlsx, .xlsm, .xls, .ods, .csv) and parses them. */
export async function examineFile(file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<Examined> {
  try {
    return await examineBytes(file, bytes, options, limits);
  } catch (e) {
    return parseFailed(file, e);
  }
}

async function examineBytes(file: string, bytes: Buffer, options: IngestOptions, limits: IngestLimits): Promise<Examined> {
  const read = readSpreadsheet(file, bytes, limits);
  if (!read.ok) {
    const r = read.refusal;
    const sheet = "details" in r && "sheet" in r.details && r.details.sheet !== "" ? r.details.sheet : null;
    // The readers' refusals are `file/*` issue kinds with the registry's details (a refusal without
    // details keeps an empty object, as before).
    return {ok: false, kind: null, format: read.format, issues: [{severity: "error", file, sheet, details: {}, ...r}],
      claims: claimsOfOptions(options)};
  }
  return {...examineWorkbook(file, read.workbook, options), format: read.format};
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
      details: {sheets: workbook.sheets.map((s) => s.name), kinds: fileKinds.map((k) => k.label)}}], claims: claimsOfOptions(options)};
  }
  const parsed = best.parse(workbook, context);
  const outside = parsed.rejected ? null : outsideScope(best, parsed, context);
  // A school's refused file is linked to her school (her history lists it), counting against no quarter.
  if (outside) {
    const lock = context.scopeLock!;
    return {ok: false, kind: best, issues: [outside], claims: {period: null, noPeriod: true,
      schools: lock.level === "school" ? [{municipality: lock.municipality, name: lock.name}] : []}};
  }
  if (parsed.rejected) {
    const own = parsed.claims, given = claimsOfOptions(options);
    return {ok: false, kind: best, issues: parsed.issues,
      claims: {period: own?.noPeriod ? null : own?.period ?? given.period, schools: own?.schools.length ? own.schools : given.schools,
        ...(own?.noPeriod ? {noPeriod: true} : {})}};
  }
  return {ok: true, kind: best, parsed};
}

/** Bytes an issue takes (its texts as UTF-8): what the per-file byte cap counts. */
function issueBytes(i: Issue): number {
  let n = 64;
  for (const t of [i.message, i.value, i.expected, i.sheet, i.school, i.cell, i.file, i.kind]) if (t) n += Buffer.byteLength(t);
  return n;
}

/**
 * Words a file's issues and bounds them (issue 13 §2): at most `limits.maxIssues` issues and
 * `limits.maxIssueBytes` bytes of them per file; past either, one summary issue says how many there
 * were. `spent` is what earlier issues of the same file already took.
 */
export function capIssues(facts: IssueFacts[], file: string, limits: Pick<IngestLimits, "maxIssues" | "maxIssueBytes">,
  spent: {count: number; bytes: number} = {count: 0, bytes: 0}): Issue[] {
  const out: Issue[] = [];
  let bytes = spent.bytes;
  const maxBytes = limits.maxIssueBytes ?? Infinity;
  for (const f of facts) {
    if (spent.count + out.length >= limits.maxIssues) break;
    const issue = toIssue(f);
    const size = issueBytes(issue);
    if (bytes + size > maxBytes && spent.count + out.length > 0) break;
    out.push(issue);
    bytes += size;
  }
  if (out.length < facts.length) {
    out.push(toIssue({severity: "warning", kind: "file/too-many-issues", file,
      details: {shown: spent.count + out.length, total: spent.count + facts.length}}));
  }
  return out;
}

/** Appends the issues of several uploads with one appender. */
async function insertIssues(conn: DuckDBConnection,
  uploads: Array<{uploadId: number; issues: Issue[]; schoolIds: Map<string, number>; period: string | null}>): Promise<void> {
  if (!uploads.some((u) => u.issues.length)) return;
  const appender = await conn.createAppender("issues");
  for (const {uploadId, issues, schoolIds, period} of uploads) {
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
  }
  appender.closeSync();
}

/**
 * A file examined and judged, ready to be stored. Plain data only (structured-clonable), so the
 * parsing can run in a parse child process and the storing in the process that owns the database.
 */
export interface PreparedFile {
  file: string;
  sha256: string;
  size: number;
  /** FileKind.name of the recognised kind; null when rejected before recognition. */
  kind: string | null;
  /** The spreadsheet format found in the bytes (xlsx, ods, xls, csv); null when none we read. */
  format?: SpreadsheetFormat | null;
  status: Exclude<FileStatus, "already_loaded">;
  period: string | null;
  issues: Issue[];
  errors: number;
  warnings: number;
  /** The kind's parsed data (only when not rejected). */
  data: unknown;
  /** For a rejected file: the period and schools it was for, when known (issue 11 §2). */
  claims?: Claims | null;
  stats: Record<string, number>;
}

/** Judges already-examined bytes: caps and words the issues, decides the status. */
export function judgeFile(file: string, bytes: Buffer | {sha256: string; size: number}, examined: Examined,
  limits: IngestLimits = defaultIngestLimits): PreparedFile {
  const issues = capIssues(examined.ok ? examined.parsed.issues : examined.issues, file, limits);
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  const status = !examined.ok ? "rejected" : errors + warnings > 0 ? "accepted_with_remarks" : "accepted";
  const id = Buffer.isBuffer(bytes) ? {sha256: sha256(bytes), size: bytes.length} : bytes;
  return {file, ...id, kind: examined.kind?.name ?? null, format: examined.format ?? null, status,
    period: examined.ok ? examined.parsed.period ?? null : null,
    issues, errors, warnings, data: examined.ok ? examined.parsed.data : null,
    stats: examined.ok ? examined.parsed.stats ?? {} : {}, claims: examined.ok ? null : examined.claims ?? null};
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

/** A fixed statement of storing, prepared once per connection (store/database.ts allPrepared). */
const run = (conn: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>): Promise<Row[]> => allPrepared(conn, sql, params);

/** A live upload holding some bytes: same SHA-256, not rejected, not undone. */
interface LiveUpload {
  upload_id: number;
  sha256: string;
  kind: string;
  period: string | null;
}

/** The live uploads holding any of these hashes, by hash (the latest for each). */
async function loadedByHashes(conn: DuckDBConnection, hashes: string[]): Promise<Map<string, LiveUpload>> {
  if (!hashes.length) return new Map();
  const rows = await run(conn,
    `SELECT upload_id, sha256, kind, period FROM uploads
     WHERE list_contains($h, sha256) AND status <> 'rejected' AND undone_at IS NULL ORDER BY upload_id`, {h: listValue(hashes)}) as unknown as LiveUpload[];
  return new Map(rows.map((r) => [r.sha256, r]));
}

/** The outcome for bytes a live upload already holds. */
export function alreadyLoaded(file: string, hash: string, loaded: {upload_id: number; kind: string; period: string | null}): FileOutcome {
  return {file, sha256: hash, status: "already_loaded", kind: loaded.kind, period: loaded.period, uploadId: null,
    sameAs: loaded.upload_id, replaces: [], stats: {}, issues: []};
}

export interface StoreHooks {
  /**
   * Runs inside the transaction after every file's rows went in, with the outcomes of the files
   * stored in it (index: the file's place in the batch). The server links kept originals here.
   */
  afterStore?: (conn: DuckDBConnection, stored: Array<{index: number; outcome: FileOutcome}>) => Promise<void>;
  /** Limits for issues a kind's store step adds (defaults: defaultIngestLimits). */
  limits?: Pick<IngestLimits, "maxIssues" | "maxIssueBytes">;
}

/** A file of a batch whose storing failed even in its own transaction: answered, nothing stored. */
function storeFailed(p: PreparedFile): FileOutcome {
  return {file: p.file, sha256: p.sha256, status: "rejected", kind: p.kind, period: p.period, uploadId: null, replaces: [], stats: {},
    issues: [toIssue({severity: "error", kind: "file/store-failed", file: p.file})]};
}

const kindOf = (name: string | null): FileKind | null => {
  if (name === null) return null;
  const kind = fileKinds.find((k) => k.name === name);
  if (!kind) throw new Error(`unknown file kind ${name}`);
  return kind;
};

/**
 * Stores prepared files in one transaction (issue 13 §5): their upload records, data, issues and
 * what each replaces, set-based where the kind allows it (FileKind.storeMany), so a batch costs a
 * dozen statements instead of a dozen per file. Every file is still all-or-nothing: if anything in
 * the batch fails, the batch is rolled back and each file is stored again in a transaction of its
 * own, so one bad file never takes the others with it (a file that fails alone is answered
 * `file/store-failed`, with nothing stored). Outcomes are in the order of `files`. Bytes a live
 * upload already holds (checked inside the transaction, and within the batch) are `already_loaded`.
 */
export async function storeBatch(store: Store, files: PreparedFile[], hooks: StoreHooks = {}): Promise<FileOutcome[]> {
  if (!files.length) return [];
  try {
    return await store.write((conn) => storeInTransaction(conn, files, hooks));
  } catch (e) {
    if (files.length === 1) return [storeFailed(files[0]!)];
    void e;
    const out: FileOutcome[] = [];
    for (const [i, f] of files.entries()) {
      // The hook sees the file's place in the whole batch, as in the batch transaction.
      const own: StoreHooks = {...hooks, afterStore: hooks.afterStore
        && ((conn, stored) => hooks.afterStore!(conn, stored.map((s) => ({...s, index: i}))))};
      try {
        out.push((await store.write((conn) => storeInTransaction(conn, [f], own)))[0]!);
      } catch {
        out.push(storeFailed(f));
      }
    }
    return out;
  }
}

/** Stores one prepared file in its own transaction (a batch of one). */
export async function storePrepared(store: Store, prepared: PreparedFile, hooks: StoreHooks = {}): Promise<FileOutcome> {
  return (await storeBatch(store, [prepared], hooks))[0]!;
}

async function storeInTransaction(conn: DuckDBConnection, files: PreparedFile[], hooks: StoreHooks): Promise<FileOutcome[]> {
  const kinds = files.map((f) => kindOf(f.kind));
  // Which files get a record: rejected ones always (each sending is recorded), others unless live
  // bytes (or an earlier file of this batch) already hold them.
  const live = await loadedByHashes(conn, [...new Set(files.filter((f) => f.status !== "rejected").map((f) => f.sha256))]);
  const outcomes: Array<FileOutcome | null> = files.map(() => null);
  const fresh: number[] = [];
  const firstOf = new Map<string, number>();
  files.forEach((f, i) => {
    const loaded = f.status !== "rejected" ? live.get(f.sha256) : undefined;
    if (loaded) outcomes[i] = alreadyLoaded(f.file, f.sha256, loaded);
    else if (f.status !== "rejected" && firstOf.has(f.sha256)) outcomes[i] = null; // resolved once the first is stored
    else {
      if (f.status !== "rejected") firstOf.set(f.sha256, i);
      fresh.push(i);
    }
  });
  const ids = fresh.length ? (await run(conn,
    "SELECT nextval('upload_id_seq')::INTEGER AS id FROM range($n::BIGINT)", {n: fresh.length})).map((r) => r.id as number).sort((a, b) => a - b) : [];
  const idOf = new Map(fresh.map((i, k) => [i, ids[k]!]));
  const col = <T>(f: (p: PreparedFile) => T) => listValue(fresh.map((i) => f(files[i]!)) as never);
  if (fresh.length) {
    await run(conn, `INSERT INTO uploads (upload_id, file_name, sha256, size_bytes, kind, period, status, errors, warnings)
      SELECT unnest($id::INTEGER[]), unnest($f::VARCHAR[]), unnest($h::VARCHAR[]), unnest($s::BIGINT[]), unnest($k::VARCHAR[]),
             unnest($p::VARCHAR[]), unnest($st::VARCHAR[]), unnest($e::INTEGER[]), unnest($w::INTEGER[])`,
    {id: listValue(ids), f: col((p) => p.file), h: col((p) => p.sha256), s: col((p) => p.size), k: col((p) => p.kind),
      p: col((p) => p.period), st: col((p) => p.status), e: col((p) => p.errors), w: col((p) => p.warnings)});
  }

  // The kinds' rows, in the files' order; consecutive files of a kind with storeMany go in one call.
  const stored = new Map<number, Stored | void>();
  const toStore = fresh.filter((i) => files[i]!.status !== "rejected");
  for (let a = 0; a < toStore.length;) {
    const kind = kinds[toStore[a]!]!;
    let b = a + 1;
    if (kind.storeMany) while (b < toStore.length && kinds[toStore[b]!] === kind) b++;
    const run = toStore.slice(a, b);
    const items = run.map((i) => ({data: files[i]!.data, context: {uploadId: idOf.get(i)!, file: files[i]!.file}}));
    const results = kind.storeMany ? await kind.storeMany(conn, items) : [await kind.store(conn, items[0]!.data, items[0]!.context)];
    run.forEach((i, k) => stored.set(i, results[k]));
    a = b;
  }

  const limits = hooks.limits ?? defaultIngestLimits;
  const issueRows: Array<{uploadId: number; issues: Issue[]; schoolIds: Map<string, number>; period: string | null}> = [];
  const replaceRows: Array<[number, number]> = [];
  const recount: Array<{u: number; st: string; e: number; w: number}> = [];
  for (const i of fresh) {
    const p = files[i]!;
    const uploadId = idOf.get(i)!;
    const s = stored.get(i) || undefined;
    const replaces = s?.replaces ? [...new Set(s.replaces)].sort((x, y) => x - y) : [];
    let issues = p.issues;
    let status: FileOutcome["status"] = p.status;
    if (s?.issues?.length && issues.at(-1)?.kind !== "file/too-many-issues") {
      // What only the database could tell: added within the file's issue budget, the record recounted.
      issues = [...issues, ...capIssues(s.issues, p.file, limits, {count: issues.length, bytes: issues.reduce((n, x) => n + issueBytes(x), 0)})];
      const e = issues.filter((x) => x.severity === "error").length, w = issues.filter((x) => x.severity === "warning").length;
      status = e + w > 0 ? "accepted_with_remarks" : "accepted";
      recount.push({u: uploadId, st: status, e, w});
    }
    issueRows.push({uploadId, issues, schoolIds: s?.schoolIds ?? new Map(), period: p.period});
    for (const r of replaces) replaceRows.push([uploadId, r]);
    outcomes[i] = {file: p.file, sha256: p.sha256, status, kind: p.kind, period: p.period, uploadId, replaces, stats: p.stats, issues};
  }
  // What a refused file was for (its period and schools), so the quarter knows who tried to report.
  for (const i of fresh) {
    const p = files[i]!;
    if (p.status === "rejected" && p.claims) await storeClaims(conn, idOf.get(i)!, p.claims);
  }
  for (const r of recount) {
    await conn.run("UPDATE uploads SET status = $st, errors = $e, warnings = $w WHERE upload_id = $u", r);
  }
  await insertIssues(conn, issueRows);
  if (replaceRows.length) {
    await run(conn, "INSERT INTO upload_replaces (upload_id, replaced_upload_id) SELECT unnest($u::INTEGER[]), unnest($r::INTEGER[])",
      {u: listValue(replaceRows.map((r) => r[0])), r: listValue(replaceRows.map((r) => r[1]))});
  }
  // A later copy of bytes stored earlier in this batch.
  files.forEach((f, i) => {
    if (outcomes[i] === null) {
      const first = outcomes[firstOf.get(f.sha256)!]!;
      outcomes[i] = alreadyLoaded(f.file, f.sha256, {upload_id: first.uploadId!, kind: first.kind!, period: first.period});
    }
  });
  const done = outcomes as FileOutcome[];
  if (hooks.afterStore) await hooks.afterStore(conn, fresh.map((i) => ({index: i, outcome: done[i]!})));
  return done;
}

/**
 * Ingests one file's bytes: all of it in one transaction, or (rejected) only its record and issues.
 * The settings are the caller's (loaded once per batch); without them, the store's effective ones.
 * A failure while storing the file's data becomes a rejected outcome (`file/store-failed`).
 */
export async function ingestBytes(store: Store, file: string, bytes: Buffer, options: IngestOptions = {},
  limits: IngestLimits = defaultIngestLimits): Promise<FileOutcome> {
  const settings = options.settings ?? (await loadSettings(store)).settings;
  // Bytes already loaded are found inside the transaction (storeBatch): parsing a small file
  // costs less than a separate look-up before it.
  return storePrepared(store, await prepareFile(file, bytes, {...options, settings}, limits), {limits});
}

/** A file to ingest: its name as shown, and how to read its bytes. */
export interface IngestSource {
  name: string;
  read(): Promise<Buffer>;
}

export interface IngestFilesOptions {
  limits?: IngestLimits;
  /** Files stored together in one transaction, at most (default 64). */
  batchFiles?: number;
  /** Bytes of files parsed and held before their batch is stored, at most (default 32 MB). */
  batchBytes?: number;
  /** Each file's outcome, in order, as soon as its batch is stored. */
  onOutcome?: (outcome: FileOutcome, index: number) => void;
  /**
   * The effective settings after a settings file of the batch was stored: a settings file applies
   * to the files after it (e.g. new competence areas for diagnostics). Without it, the store's.
   */
  reloadSettings?: () => Promise<Settings>;
}

/**
 * Ingests many files as the command line does (`mentoring ingest folder/`): each is read and
 * parsed in turn, and the parsed files are stored a batch at a time (storeBatch: one transaction
 * per batch, each file still all-or-nothing). An unexpected error while reading or parsing one
 * file becomes that file's outcome (`file/parse-failed`) and the others go on. A settings file is
 * stored before the next file is parsed, and the files after it are read with the new settings.
 */
export async function ingestFiles(store: Store, sources: Iterable<IngestSource> | AsyncIterable<IngestSource>,
  options: IngestOptions = {}, o: IngestFilesOptions = {}): Promise<FileOutcome[]> {
  const limits = o.limits ?? defaultIngestLimits;
  const maxFiles = o.batchFiles ?? 64, maxBytes = o.batchBytes ?? 32 * 1024 * 1024;
  const outcomes: FileOutcome[] = [];
  let opts: IngestOptions = {...options, settings: options.settings ?? (await loadSettings(store)).settings};
  let batch: PreparedFile[] = [], held = 0;
  const flush = async () => {
    const start = outcomes.length;
    for (const [k, outcome] of (await storeBatch(store, batch, {limits})).entries()) {
      outcomes.push(outcome);
      o.onOutcome?.(outcome, start + k);
    }
    batch = [];
    held = 0;
  };
  for await (const source of sources) {
    let prepared: PreparedFile;
    let size = 0;
    let bytes: Buffer;
    try {
      bytes = await source.read();
    } catch (e) {
      // A file that cannot be read from disk (gone, no permission): its own outcome, with the system's code.
      batch.push(judgeFile(source.name, {sha256: "", size: 0}, {ok: false, kind: null,
        issues: [{severity: "error", kind: "file/unreadable", file: source.name, details: {code: (e as NodeJS.ErrnoException).code ?? null}}]}, limits));
      continue;
    }
    try {
      size = bytes.length;
      prepared = await prepareFile(source.name, bytes, opts, limits);
    } catch (e) {
      // A bug met on this file, not bad input: the file is refused, the batch goes on. Its name
      // only: the message may quote a cell.
      prepared = judgeFile(source.name, {sha256: "", size}, {ok: false, kind: null,
        issues: [{severity: "error", kind: "file/parse-failed", file: source.name, details: {reason: "error", error: e instanceof Error ? e.name : "Error"}}]}, limits);
    }
    batch.push(prepared);
    held += size;
    const settingsFile = prepared.kind === "settings" && prepared.status !== "rejected";
    if (settingsFile || batch.length >= maxFiles || held >= maxBytes) await flush();
    if (settingsFile && outcomes.at(-1)?.uploadId != null && outcomes.at(-1)?.status !== "rejected") {
      opts = {...opts, settings: o.reloadSettings ? await o.reloadSettings() : (await loadSettings(store)).settings};
    }
  }
  if (batch.length) await flush();
  return outcomes;
}
