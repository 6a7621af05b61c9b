// Stores a parsed diagnostics file inside its upload's transaction: resolves each row to a
// pseudonymous teacher (by ID where there is one, else by normalised name within the school),
// keeps names only in teacher_identities, and appends the results in bulk.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all, one} from "../../store/database.ts";
import {upsertSchools, schoolKey} from "../../store/schools.ts";
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {StoreContext, Stored} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {DiagnosticsData, TeacherRow} from "./parse.ts";

interface Known {
  teacherId: number;
  externalId: string | null;
  ambiguous: boolean;
  /** Waves this teacher has results for (any upload). */
  waves: Set<string>;
}

/** The school of each row: by municipality and name, or, without a municipality, a known school of that name. */
async function resolveSchools(conn: DuckDBConnection, rows: TeacherRow[]): Promise<{ofRow: number[]; byName: Map<string, number>}> {
  const noMunicipality = rows.some((r) => r.municipality === "");
  const byBareName = new Map<string, number[]>();
  if (noMunicipality) {
    for (const s of await all<{school_id: number; name: string}>(conn, "SELECT school_id, name FROM schools")) {
      const k = normalizeKey(s.name);
      byBareName.set(k, [...(byBareName.get(k) ?? []), s.school_id]);
    }
  }
  // Each distinct (district, school) once: schoolKey normalises text, and a file repeats its schools on every row.
  const distinct = new Map<string, {municipality: string; name: string; knownId?: number}>();
  const pairOf = rows.map((r) => {
    const pair = `${r.municipality}\u0000${r.school}`;
    if (!distinct.has(pair)) {
      if (r.municipality !== "") distinct.set(pair, {municipality: r.municipality, name: r.school});
      else {
        const known = byBareName.get(normalizeKey(r.school));
        distinct.set(pair, {municipality: "", name: r.school, knownId: known?.length === 1 ? known[0] : undefined});
      }
    }
    return pair;
  });
  const ids = await upsertSchools(conn, [...distinct.values()].filter((n) => n.knownId === undefined));
  const idOfPair = new Map([...distinct].map(([pair, n]) => [pair, n.knownId ?? ids.get(schoolKey(n))!]));
  const ofRow = pairOf.map((p) => idOfPair.get(p)!);
  const byName = new Map<string, number>();
  rows.forEach((r, i) => byName.set(r.school, ofRow[i]!));
  return {ofRow, byName};
}

