// The current registries of every school as mentoring pairs: the mentee base and the mentor base
// joined on (school, mentor id, mentee id). The mentee base has one row per mentee, so its dates
// win; the mentor base fills what it lacks. Pairs found in only one base are data issues.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all} from "../store/database.ts";
import {normalizeKey} from "../lib/normalizeText.ts";
import type {ReportScope} from "./scope.ts";
import {scopeParams, spellingInScope} from "./scopeSql.ts";

export type Base = "mentees" | "mentors";

export interface Pair {
  mentorId: number | null;
  menteeId: number | null;
  form: string | null;
  start: Date | null;
  end: Date | null;
  workStart: Date | null;
  /** The appointment column, else the pair's start in the programme. */
  appointed: Date | null;
  completed: boolean | null;
  inMenteeBase: boolean;
  inMentorBase: boolean;
}

export interface RegistryDataIssue {
  kind: "only-in-mentee-base" | "only-in-mentor-base" | "base-missing";
  mentorId: number | null;
  menteeId: number | null;
  /** For base-missing: the base not loaded for the school. */
  base: Base | null;
}

export interface SchoolRegistry {
  schoolId: number;
  school: string;
  municipality: string;
  bases: Base[];
  /** Pairs and lone people (a mentor without mentees, a mentee without mentor). */
  pairs: Pair[];
  dataIssues: RegistryDataIssue[];
}

interface EntryRow {
  school_id: number; school: string; municipality: string; base: Base;
  mentor_id: number | null; mentee_id: number | null; form: string | null;
  start_date: string | null; end_date: string | null; work_start: string | null; appointed: string | null; completed: boolean | null;
}

const day = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

/** Schools whose name or district contains the filter text (case, ё, quotes and dashes ignored). */
export function matchesSchool(filter: string | undefined, school: string, municipality: string): boolean {
  if (!filter) return true;
  const f = normalizeKey(filter).replace(/"/g, "");
  return normalizeKey(school).replace(/"/g, "").includes(f) || normalizeKey(municipality) === f;
}

/** Every school's current registries; `scope` keeps a municipality's schools or one school (in SQL), `school` a part of a name. */
export async function readRegistries(conn: DuckDBConnection, filter?: {school?: string; scope?: ReportScope}): Promise<SchoolRegistry[]> {
  const rows = await all<EntryRow>(conn, `
    SELECT e.school_id, s.name AS school, s.municipality, e.base, e.mentor_id, e.mentee_id, e.form,
      CAST(e.start_date AS VARCHAR) AS start_date, CAST(e.end_date AS VARCHAR) AS end_date,
      CAST(e.work_start AS VARCHAR) AS work_start, CAST(e.appointed AS VARCHAR) AS appointed, e.completed
    FROM current_registry_entries e JOIN schools s USING (school_id)
    WHERE ${spellingInScope("e.school_id")}
    ORDER BY s.municipality, s.name, e.base, e.sheet, e.row_no`, scopeParams(filter?.scope));
  const bySchool = new Map<number, EntryRow[]>();
  for (const r of rows) {
    if (!matchesSchool(filter?.school, r.school, r.municipality)) continue;
    if (!bySchool.has(r.school_id)) bySchool.set(r.school_id, []);
    bySchool.get(r.school_id)!.push(r);
  }
  return [...bySchool.values()].map(mergeBases);
}

function toPair(r: EntryRow, inMenteeBase: boolean, inMentorBase: boolean): Pair {
  return {mentorId: r.mentor_id, menteeId: r.mentee_id, form: r.form, start: day(r.start_date), end: day(r.end_date),
    workStart: day(r.work_start), appointed: day(r.appointed), completed: r.completed, inMenteeBase, inMentorBase};
}

/** One school's pairs from its two bases (exported for tests). */
export function mergeBases(rows: EntryRow[]): SchoolRegistry {
  const first = rows[0]!;
  const bases = [...new Set(rows.map((r) => r.base))].sort() as Base[];
  const key = (r: EntryRow) => `${r.mentor_id}|${r.mentee_id}`;
  const side = (base: Base) => {
    const m = new Map<string, EntryRow[]>();
    for (const r of rows) {
      if (r.base !== base || r.mentor_id === null || r.mentee_id === null) continue;
      if (!m.has(key(r))) m.set(key(r), []);
      m.get(key(r))!.push(r);
    }
    return m;
  };
  const menteeSide = side("mentees"), mentorSide = side("mentors");
  const pairs: Pair[] = [];
  const dataIssues: RegistryDataIssue[] = [];
  const both = bases.length === 2;
  for (const [k, list] of menteeSide) {
    const other = mentorSide.get(k)?.[0];
    for (const r of list) {
      const p = toPair(r, true, !!other);
      if (other) {
        p.form ??= other.form;
        p.start ??= day(other.start_date);
        if (!r.start_date) p.end ??= day(other.end_date);
      }
      pairs.push(p);
    }
    if (both && !other) dataIssues.push({kind: "only-in-mentee-base", mentorId: list[0]!.mentor_id, menteeId: list[0]!.mentee_id, base: null});
  }
  for (const [k, list] of mentorSide) {
    if (menteeSide.has(k)) continue;
    for (const r of list) pairs.push(toPair(r, false, true));
    if (both) dataIssues.push({kind: "only-in-mentor-base", mentorId: list[0]!.mentor_id, menteeId: list[0]!.mentee_id, base: null});
  }
  for (const r of rows) {
    if (r.mentor_id === null || r.mentee_id === null) pairs.push(toPair(r, r.base === "mentees", r.base === "mentors"));
  }
  // Without an appointment column, joining the programme is when the mentor was appointed.
  for (const p of pairs) p.appointed ??= p.start;
  if (!both) dataIssues.push({kind: "base-missing", mentorId: null, menteeId: null, base: bases[0] === "mentees" ? "mentors" : "mentees"});
  return {schoolId: first.school_id, school: first.school, municipality: first.municipality, bases, pairs, dataIssues};
}
