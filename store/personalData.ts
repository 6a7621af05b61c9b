// Removing personal data (issue 16 §5; 152-ФЗ): names and contacts past the retention period, or
// of one person on request, leaving every aggregate unchanged. Facts refer to people by
// pseudonymous ids, so a purge rewrites only what identifies them:
//   - teacher_identities: name, name key, external id, position, subject, experience;
//   - registry_people: name, key, contacts, birth year;
//   - school_contacts: Form 1's contacts of the schools' directors (older-than: deleted);
//   - named_teachers (routes and students' results): name, name key, external id, position; the
//     links reports make by name between a purged person's records (store/personLinks.ts) are kept
//     first, by pseudonymous ids (person_links), so routes' and students' figures stay as they were;
//   - pseudonymous keys that are hashes or codes of a person (questionnaire respondents, staff
//     lists: «h:…», «code:…») are replaced by random ones, the same old key by the same new key
//     everywhere, so every pairing and count stays as it was;
//   - texts that may quote a person: issue values (and the messages quoting them), file names of
//     the kinds that hold people (older-than), or the person's name wherever it is written
//     (person); originals of the uploaded files (older-than: every file past the period; person:
//     the files that named her).
// Rows are updated in place (DuckDB keeps old bytes in free blocks until the file is rewritten:
// `compactDatabase`, run by `mentoring purge` and by the server at its next start). Every purge
// is one transaction with its audit record.
import {createHash, randomBytes} from "node:crypto";
import {existsSync, renameSync, rmSync} from "node:fs";
import {join, resolve} from "node:path";
import {DuckDBInstance, listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all, one, type Params, type Store} from "./database.ts";
import {auditIn, type Actor} from "./audit.ts";
import {personKey} from "../lib/normalizeText.ts";
import {linkRows, personLinks, PURGED_NAME, type PersonLinks} from "./personLinks.ts";

export {PURGED_NAME};
/** What a removed quote reads as. */
const REDACTED = "[удалено]";
/** Default retention of personal data: three school years (a setting once the settings module exists). */
export const DEFAULT_RETENTION_DAYS = 1095;

/** Kinds of upload whose files list people by name. */
export const PERSONAL_KINDS = ["diagnostics", "registry-mentees", "registry-mentors", "roster", "questionnaire", "routes", "student-results"];

export type PurgeRequest =
  | {mode: "older-than"; days: number; now?: number}
  | {mode: "person"; teacherIds: number[]; participantIds: number[]};

export interface PurgePlan {
  mode: PurgeRequest["mode"];
  /** older-than: data last loaded before this moment (ms). */
  cutoff: number | null;
  teacherIds: number[];
  participantIds: number[];
  /** Teachers named in routes and students' results (named_teachers.person_id). */
  namedIds: number[];
  /** Pseudonymous keys (hash or code of a person) to replace. */
  keys: number;
  /** Issues whose quoted value is removed. */
  issues: number;
  /** Uploads whose file name is replaced. */
  fileNames: number;
  /** Answers and staff-list cells where the person's name is blotted out (person). */
  texts: number;
  /** Uploads whose original file is deleted. */
  originals: number[];
}

export interface PurgeResult extends PurgePlan {
  purgeId: number;
  /** Originals that were listed but already absent on disk. */
  missingOriginals: number;
}

/** The key loaders/effectiveness/common.ts `personId` gives a name: «h:» and 16 hex digits of sha256(personKey). */
export function nameHashKey(name: string): string {
  return `h:${createHash("sha256").update(personKey(name)).digest("hex").slice(0, 16)}`;
}

const DAY_MS = 86_400_000;
const NOT_PURGED_T = "i.name_key NOT LIKE 'purged:%'";
const NOT_PURGED_P = "p.person_key NOT LIKE 'purged:%'";
const NOT_PURGED_N = "n.name_key NOT LIKE 'purged:%'";

/** Last upload time of each teacher and participant, and of each person-key (SQL pieces). */
/** A teacher is loaded by diagnostics, and by a staff list that names teachers of no diagnostics (loaders/effectiveness/identities.ts). */
const TEACHER_LAST = `SELECT id, max(last) AS last FROM (
    SELECT e.teacher_id AS id, u.loaded_at AS last FROM diagnostic_entries e JOIN uploads u USING (upload_id)
    UNION ALL SELECT d.teacher_id, u.loaded_at FROM diagnostic_teachers d JOIN uploads u ON u.upload_id = d.first_upload_id
    UNION ALL SELECT r.teacher_id, u.loaded_at FROM roster_teachers r JOIN uploads u USING (upload_id) WHERE r.teacher_id IS NOT NULL) GROUP BY ALL`;
