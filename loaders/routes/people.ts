// The teachers a route file or a students' results file names: their school (by district and name,
// or a known school of that name when the file gives no district) and a pseudonymous person_id in
// named_teachers (by ID within the school where there is one, else by normalised full name).
// Shared by the routes and the students' results loaders; runs inside the file's transaction.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all} from "../../store/database.ts";
import {schoolKey, upsertSchools} from "../../store/schools.ts";
import {normalizeKey} from "../../lib/normalizeText.ts";

export interface NamedPerson {
  municipality: string;
  school: string;
  fullName: string;
  nameKey: string;
  externalId: string | null;
  position: string | null;
}

export interface ResolvedPeople {
  /** person_id and school_id of each input, in order. */
  personIds: number[];
  schoolIds: number[];
  /** School names as written → school_id (issues link to their school). */
  bySchoolName: Map<string, number>;
  /** Inputs whose school was matched by name alone (the file has no district). */
  noMunicipality: number;
}

async function resolveSchools(conn: DuckDBConnection, people: NamedPerson[]): Promise<{ids: number[]; noMunicipality: number}> {
  const bare = new Map<string, number[]>();
  if (people.some((p) => !p.municipality)) {
    for (const s of await all<{school_id: number; name: string}>(conn, "SELECT school_id, name FROM schools")) {
      const k = normalizeKey(s.name);
      bare.set(k, [...(bare.get(k) ?? []), s.school_id]);
    }
  }
  let noMunicipality = 0;
  const fresh = new Map<string, {municipality: string; name: string}>();
  const known: Array<number | undefined> = people.map((p) => {
    if (p.municipality) { fresh.set(schoolKey({municipality: p.municipality, name: p.school}), {municipality: p.municipality, name: p.school}); return undefined; }
    noMunicipality++;
    const k = bare.get(normalizeKey(p.school));
    if (k?.length === 1) return k[0];
    fresh.set(schoolKey({municipality: "", name: p.school}), {municipality: "", name: p.school});
    return undefined;
  });
  const ids = await upsertSchools(conn, [...fresh.values()]);
  return {ids: people.map((p, i) => known[i] ?? ids.get(schoolKey({municipality: p.municipality, name: p.school}))!), noMunicipality};
}

export async function resolvePeople(conn: DuckDBConnection, people: NamedPerson[], uploadId: number): Promise<ResolvedPeople> {
  const {ids: schoolIds, noMunicipality} = await resolveSchools(conn, people);
  const schools = [...new Set(schoolIds)];
  const known = await all<{person_id: number; school_id: number; name_key: string; external_id: string | null}>(conn,
    "SELECT person_id, school_id, name_key, external_id FROM named_teachers WHERE list_contains($s, school_id)", {s: listValue(schools)});
  const byId = new Map<string, number>(), byName = new Map<string, number>();
  for (const k of known) {
    if (k.external_id) byId.set(`${k.school_id}|${k.external_id}`, k.person_id);
    byName.set(`${k.school_id}|${k.name_key}`, k.person_id);
  }
  const fresh: Array<{index: number; key: string}> = [];
  const freshByKey = new Map<string, {index: number; key: string}>();
  const personIds: number[] = new Array(people.length);
  people.forEach((p, i) => {
    const s = schoolIds[i]!;
    const id = (p.externalId ? byId.get(`${s}|${p.externalId}`) : undefined) ?? byName.get(`${s}|${p.nameKey}`);
    if (id !== undefined) { personIds[i] = id; return; }
    const key = `${s}|${p.nameKey}`;
    const same = freshByKey.get(key);
    if (same) { personIds[i] = -1 - same.index; return; }
    const f = {index: i, key};
    fresh.push(f);
    freshByKey.set(key, f);
    personIds[i] = -1 - i;
  });
  if (fresh.length) {
    const seq = await all<{id: number}>(conn, "SELECT nextval('named_teacher_seq')::INTEGER AS id FROM range($n)", {n: fresh.length});
    const appender = await conn.createAppender("named_teachers");
    const assigned = new Map<number, number>();
    fresh.forEach((f, k) => {
      const p = people[f.index]!;
      const id = seq[k]!.id;
      assigned.set(-1 - f.index, id);
      appender.appendInteger(id);
      appender.appendInteger(schoolIds[f.index]!);
      appender.appendVarchar(p.nameKey);
      appender.appendVarchar(p.fullName);
      p.externalId === null ? appender.appendNull() : appender.appendVarchar(p.externalId);
      p.position === null ? appender.appendNull() : appender.appendVarchar(p.position);
      appender.appendInteger(uploadId);
      appender.endRow();
    });
    appender.closeSync();
    for (let i = 0; i < personIds.length; i++) if (personIds[i]! < 0) personIds[i] = assigned.get(personIds[i]!)!;
  }
  const bySchoolName = new Map<string, number>();
  people.forEach((p, i) => bySchoolName.set(p.school, schoolIds[i]!));
  return {personIds, schoolIds, bySchoolName, noMunicipality};
}
