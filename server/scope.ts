// Scope of uploads (issue 16 §2 for uploads, history and issues; §4 «Schools upload their own"): which
// uploads a session may see, as a WHERE clause on upload_id that the queries add in SQL (never a
// filter in the browser). An upload belongs to the schools it speaks about: the (school, period)
// pairs a quarterly report stored (school_periods), and for a refused file the schools it was for
// (upload_claims), each spelling resolved to its directory school (school_directory).
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, one, type Store} from "../store/database.ts";
import {directorySchool, liveSchoolId} from "../store/directory.ts";
import type {Session} from "./auth/permissions.ts";

import type {ReportScope} from "../reports/scope.ts";

/** Whose uploads a request sees: all of them, one municipality's schools, or one school's (the reports' scope). */
export type UploadScope = ReportScope;

/** Uploads that speak about a school of the scope: `WHERE ${uploadScopeSql("u.upload_id")}` with params from uploadScopeParams. */
export function uploadScopeSql(column: string): string {
  return `($scope_level = 'region' OR ${column} IN (
    SELECT l.upload_id FROM (
      SELECT upload_id, school_id FROM school_periods
      UNION SELECT upload_id, school_id FROM upload_claims WHERE school_id IS NOT NULL) l
    JOIN school_directory d USING (school_id)
    WHERE ($scope_level = 'school' AND d.directory_school_id = $scope_id)
       OR ($scope_level = 'municipality' AND d.municipality_id = $scope_id)))`;
}

export function uploadScopeParams(scope: UploadScope): {scope_level: string; scope_id: number} {
  return {scope_level: scope.level, scope_id: scope.level === "region" ? -1 : scope.id};
}

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

export async function scopeSchool(store: Store, scope: UploadScope): Promise<ScopeSchool | null> {
  if (scope.level !== "school" || scope.id <= 0) return null;
  return store.read(async (c: DuckDBConnection) => {
    const s = await directorySchool(c, scope.id);
    if (!s) return null;
    const spellings = await all<{name: string}>(c,
      "SELECT DISTINCT written_name AS name FROM school_directory WHERE directory_school_id = $id ORDER BY 1", {id: scope.id});
    const aliases = [...new Set([s.name, ...(s.fullName ? [s.fullName] : []), ...(s.shortName ? [s.shortName] : []), ...spellings.map((r) => r.name)])];
    return {id: s.id, name: s.name, municipality: s.municipality, aliases};
  });
}
