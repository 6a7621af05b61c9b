// The region's directory of schools (migration 006): municipalities and schools with stable ids,
// and the link from every spelling a file used (`schools` row) to its directory school.
//
// Matching rules (docs/directory.md): spellings are compared by lib/schoolName.ts keys and only
// within one district. Equal keys are one school (linked at once); a close key becomes a proposal
// for the methodologist, and until she decides the new spelling is a school of its own; a name with
// no district is resolved by name when exactly one directory school has it.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {all, allPrepared, one, runPrepared} from "./database.ts";
import {cleanName} from "../lib/normalizeText.ts";
import {isSimilarSchoolName, municipalityKey, schoolNameKey, schoolNameSimilarity} from "../lib/schoolName.ts";

/** Something the directory noticed while storing names; the loader words it as an issue. */
export type DirectoryNote =
  | {kind: "similar"; name: string; municipality: string; candidate: string; candidateId: number; proposalId: number; similarity: number}
  | {kind: "ambiguous"; name: string; municipalities: string[]}
  | {kind: "no-municipality"; name: string};

export interface LinkContext {
  /** The kind of file (forms, roster …) or the editor (cli, server) that names the schools. */
  origin: string;
  uploadId?: number | null;
  /** Filled with what the loader should tell the person who sent the file. */
  notes?: DirectoryNote[];
}

export interface Spelling {
  school_id: number;
  municipality: string;
  name: string;
}

const ids = (xs: number[]) => listValue(xs);
const texts = (xs: string[]) => listValue(xs);

/** Municipality ids by key, created when new (named as first written). */
async function createMunicipalities(conn: DuckDBConnection, known: Map<string, number>, wanted: Map<string, string>): Promise<Map<string, number>> {
  const fresh = [...wanted.keys()].filter((k) => !known.has(k));
  if (fresh.length) {
    const rows = await all<{name_key: string; municipality_id: number}>(conn,
      `INSERT INTO municipalities (name, name_key) SELECT unnest($n), unnest($k) RETURNING name_key, municipality_id`,
      {n: texts(fresh.map((k) => wanted.get(k)!)), k: texts(fresh)});
    for (const r of rows) known.set(r.name_key, r.municipality_id);
  }
  return known;
}

interface KnownSpelling {
  municipality_key: string;
  name_key: string;
  directory_school_id: number;
}

/**
 * What the directory knows of these districts, in one statement: their municipality ids and every
 * spelling linked there (from the link table, not the views: this runs for every file with a new name).
 */
async function districtState(conn: DuckDBConnection, municipalityKeys: string[]): Promise<{municipalities: Map<string, number>; known: KnownSpelling[]}> {
  if (!municipalityKeys.length) return {municipalities: new Map(), known: []};
  const rows = await allPrepared<{municipality_key: string; name_key: string | null; id: number}>(conn, `
    SELECT name_key AS municipality_key, NULL AS name_key, municipality_id AS id FROM municipalities WHERE list_contains($m::VARCHAR[], name_key)
    UNION ALL
    SELECT s.municipality_key, s.name_key, l.directory_school_id FROM school_name_keys s
    JOIN (SELECT school_id, arg_max(directory_school_id, link_id) AS directory_school_id FROM school_links GROUP BY school_id) l USING (school_id)
    WHERE list_contains($m::VARCHAR[], s.municipality_key)`, {m: texts(municipalityKeys)});
  return {
    municipalities: new Map(rows.filter((r) => r.name_key === null).map((r) => [r.municipality_key, r.id])),
    known: rows.filter((r) => r.name_key !== null).map((r) => ({municipality_key: r.municipality_key, name_key: r.name_key!, directory_school_id: r.id}))
  };
}

/** Display names of directory schools (for proposals, which are rare). */
async function schoolNames(conn: DuckDBConnection, idsWanted: number[]): Promise<Map<number, string>> {
  if (!idsWanted.length) return new Map();
  const rows = await all<{directory_school_id: number; name: string}>(conn,
    "SELECT directory_school_id, name FROM current_directory_schools WHERE list_contains($i, directory_school_id)", {i: ids(idsWanted)});
  return new Map(rows.map((r) => [r.directory_school_id, r.name]));
}

/**
 * Creates directory schools, each named by its first spelling until a fact says otherwise; one
 * statement whatever their number. Each school is recorded as created by `ctx`, or by its own
 * context when it has one (several files linked together). Returns the new id by first spelling.
 */
