// Snapshots for the live pages' computations (issue 16 §3). Every read a page's reports make goes to
// one DuckDB connection inside one read transaction, so the figures of one answer all come from the
// same committed data, never from before and after an upload that committed meanwhile (DuckDB's
// MVCC: a transaction sees the database as of its start). Computations that start at the same data
// version share the open snapshot, and within a snapshot a query asked again with the same
// parameters is answered from the first run's result (the pages share the region's engagement
// reports, uploads and issues: computed once per version, not once per page). The reports take a
// Store and call store.read() many times, some at once (Promise.all): the snapshot's store runs them
// one after another on its connection. Nothing here writes.
import {AsyncLocalStorage} from "node:async_hooks";
import type {DuckDBConnection, DuckDBResultReader} from "@duckdb/node-api";
import type {Store} from "../store/database.ts";

export interface SnapshotUse {
  /** Time in this computation's reads (DuckDB, and the JS inside the reads' callbacks), ms. */
  readMs: number;
  reads: number;
  /** Queries answered from the snapshot's earlier result / run. */
  memoHits: number;
  queries: number;
  /** Whose reads go first on a shared snapshot: the lower number (the page's last computation time, so the quick pages are not held up by a slow one's queries). */
  priority: number;
}

/** One open snapshot: a connection in a read transaction, its query results, who uses it. */
class Snapshot {
  users = 0;
  readonly pinned: Store;
  /** Reads waiting for the connection: the lowest priority number goes first, then the oldest. */
  private waiting: Array<{priority: number; seq: number; go: () => void}> = [];
  private busy = false;
  private seq = 0;
  private idle: Array<() => void> = [];
  private readonly inside = new AsyncLocalStorage<SnapshotUse>();
  private readonly memo = new Map<string, Promise<DuckDBResultReader>>();
  /** Set when the reports did anything but read queries on the connection: nothing is remembered after that. */
  private memoOff = false;
  closed = false;

  constructor(store: Store, readonly version: number, private readonly conn: DuckDBConnection, readonly released: () => void) {
    this.pinned = Object.create(store) as Store;
    Object.defineProperty(this.pinned, "read", {value: <R>(f: (c: DuckDBConnection) => Promise<R>) => this.read(f)});
    for (const m of ["write", "serial", "close"] as const) {
      Object.defineProperty(this.pinned, m, {value: () => Promise.reject(new Error(`a snapshot is read-only (${m})`))});
    }
  }

  /** A use's reads, counted against it (the use is found from the async context). */
  bind(use: SnapshotUse): Store {
    const pinned = Object.create(this.pinned) as Store;
    Object.defineProperty(pinned, "read", {value: <R>(f: (c: DuckDBConnection) => Promise<R>) => this.read(f, use)});
    return pinned;
  }

  read<R>(f: (c: DuckDBConnection) => Promise<R>, use?: SnapshotUse): Promise<R> {
    // A read inside a read runs at once (it is already the connection's turn).
    const current = this.inside.getStore();
    if (current) return this.run(f, current);
    const u = use ?? {readMs: 0, reads: 0, memoHits: 0, queries: 0, priority: 0};
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({priority: u.priority, seq: this.seq++, go: () => {
        this.run(f, u).then(resolve, reject).finally(() => { this.busy = false; this.next(); });
      }});
      this.next();
    });
  }

  /** Gives the connection to the most urgent waiting read. */
  private next(): void {
    if (this.busy) return;
    if (!this.waiting.length) {
      for (const done of this.idle.splice(0)) done();
      return;
    }
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const w = this.waiting[i]!, b = this.waiting[best]!;
      if (w.priority < b.priority || (w.priority === b.priority && w.seq < b.seq)) best = i;
    }
    const [w] = this.waiting.splice(best, 1);
    this.busy = true;
    w!.go();
  }

  private async run<R>(f: (c: DuckDBConnection) => Promise<R>, use: SnapshotUse): Promise<R> {
    if (this.closed) throw new Error("snapshot is closed");
    const t = performance.now();
    try {
      return await this.inside.run(use, () => f(this.connection(use)));
    } finally {
      use.readMs += performance.now() - t;
      use.reads++;
    }
  }

  /** The connection as the reports see it: runAndReadAll remembered by SQL and parameters. */
  private connection(use: SnapshotUse): DuckDBConnection {
    return new Proxy(this.conn, {get: (target, prop) => {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      if (prop !== "runAndReadAll") {
        // Anything else (run, prepare, appenders) may change what later queries see: stop remembering.
        return (...args: unknown[]) => { this.memoOff = true; this.memo.clear(); return (value as (...a: unknown[]) => unknown).apply(target, args); };
      }
      return (sql: string, params?: unknown) => {
        use.queries++;
        const key = this.memoOff ? null : memoKey(sql, params);
        const known = key === null ? undefined : this.memo.get(key);
        if (known) { use.memoHits++; return known; }
        const result = (params === undefined ? target.runAndReadAll(sql) : target.runAndReadAll(sql, params as never)) as Promise<DuckDBResultReader>;
        if (key !== null) {
          this.memo.set(key, result);
          result.catch(() => this.memo.delete(key));
        }
        return result;
      };
    }});
  }

  /** Resolves when every read queued so far has run. */
  drained(): Promise<void> {
    if (!this.busy && !this.waiting.length) return Promise.resolve();
    return new Promise((done) => this.idle.push(done));
  }
}

/** SQL and parameters as one string (parameters are plain values, lists and BigInts). */
function memoKey(sql: string, params: unknown): string | null {
  try {
    return `${sql}\u0000${JSON.stringify(params ?? null, (_k, v: unknown) => typeof v === "bigint" ? `${v}n` : v)}`;
  } catch {
    return null;
  }
}

export class SnapshotPool {
  /** The snapshot computations starting at its version join (null: none open). */
  private current: {version: number; snap: Promise<Snapshot>; users: number} | null = null;
  /** Snapshots opened, and uses that joined an open one. */
  opened = 0;
  joined = 0;

  constructor(private readonly store: Store) {}

  /**
   * Runs `fn` with a Store whose reads all see one snapshot holding at least data version `version`
   * (read it before calling: the version is bumped after its commit). A snapshot open at that
   * version is shared; it closes when its last user ends.
   */
  async use<T>(version: number, fn: (snapshot: Store, use: SnapshotUse) => Promise<T>, priority = 0): Promise<T> {
    let entry = this.current;
    if (!entry || entry.version !== version) {
      entry = {version, snap: this.start(version), users: 0};
      this.current = entry;
    } else if (entry.users > 0) this.joined++;
    entry.users++;
    const use: SnapshotUse = {readMs: 0, reads: 0, memoHits: 0, queries: 0, priority};
    try {
      const snap = await entry.snap;
      return await fn(snap.bind(use), use);
    } finally {
      if (--entry.users === 0) {
        if (this.current === entry) this.current = null;
        const snap = await entry.snap.catch(() => null);
        if (snap) {
          await snap.drained();
          snap.closed = true;
          snap.released();
        }
      }
    }
  }

  /** A new snapshot: a connection of its own (store.read) held in a read transaction until released. */
  private start(version: number): Promise<Snapshot> {
    return new Promise<Snapshot>((resolve, reject) => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => { release = r; });
      this.store.read(async (conn) => {
        await conn.run("BEGIN TRANSACTION");
        try {
          const snap = new Snapshot(this.store, version, conn, release);
          this.opened++;
          resolve(snap);
          await held;
        } finally {
          await conn.run("ROLLBACK").catch(() => undefined);
        }
      }).catch(reject);
    });
  }
}
