// A report's scope (reports/scope.ts) as SQL: the WHERE clauses every report adds so that a school's
// or a municipality's report reads only its rows (issue 15 §1, issue 16 §2). Two kinds of school
// column exist: a stored spelling (`schools.school_id`, what loaders write) resolves to its directory
// school through `school_directory`; a directory id (`directory_school_id`) is compared directly.
// Both take the bound parameters of scopeParams(): `$scope_level`, `$scope_id`.
import type {DuckDBConnection} from "@duckdb/node-api";
import {one} from "../store/database.ts";
import type {ReportScope} from "./scope.ts";

/** `$scope_level` and `$scope_id` for the clauses below (the region's id is −1: never used). */
export function scopeParams(scope: ReportScope | undefined): {scope_level: string; scope_id: number} {
  const s = scope ?? {level: "region"};
  return {scope_level: s.level, scope_id: s.level === "region" ? -1 : s.id};
}

// Uploads by scope (server/scope.ts for the history and issues, reports/pages for the pages): an
// upload belongs to the schools it speaks about — the (school, period) pairs a quarterly report
// stored, the schools of the teachers, registries, respondents, staff lists and indicator tables it
// stored, and for a refused file the schools it was for (upload_claims).
/** Every (upload, school) an upload speaks about. */
export const UPLOAD_SCHOOLS = `SELECT upload_id, school_id FROM school_periods
      UNION SELECT upload_id, school_id FROM upload_claims WHERE school_id IS NOT NULL
      UNION SELECT e.upload_id, t.school_id FROM diagnostic_entries e JOIN diagnostic_teachers t USING (teacher_id)
      UNION SELECT upload_id, school_id FROM registry_loads
      UNION SELECT upload_id, school_id FROM questionnaire_respondents WHERE school_id IS NOT NULL
      UNION SELECT upload_id, school_id FROM roster_snapshots
      UNION SELECT upload_id, school_id FROM indicator_values`;

/** A directory school `d` of the scope ($scope_level, $scope_id). */
export const SCOPE_MATCH = `(($scope_level = 'school' AND d.directory_school_id = $scope_id)
       OR ($scope_level = 'municipality' AND d.municipality_id = $scope_id))`;

/** Uploads that speak about a school of the scope: `WHERE ${uploadScopeSql("u.upload_id")}` with params from uploadScopeParams. */
export function uploadScopeSql(column: string): string {
  return `($scope_level = 'region' OR ${column} IN (
    SELECT l.upload_id FROM (${UPLOAD_SCHOOLS}) l
    JOIN school_directory d USING (school_id)
    WHERE ${SCOPE_MATCH}))`;
}

/** True when a stored spelling's school (`column` holds schools.school_id) lies in the scope. */
export function spellingInScope(column: string): string {
  return `($scope_level = 'region' OR ${column} IN (
    SELECT sd.school_id FROM school_directory sd
    WHERE ($scope_level = 'school' AND sd.directory_school_id = $scope_id)
       OR ($scope_level = 'municipality' AND sd.municipality_id = $scope_id)))`;
}

/** True when a directory school (`column` holds directory_school_id) lies in the scope. */
export function directoryInScope(column: string): string {
  return `($scope_level = 'region' OR ($scope_level = 'school' AND ${column} = $scope_id)
    OR ($scope_level = 'municipality' AND ${column} IN (
      SELECT ds.directory_school_id FROM directory_schools ds WHERE ds.municipality_id = $scope_id)))`;
}

/** Whom a report is about, as its title says it: the level, the directory id, the name, and a school's municipality. */
export interface ScopeName {
  level: ReportScope["level"];
  /** The directory id; null for the region. */
  id: number | null;
  /** The school's or municipality's name; the region's is the organisation setting's name. */
  name: string;
  /** A school's municipality. */
  municipality?: string;
}

/** The scope's name from the directory; null when the id names no municipality or school. */
export async function scopeName(conn: DuckDBConnection, scope: ReportScope, regionName: string): Promise<ScopeName | null> {
  if (scope.level === "region") return {level: "region", id: null, name: regionName};
  if (scope.level === "municipality") {
    const m = await one<{name: string}>(conn, "SELECT name FROM municipalities WHERE municipality_id = $id", {id: scope.id});
    return m ? {level: "municipality", id: scope.id, name: m.name} : null;
  }
  const s = await one<{name: string; municipality: string}>(conn,
    "SELECT name, municipality FROM current_directory_schools WHERE directory_school_id = $id", {id: scope.id});
  return s ? {level: "school", id: scope.id, name: s.name, municipality: s.municipality} : null;
}

/** The municipality of a directory school (for scopeContains), null when unknown. */
export async function municipalityOfSchool(conn: DuckDBConnection, schoolId: number): Promise<number | null> {
  const r = await one<{m: number}>(conn, "SELECT municipality_id AS m FROM directory_schools WHERE directory_school_id = $id", {id: schoolId});
  return r?.m ?? null;
}

/** «регион», «муниципалитет», «школа»: the level as a person writes it. */
export const SCOPE_LEVEL_WORDS: Record<ReportScope["level"], string> = {region: "регион", municipality: "муниципалитет", school: "школа"};

/** A level from its Russian or English word (регион/region, муниципалитет/municipality, школа/school), or null. */
export function levelFromWord(word: string): ReportScope["level"] | null {
  const w = word.trim().toLowerCase().replace(/ё/g, "е");
  if (["регион", "region"].includes(w)) return "region";
  if (["муниципалитет", "municipality", "район"].includes(w)) return "municipality";
  if (["школа", "school", "оо"].includes(w)) return "school";
  return null;
}

/** A scope whose id the directory does not know: the message is Russian («в справочнике нет школы № 17»). */
export class UnknownScopeError extends Error {
  constructor(scope: Exclude<ReportScope, {level: "region"}>) {
    super(scope.level === "school" ? `в справочнике нет школы № ${scope.id}` : `в справочнике нет муниципалитета № ${scope.id}`);
    this.name = "UnknownScopeError";
  }
}