async function createSchools(conn: DuckDBConnection, schools: Array<{municipalityId: number; firstSchoolId: number; ctx?: LinkContext}>,
  ctx: LinkContext): Promise<Map<number, number>> {
  if (!schools.length) return new Map();
  const rows = await allPrepared<{directory_school_id: number; first_school_id: number}>(conn, `
    INSERT INTO directory_schools (municipality_id, first_school_id, origin, created_upload_id)
    SELECT unnest($m::INTEGER[]), unnest($f::INTEGER[]), unnest($o::VARCHAR[]), unnest($u::INTEGER[]) RETURNING directory_school_id, first_school_id`,
  {m: ids(schools.map((s) => s.municipalityId)), f: ids(schools.map((s) => s.firstSchoolId)), o: texts(schools.map((s) => (s.ctx ?? ctx).origin)),
    u: listValue(schools.map((s) => (s.ctx ?? ctx).uploadId ?? null))});
  return new Map(rows.map((r) => [r.first_school_id, r.directory_school_id]));
}

export interface Fact {
  id: number;
  uploadId: number | null;
  source: string;
  fullName: string | null;
  shortName: string | null;
  code: string | null;
  open: boolean;
  closedFrom: string | null;
  listed: boolean;
}

async function appendFacts(conn: DuckDBConnection, facts: Fact[]): Promise<void> {
  if (!facts.length) return;
  const col = <T>(f: (x: Fact) => T) => facts.map(f);
  await conn.run(`INSERT INTO directory_school_facts (directory_school_id, upload_id, source, full_name, short_name, code, open, closed_from, listed)
    SELECT unnest($i), unnest($u), unnest($s), unnest($f), unnest($sh), unnest($c), unnest($o), unnest($cf), unnest($l)`, {
    i: ids(col((x) => x.id)), u: listValue(col((x) => x.uploadId)), s: texts(col((x) => x.source)),
    f: listValue(col((x) => x.fullName)), sh: listValue(col((x) => x.shortName)), c: listValue(col((x) => x.code)),
    o: listValue(col((x) => x.open)), cf: listValue(col((x) => x.closedFrom)), l: listValue(col((x) => x.listed))
  });
}

async function appendLinks(conn: DuckDBConnection, links: Array<{schoolId: number; directoryId: number; how: string}>): Promise<void> {
  if (!links.length) return;
  await runPrepared(conn, `INSERT INTO school_links (school_id, directory_school_id, how)
    SELECT unnest($s::INTEGER[]), unnest($d::INTEGER[]), unnest($h::VARCHAR[])`,
    {s: ids(links.map((l) => l.schoolId)), d: ids(links.map((l) => l.directoryId)), h: texts(links.map((l) => l.how))});
}

type SchoolKeys = Map<string, Map<number, Set<string>>>;

/** district key → directory school → its spellings' name keys. */
function keysBySchool(known: KnownSpelling[]): SchoolKeys {
  const out: SchoolKeys = new Map();
  for (const k of known) {
    const m = out.get(k.municipality_key) ?? new Map<number, Set<string>>();
    out.set(k.municipality_key, m);
    m.set(k.directory_school_id, (m.get(k.directory_school_id) ?? new Set<string>()).add(k.name_key));
  }
  return out;
}

/**
 * Links new spellings (fresh `schools` rows) to the directory: a known key in the district joins
 * its school; another spelling makes a new directory school, with a proposal when it is close to a
 * known one. Spellings without a district stay unlinked (the view resolves them by name). Three to
 * five statements for a file with new names, none for a file whose names are all known.
 */
export function linkSpellings(conn: DuckDBConnection, fresh: Spelling[], ctx: LinkContext): Promise<void> {
  return linkSpellingsMany(conn, [{fresh, ctx}]);
}

/**
 * linkSpellings for several files at once (issue 13 §5: a batch of uploads), in the same three to
 * five statements as for one: each part is decided in order against the directory as the earlier
 * parts left it — a key an earlier file created joins that school, a close one is proposed against
 * it —, exactly as if the files were linked one after another; the new schools, links and
 * proposals then go in together, each recorded as its own file's (created_upload_id, upload_id,
 * notes).
 */
