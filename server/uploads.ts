// Receiving files (issue 8 §2, §4; issue 13): a multipart body read with busboy under limits — size
// per file counted while it streams, files per request —; each file answered from what the server
// already knows about its bytes (loaded, or rejected before under the same options), or parsed in a
// child process when admission control gives its sender a turn, its original kept only if accepted,
// and stored through the write queue (group commit). Every file gets its own outcome: a failure of
// one never turns the answer for the others into an error.
import type {IncomingMessage} from "node:http";
import busboy from "busboy";
import {alreadyLoaded, sha256, type FileOutcome} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";
import {toIssue} from "../loaders/messages/index.ts";
import type {App} from "./appContext.ts";
import {optionsKey, rejectedOutcome} from "./knownBytes.ts";
import {keepOriginal, removeOriginal} from "./originals.ts";
import type {ChildFailure} from "./parseSupervisor.ts";
import {safeDisplayName} from "./security.ts";
import {HttpError, type StallLimits} from "./http.ts";
import {fileKinds} from "../loaders/kinds.ts";
import {uploadWithinScope, type UploadScope} from "./scope.ts";
import type {Uploader} from "./auth/service.ts";

export interface UploadLimits {
  /** Bytes per file (default 10 MB), counted while the body streams. */
  maxFileBytes: number;
  /** Files per request. */
  maxFiles: number;
  /** A body slower than this is cut (server/http.ts cutStalledBody; default defaultStall). */
  stall?: StallLimits;
}

export const defaultUploadLimits: UploadLimits = {maxFileBytes: 10 * 1024 * 1024, maxFiles: 100};

/** One file's answer: the ingest outcome, and how long the server spent on it. */
export interface UploadResult extends FileOutcome {
  ms: number;
}

/** A file refused before parsing (too large, one too many): answered, never stored. */
function refused(file: string, kind: "upload/too-large" | "upload/too-many-files", details: {limit: number}): UploadResult {
  const issue = toIssue({severity: "error", kind, file, details});
  return {file, sha256: "", status: "rejected", kind: null, period: null, uploadId: null, replaces: [], stats: {}, issues: [issue], ms: 0};
}

/** Rejections that say something lasting about the bytes (not about the server at that moment). */
const LASTING: ReadonlySet<ChildFailure | null> = new Set<ChildFailure | null>([null, "timeout", "memory", "error"]);

interface FileJob {
  file: string;
  bytes: Buffer;
  hash: string;
  /** Resolves when the file sent before this one has joined the write queue (or needed not to). */
  turn: Promise<void>;
  /** Lets the file sent after this one join the write queue. */
  passTurn: () => void;
  /** Announced to the write queue and not yet submitted to it. */
  expected: boolean;
  /** The sender as the audit log records it (null: not audited with the file). */
  auditAs: Uploader | null;
}

/**
 * What a school's own account may send (issue 16 §4): the kinds of file (loaders/kinds.ts names) and
 * the scope the bytes of a live upload must belong to before it is answered «already loaded».
 */
export interface UploadPolicy {
  kinds: ReadonlySet<string>;
  /** Russian names for the refusal: of the kinds allowed («квартальный отчёт по формам 1–5»). */
  allowedLabel: string;
  scope: UploadScope;
}

/** A file of a kind the uploader may not send: answered, never stored. */
function kindRefused(file: string, hash: string, kind: string, policy: UploadPolicy): FileOutcome {
  const label = fileKinds.find((k) => k.name === kind)?.label ?? kind;
  const issue = toIssue({severity: "error", kind: "upload/kind-not-allowed", file, details: {label, allowed: policy.allowedLabel}});
  return {file, sha256: hash, status: "rejected", kind, period: null, uploadId: null, replaces: [], stats: {}, issues: [issue]};
}

/** Answers one file: from what is known about its bytes, or parsed and stored. */
async function answer(app: App, sender: string, job: FileJob, options: IngestOptions, batchId: string | null,
  policy: UploadPolicy | null): Promise<FileOutcome> {
  const {file, bytes, hash} = job;
  const live = app.known.liveUpload(hash);
  // Bytes already loaded are answered from the database only when every school they speak about is
  // in the uploader's scope; otherwise they are parsed again (and refused for naming another school).
  if (live && (!policy || await uploadWithinScope(app.store, live.uploadId, policy.scope))) {
    return alreadyLoaded(file, hash, {upload_id: live.uploadId, kind: live.kind, period: live.period});
  }
  const key = optionsKey(options, app.parsers.version);
  const before = app.known.rejectedUpload(hash, key);
  if (before !== undefined) {
    const again = await rejectedOutcome(app.store, file, hash, before);
    if (again) return again;
  }
  const {prepared, failure} = await app.admission.run(sender, () => app.parsers.parse(file, bytes, options));
  await job.turn;
  if (policy && prepared.kind !== null && !policy.kinds.has(prepared.kind)) return kindRefused(file, hash, prepared.kind, policy);
  if (failure === "unavailable") {
    // The server could not parse at all: nothing is stored or remembered, the sender may retry.
    return {file, sha256: hash, status: "rejected", kind: null, period: null, uploadId: null, replaces: [], stats: {}, issues: prepared.issues};
  }
  // The original is kept (with its hash in uploads) under a name the sender has no say in — only
  // if the file is accepted: a rejected file's bytes are never written.
  const storedName = prepared.status !== "rejected" ? await keepOriginal(app.originals.dir, bytes, prepared.format ?? null) : null;
  const stored = app.storeQueue.submit({prepared, storedName, batchId, rememberUnder: prepared.status === "rejected" && LASTING.has(failure) ? key : null,
    auditAs: job.auditAs},
    job.expected);
  job.expected = false;
  job.passTurn();
  try {
    const outcome = await stored;
    if (storedName && outcome.uploadId === null) removeOriginal(app.originals.dir, storedName);
    return outcome;
  } catch (e) {
    if (storedName) removeOriginal(app.originals.dir, storedName);
    throw e;
  }
}