export async function storeDiagnostics(conn: DuckDBConnection, data: DiagnosticsData, context: StoreContext): Promise<Stored> {
  const {rows} = data;
  const uploadId = context.uploadId;
  const {ofRow, byName} = await resolveSchools(conn, rows);
  const schoolList = [...new Set(ofRow)];
  // Read column-wise: row objects for 100,000 known teachers cost more than the query.
  const knownReader = await conn.runAndReadAll(
    `SELECT t.teacher_id, t.school_id, i.external_id, i.name_key, t.ambiguous, w.waves
     FROM diagnostic_teachers t JOIN teacher_identities i USING (teacher_id)
     LEFT JOIN (SELECT teacher_id, string_agg(DISTINCT wave, ',') AS waves FROM diagnostic_entries GROUP BY teacher_id) w USING (teacher_id)
     WHERE list_contains($schools, t.school_id)`, {schools: listValue(schoolList)});
  const kc = knownReader.getColumnsObject() as unknown as {teacher_id: number[]; school_id: number[]; external_id: Array<string | null>;
    name_key: string[]; ambiguous: boolean[]; waves: Array<string | null>};
  const byId = new Map<string, Known>(), byName2 = new Map<string, Known[]>();
  const remember = (school: number, nameKey: string, k: Known) => {
    if (k.externalId) byId.set(`${school}|${k.externalId}`, k);
    const key = `${school}|${nameKey}`;
    const list = byName2.get(key);
    if (list) list.push(k); else byName2.set(key, [k]);
  };
  // An empty result has no columns at all.
  for (let i = 0; i < (kc.teacher_id?.length ?? 0); i++) {
    const waves = kc.waves[i];
    remember(kc.school_id[i]!, kc.name_key[i]!, {teacherId: kc.teacher_id[i]!, externalId: kc.external_id[i] ?? null,
      ambiguous: kc.ambiguous[i]!, waves: new Set(waves ? waves.split(",") : [])});
  }
  let next = ((await one<{m: number}>(conn, "SELECT coalesce(max(teacher_id), 0)::INTEGER AS m FROM diagnostic_teachers"))?.m ?? 0) + 1;

  const teachers = await conn.createAppender("diagnostic_teachers");
  const identities = await conn.createAppender("teacher_identities");
  const entries = await conn.createAppender("diagnostic_entries");
  const results = await conn.createAppender("diagnostic_results");
  const idUpdates: Array<[number, string]> = [];
  const issues: IssueFacts[] = [];
  // A teacher speaks once per wave in a file; a second row resolving to them is someone else.
  const used = new Set<string>();
  const optional = (v: string | null) => v === null ? identities.appendNull() : identities.appendVarchar(v);
  rows.forEach((row, i) => {
    const school = ofRow[i]!;
    let match: Known | undefined;
    let ambiguous = row.ambiguous;
    const namesakes = byName2.get(`${school}|${row.nameKey}`) ?? [];
    if (!ambiguous) {
      match = row.externalId ? byId.get(`${school}|${row.externalId}`) : undefined;
      if (match?.ambiguous) match = undefined;
      if (!match) {
        // Same name, and no ID that says it is someone else; namesakes already told apart by
        // nothing make this one undecidable too.
        const candidates = namesakes.filter((k) => !k.externalId || !row.externalId || k.externalId === row.externalId);
        if (candidates.some((k) => k.ambiguous) || candidates.length > 1) {
          ambiguous = true;
          issues.push({file: context.file, sheet: row.sheet, row: row.row, severity: "warning",
            kind: "diagnostics/ambiguous-stored-teacher", school: row.school, details: {namesakes: candidates.length}});
        } else match = candidates[0];
      }
    }
    if (ambiguous && !match) {
      // A file loaded again: its namesakes take the places of the earlier ones of that wave, in order.
      match = namesakes.find((k) => k.ambiguous && k.waves.has(row.wave) && !used.has(`${k.teacherId}|${row.wave}`));
    }
    if (match && used.has(`${match.teacherId}|${row.wave}`)) { match = undefined; ambiguous = true; }
    if (match && !match.externalId && row.externalId) {
      match.externalId = row.externalId;
      byId.set(`${school}|${row.externalId}`, match);
      idUpdates.push([match.teacherId, row.externalId]);
    }
    if (!match) {
      match = {teacherId: next++, externalId: row.externalId, ambiguous, waves: new Set()};
      remember(school, row.nameKey, match);
      teachers.appendInteger(match.teacherId);
      teachers.appendInteger(school);
      teachers.appendBoolean(ambiguous);
      teachers.appendInteger(uploadId);
      teachers.endRow();
      identities.appendInteger(match.teacherId);
      identities.appendVarchar(row.fullName);
      identities.appendVarchar(row.nameKey);
      optional(row.externalId);
      optional(row.position);
      optional(row.subject);
      optional(row.experience);
      identities.endRow();
    }
    used.add(`${match.teacherId}|${row.wave}`);
    match.waves.add(row.wave);
    entries.appendInteger(uploadId);
    entries.appendInteger(match.teacherId);
    entries.appendVarchar(row.wave);
    entries.appendVarchar(row.sheet);
    entries.appendInteger(row.row);
    entries.endRow();
    for (const r of row.results) {
      results.appendInteger(uploadId);
      results.appendInteger(match.teacherId);
      results.appendVarchar(row.wave);
      results.appendVarchar(r.area);
      results.appendDouble(r.result);
      results.appendInteger(r.column);
      results.endRow();
    }
  });
  for (const a of [teachers, identities, entries, results]) a.closeSync();
  for (const [sheet, year] of Object.entries(data.sheetYears ?? {})) {
    if (year !== null) await conn.run("INSERT INTO diagnostic_sheet_years (upload_id, sheet, school_year) VALUES ($u, $s, $y)", {u: uploadId, s: sheet, y: year});
  }
  if (idUpdates.length) {
    await conn.run(`UPDATE teacher_identities SET external_id = u.ext
      FROM (SELECT unnest($ids) AS id, unnest($exts) AS ext) u WHERE teacher_identities.teacher_id = u.id`,
    {ids: listValue(idUpdates.map((u) => u[0])), exts: listValue(idUpdates.map((u) => u[1]))});
  }
  // The uploads whose entry or exit results for these teachers this one now replaces.
  const replaced = await all<{upload_id: number}>(conn,
    `SELECT DISTINCT prev AS upload_id FROM (
       SELECT max(e.upload_id) AS prev
       FROM diagnostic_entries e
       JOIN diagnostic_entries n ON n.teacher_id = e.teacher_id AND n.wave = e.wave AND n.upload_id = $u
       JOIN uploads up ON up.upload_id = e.upload_id
       WHERE e.upload_id < $u AND up.undone_at IS NULL
       GROUP BY e.teacher_id, e.wave) ORDER BY 1`, {u: uploadId});
  return {schoolIds: byName, replaces: replaced.map((r) => r.upload_id), issues};
}