const PARTICIPANT_LAST = `SELECT id, max(last) AS last FROM (
    SELECT x.id, u.loaded_at AS last FROM (SELECT upload_id, mentor_id AS id FROM registry_entries UNION ALL
      SELECT upload_id, mentee_id FROM registry_entries) x JOIN uploads u USING (upload_id) WHERE x.id IS NOT NULL
    UNION ALL SELECT p.person_id, u.loaded_at FROM registry_people p JOIN uploads u ON u.upload_id = p.first_upload_id) GROUP BY ALL`;
const NAMED_LAST = `SELECT id, max(last) AS last FROM (
    SELECT n.person_id AS id, u.loaded_at AS last FROM named_teachers n JOIN uploads u ON u.upload_id = n.first_upload_id
    UNION ALL SELECT x.person_id, u.loaded_at FROM (SELECT upload_id, person_id FROM routes UNION ALL
      SELECT upload_id, person_id FROM student_results) x JOIN uploads u USING (upload_id)) GROUP BY ALL`;
const KEY_LAST = `SELECT k AS key, max(last) AS last FROM (
    SELECT r.respondent_key AS k, u.loaded_at AS last FROM questionnaire_respondents r JOIN uploads u USING (upload_id)
    UNION ALL SELECT t.teacher_key, u.loaded_at FROM roster_teachers t JOIN uploads u USING (upload_id))
  WHERE k LIKE 'h:%' OR k LIKE 'code:%' GROUP BY ALL`;

/** A list parameter that is never empty (DuckDB cannot type an empty list): -1 and "" match no id or key. */
const intList = (xs: number[]) => listValue(xs.length ? xs : [-1]);
const textList = (xs: string[]) => listValue(xs.length ? xs : [""]);

async function ids(conn: DuckDBConnection, sql: string, params: Params): Promise<number[]> {
  return (await all<{id: number}>(conn, sql, params)).map((r) => r.id);
}

/** A regular expression (RE2) matching a person's name as people write it: full, «Фамилия И.О.», «И.О. Фамилия». */
export function namePattern(fullName: string): string | null {
  const words = fullName.replace(/[.,]/g, " ").trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || [...words[0]!].length < 2) return null;
  const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&").replace(/[её]/gi, "[её]");
  const [surname, ...rest] = words as [string, ...string[]];
  const given = rest.map((w) => [...w].length > 1 ? `(?:${esc(w)}|${esc(w[0]!)}\\.?)` : `${esc(w)}\\.?`).join("\\s*");
  const s = esc(surname);
  return `(?i)(^|[^\\p{L}])(${s}\\s+${given}|${given}\\s+${s})($|[^\\p{L}])`;
}

/**
 * The named teachers (routes, students' results) of the teachers and participants purged on request:
 * those the reports link to them (store/personLinks.ts), and those of the same school with the same
 * normalised name.
 */
async function namedOf(conn: DuckDBConnection, teacherIds: number[], participantIds: number[]):
  Promise<Array<{id: number; name: string; ext: string | null}>> {
  const links = await personLinks(conn);
  const teachers = new Set(teacherIds), participants = new Set(participantIds);
  const linked = new Set<number>();
  for (const [named, teacher] of links.namedToTeacher) if (teachers.has(teacher)) linked.add(named);
  for (const [participant, named] of links.registryToNamed) if (participants.has(participant)) linked.add(named);
  const people = await all<{school: number; name: string}>(conn, `SELECT school_id AS school, full_name AS name FROM diagnostic_teachers
      JOIN teacher_identities USING (teacher_id) WHERE list_contains($t, teacher_id)
    UNION ALL SELECT school_id, full_name FROM registry_people WHERE list_contains($p, person_id)`,
  {t: intList(teacherIds), p: intList(participantIds)});
  const sameName = new Set(people.filter((x) => x.name !== PURGED_NAME).map((x) => `${x.school}|${personKey(x.name)}`));
  const named = await all<{id: number; school: number; name: string; ext: string | null}>(conn,
    `SELECT person_id AS id, school_id AS school, full_name AS name, external_id AS ext FROM named_teachers n WHERE ${NOT_PURGED_N} ORDER BY person_id`);
  return named.filter((x) => linked.has(x.id) || sameName.has(`${x.school}|${personKey(x.name)}`)).map(({id, name, ext}) => ({id, name, ext}));
}

