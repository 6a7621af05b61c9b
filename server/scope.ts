// Scope of uploads (issue 16 §2 for uploads, history and issues; §4 «Schools upload their own"): which
// uploads a session may see, as a WHERE clause on upload_id that the queries add in SQL (never a
// filter in the browser). An upload belongs to the schools it speaks about: the (school, period)
// pairs a quarterly report stored (school_periods), the schools of the teachers, registries,
// respondents, staff lists and indicator tables it stored, and for a refused file the schools it
// was for (upload_claims), each spelling resolved to its directory school (school_directory).
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, one, type Store} from "../store/database.ts";
import {directorySchool, directorySchools, liveSchoolId} from "../store/directory.ts";
import type {ScopeLock} from "../loaders/ownScope.ts";
import {can, type Session} from "./auth/permissions.ts";

import type {Audience, ReportScope} from "../reports/scope.ts";
import {scopeParams, SCOPE_MATCH, UPLOAD_SCHOOLS, uploadScopeSql} from "../reports/scopeSql.ts";

export {uploadScopeSql};

/** Whose uploads a request sees: all of them, one municipality's schools, or one school's (the reports' scope). */
export type UploadScope = ReportScope;

export const uploadScopeParams = (scope: UploadScope): {scope_level: string; scope_id: number} => scopeParams(scope);

/**
 * The upload scope of a session (null: a request with no session, e.g. the console — the region).
 * A scope id that is not a number of the directory sees nothing (id -1).
 */
export async function uploadScopeOf(store: Store, session: Pick<Session, "scope"> | null): Promise<UploadScope> {
  const scope = session?.scope ?? {level: "region"};
  if (scope.level === "region") return {level: "region"};
  const id = /^\d{1,9}$/.test(scope.id) ? Number(scope.id) : -1;
  if (scope.level === "municipality") return {level: "municipality", id};
  const live = id > 0 ? await store.read((c) => liveSchoolId(c, id)) : null;
  return {level: "school", id: live ?? -1};
}

/**
 * Whether every school an upload speaks about lies in the scope (and it speaks about one): bytes
 * loaded before are answered «already loaded» to a locked uploader only then — a file she would be
 * refused is parsed again and refused.
 */
export async function uploadWithinScope(store: Store, uploadId: number, scope: UploadScope): Promise<boolean> {
  if (scope.level === "region") return true;
  const r = await store.read((c) => one<{inside: number; outside: number}>(c,
    `SELECT count(*) FILTER (WHERE ${SCOPE_MATCH})::INTEGER AS inside, count(*) FILTER (WHERE NOT coalesce(${SCOPE_MATCH}, false))::INTEGER AS outside
     FROM (${UPLOAD_SCHOOLS}) l LEFT JOIN school_directory d USING (school_id) WHERE l.upload_id = $id`,
    {id: uploadId, ...uploadScopeParams(scope)}));
  return (r?.inside ?? 0) > 0 && (r?.outside ?? 0) === 0;
}

/** Whether one upload is in the scope (the issues XLSX of an upload outside it is «not found»). */
export async function uploadInScope(store: Store, uploadId: number, scope: UploadScope): Promise<boolean> {
  const r = await store.read((c) => one<{n: number}>(c,
    `SELECT count(*)::INTEGER AS n FROM uploads u WHERE u.upload_id = $id AND ${uploadScopeSql("u.upload_id")}`,
    {id: uploadId, ...uploadScopeParams(scope)}));
  return (r?.n ?? 0) > 0;
}

/** The school a school-scope session uploads for: its directory name and every spelling the school was written in. */
export interface ScopeSchool {
  id: number;
  name: string;
  municipality: string;
  /** Every name the school is known by (the directory's name, the spellings of files linked to it). */
  aliases: string[];
}

/** Every name a directory school is known by: its name, full and short names, and the spellings files wrote it in. */
const namesOf = (s: {name: string; fullName: string | null; shortName: string | null}, spellings: string[]): string[] =>
  [...new Set([s.name, ...(s.fullName ? [s.fullName] : []), ...(s.shortName ? [s.shortName] : []), ...spellings])];

export async function scopeSchool(store: Store, scope: UploadScope): Promise<ScopeSchool | null> {
  if (scope.level !== "school" || scope.id <= 0) return null;
  return store.read(async (c: DuckDBConnection) => {
    const s = await directorySchool(c, scope.id);
    if (!s) return null;
    const spellings = await all<{name: string}>(c,
      "SELECT DISTINCT written_name AS name FROM school_directory WHERE directory_school_id = $id ORDER BY 1", {id: scope.id});
    return {id: s.id, name: s.name, municipality: s.municipality, aliases: namesOf(s, spellings.map((r) => r.name))};
  });
}

/**
 * The lock an upload from a session below the region carries (loaders/ownScope.ts): her school, or
 * every school of her municipality, each with the spellings it was written in. Null for the region,
 * or when the directory does not know the scope's id.
 */
export async function scopeLockOf(store: Store, scope: UploadScope): Promise<ScopeLock | null> {
  if (scope.level === "region") return null;
  if (scope.level === "school") {
    const s = await scopeSchool(store, scope);
    return s ? {level: "school", municipality: s.municipality, name: s.name, schools: [{name: s.name, aliases: s.aliases}]} : null;
  }
  return store.read(async (c: DuckDBConnection) => {
    const m = await one<{name: string}>(c, "SELECT name FROM municipalities WHERE municipality_id = $id", {id: scope.id});
    if (!m) return null;
    const schools = (await directorySchools(c)).filter((s) => s.municipalityId === scope.id);
    const spellings = await all<{id: number; name: string}>(c,
      `SELECT DISTINCT d.directory_school_id AS id, d.written_name AS name FROM school_directory d
       WHERE d.municipality_id = $id ORDER BY 1, 2`, {id: scope.id});
    return {level: "municipality", municipality: m.name, name: m.name,
      schools: schools.map((s) => ({name: s.name, aliases: namesOf(s, spellings.filter((x) => x.id === s.id).map((x) => x.name))}))};
  });
}

/** Who reads (pages and exports alike): management and roles without the right to see names get aggregates only. */
export function audienceOf(session: Pick<Session, "role"> | null): Audience {
  if (!session) return "service";
  return session.role === "management" || !can(session, "view-names") ? "aggregate" : "service";
}
