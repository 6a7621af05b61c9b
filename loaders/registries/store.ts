// Stores one registry file inside its upload's transaction: the owner school, the people (names
// apart, behind stable ids), the entries, and which earlier loads of that school's base it replaces.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all, one} from "../../store/database.ts";
import {schoolKey, upsertSchools} from "../../store/schools.ts";
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {StoreContext, Stored} from "../fileKind.ts";
import type {RegistryData} from "./parse.ts";

const UNKNOWN_MUNICIPALITY = "не указан";

/** The school a registry belongs to; without a district, an already known school of that name. */
async function ownerSchool(conn: DuckDBConnection, school: RegistryData["school"]): Promise<number> {
  if (!school.municipality) {
    const known = await all<{school_id: number}>(conn,
      "SELECT school_id FROM schools WHERE school_key LIKE '%|' || $name", {name: normalizeKey(school.name)});
    if (known.length === 1) return known[0]!.school_id;
  }
  const s = {municipality: school.municipality ?? UNKNOWN_MUNICIPALITY, name: school.name};
  return (await upsertSchools(conn, [s])).get(schoolKey(s))!;
}

function day(appender: {appendNull(): void; appendVarchar(v: string): void}, d: Date | null) {
  // DATE columns accept ISO text through the appender's implicit cast.
  if (d) appender.appendVarchar(d.toISOString().slice(0, 10));
  else appender.appendNull();
}

export async function storeRegistries(conn: DuckDBConnection, data: RegistryData, context: StoreContext): Promise<Stored> {
  const schoolId = await ownerSchool(conn, data.school);
  const replaced = await all<{upload_id: number}>(conn,
    "SELECT DISTINCT upload_id FROM current_registry_loads WHERE school_id = $s AND list_contains($bases, base) ORDER BY 1",
    {s: schoolId, bases: listValue(data.bases)});

  // People: known ones keep their id (and get fuller names / new contacts), new ones get the next ids.
  const known = await all<{person_id: number; person_key: string; full_name: string}>(conn,
    "SELECT person_id, person_key, full_name FROM registry_people WHERE school_id = $s", {s: schoolId});
  const ids = new Map(known.map((k) => [k.person_key, k.person_id]));
  const fresh = data.people.filter((p) => !ids.has(p.key));
  const stale = data.people.filter((p) => ids.has(p.key));
  if (fresh.length) {
    const seq = await all<{id: number}>(conn, "SELECT nextval('registry_person_seq')::INTEGER AS id FROM range($n)", {n: fresh.length});
    const appender = await conn.createAppender("registry_people");
    fresh.forEach((p, i) => {
      ids.set(p.key, seq[i]!.id);
      appender.appendInteger(seq[i]!.id);
      appender.appendInteger(schoolId);
      appender.appendVarchar(p.key);
      appender.appendVarchar(p.name);
      p.contacts === null ? appender.appendNull() : appender.appendVarchar(p.contacts);
      p.birthYear === null ? appender.appendNull() : appender.appendInteger(p.birthYear);
      appender.appendInteger(context.uploadId);
      appender.endRow();
    });
    appender.closeSync();
  }
  if (stale.length) {
    await conn.run(`UPDATE registry_people p SET
        full_name = CASE WHEN length(regexp_replace(u.name, '[^[:alpha:]]', '', 'g')) > length(regexp_replace(p.full_name, '[^[:alpha:]]', '', 'g'))
                         THEN u.name ELSE p.full_name END,
        contacts = coalesce(u.contacts, p.contacts),
        birth_year = coalesce(u.birth_year, p.birth_year)
      FROM (SELECT unnest($ids) AS id, unnest($names) AS name, unnest($contacts) AS contacts, unnest($years) AS birth_year) u
      WHERE p.person_id = u.id`, {
      ids: listValue(stale.map((p) => ids.get(p.key)!)),
      names: listValue(stale.map((p) => p.name)),
      contacts: listValue(stale.map((p) => p.contacts)),
      years: listValue(stale.map((p) => p.birthYear))
    });
  }

  const loads = await conn.createAppender("registry_loads");
  for (const base of data.bases) {
    loads.appendInteger(context.uploadId);
    loads.appendInteger(schoolId);
    loads.appendVarchar(base);
    loads.endRow();
  }
  loads.closeSync();

  const appender = await conn.createAppender("registry_entries");
  for (const e of data.entries) {
    appender.appendInteger(context.uploadId);
    appender.appendInteger(schoolId);
    appender.appendVarchar(e.base);
    appender.appendVarchar(e.sheet);
    appender.appendInteger(e.row);
    for (const k of [e.mentorKey, e.menteeKey]) k === null ? appender.appendNull() : appender.appendInteger(ids.get(k)!);
    e.form === null ? appender.appendNull() : appender.appendVarchar(e.form);
    for (const d of [e.start, e.end, e.workStart, e.appointed]) day(appender, d);
    e.completed === null ? appender.appendNull() : appender.appendBoolean(e.completed);
    for (const v of [e.mentorOrg, e.menteeOrg]) v === null ? appender.appendNull() : appender.appendVarchar(v);
    appender.endRow();
  }
  appender.closeSync();

  const name = await one<{name: string}>(conn, "SELECT name FROM schools WHERE school_id = $s", {s: schoolId});
  return {schoolIds: new Map([[data.school.name, schoolId], ...(name ? [[name.name, schoolId] as [string, number]] : [])]),
    replaces: replaced.map((r) => r.upload_id)};
}