async function personPlan(conn: DuckDBConnection, teacherIds: number[], participantIds: number[]): Promise<{plan: PurgePlan; keys: string[];
  patterns: string[]; originals: number[]}> {
  const t = await all<{id: number; name: string; ext: string | null}>(conn,
    `SELECT teacher_id AS id, full_name AS name, external_id AS ext FROM teacher_identities i WHERE list_contains($ids, teacher_id) AND ${NOT_PURGED_T}`,
    {ids: intList(teacherIds)});
  const p = await all<{id: number; name: string}>(conn,
    `SELECT person_id AS id, full_name AS name FROM registry_people p WHERE list_contains($ids, person_id) AND ${NOT_PURGED_P}`,
    {ids: intList(participantIds)});
  const n = await namedOf(conn, t.map((x) => x.id), p.map((x) => x.id));
  const names = [...t, ...p, ...n].map((x) => x.name);
  const candidates = [...new Set([...names.map(nameHashKey), ...[...t, ...n].filter((x) => x.ext).map((x) => `code:${x.ext}`)])];
  const keys = (await all<{key: string}>(conn, `SELECT DISTINCT k AS key FROM (SELECT respondent_key AS k FROM questionnaire_respondents
      UNION ALL SELECT teacher_key FROM roster_teachers) WHERE list_contains($c, k)`, {c: textList(candidates)})).map((r) => r.key);
  const patterns = [...new Set(names.map(namePattern).filter((x): x is string => x !== null))];
  let issues = 0, fileNames = 0, texts = 0;
  const originals = new Set<number>();
  for (const re of patterns) {
    issues += (await one<{n: number}>(conn, "SELECT count(*) AS n FROM issues WHERE regexp_matches(value, $re) OR regexp_matches(message, $re)", {re}))!.n;
    fileNames += (await one<{n: number}>(conn, "SELECT count(*) AS n FROM uploads WHERE regexp_matches(file_name, $re)", {re}))!.n;
    texts += (await one<{n: number}>(conn, `SELECT (SELECT count(*) FROM questionnaire_answers WHERE regexp_matches(answer, $re))
      + (SELECT count(*) FROM roster_attributes WHERE regexp_matches(value, $re)) AS n`, {re}))!.n;
  }
  // The originals of the files that named her: her diagnostics, staff-list, registry, route and students' results rows, her keys.
  for (const id of await ids(conn, `SELECT DISTINCT upload_id AS id FROM diagnostic_entries WHERE list_contains($t, teacher_id)
      UNION SELECT first_upload_id FROM diagnostic_teachers WHERE list_contains($t, teacher_id)
      UNION SELECT DISTINCT upload_id FROM roster_teachers WHERE list_contains($t, teacher_id)
      UNION SELECT DISTINCT upload_id FROM registry_entries WHERE list_contains($p, mentor_id) OR list_contains($p, mentee_id)
      UNION SELECT first_upload_id FROM registry_people WHERE list_contains($p, person_id)
      UNION SELECT DISTINCT upload_id FROM questionnaire_respondents WHERE list_contains($k, respondent_key)
      UNION SELECT DISTINCT upload_id FROM roster_teachers WHERE list_contains($k, teacher_key)
      UNION SELECT first_upload_id FROM named_teachers WHERE list_contains($n, person_id)
      UNION SELECT DISTINCT upload_id FROM routes WHERE list_contains($n, person_id)
      UNION SELECT DISTINCT upload_id FROM student_results WHERE list_contains($n, person_id)`,
    {t: intList(t.map((x) => x.id)), p: intList(p.map((x) => x.id)), k: textList(keys), n: intList(n.map((x) => x.id))})) originals.add(id);
  const kept = await ids(conn, "SELECT upload_id AS id FROM upload_files WHERE list_contains($u, upload_id)", {u: intList([...originals])});
  return {plan: {mode: "person", cutoff: null, teacherIds: t.map((x) => x.id), participantIds: p.map((x) => x.id), namedIds: n.map((x) => x.id),
    keys: keys.length, issues, fileNames,
    texts, originals: kept}, keys, patterns, originals: kept};
}

