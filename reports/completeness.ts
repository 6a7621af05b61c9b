// Who had to report for a period and where each school stands (issue 11 §2; the collection board
// of issue 16 §4 builds on it). Expected: the directory's open schools it lists, every school of an
// earlier (or this) period's Form 1, and any school that sent something for the period. State:
// принят / принят с замечаниями / прочитан не полностью / файл не принят / не прислал.
// A refused file whose period is known counts against completeness until a later file of its school
// replaces it or the methodologist dismisses it; a refused file whose school is unknown counts
// against the region until a file of the same name is accepted for the period, or it is dismissed.
import {listValue} from "@duckdb/node-api";
import {all, type Store} from "../store/database.ts";
import {knownPopulation, type SchoolState} from "../lib/coverage.ts";
import type {IssueKind} from "../loaders/issueKinds.ts";
import type {ReportScope} from "./scope.ts";
import {directoryInScope, scopeParams} from "./scopeSql.ts";

export interface CollectionSchool {
  id: number;
  municipalityId: number;
  municipality: string;
  name: string;
  expected: boolean;
  state: SchoolState;
  /** Why the school is not in the sums (Russian); empty when its report was read in full. */
  reasons: string[];
  /** The upload its figures for the period come from. */
  uploadId: number | null;
  file: string | null;
  loadedAt: string | null;
  /** The refused upload that keeps it out, if any, and the first error that refused it. */
  rejectedUploadId: number | null;
  rejectedMessage: string | null;
  /** Form 1 population for weighing coverage (this period's, else the nearest known). */
  knownPopulation: {students: number | null; teachers: number | null};
}

export interface RejectedFile {
  uploadId: number;
  file: string;
  loadedAt: string;
  /** The first error that refused it. */
  message: string | null;
}

export interface CollectionStates {
  period: string;
  schools: CollectionSchool[];
  /** Refused files of the period whose school is unknown, still outstanding. */
  rejectedFiles: RejectedFile[];
}

/**
 * Count issues that leave a school's figure unknown: its report was read only in part. Typed by the
 * registry so a renamed kind fails tsc; the issues table it is matched against keeps `kind` as text.
 */
const UNREAD_COUNTS: readonly IssueKind[] = ["cell/not-a-number", "cell/ambiguous-count", "cell/negative-count", "cell/fractional-count",
  "cell/formula-no-result", "cell/excel-error"];

interface DirRow { id: number; municipality_id: number; municipality: string; name: string; open: boolean; closed_from: string | null;
  listed: boolean; first_form1: string | null }
interface CurRow { id: number; upload_id: number; file_name: string; loaded_at: string; in_form1: boolean; has_engagement: boolean;
  remarks: number }
interface ClaimRow { upload_id: number; id: number | null; file_name: string; loaded_at: string; message: string | null }
interface GapRow { id: number | null; upload_id: number; reason: string; sheet: string | null; row_no: number | null }
interface UnreadRow { id: number; sheet: string | null; cell: string | null }
interface PopRow { id: number; period: string; students: number | null; teachers: number | null }

const stem = (file: string) => file.toLowerCase().replace(/\.[a-z0-9]{2,5}$/, "").trim();
const date = (ts: string) => ts.slice(0, 10).split("-").reverse().join(".");

async function load(store: Store, period: string, scope: ReportScope | undefined) {
  return store.read(async (c) => ({
    dir: await all<DirRow>(c, `
      SELECT d.directory_school_id AS id, d.municipality_id, d.municipality, d.name, d.open, d.closed_from, d.listed, f.first_form1
      FROM current_directory_schools d LEFT JOIN (
        SELECT sd.directory_school_id, min(sp.period) AS first_form1
        FROM school_periods sp JOIN uploads u USING (upload_id) JOIN school_directory sd USING (school_id)
        WHERE u.undone_at IS NULL AND sp.in_form1 GROUP BY ALL) f USING (directory_school_id)
      WHERE ${directoryInScope("d.directory_school_id")}`, scopeParams(scope)),
    cur: await all<CurRow>(c, `
      WITH cur AS (SELECT directory_school_id AS id, upload_id FROM current_directory_periods WHERE period = $p),
      sd AS (SELECT school_id, directory_school_id AS id FROM school_directory WHERE directory_school_id IS NOT NULL)
      SELECT cur.id, cur.upload_id, u.file_name, strftime(u.loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at,
        EXISTS (SELECT 1 FROM populations p JOIN sd ON sd.school_id = p.school_id WHERE p.upload_id = cur.upload_id AND p.period = $p AND sd.id = cur.id) AS in_form1,
        EXISTS (SELECT 1 FROM engagement e JOIN sd ON sd.school_id = e.school_id WHERE e.upload_id = cur.upload_id AND e.period = $p AND sd.id = cur.id) AS has_engagement,
        (SELECT count(*) FROM issues i LEFT JOIN sd ON sd.school_id = i.school_id
          WHERE i.upload_id = cur.upload_id AND i.severity <> 'info' AND (i.school_id IS NULL OR sd.id = cur.id))::INTEGER AS remarks
      FROM cur JOIN uploads u USING (upload_id)`, {p: period}),
    claims: await all<ClaimRow>(c, `
      SELECT c.upload_id, sd.directory_school_id AS id, u.file_name, strftime(u.loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at,
        (SELECT i.message FROM issues i WHERE i.upload_id = c.upload_id AND i.severity = 'error' ORDER BY i.seq LIMIT 1) AS message
      FROM upload_claims c JOIN uploads u USING (upload_id) LEFT JOIN school_directory sd ON sd.school_id = c.school_id
      WHERE c.period = $p AND u.status = 'rejected' AND u.undone_at IS NULL
        AND c.upload_id NOT IN (SELECT upload_id FROM rejection_dismissals)
      ORDER BY c.upload_id`, {p: period}),
    accepted: await all<{upload_id: number; file_name: string}>(c, `
      SELECT DISTINCT u.upload_id, u.file_name FROM school_periods sp JOIN uploads u USING (upload_id)
      WHERE sp.period = $p AND u.undone_at IS NULL`, {p: period}),
    gaps: await all<GapRow>(c, `
      SELECT sd.directory_school_id AS id, g.upload_id, g.reason, g.sheet, g.row_no FROM forms_gaps g
      LEFT JOIN school_directory sd ON sd.school_id = g.school_id
      WHERE g.period = $p AND g.upload_id IN (SELECT upload_id FROM current_directory_periods WHERE period = $p)`, {p: period}),
    unread: await all<UnreadRow>(c, `
      SELECT cdp.directory_school_id AS id, i.sheet, i.cell FROM issues i
      JOIN school_directory sd ON sd.school_id = i.school_id
      JOIN current_directory_periods cdp ON cdp.directory_school_id = sd.directory_school_id AND cdp.upload_id = i.upload_id
      WHERE cdp.period = $p AND list_contains($kinds, i.kind) ORDER BY i.seq`, {p: period, kinds: listValue(UNREAD_COUNTS)}),
    populations: await all<PopRow>(c, `
      SELECT cdp.directory_school_id AS id, cdp.period, max(p.students) AS students, max(p.teachers) AS teachers
      FROM current_directory_periods cdp JOIN populations p ON p.upload_id = cdp.upload_id AND p.period = cdp.period
      JOIN school_directory sd ON sd.school_id = p.school_id AND sd.directory_school_id = cdp.directory_school_id
      GROUP BY ALL`)
  }));
}

