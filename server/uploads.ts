// Receiving files (issue 8 §2, §4): a multipart body read with busboy under limits — size per file
// counted while it streams, files per request —; each file's bytes kept under a generated name in
// a folder that is not served, parsed in a worker, stored in one transaction (the write queue),
// and answered with its outcome and issues.
import {randomUUID} from "node:crypto";
import {mkdirSync} from "node:fs";
import {writeFile} from "node:fs/promises";
import type {IncomingMessage} from "node:http";
import {join} from "node:path";
import busboy from "busboy";
import type {Store} from "../store/database.ts";
import {findLoaded, sha256, storePrepared, type FileOutcome} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";
import {toIssue} from "../loaders/messages/index.ts";
import type {ParsePool} from "./parsePool.ts";
import {safeDisplayName} from "./security.ts";
import {HttpError} from "./http.ts";

export interface UploadLimits {
  /** Bytes per file (default 10 MB), counted while the body streams. */
  maxFileBytes: number;
  /** Files per request. */
  maxFiles: number;
}

export const defaultUploadLimits: UploadLimits = {maxFileBytes: 10 * 1024 * 1024, maxFiles: 100};

export interface UploadContext {
  store: Store;
  pool: ParsePool;
  /** Where originals are kept (data/uploads/): never under a served folder. */
  uploadsDir: string;
  limits: UploadLimits;
  log: (line: string) => void;
}

/** One file's answer: the ingest outcome, and how long the server spent on it. */
export interface UploadResult extends FileOutcome {
  ms: number;
}

/** A file refused before parsing (too large, one too many): answered, never stored. */
function refused(file: string, kind: "upload/too-large" | "upload/too-many-files", details: Record<string, number>): UploadResult {
  const issue = toIssue({severity: "error", kind, file, details});
  return {file, sha256: "", status: "rejected", kind: null, period: null, uploadId: null, replaces: [], stats: {}, issues: [issue], ms: 0};
}

/** Parses, keeps and stores one received file. */
export async function acceptFile(ctx: UploadContext, file: string, bytes: Buffer, options: IngestOptions,
  batchId: string | null): Promise<UploadResult> {
  const started = performance.now();
  const hash = sha256(bytes);
  const loaded = await findLoaded(ctx.store, file, hash);
  let outcome: FileOutcome;
  if (loaded) {
    outcome = loaded;
  } else {
    const prepared = await ctx.pool.parse(file, bytes, options);
    // The original is kept (with its hash in uploads) under a name the sender has no say in.
    const storedName = `${randomUUID()}.xlsx`;
    mkdirSync(ctx.uploadsDir, {recursive: true});
    await writeFile(join(ctx.uploadsDir, storedName), bytes, {flag: "wx"});
    outcome = await storePrepared(ctx.store, prepared, {
      afterStore: (conn, o) => conn.run("INSERT INTO upload_files (upload_id, stored_name, batch_id) VALUES ($u, $s, $b)",
        {u: o.uploadId!, s: storedName, b: batchId}).then(() => undefined)
    });
  }
  const ms = Math.round(performance.now() - started);
  // No file names in the log: a name can hold a person's surname.
  ctx.log(`загрузка ${outcome.uploadId ?? (outcome.sameAs ? `=${outcome.sameAs}` : "—")}: ${outcome.status}, ${outcome.kind ?? "вид не распознан"}, ` +
    `${Math.ceil(bytes.length / 1024)} КБ, ${hash.slice(0, 12)}, ${ms} мс`);
  return {...outcome, ms};
}

/** Reads a multipart request and answers every file in it, in the order they came. */
export function receiveUploads(ctx: UploadContext, req: IncomingMessage, options: IngestOptions,
  batchId: string | null): Promise<UploadResult[]> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({headers: req.headers, defParamCharset: "utf8",
        limits: {fileSize: ctx.limits.maxFileBytes, files: ctx.limits.maxFiles, fields: 20, fieldSize: 2048, parts: ctx.limits.maxFiles + 20,
          headerPairs: 100}});
    } catch {
      reject(new HttpError(400, "Ожидалась форма с файлами (multipart/form-data)."));
      return;
    }
    const results: Array<Promise<UploadResult>> = [];
    let extra = 0;
    bb.on("file", (_field, stream, info) => {
      const name = safeDisplayName(info.filename);
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on("data", (c: Buffer) => { if (!tooLarge) chunks.push(c); });
      stream.on("limit", () => { tooLarge = true; chunks.length = 0; });
      results.push(new Promise((done) => {
        stream.on("end", () => {
          if (tooLarge) {
            done(refused(name, "upload/too-large", {limit: ctx.limits.maxFileBytes}));
            return;
          }
          done(acceptFile(ctx, name, Buffer.concat(chunks), options, batchId));
        });
      }));
    });
    bb.on("filesLimit", () => { extra++; });
    bb.on("error", () => reject(new HttpError(400, "Запрос с файлами передан не полностью или повреждён.")));
    bb.on("close", () => {
      Promise.all(results).then((r) => {
        if (extra) r.push(refused("(остальные файлы)", "upload/too-many-files", {limit: ctx.limits.maxFiles}));
        resolve(r);
      }, reject);
    });
    req.pipe(bb);
  });
}