async function olderThanPlan(conn: DuckDBConnection, cutoff: number): Promise<{plan: PurgePlan; keys: string[]}> {
  const teacherIds = await ids(conn, `SELECT l.id FROM (${TEACHER_LAST}) l JOIN teacher_identities i ON i.teacher_id = l.id
    WHERE l.last < epoch_ms($c::BIGINT) AND ${NOT_PURGED_T} ORDER BY 1`, {c: cutoff});
  const participantIds = await ids(conn, `SELECT l.id FROM (${PARTICIPANT_LAST}) l JOIN registry_people p ON p.person_id = l.id
    WHERE l.last < epoch_ms($c::BIGINT) AND ${NOT_PURGED_P} ORDER BY 1`, {c: cutoff});
  const namedIds = await ids(conn, `SELECT l.id FROM (${NAMED_LAST}) l JOIN named_teachers n ON n.person_id = l.id
    WHERE l.last < epoch_ms($c::BIGINT) AND ${NOT_PURGED_N} ORDER BY 1`, {c: cutoff});
  const keys = (await all<{key: string}>(conn, `SELECT key FROM (${KEY_LAST}) WHERE last < epoch_ms($c::BIGINT) ORDER BY 1`, {c: cutoff})).map((r) => r.key);
  const old = "(SELECT upload_id FROM uploads WHERE loaded_at < epoch_ms($c::BIGINT))";
  const issues = (await one<{n: number}>(conn, `SELECT count(*) AS n FROM issues WHERE upload_id IN ${old}
    AND regexp_matches(value, '\\p{L}') AND value <> '${REDACTED}'`, {c: cutoff}))!.n;
  const fileNames = (await one<{n: number}>(conn, `SELECT count(*) AS n FROM uploads WHERE loaded_at < epoch_ms($c::BIGINT)
    AND (kind IS NULL OR list_contains($kinds, kind)) AND file_name NOT LIKE 'файл % (имя удалено)'`, {c: cutoff, kinds: listValue(PERSONAL_KINDS)}))!.n;
  const originals = await ids(conn, `SELECT upload_id AS id FROM upload_files WHERE upload_id IN ${old} ORDER BY 1`, {c: cutoff});
  return {plan: {mode: "older-than", cutoff, teacherIds, participantIds, namedIds, keys: keys.length, issues, fileNames, texts: 0, originals}, keys};
}

/** What a purge would remove (the dry run). */
export async function planPurge(store: Store, r: PurgeRequest): Promise<PurgePlan> {
  return store.read(async (c) => r.mode === "person" ? (await personPlan(c, r.teacherIds, r.participantIds)).plan
    : (await olderThanPlan(c, cutoffOf(r))).plan);
}

function cutoffOf(r: {days: number; now?: number}): number {
  if (!Number.isFinite(r.days) || r.days < 0) throw new Error("retention days must be a non-negative number");
  return (r.now ?? Date.now()) - r.days * DAY_MS;
}

/** Keeps the links between the records of the people about to be purged (see store/personLinks.ts), by ids only. */
async function keepLinks(conn: DuckDBConnection, links: PersonLinks, plan: PurgePlan, purgeId: number): Promise<void> {
  const teachers = new Set(plan.teacherIds), participants = new Set(plan.participantIds), named = new Set(plan.namedIds);
  const ends = {"named-teacher": [named, teachers], "registry-teacher": [participants, teachers], "registry-named": [participants, named]} as const;
  const rows = linkRows(links).filter((l) => ends[l.kind][0].has(l.from) || ends[l.kind][1].has(l.to));
  if (!rows.length) return;
  await conn.run(`INSERT OR IGNORE INTO person_links (kind, from_id, to_id, purge_id)
    SELECT unnest($k), unnest($f), unnest($t), $purge`, {k: listValue(rows.map((r) => r.kind)), f: listValue(rows.map((r) => r.from)),
    t: listValue(rows.map((r) => r.to)), purge: purgeId});
}

/**
 * After the wipe, the links of everyone else as they were: where a name that matched two people now
 * matches one (the other purged), the link the reports made before is kept too (-1: none).
 */