/** Open in the period: open, or closed only from a later quarter on. */
const openIn = (d: DirRow, period: string) => d.open || (d.closed_from !== null && period < d.closed_from);

function gapReason(g: GapRow): string {
  const where = g.sheet ? `на листе «${g.sheet}»${g.row_no ? ` (строка ${g.row_no})` : ""}` : "в файле";
  return `таблица ${where} не распознана: не указано, какая это форма`;
}

function partialReasons(cur: CurRow, gaps: GapRow[], unread: UnreadRow[]): string[] {
  const reasons = gaps.filter((g) => g.upload_id === cur.upload_id && (g.id === null || g.id === cur.id)).map(gapReason);
  if (!cur.in_form1) reasons.push("нет в форме 1: численность неизвестна");
  if (!cur.has_engagement) reasons.push("нет строк в формах 2–5");
  const cells = unread.filter((u) => u.id === cur.id);
  if (cells.length) {
    const shown = cells.slice(0, 3).map((u) => `${u.sheet ? `лист «${u.sheet}», ` : ""}${u.cell ?? "?"}`).join("; ");
    reasons.push(`не прочитаны числа (${cells.length}): ${shown}${cells.length > 3 ? " …" : ""}`);
  }
  return [...new Set(reasons)];
}

function refusedReason(claim: ClaimRow): string {
  return `последний присланный файл «${claim.file_name}» (загрузка № ${claim.upload_id} от ${date(claim.loaded_at)}) не принят` +
    (claim.message ? `: ${claim.message}` : "");
}

/**
 * Every expected school of the period and its state; with a scope, only the scope's schools (a
 * refused file whose school is unknown then belongs to no municipality or school: the region's only).
 */
export async function collectionStates(store: Store, period: string, scope?: ReportScope): Promise<CollectionStates> {
  const {dir, cur, claims, accepted, gaps, unread, populations} = await load(store, period, scope);
  const curOf = new Map(cur.map((c) => [c.id, c]));
  const outstanding = new Map<number, ClaimRow>();
  for (const claim of claims) {
    if (claim.id === null) continue;
    const own = curOf.get(claim.id);
    if (!own || own.upload_id < claim.upload_id) outstanding.set(claim.id, claim);
  }
  const history = new Map<number, PopRow[]>();
  for (const p of populations) history.set(p.id, [...(history.get(p.id) ?? []), p]);

  const schools: CollectionSchool[] = [];
  for (const d of dir) {
    const c = curOf.get(d.id), refused = outstanding.get(d.id);
    const expected = !!c || !!refused || (openIn(d, period) && (d.listed || (d.first_form1 !== null && d.first_form1 <= period)));
    if (!expected) continue;
    let state: SchoolState = "missing", reasons: string[] = ["отчёт за квартал не прислан"];
    if (refused) { state = "rejected"; reasons = [refusedReason(refused)]; }
    else if (c) {
      reasons = partialReasons(c, gaps, unread);
      state = reasons.length ? "partial" : c.remarks > 0 ? "accepted_with_remarks" : "accepted";
    }
    schools.push({id: d.id, municipalityId: d.municipality_id, municipality: d.municipality, name: d.name, expected, state, reasons,
      uploadId: c?.upload_id ?? null, file: c?.file_name ?? refused?.file_name ?? null, loadedAt: c?.loaded_at ?? refused?.loaded_at ?? null,
      rejectedUploadId: refused?.upload_id ?? null, rejectedMessage: refused?.message ?? null, knownPopulation: knownPopulation(history.get(d.id) ?? [], period)});
  }
  const rejectedFiles = claims.filter((claim) => claim.id === null && (scope ?? {level: "region"}).level === "region"
    && !accepted.some((a) => a.upload_id > claim.upload_id && stem(a.file_name) === stem(claim.file_name)))
    .map((claim) => ({uploadId: claim.upload_id, file: claim.file_name, loadedAt: claim.loaded_at, message: claim.message}));
  return {period, schools, rejectedFiles};
}