export async function linkSpellingsMany(conn: DuckDBConnection, parts: Array<{fresh: Spelling[]; ctx: LinkContext}>): Promise<void> {
  const keyedParts = parts.map(({fresh, ctx}) => ({ctx, keyed: fresh.map((s) => ({...s, mk: municipalityKey(s.municipality), nk: schoolNameKey(s.name)}))
    .filter((k) => k.mk !== "" && k.nk !== "")})).filter((p) => p.keyed.length);
  if (!keyedParts.length) return;
  const districts = new Map<string, string>();
  for (const {keyed} of keyedParts) for (const k of keyed) if (!districts.has(k.mk)) districts.set(k.mk, cleanName(k.municipality));
  const state = await districtState(conn, [...districts.keys()]);
  const municipalities = await createMunicipalities(conn, state.municipalities, districts);
  // Directory ids by key; a school created in this call stands for itself by its first spelling's
  // id (negated) until it is inserted.
  const byKey = new Map(state.known.map((k) => [`${k.municipality_key}|${k.name_key}`, k.directory_school_id]));
  const schoolsOf = keysBySchool(state.known);
  const creating: Array<{municipalityId: number; firstSchoolId: number; ctx: LinkContext}> = [];
  const links: Array<{schoolId: number; directoryId: number; how: string}> = [];
  const found: Array<Proposed & {ctx: LinkContext}> = [];
  for (const {keyed, ctx} of keyedParts) {
    // One new school per new key, named by the first spelling that has it.
    const firsts = new Map<string, typeof keyed[number]>();
    for (const k of keyed) if (!byKey.has(`${k.mk}|${k.nk}`) && !firsts.has(`${k.mk}|${k.nk}`)) firsts.set(`${k.mk}|${k.nk}`, k);
    for (const [key, k] of firsts) {
      creating.push({municipalityId: municipalities.get(k.mk)!, firstSchoolId: k.school_id, ctx});
      byKey.set(key, -k.school_id);
    }
    for (const k of keyed) links.push({schoolId: k.school_id, directoryId: byKey.get(`${k.mk}|${k.nk}`)!, how: firsts.get(`${k.mk}|${k.nk}`) === k ? "new" : "same-name"});
    // Proposals against the schools known before this part (as one file at a time would see them).
    for (const p of closestKnown([...firsts.values()].map((k) => ({schoolId: k.school_id, key: k.nk, name: cleanName(k.name),
      municipality: cleanName(k.municipality), mk: k.mk})), schoolsOf)) found.push({...p, ctx});
    for (const k of firsts.values()) {
      const m = schoolsOf.get(k.mk) ?? new Map<number, Set<string>>();
      schoolsOf.set(k.mk, m);
      m.set(-k.school_id, new Set([k.nk]));
    }
  }
  const created = await createSchools(conn, creating, keyedParts[0]!.ctx);
  const real = (id: number) => (id < 0 ? created.get(-id)! : id);
  await appendLinks(conn, links.map((l) => ({...l, directoryId: real(l.directoryId)})));
  await recordProposals(conn, found.map((p) => ({...p, candidateId: real(p.candidateId)})));
}

interface Proposed {
  schoolId: number;
  candidateId: number;
  similarity: number;
  name: string;
  municipality: string;
}

/** For each new school, the most similar known school of its district (none when nothing is close). */
function closestKnown(created: Array<{schoolId: number; key: string; name: string; municipality: string; mk: string}>,
  schoolsOf: SchoolKeys): Proposed[] {
  const found: Proposed[] = [];
  for (const c of created) {
    let best: {id: number; similarity: number} | null = null;
    for (const [id, keys] of schoolsOf.get(c.mk) ?? []) {
      for (const key of keys) {
        if (!isSimilarSchoolName(c.key, key)) continue;
        const similarity = schoolNameSimilarity(c.key, key);
        if (!best || similarity > best.similarity) best = {id, similarity};
      }
    }
    if (best) found.push({schoolId: c.schoolId, candidateId: best.id, similarity: best.similarity, name: c.name, municipality: c.municipality});
  }
  return found;
}

/** The proposals (each with its file's context), in one statement; each file is told of its own. */
async function recordProposals(conn: DuckDBConnection, found: Array<Proposed & {ctx: LinkContext}>): Promise<void> {
  if (!found.length) return;
  const names = await schoolNames(conn, [...new Set(found.map((p) => p.candidateId))]);
  const rows = await all<{proposal_id: number; school_id: number}>(conn, `
    INSERT INTO school_match_proposals (school_id, candidate_id, similarity, upload_id)
    SELECT unnest($s), unnest($c), unnest($x), unnest($u::INTEGER[]) RETURNING proposal_id, school_id`, {
    s: ids(found.map((p) => p.schoolId)), c: ids(found.map((p) => p.candidateId)),
    x: listValue(found.map((p) => p.similarity)), u: listValue(found.map((p) => p.ctx.uploadId ?? null))});
  const idOf = new Map(rows.map((r) => [r.school_id, r.proposal_id]));
  for (const p of found) {
    p.ctx.notes?.push({kind: "similar", name: p.name, municipality: p.municipality, candidate: names.get(p.candidateId) ?? "",
      candidateId: p.candidateId, proposalId: idOf.get(p.schoolId)!, similarity: p.similarity});
  }
}

