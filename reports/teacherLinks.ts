// One teacher across the inputs (issue 14): the diagnostics' pseudonymous teacher_id, the
// person_id of routes and students' results (named_teachers), the registries' mentee and the staff
// list's row — linked at report time within one school: routes and results by ID, else by the
// normalised full name; the registries by surname and initials (their own key) — these three by
// store/personLinks.ts, which also keeps the links of purged people —; the staff list by its
// pseudonymous key (a code, or a hash of the full name). A link that would join two people (two
// teachers of a school sharing the key) is not made. Names stay in this module's output only
// for the callers that ask for them (the curator's views).
import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import {all} from "../store/database.ts";
import {normalizeKey, personKey} from "../lib/normalizeText.ts";
import {personLinks} from "../store/personLinks.ts";
import {readRegistries, type Pair} from "./registryPairs.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export interface SchoolInfo { schoolId: number; name: string; municipality: string }

export interface DiagnosticsPerson {
  teacherId: number;
  schoolId: number;
  fullName: string;
  externalId: string | null;
  position: string | null;
  subject: string | null;
  experience: string | null;
  ambiguous: boolean;
}

export interface NamedPerson {
  personId: number;
  schoolId: number;
  fullName: string;
  externalId: string | null;
}

/** Teacher-side forms: the mentee is a teacher (not a pupil or a student). An unknown form counts as teacher-side. */
const TEACHER_FORMS = new Set(["teacher-teacher", "head-educator"]);

export interface MenteeRecord {
  /** The registries' person id. */
  registryId: number;
  schoolId: number;
  fullName: string;
  /** Pairs in which this person is a teacher-side mentee with a mentor. */
  pairs: Pair[];
}

export interface PeopleIndex {
  schools: Map<number, SchoolInfo>;
  diagnostics: Map<number, DiagnosticsPerson>;
  named: Map<number, NamedPerson>;
  /** person_id → teacher_id (routes and students' results → diagnostics). */
  namedToTeacher: Map<number, number>;
  teacherToNamed: Map<number, number>;
  /** Schools whose current mentee base is loaded (otherwise nobody there can be called «outside the programme»). */
  menteeBaseSchools: Set<number>;
  /** teacher_id → their mentee record, for teachers found among the teacher-side mentees. */
  teacherMentee: Map<number, MenteeRecord>;
  /** person_id → their mentee record. */
  namedMentee: Map<number, MenteeRecord>;
  mentees: MenteeRecord[];
}

/** The staff list's pseudonymous key of a full name (loaders/effectiveness/common.ts personId, name branch). */
export function rosterNameKey(fullName: string): string {
  return `h:${createHash("sha256").update(personKey(fullName)).digest("hex").slice(0, 16)}`;
}

/** The staff list's key of a code, spaces dropped (the diagnostics' IDs are stored without them). */
export function rosterCodeKey(code: string): string {
  return `code:${normalizeKey(code).replace(/\s+/g, "")}`;
}

/**
 * The index of the people of the region, or of a municipality's schools or one school when `scope`
 * is given: every table is read through the scope in SQL (reports/scopeSql.ts), so another school's
 * rows are never read. People are linked within one school only, so a scope's index is the region's
 * restricted to the scope's schools.
 */
