// Schools are shared by every kind of file. A `schools` row is one spelling of a school in one
// district, as files wrote it (matched on normalised text, so «СОШ №1» and «сош № 1» are one row);
// the directory (store/directory.ts) links every spelling to the school it stands for, so
// «МБОУ СОШ №1» and «МБОУ «СОШ № 1»» in one district, or «Саргатский» and «Саргатский р-н», are one
// directory school. A name written without a district is placed in the district the directory
// knows it in, when that is one district.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all} from "./database.ts";
import {cleanName, normalizeKey} from "../lib/normalizeText.ts";
import {municipalityKey, schoolNameKey} from "../lib/schoolName.ts";
import {districtsByName, linkSpellings, type LinkContext, type Spelling} from "./directory.ts";

export interface SchoolName {
  municipality: string;
  name: string;
}

/** The key a spelling is stored under: normalised municipality and name. */
export function schoolKey(s: SchoolName): string {
  return `${normalizeKey(s.municipality)}|${normalizeKey(s.name)}`;
}

/**
 * Inserts the spellings not yet known and links them to the directory; returns school_id by
 * schoolKey of each given name. A name with no district («», «не указан») maps to the spelling in the
 * district the directory knows it in; `context.notes` says what could not be resolved.
 */
export async function upsertSchools(conn: DuckDBConnection, schools: SchoolName[],
  context: LinkContext = {origin: "other"}): Promise<Map<string, number>> {
  const given = new Map<string, SchoolName>();
  for (const s of schools) given.set(schoolKey(s), {municipality: cleanName(s.municipality), name: cleanName(s.name)});
  if (given.size === 0) return new Map();
  // Names without a district: the district the directory knows them in, when it is one.
  const bare = [...given.values()].filter((s) => municipalityKey(s.municipality) === "").map((s) => s.name);
  const districts = await districtsByName(conn, bare, context);
  const stored = new Map<string, SchoolName>();
  const storedKeyOf = new Map<string, string>();
  for (const [key, s] of given) {
    const district = municipalityKey(s.municipality) === "" ? districts.get(s.name) : undefined;
    const target = district ? {municipality: district, name: s.name} : s;
    const k = schoolKey(target);
    stored.set(k, target);
    storedKeyOf.set(key, k);
  }
  const {ids, fresh} = await ensureSpellings(conn, [...stored.values()]);
  await linkSpellings(conn, fresh, context);
  return new Map([...storedKeyOf].map(([key, k]) => [key, ids.get(k)!]));
}

/**
 * The `schools` rows of these spellings, inserted (with their name keys) when new, without linking
 * them to the directory: returns school_id by schoolKey and the new rows.
 */
export async function ensureSpellings(conn: DuckDBConnection, names: SchoolName[]): Promise<{ids: Map<string, number>; fresh: Spelling[]}> {
  const stored = new Map<string, SchoolName>();
  for (const s of names) {
    const clean = {municipality: cleanName(s.municipality), name: cleanName(s.name)};
    stored.set(schoolKey(clean), clean);
  }
  if (!stored.size) return {ids: new Map(), fresh: []};
  const keys = [...stored.keys()];
  const known = await all<{school_key: string; school_id: number}>(conn,
    "SELECT school_key, school_id FROM schools WHERE list_contains($keys, school_key)", {keys: listValue(keys)});
  const ids = new Map(known.map((r) => [r.school_key, r.school_id]));
  // One set-based insert for all new spellings: a row-by-row INSERT costs ~1 ms each (2,000 schools ≈ 2 s).
  const missing = [...stored].filter(([key]) => !ids.has(key));
  if (!missing.length) return {ids, fresh: []};
  const rows = await all<{school_key: string; school_id: number; municipality: string; name: string}>(conn,
    `INSERT INTO schools (school_key, municipality, name)
     SELECT unnest($k), unnest($m), unnest($n) RETURNING school_key, school_id, municipality, name`,
    {k: listValue(missing.map(([k]) => k)), m: listValue(missing.map(([, s]) => s.municipality)), n: listValue(missing.map(([, s]) => s.name))});
  for (const r of rows) ids.set(r.school_key, r.school_id);
  await conn.run(`INSERT INTO school_name_keys (school_id, municipality_key, name_key) SELECT unnest($s), unnest($m), unnest($n)`,
    {s: listValue(rows.map((r) => r.school_id)), m: listValue(rows.map((r) => municipalityKey(r.municipality))),
      n: listValue(rows.map((r) => schoolNameKey(r.name)))});
  return {ids, fresh: rows.map((r) => ({school_id: r.school_id, municipality: r.municipality, name: r.name}))};
}