/**
 * Names written without a district, resolved through the directory: name key → the district of the
 * one directory school that has it; several districts are a note asking to choose; none, a note.
 */
export async function districtsByName(conn: DuckDBConnection, names: string[], ctx: LinkContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!names.length) return out;
  const keys = [...new Set(names.map(schoolNameKey))];
  const rows = await all<{name_key: string; directory_school_id: number; municipality: string}>(conn, `
    SELECT DISTINCT s.name_key, sd.directory_school_id, sd.municipality
    FROM school_name_keys s JOIN school_directory sd USING (school_id)
    WHERE s.municipality_key <> '' AND sd.directory_school_id IS NOT NULL AND list_contains($k, s.name_key)`, {k: texts(keys)});
  const found = new Map<string, Map<number, string>>();
  for (const r of rows) {
    const m = found.get(r.name_key) ?? new Map<number, string>();
    m.set(r.directory_school_id, r.municipality);
    found.set(r.name_key, m);
  }
  for (const name of new Set(names)) {
    const hits = found.get(schoolNameKey(name));
    if (hits?.size === 1) out.set(name, [...hits.values()][0]!);
    else if (hits && hits.size > 1) ctx.notes?.push({kind: "ambiguous", name, municipalities: [...new Set(hits.values())].sort((a, b) => a.localeCompare(b, "ru"))});
    else ctx.notes?.push({kind: "no-municipality", name});
  }
  return out;
}

/** Every `schools` row of a database from before migration 006 gets its keys and its link. */
export async function linkExistingSchools(conn: DuckDBConnection): Promise<void> {
  const rows = await all<Spelling>(conn,
    "SELECT school_id, municipality, name FROM schools WHERE school_id NOT IN (SELECT school_id FROM school_name_keys) ORDER BY school_id");
  if (!rows.length) return;
  await conn.run(`INSERT INTO school_name_keys (school_id, municipality_key, name_key) SELECT unnest($s), unnest($m), unnest($n)`,
    {s: ids(rows.map((r) => r.school_id)), m: texts(rows.map((r) => municipalityKey(r.municipality))), n: texts(rows.map((r) => schoolNameKey(r.name)))});
  await linkSpellings(conn, rows, {origin: "forms"});
}

// ── The directory as the methodologist edits it (CLI and server) ──

export interface DirectorySchool {
  id: number;
  municipalityId: number;
  municipality: string;
  name: string;
  fullName: string | null;
  shortName: string | null;
  code: string | null;
  open: boolean;
  closedFrom: string | null;
  /** The directory (a file or an edit) says this school must report. */
  listed: boolean;
  origin: string;
  /** Spellings linked to it. */
  spellings: number;
}

interface SchoolRow {
  directory_school_id: number; municipality_id: number; municipality: string; name: string; full_name: string | null;
  short_name: string | null; code: string | null; open: boolean; closed_from: string | null; listed: boolean; origin: string; spellings: number;
}

const toSchool = (r: SchoolRow): DirectorySchool => ({id: r.directory_school_id, municipalityId: r.municipality_id, municipality: r.municipality,
  name: r.name, fullName: r.full_name, shortName: r.short_name, code: r.code, open: r.open, closedFrom: r.closed_from, listed: r.listed,
  origin: r.origin, spellings: r.spellings});

/** Every school of the directory, by municipality and name. */
export async function directorySchools(conn: DuckDBConnection): Promise<DirectorySchool[]> {
  const rows = await all<SchoolRow>(conn, `
    SELECT d.*, coalesce(n.spellings, 0)::INTEGER AS spellings
    FROM current_directory_schools d
    LEFT JOIN (SELECT directory_school_id, count(*) AS spellings FROM current_school_links GROUP BY ALL) n USING (directory_school_id)`);
  return rows.map(toSchool).sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.name.localeCompare(b.name, "ru") || a.id - b.id);
}

export async function directorySchool(conn: DuckDBConnection, id: number): Promise<DirectorySchool | null> {
  return (await directorySchools(conn)).find((s) => s.id === id) ?? null;
}

/** The school an id names, following merges (an id merged into another names the other). */
export async function liveSchoolId(conn: DuckDBConnection, id: number): Promise<number | null> {
  const r = await one<{id: number | null}>(conn, `
    SELECT coalesce(m.into_id, d.directory_school_id) AS id FROM directory_schools d
    LEFT JOIN current_directory_merges m USING (directory_school_id) WHERE d.directory_school_id = $i`, {i: id});
  return r?.id ?? null;
}

