// Parsing in child processes under a supervisor (issue 13 §1, §4). A worker thread's memory limit
// does not contain every out-of-memory (RELIABILITY.md; Node.js #47224): one merged range
// A1:XFD1048576 took the whole server down. So each file is parsed in a separate process that has
//   - V8 heap limits (--max-old-space-size, --max-semi-space-size),
//   - an OS limit on its writable memory (RLIMIT_DATA, set by `ulimit -d` in /bin/sh before exec:
//     unlike RLIMIT_AS it does not count the large address ranges V8 only reserves), and
//   - the supervisor watching its resident size in /proc while it holds a file (SIGKILL past a bound),
// and a time limit. A child that dies for any reason is replaced, and the file it held is answered
// as rejected («слишком сложен для разбора»). A child that dies before it is ready three times in a
// row stops the respawning for a while instead of looping.
//
// The child's script comes from the installed package: server/parseChild.ts bundled by esbuild into
// a private folder created at start (fs.mkdtemp, mode 0700) and removed at close, or, if bundling
// is not possible, the repository's file run with `node --import tsx`. Nothing is ever executed
// because it happens to exist at a predictable path.
import {spawn, type ChildProcess} from "node:child_process";
import {createHash} from "node:crypto";
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {judgeFile, sha256, type IngestLimits, type PreparedFile} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";
import type {IssueFacts} from "../loaders/issues.ts";
import type {ParseReply, ParseRequest} from "./parseChild.ts";

export interface SupervisorOptions {
  /** Children kept ready (2 cores: 2). */
  size: number;
  /** Children at most: extra ones start when every ready child holds a file, and stop when idle. */
  max?: number;
  /** A file taking longer than this is refused and its child killed. */
  timeoutMs: number;
  /** V8 old-generation heap of a child, MB. */
  heapMb: number;
  /** V8 semi-space (young generation half), MB. */
  semiSpaceMb?: number;
  /** RLIMIT_DATA of a child, MB (Linux; null: none). */
  dataLimitMb?: number | null;
  /** Resident size a child may reach while it holds a file, MB; past it the child is killed. */
  rssLimitMb?: number;
  /** A child whose resident size stays above this after a file is replaced by a fresh one, MB. */
  recycleRssMb?: number;
  /** An extra child (above `size`) idle this long stops, ms. */
  idleMs?: number;
  limits: IngestLimits;
  /** For tests: run this script instead of the parse child (e.g. one that dies at start). */
  entry?: ChildEntry;
  log?: (line: string) => void;
}

/** How a child is started: a plain JavaScript bundle, or a TypeScript file through tsx. */
export interface ChildEntry {
  path: string;
  tsx: boolean;
  /** Changes whenever the parsing code changes: remembered rejections are keyed by it. */
  version: string;
  /** The private folder holding the bundle, removed at close. */
  dir: string | null;
}

/** Why a file got no answer from its child. */
export type ChildFailure = "timeout" | "memory" | "killed" | "crashed" | "error" | "unavailable";

/** A parse result: the prepared file, and whether its rejection says something lasting about the bytes. */
export interface ParseOutcome {
  prepared: PreparedFile;
  /**
   * null: the child answered. Otherwise why it did not; "killed", "crashed" and "unavailable"
   * are about the server, not the file, so such a rejection is not remembered for these bytes.
   */
  failure: ChildFailure | null;
}

interface Job {
  id: number;
  file: string;
  bytes: Buffer;
  options: IngestOptions;
  resolve: (o: ParseOutcome) => void;
}

interface Slot {
  child: ChildProcess;
  pid: number;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Set when the supervisor itself ends the child, so its exit is read right. */
  ending: ChildFailure | "retire" | null;
  extra: boolean;
  /** The settings this child holds (sent with its first file, then only when they change). */
  settings: IngestOptions["settings"] | null | undefined;
  idleTimer: NodeJS.Timeout | null;
  startTimer: NodeJS.Timeout | null;
}

const REPO = resolve(fileURLToPath(new URL("..", import.meta.url)));
const SOURCE = fileURLToPath(new URL("./parseChild.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const COOLDOWN_MS = 30_000;
const PAGE = 4096;

/**
 * The child script as one JavaScript file in a new private folder (0700), written fresh at every
 * start: a child that loads TypeScript through tsx costs ~80 MB and 1–4 s more to start. DuckDB is
 * left out (a child never touches the database); each module's import.meta.url stays its own, so
 * config files are found where the sources say. Falls back to the repository file under tsx.
 */
export async function childEntry(): Promise<ChildEntry> {
  try {
    const {build} = await import("esbuild");
    const out = await build({entryPoints: [SOURCE], bundle: true, platform: "node", format: "esm", target: "node20", write: false,
      logLevel: "silent", banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
      plugins: [{name: "parse-child", setup(b) {
        b.onResolve({filter: /^@duckdb\/node-api$/}, () => ({path: "duckdb", namespace: "stub"}));
        b.onLoad({filter: /.*/, namespace: "stub"}, () => ({contents: "module.exports = {};", loader: "js"}));
        b.onLoad({filter: /\.ts$/}, async (a) => ({loader: "ts",
          contents: (await readFile(a.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(a.path).href))}));
      }}]});
    const code = out.outputFiles[0]!.contents;
    const dir = mkdtempSync(join(tmpdir(), "mentoring-parse-"));
    chmodSync(dir, 0o700);
    const path = join(dir, "parseChild.mjs");
    writeFileSync(path, code, {flag: "wx", mode: 0o600});
    return {path, tsx: false, dir, version: createHash("sha256").update(code).digest("hex").slice(0, 16)};
  } catch {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {version: string};
    return {path: SOURCE, tsx: true, dir: null, version: `tsx-${pkg.version}`};
  }
}

/** Resident size of a process, MB (Linux /proc; null elsewhere or when it is gone). */
export function residentMb(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * PAGE) / 1048576;
  } catch {
    return null;
  }
}