async function pinChangedLinks(conn: DuckDBConnection, before: PersonLinks, purgeId: number): Promise<void> {
  const after = await personLinks(conn);
  const rows: Array<{kind: string; from: number; to: number}> = [];
  for (const [kind, b, a] of [["named-teacher", before.namedToTeacher, after.namedToTeacher], ["registry-teacher", before.registryToTeacher,
    after.registryToTeacher], ["registry-named", before.registryToNamed, after.registryToNamed]] as const) {
    for (const from of new Set([...b.keys(), ...a.keys()])) if (b.get(from) !== a.get(from)) rows.push({kind, from, to: b.get(from) ?? -1});
  }
  if (!rows.length) return;
  await conn.run(`INSERT OR IGNORE INTO person_links (kind, from_id, to_id, purge_id) SELECT unnest($k), unnest($f), unnest($t), $purge`,
    {k: listValue(rows.map((r) => r.kind)), f: listValue(rows.map((r) => r.from)), t: listValue(rows.map((r) => r.to)), purge: purgeId});
}

async function wipeIdentities(conn: DuckDBConnection, teacherIds: number[], participantIds: number[], namedIds: number[]): Promise<void> {
  if (namedIds.length) {
    await conn.run(`UPDATE named_teachers SET full_name = $n, name_key = 'purged:' || person_id, external_id = NULL, position = NULL
      WHERE list_contains($ids, person_id)`, {n: PURGED_NAME, ids: listValue(namedIds)});
  }
  if (teacherIds.length) {
    await conn.run(`UPDATE teacher_identities SET full_name = $n, name_key = 'purged:' || teacher_id, external_id = NULL,
      position = NULL, subject = NULL, experience = NULL WHERE list_contains($ids, teacher_id)`, {n: PURGED_NAME, ids: listValue(teacherIds)});
  }
  if (participantIds.length) {
    await conn.run(`UPDATE registry_people SET full_name = $n, person_key = 'purged:' || person_id, contacts = NULL, birth_year = NULL
      WHERE list_contains($ids, person_id)`, {n: PURGED_NAME, ids: listValue(participantIds)});
  }
}

/** Replaces person keys by random ones, the same old key by the same new key in every table. */
async function rekey(conn: DuckDBConnection, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const fresh = keys.map(() => `p:${randomBytes(8).toString("hex")}`);
  const map = {old: listValue(keys), fresh: listValue(fresh)};
  await conn.run(`UPDATE questionnaire_respondents SET respondent_key = m.fresh
    FROM (SELECT unnest($old) AS old, unnest($fresh) AS fresh) m WHERE respondent_key = m.old`, map);
  await conn.run(`UPDATE roster_teachers SET teacher_key = m.fresh
    FROM (SELECT unnest($old) AS old, unnest($fresh) AS fresh) m WHERE teacher_key = m.old`, map);
}

async function redactOld(conn: DuckDBConnection, cutoff: number): Promise<void> {
  const old = "upload_id IN (SELECT upload_id FROM uploads WHERE loaded_at < epoch_ms($c::BIGINT))";
  // Form 1's contacts (directors' names, phones, e-mails) of reports past the period: no figure reads them.
  await conn.run(`DELETE FROM school_contacts WHERE ${old}`, {c: cutoff});
  // The message quotes the value: it goes from both; the issue itself (kind, place, count) stays.
  await conn.run(`UPDATE issues SET message = replace(message, value, $r), value = $r
    WHERE ${old} AND regexp_matches(value, '\\p{L}') AND value <> $r`, {c: cutoff, r: REDACTED});
  await conn.run(`UPDATE issues SET file = 'файл ' || upload_id || ' (имя удалено)'
    WHERE upload_id IN (SELECT upload_id FROM uploads WHERE loaded_at < epoch_ms($c::BIGINT) AND (kind IS NULL OR list_contains($kinds, kind)))`,
  {c: cutoff, kinds: listValue(PERSONAL_KINDS)});
  await conn.run(`UPDATE uploads SET file_name = 'файл ' || upload_id || ' (имя удалено)'
    WHERE loaded_at < epoch_ms($c::BIGINT) AND (kind IS NULL OR list_contains($kinds, kind)) AND file_name NOT LIKE 'файл % (имя удалено)'`,
  {c: cutoff, kinds: listValue(PERSONAL_KINDS)});
}

