// The live pages' data cache (issue 16 §3): a page's data for one (view, params) — a key — is
// computed once per data version and kept serialised, a bounded number of entries (least recently
// used go first). While a newer version is being computed, a request that has an older answer gets
// it at once, marked with its version (the page asks again soon), so fifty viewers never wait behind
// one recomputation; requests for the same key share one computation.
//
// Recomputations are coalesced, never queued: a key has at most one computation in flight, and
// when it ends and newer data exists the key is computed once more, at the newest version — the
// versions committed meanwhile are skipped, not each computed in turn. Keys read within the last
// `activeMs` are recomputed as soon as the data changes (`changed`), before their viewers ask. Keys
// are started together — the keys one change made dirty, and a key that got dirty while others ran
// with them when they end — so that they read one version in one database snapshot and share the
// queries they have in common (server/readSnapshot.ts: the four pages together cost well under the
// sum of each alone). A slow page (the effectiveness page's annual reports) holds the others up
// `alignMs` at most: they then start without it.

import {createHash} from "node:crypto";
import {LiveStats} from "./liveStats.ts";

export interface CachedPage {
  /** The data version the answer was computed at. */
  version: number;
  /** The answer's JSON: {"version": …, "data": …}. */
  readonly body: string;
  /** The same, encoded once (every viewer gets these bytes). */
  bytes: Buffer;
  /** The answer's entity tag (a hash of the bytes): a page that has it is answered 304 Not Modified. */
  etag: string;
  /** Teachers the data names (for the audit log of views of personal data). */
  named: number[];
}

function cachedPage(version: number, data: unknown, named: number[]): CachedPage {
  const bytes = Buffer.from(JSON.stringify({version, data}));
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 22)}"`;
  return {version, bytes, etag, named, get body() { return bytes.toString("utf8"); }};
}

/** A computation's result: the data, the teachers it names, and the data version it read (default: the version asked for). */
export interface Computed {
  data: unknown;
  named: number[];
  version?: number;
  /** Time spent in the database, ms; queries asked, and answered from the snapshot's earlier results (for the statistics). */
  dbMs?: number;
  queries?: number;
  memoHits?: number;
}

/** Computes a key's data; `priority` (its last computation's time, ms) orders reads on a shared snapshot: quick pages first. */
export type Compute = (hint?: {priority: number}) => Promise<Computed>;

export interface PageCacheOptions {
  /** Entries kept at most. */
  maxEntries: number;
  /** Serialised bytes kept at most (the newest entry is kept whatever its size). */
  maxBytes: number;
  /** A key's computation starts at most this often (default 0: as soon as the previous one ends). */
  minIntervalMs?: number;
  /** Computations at once, all keys together (default 8); more wait their turn in order. */
  maxRunning?: number;
  /** A key queued while others run waits for them to end, this long at most, to start with them (default 1000 ms). */
  alignMs?: number;
  /** A key read within this is recomputed as soon as the data changes (default 30 s). */
  activeMs?: number;
}

interface Waiter {
  version: number;
  resolve: (page: CachedPage) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  key: string;
  compute: Compute;
  /** The newest version asked for (or committed, for an active key). */
  wanted: number;
  /** Since when a version newer than the cached and the running one is wanted (null: nothing new). */
  dirtySince: number | null;
  /** The version being computed (null: none in flight). */
  running: number | null;
  queued: boolean;
  timer: NodeJS.Timeout | null;
  lastStart: number;
  lastMs: number;
  lastAsked: number;
  waiters: Waiter[];
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly slots = new Map<string, Slot>();
  private readonly queue: Slot[] = [];
  private running = 0;
  private pumpSoon: NodeJS.Immediate | null = null;
  private alignTimer: NodeJS.Timeout | null = null;
  private bytes = 0;
  private readonly o: Required<PageCacheOptions>;
  /** Where the time goes (GET /api/pages?stats=1, bench/live.ts). */
  readonly stats = new LiveStats();
  hits = 0;
  stale = 0;
  computed = 0;

  constructor(o: PageCacheOptions = {maxEntries: 64, maxBytes: 96 * 1024 * 1024}) {
    this.o = {minIntervalMs: 0, maxRunning: 8, alignMs: 1000, activeMs: 30_000, ...o};
  }

  /** The answer for `key` at `version`: cached, a stale one while the new one is computed, or computed now. */
  get(key: string, version: number, compute: Compute): Promise<CachedPage> {
    const slot = this.slot(key, compute);
    slot.compute = compute;
    slot.lastAsked = performance.now();
    const have = this.entries.get(key);
    if (have && have.version >= version) {
      this.touch(key, have);
      this.hits++;
      return Promise.resolve(have);
    }
    const wait = have ? null : new Promise<CachedPage>((resolve, reject) => slot.waiters.push({version, resolve, reject}));
    this.want(slot, version);
    if (have) {
      this.stale++;
      return Promise.resolve(have);
    }
    return wait!;
  }

  /** The data changed: every key read lately is recomputed at `version` now, before its viewers ask. */
  changed(version: number): void {
    this.stats.committed(version);
    const since = performance.now() - this.o.activeMs;
    for (const slot of this.slots.values()) if (slot.lastAsked >= since) this.want(slot, version);
  }