const OS_LIMIT = process.platform === "linux" && existsSync("/bin/sh");

export class ParseSupervisor {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  private brokenUntil = 0;
  private watch: NodeJS.Timeout | null = null;
  private readonly max: number;
  /** Children replaced after a death, a timeout or a memory kill (for tests and /api/status). */
  restarts = 0;
  /** Children started in all (the ready ones, extra ones on demand, replacements; /api/status). */
  started = 0;
  /** Highest resident size seen of any child, MB. */
  peakChildMb = 0;

  private constructor(private readonly o: SupervisorOptions, readonly entry: ChildEntry) {
    this.max = Math.max(o.size, o.max ?? o.size);
    for (let i = 0; i < o.size; i++) this.slots.push(this.spawn(false));
  }

  static async create(o: SupervisorOptions): Promise<ParseSupervisor> {
    return new ParseSupervisor(o, o.entry ?? await childEntry());
  }

  /** Version of the parsing code (the bundle's hash): part of the key of remembered rejections. */
  get version(): string {
    return this.entry.version;
  }

  /** Files that can be parsed at once. */
  get capacity(): number {
    return this.max;
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /** Process ids of the children (for tests and the soak benchmark). */
  get pids(): number[] {
    return this.slots.map((s) => s.pid);
  }

  /** Process ids of the children holding a file right now. */
  get busyPids(): number[] {
    return this.slots.filter((s) => s.job && !s.ending).map((s) => s.pid);
  }

  /** Files handed to children so far. */
  get parsed(): number {
    return this.nextId - 1;
  }

  /** Parses one file in a child. Never rejects: every failure is a rejected PreparedFile. */
  parse(file: string, bytes: Buffer, options: IngestOptions = {}): Promise<ParseOutcome> {
    if (this.closed) return Promise.reject(new Error("parse supervisor is closed"));
    return new Promise((resolve) => {
      const job = {id: this.nextId++, file, bytes, options, resolve};
      if (this.unavailable()) { resolve(failed(job, "unavailable")); return; }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Resolves when every child has started (or starting keeps failing). */
  async warm(): Promise<void> {
    while (!this.closed && this.slots.some((s) => !s.ready) && !this.unavailable()) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watch) clearInterval(this.watch);
    for (const job of this.queue.splice(0)) job.resolve(failed(job, "unavailable"));
    await Promise.all(this.slots.map((s) => this.end(s, "retire")));
    this.slots = [];
    if (this.entry.dir) rmSync(this.entry.dir, {recursive: true, force: true});
  }

  private unavailable(): boolean {
    if (this.brokenUntil === 0) return false;
    if (Date.now() < this.brokenUntil) return true;
    // After the pause, one more try: a single further failure pauses again.
    this.brokenUntil = 0;
    this.startFailures = 2;
    while (this.slots.length < this.o.size) this.slots.push(this.spawn(false));
    return false;
  }

  private spawn(extra: boolean): Slot {
    const o = this.o;
    const nodeArgs = [`--max-old-space-size=${o.heapMb}`, `--max-semi-space-size=${o.semiSpaceMb ?? 8}`,
      ...(this.entry.tsx ? ["--import", "tsx"] : []), this.entry.path];
    const dataKb = o.dataLimitMb ? Math.round(o.dataLimitMb * 1024) : null;
    const [command, args] = OS_LIMIT && dataKb
      ? ["/bin/sh", ["-c", "ulimit -d \"$0\" && exec \"$@\"", String(dataKb), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
    // NODE_OPTIONS of the server (a test runner's loaders, a debugger) must not reach the child.
    const child = spawn(command, args as string[], {cwd: REPO, stdio: ["ignore", "ignore", "ignore", "ipc"], serialization: "advanced",
      env: {...process.env, NODE_OPTIONS: ""}});
    this.started++;
    const slot: Slot = {child, pid: child.pid ?? -1, ready: false, job: null, timer: null, ending: null, extra, settings: undefined, idleTimer: null, startTimer: null};
    slot.startTimer = setTimeout(() => { void this.end(slot, "crashed"); }, START_TIMEOUT_MS);
    child.on("message", (m: ParseReply) => this.onMessage(slot, m));
    child.on("error", () => undefined);
    child.once("exit", (code, signal) => this.onExit(slot, code, signal));
    return slot;
  }

  private onMessage(slot: Slot, m: ParseReply): void {
    if ("ready" in m) {
      slot.ready = true;
      if (slot.startTimer) clearTimeout(slot.startTimer);
      this.startFailures = 0;
    } else if (slot.job && m.id === slot.job.id) {
      const job = slot.job;
      this.release(slot);
      job.resolve(m.ok ? {prepared: m.prepared, failure: null} : failed(job, "error"));
      // A child that grew large on this file is swapped for a fresh one while nobody waits on it.
      const rss = residentMb(slot.pid);
      if (rss !== null && rss > (this.o.recycleRssMb ?? Infinity)) void this.end(slot, "retire");
    }
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.startTimer) clearTimeout(slot.startTimer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const job = slot.job;
    this.release(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const why: ChildFailure = slot.ending && slot.ending !== "retire" ? slot.ending
      // V8 out of memory (heap or RLIMIT_DATA) ends in abort(): SIGABRT or SIGTRAP.
      : signal === "SIGABRT" || signal === "SIGTRAP" || code === 134 || code === 133 ? "memory"
        : signal ? "killed" : "crashed";
    if (job) {
      job.resolve(failed(job, why, this.o.timeoutMs));
      this.o.log?.(`разбор: процесс ${slot.pid} завершён (${why}), файл отклонён`);
    }
    if (this.closed) return;
    if (!slot.ready && slot.ending !== "retire") {
      // Died before it could take a file: the next one will not do better. Three in a row pause
      // the respawning (and files are answered at once) instead of looping.
      this.startFailures++;
      this.o.log?.(`разбор: процесс не запустился (${this.startFailures} подряд)`);
      if (this.startFailures >= 3) {
        this.brokenUntil = Date.now() + COOLDOWN_MS;
        for (const waiting of this.queue.splice(0)) waiting.resolve(failed(waiting, "unavailable"));
        return;
      }
    }
    if (slot.ending !== "retire") this.restarts++;
    if (!slot.extra && this.slots.filter((s) => !s.extra).length < this.o.size) this.slots.push(this.spawn(false));
    this.pump();
  }

  /** Ends a child: SIGKILL (it may be stuck in a loop or out of memory), marking why. */
  private end(slot: Slot, why: ChildFailure | "retire"): Promise<void> {
    slot.ending ??= why;
    return new Promise((done) => {
      if (slot.child.exitCode !== null || slot.child.signalCode !== null) { done(); return; }
      slot.child.once("exit", () => done());
      slot.child.kill("SIGKILL");
    });
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (!this.slots.some((s) => s.job) && this.watch) { clearInterval(this.watch); this.watch = null; }
    if (slot.extra && !slot.ending) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = setTimeout(() => { if (!slot.job) void this.end(slot, "retire"); }, this.o.idleMs ?? 10_000);
    }
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.ending || this.queue.length === 0) continue;
      this.assign(slot, this.queue.shift()!);
    }
    // Every ready child holds a file and more wait: one more child, up to the maximum.
    const starting = this.slots.filter((s) => !s.ready && !s.ending).length;
    if (this.queue.length > starting && this.slots.filter((s) => !s.ending).length < this.max && !this.unavailable()) {
      this.slots.push(this.spawn(true));
    }
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    if (slot.idleTimer) { clearTimeout(slot.idleTimer); slot.idleTimer = null; }
    slot.timer = setTimeout(() => { void this.end(slot, "timeout"); }, this.o.timeoutMs);
    // The settings (tens of kilobytes) cross only when they are not the ones this child already holds.
    const {settings = null, ...options} = job.options;
    const request: ParseRequest = {id: job.id, file: job.file, bytes: job.bytes, options, limits: this.o.limits,
      ...(settings !== slot.settings ? {settings} : {})};
    slot.settings = settings;
    slot.child.send(request);
    this.watch ??= setInterval(() => this.watchMemory(), 50);
  }

  private watchMemory(): void {
    const limit = this.o.rssLimitMb ?? Infinity;
    for (const slot of this.slots) {
      if (!slot.job || slot.ending) continue;
      const rss = residentMb(slot.pid);
      if (rss === null) continue;
      if (rss > this.peakChildMb) this.peakChildMb = rss;
      if (rss > limit) void this.end(slot, "memory");
    }
  }
}

function failed(job: Job, why: ChildFailure, timeoutMs = 0): ParseOutcome {
  const facts: IssueFacts = why === "error" || why === "unavailable"
    ? {severity: "error", kind: "file/parse-failed", file: job.file, details: {reason: why}}
    : why === "timeout"
      ? {severity: "error", kind: "file/parse-timeout", file: job.file, details: {seconds: Math.round(timeoutMs / 100) / 10}}
      : {severity: "error", kind: "file/too-complex", file: job.file, details: {reason: why}};
  return {prepared: judgeFile(job.file, {sha256: sha256(job.bytes), size: job.bytes.length}, {ok: false, kind: null, issues: [facts]}),
    failure: why};
}