async function redactPerson(conn: DuckDBConnection, patterns: string[]): Promise<void> {
  for (const re of patterns) {
    const p = {re, r: `\\1${REDACTED}\\3`};
    await conn.run("UPDATE issues SET value = regexp_replace(value, $re, $r, 'g'), message = regexp_replace(message, $re, $r, 'g'), file = regexp_replace(file, $re, $r, 'g') WHERE regexp_matches(value, $re) OR regexp_matches(message, $re) OR regexp_matches(file, $re)", p);
    await conn.run("UPDATE uploads SET file_name = regexp_replace(file_name, $re, $r, 'g') WHERE regexp_matches(file_name, $re)", p);
    await conn.run("UPDATE questionnaire_answers SET answer = regexp_replace(answer, $re, $r, 'g') WHERE regexp_matches(answer, $re)", p);
    await conn.run("UPDATE roster_attributes SET value = regexp_replace(value, $re, $r, 'g') WHERE regexp_matches(value, $re)", p);
  }
}

/**
 * Removes personal data (see the top of this file) in one transaction with its audit record,
 * then deletes the listed originals from `uploadsDir`. Returns what was done.
 */
export async function purgePersonalData(store: Store, r: PurgeRequest, o: {actor: Actor; address?: string | null; uploadsDir?: string | null}):
  Promise<PurgeResult> {
  const done = await store.write(async (conn) => {
    const person = r.mode === "person" ? await personPlan(conn, r.teacherIds, r.participantIds) : null;
    const older = r.mode === "older-than" ? await olderThanPlan(conn, cutoffOf(r)) : null;
    const plan: PurgePlan = (person ?? older)!.plan;
    const counts = {identities: plan.teacherIds.length, participants: plan.participantIds.length, named: plan.namedIds.length, keys: plan.keys,
      issues: plan.issues, fileNames: plan.fileNames, texts: plan.texts, originals: plan.originals.length};
    const row = (await one<{id: number}>(conn, `INSERT INTO purge_runs (ran_at, mode, cutoff, counts)
      VALUES (epoch_ms($now::BIGINT), $m, ${plan.cutoff === null ? "NULL" : "epoch_ms($c::BIGINT)"}, $counts) RETURNING purge_id AS id`,
    {now: Date.now(), m: plan.mode, counts: JSON.stringify(counts), ...(plan.cutoff === null ? {} : {c: plan.cutoff})}))!;
    // The links reports make by name, while the names are still there.
    const links = await personLinks(conn);
    await keepLinks(conn, links, plan, row.id);
    if (person) await redactPerson(conn, person.patterns);
    await wipeIdentities(conn, plan.teacherIds, plan.participantIds, plan.namedIds);
    await pinChangedLinks(conn, links, row.id);
    await rekey(conn, (person ?? older)!.keys);
    if (older) await redactOld(conn, plan.cutoff!);
    const stored = await all<{id: number; name: string}>(conn, "SELECT upload_id AS id, stored_name AS name FROM upload_files WHERE list_contains($u, upload_id)",
      {u: intList(plan.originals)});
    await auditIn(conn, {actor: o.actor, action: "purge", object: `purge:${row.id}`, address: o.address ?? null,
      subjects: plan.teacherIds.length ? {kind: "teacher", ids: plan.teacherIds} : null,
      details: {reason: plan.mode, ...(r.mode === "older-than" ? {olderThanDays: r.days} : {}), ...counts}});
    if (plan.participantIds.length) {
      await auditIn(conn, {actor: o.actor, action: "purge", object: `purge:${row.id}`, address: o.address ?? null,
        subjects: {kind: "participant", ids: plan.participantIds}, details: {reason: plan.mode, participants: plan.participantIds.length}});
    }
    return {plan, purgeId: row.id, stored};
  });
  let missing = 0;
  if (o.uploadsDir) {
    for (const f of done.stored) {
      const path = join(o.uploadsDir, f.name);
      if (!/^[0-9a-f-]{36}\.(xlsx|ods|xls|csv)$/.test(f.name) || !existsSync(path)) { missing++; continue; }
      rmSync(path, {force: true});
    }
  }
  return {...done.plan, purgeId: done.purgeId, missingOriginals: missing};
}

export interface PersonMatch {
  kind: "teacher" | "participant";
  id: number;
  name: string;
  school: string;
  municipality: string;
  /** Last upload that mentioned this person (ms). */
  lastLoaded: number | null;
}

