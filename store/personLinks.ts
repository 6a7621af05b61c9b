// One person's records across the inputs (issue 14), by pseudonymous ids: a route's or a students'
// results' named teacher (named_teachers) → the diagnostics' teacher (by ID within the school, else
// by the normalised full name); a registry person → the diagnostics' teacher and → the named
// teacher (by surname and initials within the school). A key two people of a school share links
// nobody. reports/teacherLinks.ts builds its index on these links; store/personalData.ts keeps the
// links of the people it purges (person_links, migration 011) before it replaces their names, so
// a purge changes no aggregate (a kept link to -1 says «linked to nobody»: a person whose name
// once matched two people keeps no link when one of them is purged). A purged person (name PURGED_NAME, key «purged:…») is never linked
// by name: only by a kept link (else every purged person would share one name).
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Params} from "./database.ts";
import {personKey, personMatchKey} from "../lib/normalizeText.ts";

/** What a removed name reads as. */
export const PURGED_NAME = "(имя удалено)";

export type LinkKind = "named-teacher" | "registry-teacher" | "registry-named";

export interface PersonLinks {
  /** named_teachers.person_id → teacher_id. */
  namedToTeacher: Map<number, number>;
  /** registry_people.person_id → teacher_id (a teacher that is not ambiguous). */
  registryToTeacher: Map<number, number>;
  /** registry_people.person_id → named_teachers.person_id. */
  registryToNamed: Map<number, number>;
}

interface Teacher { id: number; school: number; name: string; key: string; ext: string | null; ambiguous: boolean }
interface Named { id: number; school: number; name: string; key: string; ext: string | null }
interface RegistryPerson { id: number; school: number; name: string; key: string }

const purged = (p: {name: string; key: string}) => p.name === PURGED_NAME || p.key.startsWith("purged:");

/** Keys that occur once per school: a second person with the same key makes it unusable. */
function uniqueIndex<T>(items: T[], key: (t: T) => string | null): Map<string, T> {
  const seen = new Map<string, T | null>();
  for (const t of items) {
    const k = key(t);
    if (k === null) continue;
    seen.set(k, seen.has(k) ? null : t);
  }
  const out = new Map<string, T>();
  for (const [k, v] of seen) if (v !== null) out.set(k, v);
  return out;
}

/**
 * Which schools' people to read: a WHERE clause over a stored school column (the caller's scope, e.g.
 * reports/scopeSql.ts spellingInScope) and its bound parameters. Links never cross a school, so the
 * links of a part of the region are the same as the whole region's restricted to that part.
 */
export interface SchoolFilter {
  where(column: string): string;
  params: Params;
}

async function readPeople(conn: DuckDBConnection, only?: SchoolFilter): Promise<{teachers: Map<number, Teacher>; named: Named[]; registry: RegistryPerson[]}> {
  const where = (column: string) => only ? `WHERE ${only.where(column)}` : "";
  const teachers = await all<Teacher>(conn, `SELECT t.teacher_id AS id, t.school_id AS school, i.full_name AS name, i.name_key AS key,
    i.external_id AS ext, t.ambiguous FROM diagnostic_teachers t JOIN teacher_identities i USING (teacher_id) ${where("t.school_id")}
    ORDER BY t.teacher_id`, only?.params);
  const named = await all<Named>(conn, `SELECT person_id AS id, school_id AS school, full_name AS name, name_key AS key, external_id AS ext
    FROM named_teachers ${where("school_id")} ORDER BY person_id`, only?.params);
  const registry = await all<RegistryPerson>(conn, `SELECT person_id AS id, school_id AS school, full_name AS name, person_key AS key
    FROM registry_people ${where("school_id")} ORDER BY person_id`, only?.params);
  return {teachers: new Map(teachers.map((t) => [t.id, t])), named, registry};
}

/** The links kept by earlier purges, by kind: from_id → to_id. */
async function keptLinks(conn: DuckDBConnection): Promise<Record<LinkKind, Map<number, number>>> {
  const rows = await all<{kind: LinkKind; from_id: number; to_id: number}>(conn, "SELECT kind, from_id, to_id FROM person_links");
  const out: Record<LinkKind, Map<number, number>> = {"named-teacher": new Map(), "registry-teacher": new Map(), "registry-named": new Map()};
  for (const r of rows) out[r.kind]?.set(r.from_id, r.to_id);
  return out;
}

/** Every link between the people's records now (of the schools `only` keeps): kept links first, then IDs and names of the people not purged. */
export async function personLinks(conn: DuckDBConnection, only?: SchoolFilter): Promise<PersonLinks> {
  const {teachers, named, registry} = await readPeople(conn, only);
  const kept = await keptLinks(conn);
  const namedIds = new Set(named.map((p) => p.id));
  const live = [...teachers.values()].filter((t) => !purged(t));

  // Named teachers → diagnostics: by ID within the school, else by the full name; one named teacher per teacher.
  const namedToTeacher = new Map<number, number>(), taken = new Set<number>();
  for (const [from, to] of kept["named-teacher"]) {
    const t = teachers.get(to);
    if (namedIds.has(from) && t && !t.ambiguous && !taken.has(to)) { namedToTeacher.set(from, to); taken.add(to); }
  }
  const byId = uniqueIndex(live.filter((t) => !t.ambiguous), (t) => (t.ext ? `${t.school}|${t.ext}` : null));
  const byName = uniqueIndex(live, (t) => `${t.school}|${personKey(t.name)}`);
  for (const p of named) {
    if (kept["named-teacher"].has(p.id) || purged(p)) continue;
    const t = (p.ext ? byId.get(`${p.school}|${p.ext}`) : undefined) ?? byName.get(`${p.school}|${personKey(p.name)}`);
    if (t && !t.ambiguous && !taken.has(t.id)) { namedToTeacher.set(p.id, t.id); taken.add(t.id); }
  }

  // Registry people → diagnostics and → named teachers: by surname and initials within the school.
  const registryToTeacher = new Map<number, number>(), registryToNamed = new Map<number, number>();
  const teacherByMatch = uniqueIndex(live, (t) => `${t.school}|${personMatchKey(t.name)}`);
  const namedByMatch = uniqueIndex(named.filter((p) => !purged(p)), (p) => `${p.school}|${personMatchKey(p.name)}`);
  for (const r of registry) {
    const keptTeacher = kept["registry-teacher"].get(r.id), keptNamed = kept["registry-named"].get(r.id);
    const key = purged(r) ? null : `${r.school}|${personMatchKey(r.name)}`;
    const t = keptTeacher !== undefined ? teachers.get(keptTeacher) : key === null ? undefined : teacherByMatch.get(key);
    if (t && !t.ambiguous) registryToTeacher.set(r.id, t.id);
    const p = keptNamed !== undefined ? (namedIds.has(keptNamed) ? keptNamed : undefined) : key === null ? undefined : namedByMatch.get(key)?.id;
    if (p !== undefined) registryToNamed.set(r.id, p);
  }
  return {namedToTeacher, registryToTeacher, registryToNamed};
}

/** The links as rows (kind, from_id, to_id). */
export function linkRows(links: PersonLinks): Array<{kind: LinkKind; from: number; to: number}> {
  return [
    ...[...links.namedToTeacher].map(([from, to]) => ({kind: "named-teacher" as const, from, to})),
    ...[...links.registryToTeacher].map(([from, to]) => ({kind: "registry-teacher" as const, from, to})),
    ...[...links.registryToNamed].map(([from, to]) => ({kind: "registry-named" as const, from, to}))
  ];
}