async function currentFact(conn: DuckDBConnection, id: number): Promise<Fact> {
  const s = await directorySchool(conn, id);
  if (!s) throw new DirectoryError(`в справочнике нет школы № ${id}`);
  return {id, uploadId: null, source: "", fullName: s.fullName, shortName: s.shortName, code: s.code, open: s.open, closedFrom: s.closedFrom,
    listed: s.listed};
}

/** An edit that cannot be made (no such school, a name already taken …): its message is Russian. */
export class DirectoryError extends Error {}

/** A spelling row for (district, name), created and keyed if new. */
async function spellingId(conn: DuckDBConnection, municipality: string, name: string): Promise<number> {
  const {ensureSpellings, schoolKey} = await import("./schools.ts");
  const s = {municipality, name};
  return (await ensureSpellings(conn, [s])).ids.get(schoolKey({municipality: cleanName(municipality), name: cleanName(name)}))!;
}

/** Adds a school the directory lists (it must report from now on); returns its id. */
export async function addSchool(conn: DuckDBConnection, o: {municipality: string; fullName: string; shortName?: string | null;
  code?: string | null; source: string}): Promise<number> {
  const mk = municipalityKey(o.municipality);
  if (!mk) throw new DirectoryError("не указан муниципальный район школы");
  if (!schoolNameKey(o.fullName)) throw new DirectoryError("не указано название школы");
  const state = await districtState(conn, [mk]);
  const taken = state.known.find((k) => [o.fullName, o.shortName].some((n) => n && schoolNameKey(n) === k.name_key));
  if (taken) {
    const name = (await schoolNames(conn, [taken.directory_school_id])).get(taken.directory_school_id);
    throw new DirectoryError(`в справочнике уже есть эта школа: № ${taken.directory_school_id} «${name ?? ""}»`);
  }
  const municipalities = await createMunicipalities(conn, state.municipalities, new Map([[mk, cleanName(o.municipality)]]));
  const first = await spellingId(conn, o.municipality, o.fullName);
  const id = (await createSchools(conn, [{municipalityId: municipalities.get(mk)!, firstSchoolId: first}], {origin: o.source})).get(first)!;
  await appendFacts(conn, [{id, uploadId: null, source: o.source, fullName: cleanName(o.fullName), shortName: o.shortName ? cleanName(o.shortName) : null,
    code: o.code?.trim() || null, open: true, closedFrom: null, listed: true}]);
  for (const name of [o.fullName, o.shortName].filter((n): n is string => !!n)) await addAlias(conn, id, name, "directory");
  return id;
}

/** New full and/or short name (the old spellings stay linked, so old files still resolve). */
export async function renameSchool(conn: DuckDBConnection, id: number, o: {fullName?: string; shortName?: string; source: string}): Promise<void> {
  const fact = await currentFact(conn, id);
  const next = {...fact, source: o.source, fullName: o.fullName ? cleanName(o.fullName) : fact.fullName,
    shortName: o.shortName ? cleanName(o.shortName) : fact.shortName};
  await appendFacts(conn, [next]);
  for (const name of [o.fullName, o.shortName].filter((n): n is string => !!n)) await addAlias(conn, id, name, "directory");
}

/** Closes a school (not expected from `from` on, or at all) or opens it again. */
export async function setOpen(conn: DuckDBConnection, id: number, open: boolean, o: {from?: string | null; source: string}): Promise<void> {
  const fact = await currentFact(conn, id);
  await appendFacts(conn, [{...fact, source: o.source, open, closedFrom: open ? null : o.from ?? null}]);
}

/**
 * Another spelling of a school: files that write it so (past ones included) now count for it. A
 * spelling already linked to another school moves here (that is how two schools become one).
 */
export async function addAlias(conn: DuckDBConnection, id: number, name: string, how = "alias"): Promise<{schoolId: number; movedFrom: number | null}> {
  const live = await liveSchoolId(conn, id);
  const school = live === null ? null : await directorySchool(conn, live);
  if (!school) throw new DirectoryError(`в справочнике нет школы № ${id}`);
  const spelling = await spellingId(conn, school.municipality, name);
  const link = await one<{directory_school_id: number}>(conn,
    "SELECT directory_school_id FROM current_school_links WHERE school_id = $s", {s: spelling});
  if (link?.directory_school_id === school.id) return {schoolId: spelling, movedFrom: null};
  await appendLinks(conn, [{schoolId: spelling, directoryId: school.id, how}]);
  return {schoolId: spelling, movedFrom: link?.directory_school_id ?? null};
}

