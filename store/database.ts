// The one module that owns DuckDB (STYLE.md «DuckDB»; RELIABILITY.md «DuckDB»): a single
// instance per database file per process, a connection per unit of work, explicit
// BEGIN/COMMIT/ROLLBACK, and writes serialised through one queue so two uploads can never share
// a transaction.
import {mkdirSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue} from "@duckdb/node-api";
import {migrate} from "./migrate.ts";

export interface StoreOptions {
  readOnly?: boolean;
  /**
   * DuckDB's worker threads (default: one per core). The server runs its statements one at a time
   * on small tables while its parse children use the cores: there one thread is faster (issue 13
   * §5: handing each small statement to a second thread cost a third of the store's CPU time).
   */
  threads?: number;
}

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

const instances = new Map<string, Promise<Store>>();

export class Store {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The connection of queued work: one at a time by construction, so it is never shared. */
  private writer: DuckDBConnection | undefined;

  private constructor(readonly path: string, private readonly instance: DuckDBInstance) {}

  /**
   * Opens (or returns the already open) store for a file, creating and migrating its schema.
   * A second process holding the file makes this fail with DuckDB's lock error.
   */
  static open(path: string, options: StoreOptions = {}): Promise<Store> {
    const key = path === ":memory:" ? `:memory:${Math.random()}` : resolve(path);
    const existing = instances.get(key);
    if (existing) return existing;
    const opening = (async () => {
      if (path !== ":memory:") mkdirSync(dirname(key), {recursive: true});
      const instance = await DuckDBInstance.create(path === ":memory:" ? ":memory:" : key,
        {...(options.readOnly ? {access_mode: "READ_ONLY"} : {}), ...(options.threads ? {threads: String(options.threads)} : {})});
      const store = new Store(key, instance);
      if (!options.readOnly) await store.write((c) => migrate(c));
      return store;
    })();
    instances.set(key, opening);
    opening.catch(() => instances.delete(key));
    return opening;
  }

  /** Runs fn with a fresh connection and always closes it. For reads. */
  async read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("store is closed");
    const conn = await this.instance.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /**
   * Runs fn inside one transaction on its own connection, after every earlier write has
   * finished: all of it is committed, or none of it.
   */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.serial(async (conn) => {
      await conn.run("BEGIN TRANSACTION");
      try {
        const result = await fn(conn);
        await conn.run("COMMIT");
        return result;
      } catch (e) {
        await conn.run("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  /**
   * Runs fn on its own connection after every earlier write and before any later one, without
   * a transaction: for work that cannot run inside one (ATTACH, COPY FROM DATABASE, CHECKPOINT).
   */
  serial<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error("store is closed");
      // Opening a connection per transaction costs as much as a small file's inserts.
      this.writer ??= await this.instance.connect();
      return fn(this.writer);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending writes, then closes the instance. */
  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    this.writer?.closeSync();
    for (const [k, v] of instances) if ((await v) === this) instances.delete(k);
    this.instance.closeSync();
  }
}

/** Rows as plain objects, BIGINT as number (our counts fit), DECIMAL as number. */
export async function all<T = Row>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = params ? await conn.runAndReadAll(sql, params) : await conn.runAndReadAll(sql);
  return plainRows(reader.getRowObjectsJS()) as T[];
}

/**
 * The fixed statements of storing, prepared once per connection (issue 13 §5): the write queue's
 * connection lives as long as the store, and extracting, parsing and planning a statement costs
 * more than running it on a small batch (an unprepared statement with parameters is three calls
 * into DuckDB, a prepared one is one). Every parameter must carry a cast (`$k::VARCHAR[]`) so the
 * plan is made once, not at every execution. Only for statements run one after another on the
 * connection (never two at once).
 */
const preparedOn = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

async function preparedStatement(conn: DuckDBConnection, sql: string, params: Params): Promise<DuckDBPreparedStatement> {
  let cache = preparedOn.get(conn);
  if (!cache) preparedOn.set(conn, cache = new Map());
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, statement = await conn.prepare(sql));
  statement.bind(params);
  return statement;
}

/** Runs a fixed statement through the connection's prepared statements, returning its rows (see preparedOn). */
export async function allPrepared<T = Row>(conn: DuckDBConnection, sql: string, params: Params): Promise<T[]> {
  return plainRows((await (await preparedStatement(conn, sql, params)).runAndReadAll()).getRowObjectsJS()) as T[];
}

/** Runs a fixed statement that returns nothing through the connection's prepared statements. */
export async function runPrepared(conn: DuckDBConnection, sql: string, params: Params): Promise<void> {
  await (await preparedStatement(conn, sql, params)).run();
}

/** Result rows (as getRowObjectsJS gives them) as plain objects: BIGINT and DECIMAL as number. */
export function plainRows(rows: Array<Record<string, unknown>>): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k] = plain(v);
    return out;
  });
}

export async function one<T = Row>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T | undefined> {
  return (await all<T>(conn, sql, params))[0];
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object" && !(v instanceof Date) && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** The database file: --db, else MENTORING_DB, else data/mentoring.duckdb. */
export function defaultDatabasePath(explicit?: string): string {
  return explicit ?? process.env.MENTORING_DB ?? "data/mentoring.duckdb";
}
