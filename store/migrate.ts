// Versioned schema: each migration runs once, in order, recorded in schema_migrations.
import type {DuckDBConnection} from "@duckdb/node-api";
import {migrations} from "./migrations/index.ts";

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  /** Work SQL cannot do (keys computed in TypeScript), run after the statements in the same transaction. */
  run?: (conn: DuckDBConnection) => Promise<void>;
}

export async function migrate(conn: DuckDBConnection): Promise<number[]> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
  const done = new Set((await conn.runAndReadAll("SELECT version FROM schema_migrations")).getRows().map((r) => Number(r[0])));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    for (const sql of m.statements) await conn.run(sql);
    if (m.run) await m.run(conn);
    await conn.run("INSERT INTO schema_migrations (version, name) VALUES ($v, $n)", {v: m.version, n: m.name});
    applied.push(m.version);
  }
  return applied;
}