export async function loadPeople(conn: DuckDBConnection, scope?: ReportScope): Promise<PeopleIndex> {
  const params = scopeParams(scope);
  const schoolRows = await all<{school_id: number; name: string; municipality: string}>(conn,
    `SELECT school_id, name, municipality FROM schools WHERE ${spellingInScope("school_id")}`, params);
  const schools = new Map(schoolRows.map((s) => [s.school_id, {schoolId: s.school_id, name: s.name, municipality: s.municipality}]));
  const diagRows = await all<{teacher_id: number; school_id: number; full_name: string; external_id: string | null; position: string | null;
    subject: string | null; experience: string | null; ambiguous: boolean}>(conn, `
    SELECT t.teacher_id, t.school_id, i.full_name, i.external_id, i.position, i.subject, i.experience, t.ambiguous
    FROM diagnostic_teachers t JOIN teacher_identities i USING (teacher_id) WHERE ${spellingInScope("t.school_id")} ORDER BY t.teacher_id`, params);
  const diagnostics = new Map(diagRows.map((r) => [r.teacher_id, {teacherId: r.teacher_id, schoolId: r.school_id, fullName: r.full_name,
    externalId: r.external_id, position: r.position, subject: r.subject, experience: r.experience, ambiguous: r.ambiguous}]));
  const namedRows = await all<{person_id: number; school_id: number; full_name: string; external_id: string | null}>(conn,
    `SELECT person_id, school_id, full_name, external_id FROM named_teachers WHERE ${spellingInScope("school_id")} ORDER BY person_id`, params);
  const named = new Map(namedRows.map((r) => [r.person_id, {personId: r.person_id, schoolId: r.school_id, fullName: r.full_name, externalId: r.external_id}]));

  // Routes and results → diagnostics, registries → both: the links of store/personLinks.ts (kept through purges).
  const links = await personLinks(conn, scope && scope.level !== "region" ? {where: spellingInScope, params} : undefined);
  const namedToTeacher = new Map<number, number>(), teacherToNamed = new Map<number, number>();
  for (const [personId, teacherId] of links.namedToTeacher) { namedToTeacher.set(personId, teacherId); teacherToNamed.set(teacherId, personId); }

  // Registries: teacher-side mentees with a mentor, matched by surname and initials.
  const registries = await readRegistries(conn, {scope});
  const people = await all<{person_id: number; school_id: number; full_name: string}>(conn,
    `SELECT person_id, school_id, full_name FROM registry_people WHERE ${spellingInScope("school_id")}`, params);
  const registryName = new Map(people.map((p) => [p.person_id, p]));
  const menteeBaseSchools = new Set(registries.filter((r) => r.bases.includes("mentees")).map((r) => r.schoolId));
  const menteeById = new Map<number, MenteeRecord>();
  for (const r of registries) {
    for (const p of r.pairs) {
      if (p.menteeId === null || p.mentorId === null || (p.form !== null && !TEACHER_FORMS.has(p.form))) continue;
      const person = registryName.get(p.menteeId);
      if (!person) continue;
      const rec = menteeById.get(p.menteeId) ?? {registryId: p.menteeId, schoolId: r.schoolId, fullName: person.full_name, pairs: []};
      rec.pairs.push(p);
      menteeById.set(p.menteeId, rec);
    }
  }
  const mentees = [...menteeById.values()];
  const teacherMentee = new Map<number, MenteeRecord>(), namedMentee = new Map<number, MenteeRecord>();
  for (const m of mentees) {
    const teacherId = links.registryToTeacher.get(m.registryId);
    if (teacherId !== undefined && diagnostics.has(teacherId)) teacherMentee.set(teacherId, m);
    const personId = links.registryToNamed.get(m.registryId);
    if (personId !== undefined) namedMentee.set(personId, m);
  }
  return {schools, diagnostics, named, namedToTeacher, teacherToNamed, menteeBaseSchools, teacherMentee, namedMentee, mentees};
}

/** «mentee» (a teacher-side mentee with a mentor), «outside» (the school's mentee base lists them not), «unknown» (no mentee base for the school). */
export function menteeStatus(index: PeopleIndex, teacherId: number): "mentee" | "outside" | "unknown" {
  const d = index.diagnostics.get(teacherId);
  if (!d) return "unknown";
  if (index.teacherMentee.has(teacherId)) return "mentee";
  return index.menteeBaseSchools.has(d.schoolId) ? "outside" : "unknown";
}

/** A school filter as the other reports read it: a part of the name, or the municipality. */
export function inScope(index: PeopleIndex, schoolId: number, scope: {school?: string; municipality?: string}): boolean {
  const s = index.schools.get(schoolId);
  if (!s) return false;
  if (scope.municipality) {
    const m = normalizeKey(scope.municipality), own = normalizeKey(s.municipality);
    if (own !== m && !own.startsWith(m)) return false;
  }
  if (scope.school) {
    const k = normalizeKey(scope.school).replace(/"/g, "");
    if (!normalizeKey(s.name).replace(/"/g, "").includes(k)) return false;
  }
  return true;
}