export interface AliasRow {
  schoolId: number;
  municipality: string;
  name: string;
  how: string;
}

/** The spellings of a school, with how each was linked. */
export async function schoolAliases(conn: DuckDBConnection, id: number): Promise<AliasRow[]> {
  const rows = await all<{school_id: number; municipality: string; name: string; how: string}>(conn, `
    SELECT s.school_id, s.municipality, s.name, l.how FROM current_school_links l JOIN schools s USING (school_id)
    WHERE l.directory_school_id = $i ORDER BY s.school_id`, {i: id});
  return rows.map((r) => ({schoolId: r.school_id, municipality: r.municipality, name: r.name, how: r.how}));
}

export interface Proposal {
  id: number;
  municipality: string;
  /** The new spelling, as written. */
  name: string;
  /** The directory school it now stands for (until the decision: a school of its own). */
  subjectId: number;
  subject: string;
  candidateId: number;
  candidate: string;
  similarity: number;
  uploadId: number | null;
  file: string | null;
  proposedAt: string;
}

export async function pendingProposals(conn: DuckDBConnection): Promise<Proposal[]> {
  const rows = await all<{proposal_id: number; municipality: string; written: string; subject_id: number; subject: string; candidate_id: number;
    candidate: string; similarity: number; upload_id: number | null; file_name: string | null; proposed_at: string}>(conn, `
    SELECT p.proposal_id, c.municipality, s.name AS written, p.subject_id, sub.name AS subject, p.candidate_id, c.name AS candidate,
      p.similarity, p.upload_id, u.file_name, CAST(p.proposed_at AS VARCHAR) AS proposed_at
    FROM pending_school_proposals p JOIN schools s USING (school_id)
    JOIN current_directory_schools sub ON sub.directory_school_id = p.subject_id
    JOIN current_directory_schools c ON c.directory_school_id = p.candidate_id
    LEFT JOIN uploads u ON u.upload_id = p.upload_id
    ORDER BY c.municipality, p.proposal_id`);
  return rows.map((r) => ({id: r.proposal_id, municipality: r.municipality, name: r.written, subjectId: r.subject_id, subject: r.subject,
    candidateId: r.candidate_id, candidate: r.candidate, similarity: r.similarity, uploadId: r.upload_id, file: r.file_name, proposedAt: r.proposed_at}));
}

/**
 * «Это та же школа» (same) or «Это другая школа» (different). Same: every spelling of the new
 * school moves to the known one and the new one is merged into it (what the directory knew of
 * either is kept: listed, code, names). Nothing stored is rewritten; reports see the change at once.
 */
export async function decideProposal(conn: DuckDBConnection, proposalId: number, decision: "same" | "different", source: string): Promise<Proposal> {
  const p = (await pendingProposals(conn)).find((x) => x.id === proposalId);
  if (!p) throw new DirectoryError(`предложения № ${proposalId} нет среди нерешённых (уже решено или школы уже объединены)`);
  await conn.run("INSERT INTO school_match_decisions (proposal_id, decision, source) VALUES ($p, $d, $s)", {p: proposalId, d: decision, s: source});
  if (decision === "same") await mergeSchools(conn, p.subjectId, p.candidateId, proposalId, source);
  return p;
}

/** Merges school `from` into `into`: spellings move, `from` leaves the directory, facts combine. */
export async function mergeSchools(conn: DuckDBConnection, from: number, into: number, proposalId: number | null, source: string): Promise<void> {
  if (from === into) return;
  const a = await currentFact(conn, into), b = await currentFact(conn, from);
  const spellings = await all<{school_id: number}>(conn, "SELECT school_id FROM current_school_links WHERE directory_school_id = $f", {f: from});
  await appendLinks(conn, spellings.map((s) => ({schoolId: s.school_id, directoryId: into, how: "confirmed"})));
  const merged = await all<{directory_school_id: number}>(conn,
    "SELECT directory_school_id FROM current_directory_merges WHERE into_id = $f", {f: from});
  await conn.run(`INSERT INTO directory_merges (directory_school_id, into_id, proposal_id) SELECT unnest($f), $i, $p`,
    {f: ids([from, ...merged.map((m) => m.directory_school_id)]), i: into, p: proposalId});
  // What the directory lists wins over a name first seen in a file.
  const names = b.listed && !a.listed ? {fullName: b.fullName ?? a.fullName, shortName: b.shortName ?? a.shortName}
    : {fullName: a.fullName ?? b.fullName, shortName: a.shortName ?? b.shortName};
  const next = {...a, ...names, source, listed: a.listed || b.listed, code: a.code ?? b.code};
  if (JSON.stringify(next) !== JSON.stringify({...a, source})) await appendFacts(conn, [next]);
}

