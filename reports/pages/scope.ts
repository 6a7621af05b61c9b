// The scope guard of the live pages (issue 16 §2): the report functions take the view's scope and
// filter in SQL; what a page derives from a report already scoped is cut again here, on the server,
// as a second line of defence — rows of schools and municipalities outside the scope are dropped —
// and every page lists only the scope's uploads.
import {all, type Store} from "../../store/database.ts";
import type {ReportScope} from "../scope.ts";
import {scopeParams, uploadScopeSql} from "../scopeSql.ts";

/** Names and ids of what a scope covers: directory ids and every written spelling (reports key some rows by name). */
export interface ScopeMembers {
  scope: ReportScope;
  /** Directory school ids within the scope. */
  schoolIds: Set<number>;
  /** Municipality ids within the scope (a school scope: none — her municipality's aggregate is not hers). */
  municipalityIds: Set<number>;
  /** Every name a school of the scope is written or known by, normalised. */
  schoolNames: Set<string>;
  /** Names of the scope's municipality (municipality scope only), normalised. */
  municipalityNames: Set<string>;
}

export const nameKey = (s: string) => s.toLowerCase().replace(/ё/g, "е").replace(/["«»“”]/g, "").replace(/\s+/g, " ").trim();

/** What the scope covers; null for the region (nothing to cut). */
export async function scopeMembers(store: Store, scope: ReportScope): Promise<ScopeMembers | null> {
  if (scope.level === "region") return null;
  const rows = await store.read((c) => all<{directory_school_id: number | null; municipality_id: number | null; written_name: string; name: string | null;
    written_municipality: string | null; municipality: string | null}>(c, `
    SELECT directory_school_id, municipality_id, written_name, name, written_municipality, municipality FROM school_directory
    WHERE ($level = 'school' AND directory_school_id = $id) OR ($level = 'municipality' AND municipality_id = $id)`,
  {level: scope.level, id: scope.id}));
  const m: ScopeMembers = {scope, schoolIds: new Set(), municipalityIds: new Set(), schoolNames: new Set(), municipalityNames: new Set()};
  for (const r of rows) {
    if (r.directory_school_id !== null) m.schoolIds.add(r.directory_school_id);
    m.schoolNames.add(nameKey(r.written_name));
    if (r.name) m.schoolNames.add(nameKey(r.name));
    if (scope.level === "municipality") {
      if (r.municipality_id !== null) m.municipalityIds.add(r.municipality_id);
      for (const n of [r.municipality, r.written_municipality]) if (n) m.municipalityNames.add(nameKey(n));
    }
  }
  if (scope.level === "municipality") {
    m.municipalityIds.add(scope.id);
    const own = await store.read((c) => all<{name: string}>(c, "SELECT name FROM municipalities WHERE municipality_id = $id", {id: scope.id}));
    for (const r of own) m.municipalityNames.add(nameKey(r.name));
  } else m.schoolIds.add(scope.id);
  return m;
}

/** Uploads that speak about a school of the scope (reports/scopeSql.ts uploadScopeSql): null for the region — every upload. */
export async function uploadsInScope(store: Store, scope: ReportScope): Promise<Set<number> | null> {
  if (scope.level === "region") return null;
  const rows = await store.read((c) => all<{upload_id: number}>(c,
    `SELECT u.upload_id FROM uploads u WHERE ${uploadScopeSql("u.upload_id")}`, scopeParams(scope)));
  return new Set(rows.map((r) => r.upload_id));
}

/**
 * Drops, anywhere in `data`, the array items that name a school or a municipality outside the
 * scope: an object with a `school` text is kept when the school is the scope's; one with only a
 * `municipality` text when the scope is that municipality. A region scope returns `data` as is.
 */
export function keepInScope<T>(data: T, m: ScopeMembers | null): T {
  if (!m) return data;
  const inScope = (x: unknown): boolean => {
    if (!x || typeof x !== "object" || Array.isArray(x)) return true;
    const o = x as Record<string, unknown>;
    if (typeof o.school === "string") return m.schoolNames.has(nameKey(o.school));
    if (typeof o.municipality === "string") return m.municipalityNames.has(nameKey(o.municipality));
    return true;
  };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.filter(inScope).map(walk);
    if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  return walk(data) as T;
}
