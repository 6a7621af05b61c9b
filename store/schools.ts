// Schools are shared by every kind of file. A `schools` row is one spelling of a school in one
// district, as files wrote it (matched on normalised text, so «СОШ №1» and «сош № 1» are one row);
// the directory (store/directory.ts) links every spelling to the school it stands for, so
// «МБОУ СОШ №1» and «МБОУ «СОШ № 1»» in one district, or «Саргатский» and «Саргатский р-н», are one
// directory school. A name written without a district is placed in the district the directory
// knows it in, when that is one district.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {allPrepared, runPrepared} from "./database.ts";
import {cleanName, normalizeKey} from "../lib/normalizeText.ts";
import {municipalityKey, schoolNameKey} from "../lib/schoolName.ts";
import {districtsByName, linkSpellings, linkSpellingsMany, type LinkContext, type Spelling} from "./directory.ts";

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
 * upsertSchools for several files at once (issue 13 §5: a batch of uploads), in the statements of
 * one: the spellings of all files inserted together, each new one linked as the first file that
 * names it would link it (linkSpellingsMany), so the result is what calling upsertSchools file
 * after file gives. Files naming a school without its district are resolved one after another
 * (their district depends on what the earlier files added). Returns each file's map.
 */
export async function upsertSchoolsMany(conn: DuckDBConnection, files: Array<{schools: SchoolName[]; context: LinkContext}>): Promise<Array<Map<string, number>>> {
  const clean = (s: SchoolName) => ({municipality: cleanName(s.municipality), name: cleanName(s.name)});
  if (files.length < 2 || files.some((f) => f.schools.some((s) => municipalityKey(clean(s).municipality) === ""))) {
    const out: Array<Map<string, number>> = [];
    for (const f of files) out.push(await upsertSchools(conn, f.schools, f.context));
    return out;
  }
  // given key → stored key, per file; and every stored spelling once.
  const keysOf = files.map((f) => new Map(f.schools.map((s) => [schoolKey(s), schoolKey(clean(s))])));
  const all = new Map<string, SchoolName>();
  for (const f of files) for (const s of f.schools) all.set(schoolKey(clean(s)), clean(s));
  const {ids, fresh} = await ensureSpellings(conn, [...all.values()]);
  // A new spelling is the first naming file's to link.
  const unclaimed = new Map(fresh.map((s) => [schoolKey(s), s]));
  const parts = files.map((f, k) => {
    const mine: Spelling[] = [];
    for (const stored of keysOf[k]!.values()) {
      const s = unclaimed.get(stored);
      if (s) { mine.push(s); unclaimed.delete(stored); }
    }
    return {fresh: mine, ctx: f.context};
  });
  await linkSpellingsMany(conn, parts);
  return keysOf.map((m) => new Map([...m].map(([key, k]) => [key, ids.get(k)!])));
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
  const known = await allPrepared<{school_key: string; school_id: number}>(conn,
    "SELECT school_key, school_id FROM schools WHERE list_contains($keys::VARCHAR[], school_key)", {keys: listValue(keys)});
  const ids = new Map(known.map((r) => [r.school_key, r.school_id]));
  // One set-based insert for all new spellings: a row-by-row INSERT costs ~1 ms each (2,000 schools ≈ 2 s).
  const missing = [...stored].filter(([key]) => !ids.has(key));
  if (!missing.length) return {ids, fresh: []};
  const rows = await allPrepared<{school_key: string; school_id: number; municipality: string; name: string}>(conn,
    `INSERT INTO schools (school_key, municipality, name)
     SELECT unnest($k::VARCHAR[]), unnest($m::VARCHAR[]), unnest($n::VARCHAR[]) RETURNING school_key, school_id, municipality, name`,
    {k: listValue(missing.map(([k]) => k)), m: listValue(missing.map(([, s]) => s.municipality)), n: listValue(missing.map(([, s]) => s.name))});
  for (const r of rows) ids.set(r.school_key, r.school_id);
  await runPrepared(conn, `INSERT INTO school_name_keys (school_id, municipality_key, name_key)
    SELECT unnest($s::INTEGER[]), unnest($m::VARCHAR[]), unnest($n::VARCHAR[])`,
    {s: listValue(rows.map((r) => r.school_id)), m: listValue(rows.map((r) => municipalityKey(r.municipality))),
      n: listValue(rows.map((r) => schoolNameKey(r.name)))});
  return {ids, fresh: rows.map((r) => ({school_id: r.school_id, municipality: r.municipality, name: r.name}))};
}