/** A rejected file stops counting against its period's completeness (the methodologist's decision). */
export async function dismissRejection(conn: DuckDBConnection, uploadId: number, source: string): Promise<void> {
  const u = await one<{status: string}>(conn, "SELECT status FROM uploads WHERE upload_id = $u", {u: uploadId});
  if (!u) throw new DirectoryError(`загрузки № ${uploadId} нет`);
  if (u.status !== "rejected") throw new DirectoryError(`загрузка № ${uploadId} не отклонена: не учитывать нечего`);
  await conn.run("INSERT INTO rejection_dismissals (upload_id, source) VALUES ($u, $s) ON CONFLICT DO NOTHING", {u: uploadId, s: source});
}

/** What a rejected file was for (period, schools), when known: it counts against that period's completeness. */
export async function storeClaims(conn: DuckDBConnection, uploadId: number,
  claims: {period: string | null; noPeriod?: boolean; schools: Array<{municipality: string; name: string}>}): Promise<void> {
  // A file refused for being another school's (noPeriod) is linked to the uploader's school only.
  if (!claims.period && !(claims.noPeriod && claims.schools.length)) return;
  const {upsertSchools, schoolKey} = await import("./schools.ts");
  const ids = claims.schools.length ? await upsertSchools(conn, claims.schools, {origin: "rejected-file", uploadId}) : new Map<string, number>();
  const schoolIds = claims.schools.map((s) => ids.get(schoolKey(s)) ?? null);
  await conn.run("INSERT INTO upload_claims (upload_id, period, school_id) SELECT $u, $p, unnest($s)",
    {u: uploadId, p: claims.period, s: listValue(schoolIds.length ? [...new Set(schoolIds)] : [null])});
}

// ── A directory file (loaders/directory) ──

export interface DirectoryRow {
  municipality: string;
  fullName: string | null;
  shortName: string | null;
  code: string | null;
  open: boolean;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows whose code belongs to another school: their code is not kept. */
  codeConflicts: Array<{index: number; other: string}>;
  /** The directory school id of each row. */
  ids: number[];
}

/**
 * Stores a directory file: each row is matched to a known school — by its code, else by the key of
 * its full or short name in its district — or becomes a new school; its names become spellings of
 * that school; what the row says becomes the school's current fact (listed: it must report).
 * A new school close to a known one of its district is proposed as the same (ctx.notes).
 */
