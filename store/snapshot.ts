// A consistent copy of the database for readers in other processes (dashboard data loaders):
// DuckDB lets no second process open a file a writer holds (RELIABILITY.md), so the writer copies
// itself between two writes, into a new file renamed into place.
import {mkdirSync, renameSync, rmSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {one, type Store} from "./database.ts";

/** Where dashboards read from: MENTORING_SNAPSHOT, else data/snapshot/mentoring.duckdb. */
export function defaultSnapshotPath(): string {
  return process.env.MENTORING_SNAPSHOT ?? "data/snapshot/mentoring.duckdb";
}

/** Copies every table, view and sequence of the store into `dest`, replacing it atomically. */
export async function writeSnapshot(store: Store, dest: string = defaultSnapshotPath()): Promise<string> {
  const target = resolve(dest);
  mkdirSync(dirname(target), {recursive: true});
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await store.serial(async (conn) => {
    const name = (await one<{db: string}>(conn, "SELECT current_database() AS db"))!.db;
    await conn.run(`ATTACH '${tmp.replace(/'/g, "''")}' AS snapshot_copy`);
    try {
      await conn.run(`COPY FROM DATABASE "${name.replace(/"/g, "\"\"")}" TO snapshot_copy`);
    } finally {
      await conn.run("DETACH snapshot_copy");
    }
  });
  rmSync(`${tmp}.wal`, {force: true});
  renameSync(tmp, target);
  return target;
}
