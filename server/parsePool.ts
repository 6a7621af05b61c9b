// Parsing in worker threads (RELIABILITY.md «exceljs with hostile input»: «ideally in a worker with
// memory and time limits»): a few long-lived workers, each with a V8 heap limit; a file that runs
// past its time is stopped by terminating its worker, a file that exhausts the heap kills only its
// worker. Either way the file becomes a rejected outcome and a fresh worker takes the place.
import {readFile} from "node:fs/promises";
import {createHash} from "node:crypto";
import {existsSync, renameSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {Worker} from "node:worker_threads";
import {judgeFile, sha256, type IngestLimits, type PreparedFile} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";
import type {IssueFacts} from "../loaders/issues.ts";

export interface ParsePoolOptions {
  /** Worker threads kept alive (2 cores: 2). */
  size: number;
  /** A file taking longer than this is refused and its worker terminated. */
  timeoutMs: number;
  /** V8 old-generation heap of each worker, MB. */
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
  limits: IngestLimits;
}

interface Job {
  id: number;
  file: string;
  bytes: Buffer;
  options: IngestOptions;
  resolve: (p: PreparedFile) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

type Reply = {ready: true} | {id: number; ok: true; prepared: PreparedFile} | {id: number; ok: false; error: string};

const SOURCE = fileURLToPath(new URL("./parseWorker.ts", import.meta.url));
const TSX_ENTRY = new URL("./parseWorker.mjs", import.meta.url);
let bundled: Promise<URL> | null = null;

/**
 * The worker as one plain JavaScript file, bundled once per process with esbuild: a worker that had
 * to load TypeScript through tsx would cost ~50 MB and ~2 s more to start. DuckDB is left out (a
 * worker never touches the database), and each module's import.meta.url is kept as its own, so
 * config files are found where the sources say. Falls back to the tsx entry if bundling fails.
 */
export function workerEntry(): Promise<URL> {
  bundled ??= (async () => {
    try {
      const {build} = await import("esbuild");
      const out = await build({entryPoints: [SOURCE], bundle: true, platform: "node", format: "esm", target: "node20", write: false,
        logLevel: "silent", banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
        plugins: [{name: "worker", setup(b) {
          b.onResolve({filter: /^@duckdb\/node-api$/}, () => ({path: "duckdb", namespace: "stub"}));
          b.onLoad({filter: /.*/, namespace: "stub"}, () => ({contents: "module.exports = {};", loader: "js"}));
          b.onLoad({filter: /\.ts$/}, async (a) => ({loader: "ts",
            contents: (await readFile(a.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(a.path).href))}));
        }}]});
      // Named by its content: every process with the same sources shares one file, none is left behind.
      const code = out.outputFiles[0]!.contents;
      const file = join(tmpdir(), `mentoring-parse-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
      if (!existsSync(file)) {
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, code);
        renameSync(partial, file);
      }
      return pathToFileURL(file);
    } catch {
      return TSX_ENTRY;
    }
  })();
  return bundled;
}

export class ParsePool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  /** Workers replaced after a timeout or a crash (for tests and the status page). */
  restarts = 0;

  private constructor(private readonly options: ParsePoolOptions, private readonly entry: URL) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  static async create(options: ParsePoolOptions): Promise<ParsePool> {
    return new ParsePool(options, await workerEntry());
  }

  /** Examines one file in a worker; never rejects: every failure is a rejected PreparedFile. */
  parse(file: string, bytes: Buffer, options: IngestOptions = {}): Promise<PreparedFile> {
    if (this.startFailures >= 3) return Promise.resolve(failed({id: 0, file, bytes, options, resolve: () => undefined}, {reason: "error"}));
    if (this.closed) return Promise.reject(new Error("parse pool is closed"));
    return new Promise((resolve) => {
      this.queue.push({id: this.nextId++, file, bytes, options, resolve});
      this.pump();
    });
  }

  /** Resolves when every worker has started (the first start compiles the TypeScript: ~2 s). */
  async warm(): Promise<void> {
    while (!this.slots.every((s) => s.ready) && this.startFailures < 3) await new Promise((r) => setTimeout(r, 20));
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => {
      if (s.timer) clearTimeout(s.timer);
      return s.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, {
      resourceLimits: {maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb},
      stdout: false, stderr: false
    });
    const slot: Slot = {worker, ready: false, job: null, timer: null};
    worker.on("message", (m: Reply) => {
      if ("ready" in m) {
        slot.ready = true;
        this.startFailures = 0;
      } else if (slot.job && m.id === slot.job.id) {
        const job = slot.job;
        this.finish(slot);
        job.resolve(m.ok ? m.prepared : failed(job, {reason: "error"}));
      }
      this.pump();
    });
    // ERR_WORKER_OUT_OF_MEMORY and any other death: the file in hand is refused, a new worker starts.
    worker.on("error", () => undefined);
    worker.on("exit", () => {
      // A worker that dies before it is ready will not do better next time: after three in a row
      // the pool stops respawning and refuses files instead of looping.
      this.startFailures = slot.ready ? 0 : this.startFailures + 1;
      if (this.startFailures >= 3) {
        this.closed = true;
        for (const job of this.queue.splice(0)) job.resolve(failed(job, {reason: "error"}));
      }
      this.replace(slot, {reason: "memory"});
    });
    return slot;
  }

  private replace(slot: Slot, why: {reason: "memory" | "error"} | {seconds: number}): void {
    const job = slot.job;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    if (this.closed) { this.slots.splice(i, 1); return; }
    this.restarts++;
    this.slots[i] = this.spawn();
    if (job) job.resolve(failed(job, why));
    this.pump();
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        // Replace first so the exit event finds the slot gone and does not report it twice.
        const i = this.slots.indexOf(slot);
        this.finish(slot);
        if (i >= 0) {
          this.restarts++;
          this.slots[i] = this.spawn();
        }
        void slot.worker.terminate();
        job.resolve(failed(job, {seconds: Math.round(this.options.timeoutMs / 100) / 10}));
        this.pump();
      }, this.options.timeoutMs);
      slot.worker.postMessage({id: job.id, file: job.file, bytes: new Uint8Array(job.bytes), options: job.options,
        limits: this.options.limits});
    }
  }
}

function failed(job: Job, why: {reason: "memory" | "error"} | {seconds: number}): PreparedFile {
  const facts: IssueFacts = "seconds" in why
    ? {severity: "error", kind: "file/parse-timeout", file: job.file, details: why}
    : {severity: "error", kind: "file/parse-failed", file: job.file, details: why};
  return judgeFile(job.file, {sha256: sha256(job.bytes), size: job.bytes.length}, {ok: false, kind: null, issues: [facts]});
}
