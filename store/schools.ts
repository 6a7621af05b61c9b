// Schools are shared by every kind of file: one row per (municipality, school name), matched on
// normalised text so «СОШ №1» and «сош № 1» are one school.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all} from "./database.ts";
import {cleanName, normalizeKey} from "../loaders/cells/normalize.ts";

export interface SchoolName {
  municipality: string;
  name: string;
}

/** The key a school is stored under: normalised municipality and name. */
export function schoolKey(s: SchoolName): string {
  return `${normalizeKey(s.municipality)}|${normalizeKey(s.name)}`;
}

/** Inserts the schools not yet known; returns school_id by schoolKey for all of them. */
export async function upsertSchools(conn: DuckDBConnection, schools: SchoolName[]): Promise<Map<string, number>> {
  const byKey = new Map<string, SchoolName>();
  for (const s of schools) byKey.set(schoolKey(s), {municipality: cleanName(s.municipality), name: cleanName(s.name)});
  if (byKey.size === 0) return new Map();
  const keys = [...byKey.keys()];
  const known = await all<{school_key: string; school_id: number}>(conn,
    "SELECT school_key, school_id FROM schools WHERE list_contains($keys, school_key)", {keys: listValue(keys)});
  const ids = new Map(known.map((r) => [r.school_key, r.school_id]));
  for (const [key, s] of byKey) {
    if (ids.has(key)) continue;
    const row = await all<{school_id: number}>(conn,
      "INSERT INTO schools (school_key, municipality, name) VALUES ($k, $m, $n) RETURNING school_id",
      {k: key, m: s.municipality, n: s.name});
    ids.set(key, row[0]!.school_id);
  }
  return ids;
}
