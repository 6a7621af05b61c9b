// Names in staff lists live only in teacher_identities (152-ФЗ; as for diagnostics, see
// loaders/diagnostics/store.ts): each named teacher of a roster is matched to a known teacher of the
// same school (any of its spellings in the directory) by the normalised full name, or gets a new
// pseudonymous id there. The roster's own rows keep that id and a hashed key, never the name.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all, one} from "../../store/database.ts";
import {personKey} from "../../lib/normalizeText.ts";

export interface NamedTeacher {
  /** schools.school_id of the spelling the roster used. */
  schoolId: number;
  fullName: string | null;
}

/** teacher_id of each row (null for a row with no name), creating identities for new teachers in one pass. */
export async function rosterIdentities(conn: DuckDBConnection, rows: NamedTeacher[], uploadId: number): Promise<Array<number | null>> {
  const named = rows.filter((r) => r.fullName);
  if (!named.length) return rows.map(() => null);
  const schools = [...new Set(named.map((r) => r.schoolId))];
  // A school is the same whatever spelling a file used: match within its directory school.
  const places = new Map((await all<{school_id: number; place: number}>(conn,
    "SELECT school_id, coalesce(directory_school_id, -school_id) AS place FROM school_directory WHERE list_contains($s, school_id)",
    {s: listValue(schools)})).map((p) => [p.school_id, p.place]));
  const placeOf = (schoolId: number) => places.get(schoolId) ?? -schoolId;
  const known = await all<{teacher_id: number; place: number; name_key: string; ambiguous: boolean}>(conn, `
    WITH mine AS (SELECT DISTINCT directory_school_id FROM school_directory WHERE list_contains($s, school_id) AND directory_school_id IS NOT NULL)
    SELECT t.teacher_id, coalesce(sd.directory_school_id, -t.school_id) AS place, i.name_key, t.ambiguous
    FROM diagnostic_teachers t JOIN teacher_identities i USING (teacher_id) LEFT JOIN school_directory sd ON sd.school_id = t.school_id
    WHERE list_contains($s, t.school_id) OR sd.directory_school_id IN (SELECT directory_school_id FROM mine)`, {s: listValue(schools)});
  const byName = new Map<string, Array<{id: number; ambiguous: boolean}>>();
  for (const k of known) {
    const key = `${k.place}|${k.name_key}`;
    byName.set(key, [...(byName.get(key) ?? []), {id: k.teacher_id, ambiguous: k.ambiguous}]);
  }
  let next = ((await one<{m: number}>(conn, "SELECT coalesce(max(teacher_id), 0)::INTEGER AS m FROM diagnostic_teachers"))?.m ?? 0) + 1;
  const fresh: Array<{id: number; schoolId: number; fullName: string; nameKey: string}> = [];
  const ids = rows.map((r) => {
    if (!r.fullName) return null;
    const nameKey = personKey(r.fullName);
    const key = `${placeOf(r.schoolId)}|${nameKey}`;
    const candidates = byName.get(key) ?? [];
    // One known teacher of that name, told apart from nobody: the same person. Otherwise a new id.
    if (candidates.length === 1 && !candidates[0]!.ambiguous) return candidates[0]!.id;
    const id = next++;
    fresh.push({id, schoolId: r.schoolId, fullName: r.fullName, nameKey});
    byName.set(key, [{id, ambiguous: false}]);
    return id;
  });
  if (fresh.length) {
    const teachers = await conn.createAppender("diagnostic_teachers");
    const identities = await conn.createAppender("teacher_identities");
    for (const f of fresh) {
      teachers.appendInteger(f.id); teachers.appendInteger(f.schoolId); teachers.appendBoolean(false); teachers.appendInteger(uploadId);
      teachers.endRow();
      identities.appendInteger(f.id); identities.appendVarchar(f.fullName); identities.appendVarchar(f.nameKey);
      for (let i = 0; i < 4; i++) identities.appendNull();
      identities.endRow();
    }
    teachers.closeSync();
    identities.closeSync();
  }
  return ids;
}