  /** The statistics, with what is running and waiting now. */
  report(): Record<string, unknown> {
    const now = performance.now();
    return {pages: this.stats.summary(), hits: this.hits, stale: this.stale, computed: this.computed,
      running: [...this.slots.values()].filter((s) => s.running !== null).map((s) => ({page: s.key.split("|")[0], version: s.running, forMs: Math.round(now - s.lastStart)})),
      queued: this.queue.length};
  }

  get size(): {entries: number; bytes: number} {
    return {entries: this.entries.size, bytes: this.bytes};
  }

  /** Computations running and waiting for their turn. */
  get pending(): {running: number; queued: number} {
    return {running: this.running, queued: this.queue.length};
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private slot(key: string, compute: Compute): Slot {
    let s = this.slots.get(key);
    if (!s) {
      s = {key, compute, wanted: -1, dirtySince: null, running: null, queued: false, timer: null, lastStart: -Infinity, lastMs: 0, lastAsked: 0, waiters: []};
      this.slots.set(key, s);
    }
    return s;
  }

  /** The newest version known to the key: computed, or being computed. */
  private covered(slot: Slot): number {
    return Math.max(this.entries.get(slot.key)?.version ?? -1, slot.running ?? -1);
  }

  private want(slot: Slot, version: number): void {
    if (version > slot.wanted) slot.wanted = version;
    if (slot.wanted <= this.covered(slot)) return;
    slot.dirtySince ??= performance.now();
    this.schedule(slot);
  }

  /** Queues the key, unless it is running (it is queued again when it ends) or already queued. */
  private schedule(slot: Slot): void {
    if (slot.running !== null || slot.queued || slot.timer) return;
    const wait = slot.lastStart + this.o.minIntervalMs - performance.now();
    if (wait > 0) {
      slot.timer = setTimeout(() => { slot.timer = null; this.schedule(slot); }, wait);
      slot.timer.unref();
      return;
    }
    slot.queued = true;
    this.queue.push(slot);
    this.pump();
  }

  /**
   * Starts the queued keys together, so that they read one version in one snapshot and share their
   * queries: when nothing runs, or when the oldest has waited `alignMs` (a slow key still running
   * does not hold the others longer), or at once for a key a reader is waiting for (no answer yet).
   * Called on the next turn of the event loop, so keys made dirty by one change are started as one.
   */
  private pump(): void {
    if (this.pumpSoon) return;
    this.pumpSoon = setImmediate(() => {
      this.pumpSoon = null;
      if (!this.queue.length) return;
      const waited = performance.now() - (this.queue[0]!.dirtySince ?? 0);
      const urgent = this.queue.some((s) => s.waiters.length > 0);
      if (this.running > 0 && waited < this.o.alignMs && !urgent) {
        this.alignTimer ??= setTimeout(() => { this.alignTimer = null; this.pump(); }, this.o.alignMs - waited);
        this.alignTimer.unref();
        return;
      }
      for (const slot of this.queue.splice(0, Math.max(0, this.o.maxRunning - this.running))) {
        slot.queued = false;
        void this.run(slot);
      }
    });
  }

  private async run(slot: Slot): Promise<void> {
    const asked = slot.wanted;
    const wantedAt = slot.dirtySince ?? performance.now();
    const startedAt = performance.now();
    const inFlight = this.running + this.queue.length + 1;
    const queued = this.queue.length;
    slot.dirtySince = null;
    slot.running = asked;
    slot.lastStart = startedAt;
    this.running++;
    const cpu0 = process.cpuUsage();
    try {
      const {data, named, version = asked, dbMs = 0, queries = 0, memoHits = 0} = await slot.compute({priority: Math.round(slot.lastMs)});
      this.computed++;
      const page = cachedPage(version, data, named);
      const old = this.entries.get(slot.key);
      if (!old || old.version <= version) this.store(slot.key, page);
      const endedAt = performance.now();
      const cpu = process.cpuUsage(cpu0);
      slot.lastMs = endedAt - startedAt;
      this.stats.computed({key: slot.key, page: slot.key.split("|")[0]!, version, wantedAt, startedAt, endedAt,
        cpuMs: (cpu.user + cpu.system) / 1000, dbMs, queries, memoHits, inFlight, queued});
      const ready = slot.waiters.filter((w) => w.version <= version);
      slot.waiters = slot.waiters.filter((w) => w.version > version);
      for (const w of ready) w.resolve(page);
    } catch (e) {
      // Those waiting get the error; the key is computed again when it is next asked for.
      const waiters = slot.waiters;
      slot.waiters = [];
      slot.wanted = Math.min(slot.wanted, this.entries.get(slot.key)?.version ?? -1);
      slot.dirtySince = null;
      for (const w of waiters) w.reject(e);
    } finally {
      this.running--;
      slot.running = null;
      if (slot.wanted > this.covered(slot) || slot.waiters.length) {
        slot.dirtySince ??= performance.now();
        this.schedule(slot);
      } else if (!this.entries.has(slot.key)) {
        this.slots.delete(slot.key);
      }
      this.pump();
    }
  }

  private touch(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.entries.set(key, page);
  }

  private store(key: string, page: CachedPage): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes.length;
    this.touch(key, page);
    this.bytes += page.bytes.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.o.maxEntries && this.bytes <= this.o.maxBytes) break;
      if (k === key) continue;
      this.entries.delete(k);
      this.bytes -= v.bytes.length;
      const s = this.slots.get(k);
      // An evicted key keeps its slot only while it has work in hand.
      if (s && s.running === null && !s.queued && !s.timer && !s.waiters.length) this.slots.delete(k);
    }
  }
}
