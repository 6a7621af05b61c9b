// The live pages' data cache (issue 16 §3): a page's data for one (view, params) is computed once per
// data version and kept serialised, a bounded number of entries (least recently used go first).
// While a newer version is being computed, a request that has an older answer gets it at once,
// marked with its version (the page asks again on its next poll), so fifty viewers never wait
// behind one recomputation; requests for the same key share one computation.

export interface CachedPage {
  /** The data version the answer was computed at. */
  version: number;
  /** The answer's JSON: {"version": …, "data": …}. */
  body: string;
  /** Teachers the data names (for the audit log of views of personal data). */
  named: number[];
}

export interface PageCacheOptions {
  /** Entries kept at most. */
  maxEntries: number;
  /** Serialised bytes kept at most (the newest entry is kept whatever its size). */
  maxBytes: number;
  /** A key with an answer is recomputed at most this often (uploads in quick succession share one recomputation). */
  minIntervalMs?: number;
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly running = new Map<string, {version: number; done: Promise<CachedPage>}>();
  private readonly started = new Map<string, number>();
  private bytes = 0;
  hits = 0;
  stale = 0;
  computed = 0;

  constructor(private readonly o: PageCacheOptions = {maxEntries: 64, maxBytes: 96 * 1024 * 1024, minIntervalMs: 1000}) {}

  /** The answer for `key` at `version`: cached, a stale one while the new one is computed, or computed now. */
  async get(key: string, version: number, compute: () => Promise<{data: unknown; named: number[]}>): Promise<CachedPage> {
    const have = this.entries.get(key);
    if (have && have.version >= version) {
      this.touch(key, have);
      this.hits++;
      return have;
    }
    if (have && Date.now() - (this.started.get(key) ?? 0) < (this.o.minIntervalMs ?? 0)) {
      this.stale++;
      return have;
    }
    const run = this.start(key, version, compute);
    if (have) {
      this.stale++;
      run.catch(() => undefined);
      return have;
    }
    return run;
  }

  get size(): {entries: number; bytes: number} {
    return {entries: this.entries.size, bytes: this.bytes};
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private start(key: string, version: number, compute: () => Promise<{data: unknown; named: number[]}>): Promise<CachedPage> {
    const current = this.running.get(key);
    if (current && current.version >= version) return current.done;
    // An older computation still running: the newer one waits for it (one at a time per key).
    const before = current?.done.catch(() => undefined) ?? Promise.resolve();
    this.started.set(key, Date.now());
    if (this.started.size > 4 * this.o.maxEntries) this.started.clear();
    const done = before.then(async () => {
      const {data, named} = await compute();
      this.computed++;
      const page: CachedPage = {version, body: JSON.stringify({version, data}), named};
      const old = this.entries.get(key);
      if (!old || old.version <= version) this.store(key, page);
      return page;
    }).finally(() => {
      if (this.running.get(key)?.done === done) this.running.delete(key);
    });
    this.running.set(key, {version, done});
    return done;
  }

  private touch(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.entries.set(key, page);
  }

  private store(key: string, page: CachedPage): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.touch(key, page);
    this.bytes += page.body.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.o.maxEntries && this.bytes <= this.o.maxBytes) break;
      if (k === key) continue;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }
}
