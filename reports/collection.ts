// The methodologist's collection board (issue 16 §4): every school expected to report for a quarter,
// by municipality, with its state (lib/coverage.ts STATE_LABELS), the date of its last upload, and a
// contact; the counts per state; the schools to remind (not sent, file refused, read in part).
// States come from reports/completeness.ts `collectionStates` — computed once, shown here and in the
// XLSX of the schools to remind.
//
// The contact: Form 1's «Контакты» (the director's name, phone, e-mail as the school wrote them in
// its latest live quarterly report; personal data kept apart in school_contacts, for this board
// only, which is the methodologist's), and the school's own accounts (login and name of its
// «ответственный ОО» or «куратор школы»).
import {all, type Store} from "../store/database.ts";
import {STATE_LABELS, type SchoolState} from "../lib/coverage.ts";
import {collectionStates} from "./completeness.ts";

/** States of schools the methodologist reminds: nothing sent, a file refused, a report read in part. */
export const TO_REMIND: readonly SchoolState[] = ["missing", "rejected", "partial"];

/** The order of states at the top of the board. */
export const STATE_ORDER: readonly SchoolState[] = ["accepted", "accepted_with_remarks", "partial", "rejected", "missing"];

export interface BoardSchool {
  id: number;
  municipality: string;
  name: string;
  state: SchoolState;
  /** STATE_LABELS[state]. */
  stateLabel: string;
  /** Why it is not in the sums (Russian), «» when read in full. */
  reason: string;
  /** The date of its last upload for the period (dd.mm.yyyy), or null when nothing came. */
  lastUpload: string | null;
  /** Form 1's «Контакты» of its latest live quarterly report (any quarter), or null. */
  contact: string | null;
  /** Its accounts («login — name», several joined by «; »), or null when it has none. */
  account: string | null;
}

export interface CollectionBoard {
  period: string;
  schools: BoardSchool[];
  /** Schools per state, every state present (0 when none). */
  counts: Record<SchoolState, number>;
  expected: number;
  /** Refused files of the period whose school is unknown (they count against the region). */
  unknownRejected: number;
}

const ddmmyyyy = (iso: string) => iso.slice(0, 10).split("-").reverse().join(".");

/** The accounts of each school (school scope, not disabled), as «login — name». */
async function schoolAccounts(store: Store): Promise<Map<number, string>> {
  const rows = await store.read((c) => all<{scope_id: string; login: string; display_name: string}>(c, `
    SELECT scope_id, login, display_name FROM accounts
    WHERE scope_level = 'school' AND disabled_at IS NULL AND role IN ('school-representative', 'school-curator')
    ORDER BY role DESC, login`));
  const out = new Map<number, string[]>();
  for (const r of rows) {
    if (!/^\d{1,9}$/.test(r.scope_id)) continue;
    const id = Number(r.scope_id);
    out.set(id, [...(out.get(id) ?? []), `${r.login} — ${r.display_name}`]);
  }
  return new Map([...out].map(([id, list]) => [id, list.join("; ")]));
}

/** Form 1's contact of each directory school: the one of its latest live quarterly report that has one. */
async function formContacts(store: Store): Promise<Map<number, string>> {
  const rows = await store.read((c) => all<{id: number; contact: string}>(c, `
    SELECT d.directory_school_id AS id, arg_max(sc.contact, sc.upload_id) AS contact
    FROM school_contacts sc JOIN uploads u USING (upload_id) JOIN school_directory d USING (school_id)
    WHERE u.undone_at IS NULL AND d.directory_school_id IS NOT NULL GROUP BY 1`));
  return new Map(rows.map((r) => [r.id, r.contact]));
}

export async function collectionBoard(store: Store, period: string): Promise<CollectionBoard> {
  const states = await collectionStates(store, period);
  const [contacts, accounts] = [await formContacts(store), await schoolAccounts(store)];
  const counts = Object.fromEntries(STATE_ORDER.map((s) => [s, 0])) as Record<SchoolState, number>;
  const schools = states.schools.filter((s) => s.expected).map((s): BoardSchool => {
    counts[s.state]++;
    return {id: s.id, municipality: s.municipality, name: s.name, state: s.state, stateLabel: STATE_LABELS[s.state],
      reason: s.state === "accepted" || s.state === "accepted_with_remarks" ? "" : s.reasons.join("; "),
      lastUpload: s.loadedAt ? ddmmyyyy(s.loadedAt) : null, contact: contacts.get(s.id) ?? null,
      account: accounts.get(s.id) ?? null};
  }).sort((a, b) => a.municipality.localeCompare(b.municipality, "ru") || a.name.localeCompare(b.name, "ru"));
  return {period, schools, counts, expected: schools.length, unknownRejected: states.rejectedFiles.length};
}

/** The schools to remind, in board order. */
export function toRemind(board: CollectionBoard): BoardSchool[] {
  return board.schools.filter((s) => TO_REMIND.includes(s.state));
}