export async function importDirectory(conn: DuckDBConnection, rows: DirectoryRow[], ctx: LinkContext): Promise<ImportResult> {
  const {ensureSpellings, schoolKey} = await import("./schools.ts");
  const keyed = rows.map((r) => ({...r, mk: municipalityKey(r.municipality),
    keys: [r.fullName, r.shortName].filter((n): n is string => !!n).map(schoolNameKey)}));
  const districts = new Map<string, string>();
  for (const r of keyed) if (!districts.has(r.mk)) districts.set(r.mk, cleanName(r.municipality));
  const state = await districtState(conn, [...districts.keys()]);
  const municipalities = await createMunicipalities(conn, state.municipalities, districts);
  const byKey = new Map(state.known.map((k) => [`${k.municipality_key}|${k.name_key}`, k.directory_school_id]));
  const codes = await all<{code: string; directory_school_id: number; name: string}>(conn,
    "SELECT code, directory_school_id, name FROM current_directory_schools WHERE code IS NOT NULL");
  const byCode = new Map(codes.map((c) => [c.code.replace(/\s+/g, "").toLowerCase(), c]));
  const codeOf = (r: DirectoryRow) => r.code ? r.code.replace(/\s+/g, "").toLowerCase() : null;

  // Every full and short name is a spelling (created when new).
  const names = keyed.flatMap((r, i) => [r.fullName, r.shortName].filter((n): n is string => !!n)
    .map((name) => ({municipality: r.municipality, name, row: i})));
  const {ids: spellingIds} = await ensureSpellings(conn, names);
  const spellingOf = (n: {municipality: string; name: string}) => spellingIds.get(schoolKey({municipality: cleanName(n.municipality), name: cleanName(n.name)}))!;

  // Each row's school: by code, by a name key, by an earlier row of this file, or new (named by its first name).
  const target: Array<number | null> = keyed.map((r) => {
    const c = codeOf(r);
    return (c ? byCode.get(c)?.directory_school_id : undefined) ?? r.keys.map((k) => byKey.get(`${r.mk}|${k}`)).find((x) => x !== undefined) ?? null;
  });
  const creating: number[] = [];
  keyed.forEach((r, i) => {
    if (target[i] !== null) return;
    const earlier = creating.find((j) => keyed[j]!.mk === r.mk && keyed[j]!.keys.some((k) => r.keys.includes(k)));
    if (earlier === undefined) creating.push(i);
  });
  const firstOf = (i: number) => spellingOf({municipality: keyed[i]!.municipality, name: keyed[i]!.fullName ?? keyed[i]!.shortName!});
  const created = await createSchools(conn, creating.map((i) => ({municipalityId: municipalities.get(keyed[i]!.mk)!, firstSchoolId: firstOf(i)})),
    {...ctx, origin: "directory"});
  for (const i of creating) {
    target[i] = created.get(firstOf(i))!;
    for (const k of keyed[i]!.keys) byKey.set(`${keyed[i]!.mk}|${k}`, target[i]!);
  }
  keyed.forEach((r, i) => { target[i] ??= r.keys.map((k) => byKey.get(`${r.mk}|${k}`)).find((x) => x !== undefined)!; });

  // Codes: a code another school already holds is not moved.
  const codeConflicts: ImportResult["codeConflicts"] = [];
  await appendFacts(conn, keyed.map((r, i) => {
    const holder = codeOf(r) ? byCode.get(codeOf(r)!) : undefined;
    let code = r.code?.trim() || null;
    if (holder && holder.directory_school_id !== target[i]) { codeConflicts.push({index: i, other: holder.name}); code = null; }
    return {id: target[i]!, uploadId: ctx.uploadId ?? null, source: "directory-file", fullName: r.fullName ? cleanName(r.fullName) : null,
      shortName: r.shortName ? cleanName(r.shortName) : null, code, open: r.open, closedFrom: null, listed: true};
  }));

  // Names link to their row's school, unless they already stand for another.
  const linked = new Map((await all<{school_id: number; directory_school_id: number}>(conn, `
    SELECT school_id, arg_max(directory_school_id, link_id) AS directory_school_id FROM school_links
    WHERE list_contains($s, school_id) GROUP BY school_id`, {s: ids([...spellingIds.values()])})).map((l) => [l.school_id, l.directory_school_id]));
  const links = new Map<number, {schoolId: number; directoryId: number; how: string}>();
  for (const n of names) {
    const sid = spellingOf(n);
    if (!linked.has(sid) && !links.has(sid)) links.set(sid, {schoolId: sid, directoryId: target[n.row]!, how: "directory"});
  }
  await appendLinks(conn, [...links.values()]);

  // A new school close to a known one of its district: proposed as the same.
  await recordProposals(conn, closestKnown(creating.map((i) => ({schoolId: firstOf(i), key: keyed[i]!.keys[0]!, name: cleanName(keyed[i]!.shortName ?? keyed[i]!.fullName!),
    municipality: cleanName(keyed[i]!.municipality), mk: keyed[i]!.mk})), keysBySchool(state.known)).map((p) => ({...p, ctx})));
  return {created: creating.length, updated: rows.length - creating.length, codeConflicts, ids: target.map((t) => t!)};
}

/**
 * Directory schools a person means by `text`: its id («17»), else the schools whose name key equals
 * the text's (any spelling, full or short name), else those whose key contains every word of it;
 * `municipality` narrows to one district.
 */
export async function findSchools(conn: DuckDBConnection, text: string, municipality?: string): Promise<DirectorySchool[]> {
  const schools = (await directorySchools(conn)).filter((s) => !municipality || municipalityKey(s.municipality) === municipalityKey(municipality));
  if (/^\s*\d+\s*$/.test(text)) {
    const id = await liveSchoolId(conn, Number(text));
    return schools.filter((s) => s.id === id);
  }
  const key = schoolNameKey(text);
  if (!key) return [];
  const spellings = await all<{directory_school_id: number; name_key: string}>(conn, `
    SELECT l.directory_school_id, s.name_key FROM school_name_keys s JOIN current_school_links l USING (school_id)`);
  const keysOf = new Map<number, Set<string>>();
  for (const s of spellings) keysOf.set(s.directory_school_id, (keysOf.get(s.directory_school_id) ?? new Set()).add(s.name_key));
  const exact = schools.filter((s) => keysOf.get(s.id)?.has(key));
  if (exact.length) return exact;
  const words = key.split(" ");
  return schools.filter((s) => [...keysOf.get(s.id) ?? []].some((k) => words.every((w) => k.split(" ").includes(w))));
}