/** Answers one received file; never throws (an unexpected failure is this file's outcome). */
export async function acceptFile(app: App, sender: string, job: FileJob, options: IngestOptions, batchId: string | null,
  policy: UploadPolicy | null = null): Promise<UploadResult> {
  const started = performance.now();
  let outcome: FileOutcome;
  app.storeQueue.expect();
  job.expected = true;
  try {
    outcome = await answer(app, sender, job, options, batchId, policy);
  } catch (e) {
    app.log(`ошибка при сохранении файла: ${e instanceof Error ? e.name : "?"}`);
    outcome = {file: job.file, sha256: job.hash, status: "rejected", kind: null, period: null, uploadId: null, replaces: [], stats: {},
      issues: [toIssue({severity: "error", kind: "file/store-failed", file: job.file})]};
  } finally {
    if (job.expected) app.storeQueue.unexpect();
    job.expected = false;
    // A file answered without storing passes its turn too (after its own, so the order holds).
    void job.turn.then(job.passTurn);
  }
  const ms = Math.round(performance.now() - started);
  // No file names in the log: a name can hold a person's surname.
  app.log(`загрузка ${outcome.uploadId ?? (outcome.sameAs ? `=${outcome.sameAs}` : "—")}: ${outcome.status}, ${outcome.kind ?? "вид не распознан"}, ` +
    `${Math.ceil(job.bytes.length / 1024)} КБ, ${job.hash.slice(0, 12)}, ${ms} мс`);
  return {...outcome, ms};
}

/**
 * Reads a multipart request and answers every file in it, in the order they came. At most
 * `maxHeld` bytes of its files are held at once: past that, reading the body pauses until earlier
 * files are answered (so a long request holds two files' worth, not its whole body). A file stored
 * gets its audit event (as `auditAs`) in its own transaction; the caller records the others.
 */
export function receiveUploads(app: App, req: IncomingMessage, sender: string, options: IngestOptions,
  batchId: string | null, maxHeld = Infinity, policy: UploadPolicy | null = null, auditAs: Uploader | null = null): Promise<UploadResult[]> {
  const limits = app.uploadLimits;
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // One byte over the limit tells a file of exactly the limit (accepted) from a larger one.
      bb = busboy({headers: req.headers, defParamCharset: "utf8",
        limits: {fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 20, fieldSize: 2048, parts: limits.maxFiles + 20,
          headerPairs: 100}});
    } catch {
      reject(new HttpError(400, "Ожидалась форма с файлами (multipart/form-data)."));
      return;
    }
    const results: Array<Promise<UploadResult>> = [];
    let extra = 0;
    // Files of one request join the write queue in the order they were sent (a correction after
    // the file it corrects), though they are parsed side by side.
    let previous: Promise<void> = Promise.resolve();
    let held = 0;
    const paused = new Set<NodeJS.ReadableStream>();
    const releaseBytes = (n: number) => {
      held -= n;
      if (held <= maxHeld) for (const s of paused) { paused.delete(s); s.resume(); }
    };
    bb.on("file", (_field, stream, info) => {
      const name = safeDisplayName(info.filename);
      const chunks: Buffer[] = [];
      let tooLarge = false;
      let passTurn!: () => void;
      const turn = previous;
      previous = new Promise<void>((r) => { passTurn = r; });
      let mine = 0;
      stream.on("data", (c: Buffer) => {
        if (tooLarge) return;
        chunks.push(c);
        mine += c.length;
        held += c.length;
        if (held > maxHeld) { stream.pause(); paused.add(stream); }
      });
      stream.on("limit", () => { tooLarge = true; chunks.length = 0; releaseBytes(mine); mine = 0; });
      // A form that ends inside a file destroys that file's stream with an error: unheard, it would
      // take the whole server down (one 200-byte request did). The form's own error answers it.
      stream.on("error", () => { chunks.length = 0; releaseBytes(mine); mine = 0; });
      results.push(new Promise((done) => {
        stream.on("end", () => {
          if (tooLarge) {
            void turn.then(passTurn);
            done(refused(name, "upload/too-large", {limit: limits.maxFileBytes}));
            return;
          }
          const bytes = Buffer.concat(chunks);
          chunks.length = 0;
          const answered = acceptFile(app, sender, {file: name, bytes, hash: sha256(bytes), turn, passTurn, expected: false, auditAs}, options, batchId, policy);
          void answered.finally(() => releaseBytes(mine));
          done(answered);
        });
      }));
    });
    bb.on("filesLimit", () => { extra++; });
    // Past the parts' or fields' limit busboy reads no further part: files after them were never
    // answered at all (10,000 fields before a file gave `files: []`).
    bb.on("partsLimit", () => { extra++; });
    bb.on("fieldsLimit", () => { extra++; });
    bb.on("error", () => reject(new HttpError(400, "Запрос с файлами передан не полностью или повреждён.")));
    bb.on("close", () => {
      Promise.all(results).then((r) => {
        if (extra) r.push(refused("(остальные файлы)", "upload/too-many-files", {limit: limits.maxFiles}));
        resolve(r);
      }, reject);
    });
    // A sender gone before its body ended (closed tab, lost network, the server's request timeout)
    // ends the form: else the request never settles and its admission reserve is never given back.
    req.once("close", () => { if (!req.complete) bb.destroy(new Error("request aborted")); });
    req.pipe(bb);
  });
}