/** People whose name matches (case, ё/е and spacing ignored; a surname alone finds every namesake). */
export async function findPeople(store: Store, query: string): Promise<PersonMatch[]> {
  const q = personKey(query);
  if (q.replace(/[^\p{L}]/gu, "").length < 2) return [];
  const pattern = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
  return store.read(async (c) => {
    const t = await all<{id: number; name: string; school: string; municipality: string; last: number | null}>(c,
      `SELECT i.teacher_id AS id, i.full_name AS name, s.name AS school, s.municipality, epoch_ms(l.last) AS last
       FROM teacher_identities i JOIN diagnostic_teachers d USING (teacher_id) JOIN schools s USING (school_id)
       LEFT JOIN (${TEACHER_LAST}) l ON l.id = i.teacher_id
       WHERE ${NOT_PURGED_T} AND (i.name_key LIKE $p ESCAPE '\\' OR lower(replace(i.full_name, 'ё', 'е')) LIKE $p ESCAPE '\\') ORDER BY name, id LIMIT 200`, {p: pattern});
    const p = await all<{id: number; name: string; school: string; municipality: string; last: number | null}>(c,
      `SELECT p.person_id AS id, p.full_name AS name, s.name AS school, s.municipality, epoch_ms(l.last) AS last
       FROM registry_people p JOIN schools s USING (school_id) LEFT JOIN (${PARTICIPANT_LAST}) l ON l.id = p.person_id
       WHERE ${NOT_PURGED_P} AND (p.person_key LIKE $p ESCAPE '\\' OR lower(replace(p.full_name, 'ё', 'е')) LIKE $p ESCAPE '\\') ORDER BY name, id LIMIT 200`, {p: pattern});
    return [...t.map((x) => ({kind: "teacher" as const, id: x.id, name: x.name, school: x.school, municipality: x.municipality, lastLoaded: x.last})),
      ...p.map((x) => ({kind: "participant" as const, id: x.id, name: x.name, school: x.school, municipality: x.municipality, lastLoaded: x.last}))];
  });
}

/** Whether a purge happened since the database file was last rewritten. */
export async function compactionPending(store: Store): Promise<boolean> {
  return (await store.read((c) => one<{n: number}>(c, "SELECT count(*) AS n FROM purge_runs WHERE compacted_at IS NULL")))!.n > 0;
}

/**
 * Rewrites a database file that no process holds, so that bytes of removed names do not stay in
 * its free blocks: a logical copy (COPY FROM DATABASE keeps tables, views, sequences and
 * constraints), marked compacted and renamed over the original. Does nothing (returns false)
 * when no purge is waiting for it, unless `force`.
 */
export async function compactDatabase(path: string, o: {force?: boolean; actor?: Actor} = {}): Promise<boolean> {
  const file = resolve(path);
  if (!existsSync(file)) return false;
  const tmp = `${file}.compact-${process.pid}.tmp`;
  rmSync(tmp, {force: true});
  rmSync(`${tmp}.wal`, {force: true});
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  let copied = false;
  try {
    const pending = await one<{n: number}>(conn, "SELECT count(*) AS n FROM purge_runs WHERE compacted_at IS NULL").catch(() => undefined);
    if (!o.force && !pending?.n) return false;
    const name = (await one<{db: string}>(conn, "SELECT current_database() AS db"))!.db;
    await conn.run(`ATTACH '${tmp.replace(/'/g, "''")}' AS compact_copy`);
    try {
      await conn.run(`COPY FROM DATABASE "${name.replace(/"/g, "\"\"")}" TO compact_copy`);
      await conn.run("BEGIN TRANSACTION");
      await conn.run("UPDATE compact_copy.purge_runs SET compacted_at = epoch_ms($now::BIGINT) WHERE compacted_at IS NULL", {now: Date.now()});
      await conn.run("USE compact_copy");
      await auditIn(conn, {actor: o.actor ?? {kind: "console"}, action: "compact", details: {purges: pending?.n ?? 0}});
      await conn.run("COMMIT");
      await conn.run(`USE "${name.replace(/"/g, "\"\"")}"`);
      copied = true;
    } finally {
      await conn.run("DETACH compact_copy").catch(() => undefined);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  if (!copied) return false;
  rmSync(`${tmp}.wal`, {force: true});
  renameSync(tmp, file);
  rmSync(`${file}.wal`, {force: true});
  return true;
}
