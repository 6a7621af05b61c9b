// Files of the uploader's own scope (issue 16 §1, §4): a municipal curator uploads diagnostics,
// registries and questionnaires of her municipality's schools, a school's account the files of her
// school. The server passes the scope's schools (their directory names and every spelling) as a
// lock; a file that names a school outside it is refused, saying which school it names. Quarterly
// reports check their school in loaders/forms (school/option-differs); every other kind lists the
// schools it names (FileKind.schoolsNamed) and is checked here, after parsing, before anything is stored.
import type {IssueFacts} from "./issues.ts";
import type {FileKind, Parsed, ParseContext} from "./fileKind.ts";
import {municipalityKey, schoolNameKey} from "../lib/schoolName.ts";

/** The part of the region an upload is locked to, with the names its schools are known by. */
export interface ScopeLock {
  level: "school" | "municipality";
  /** The directory's name of the municipality (of the school, for a school). */
  municipality: string;
  /** The school's name (a school) or the municipality's (a municipality), for messages. */
  name: string;
  /** Every school of the scope with each spelling it is known by (one for a school). */
  schools: Array<{name: string; aliases: string[]}>;
}

/** A school a file names: the row or title it is written in and the district next to it (null or "": none). */
export interface NamedSchool {
  name: string;
  municipality: string | null;
  sheet?: string;
  row?: number;
}

/**
 * The first school of `named` outside the lock: a district other than the scope's (when both are
 * written), or a name none of the scope's schools is known by. A municipality's lock accepts a
 * school of its district the directory does not know yet (it becomes a proposal); without a
 * district, the name must be one of its schools. `{name: ""}` stands for a row that names no school.
 * @example firstOutside([{name: "СОШ № 2", municipality: "Тарский р-н"}],
 *   {level: "municipality", municipality: "Тарский муниципальный район", name: "Тарский муниципальный район",
 *    schools: [{name: "МБОУ «СОШ № 1»", aliases: []}]}) // undefined (a school of the district)
 */
export function firstOutside(named: NamedSchool[], lock: ScopeLock): NamedSchool | undefined {
  const district = municipalityKey(lock.municipality);
  const known = new Set(lock.schools.flatMap((s) => [s.name, ...s.aliases]).map(schoolNameKey));
  return named.find((s) => {
    if (!s.name.trim()) return true;
    const written = municipalityKey(s.municipality ?? "");
    if (written !== "" && district !== "" && written !== district) return true;
    if (lock.level === "municipality" && written !== "" && written === district) return false;
    return !known.has(schoolNameKey(s.name));
  });
}

/** The refusal of a parsed file that names a school outside the lock, or null when it names none. */
export function outsideScope(kind: FileKind, parsed: Parsed<unknown>, context: ParseContext): IssueFacts | null {
  const lock = context.scopeLock;
  if (!lock || !kind.schoolsNamed) return null;
  const seen = new Set<string>();
  // One check per distinct school: a diagnostics file repeats its few schools on thousands of rows.
  const named = kind.schoolsNamed(parsed.data, context).filter((s) => {
    const k = `${s.municipality ?? ""}|${s.name}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const outside = named.length ? firstOutside(named, lock) : {name: "", municipality: null};
  if (!outside) return null;
  return {severity: "error", kind: "upload/outside-scope", file: context.file, sheet: outside.sheet ?? null, row: outside.row ?? null,
    school: outside.name.trim() || null, details: {level: lock.level, own: lock.name, municipality: outside.municipality?.trim() || null}};
}
