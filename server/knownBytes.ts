// What the server already knows about some bytes, kept in memory so a file sent again costs no
// parse and no query (issue 13 §3): the live upload holding them (answered «уже загружен»), or an
// earlier rejection of them under the same options (answered from its stored outcome). Loaded from
// the database at start and kept in step with every commit and undo; the database stays the
// authority (storeBatch checks the hash again inside its transaction).
import {all, type Store} from "../store/database.ts";
import type {FileOutcome} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";
import type {Issue} from "../loaders/issues.ts";

export interface LiveBytes {
  uploadId: number;
  kind: string;
  period: string | null;
}

/** The options a file was judged under: period, wave and the version of the parsing code. */
export function optionsKey(options: IngestOptions, parserVersion: string): string {
  // A school's or a municipality's own upload (locked school, scope lock) is judged against that
  // scope: its refusals are remembered apart.
  const own = options.school?.locked ? [options.school.id ?? options.school.name] : [];
  const lock = options.scopeLock ? [`${options.scopeLock.level}:${options.scopeLock.name}`] : [];
  return JSON.stringify([options.period ?? null, options.wave ?? null, parserVersion, ...own, ...lock]);
}

export class KnownBytes {
  private readonly live = new Map<string, LiveBytes>();
  private readonly hashOf = new Map<number, string>();
  private readonly rejected = new Map<string, number>();

  static async load(store: Store): Promise<KnownBytes> {
    const known = new KnownBytes();
    const live = await store.read((c) => all<{upload_id: number; sha256: string; kind: string; period: string | null}>(c,
      "SELECT upload_id, sha256, kind, period FROM uploads WHERE status <> 'rejected' AND undone_at IS NULL ORDER BY upload_id"));
    for (const u of live) known.addLive(u.sha256, {uploadId: u.upload_id, kind: u.kind, period: u.period});
    const rejected = await store.read((c) => all<{sha256: string; options_key: string; upload_id: number}>(c,
      "SELECT sha256, options_key, upload_id FROM rejected_bytes"));
    for (const r of rejected) known.rejected.set(`${r.sha256}|${r.options_key}`, r.upload_id);
    return known;
  }

  liveUpload(hash: string): LiveBytes | undefined {
    return this.live.get(hash);
  }

  /** The rejected upload whose outcome answers these bytes under these options, if any. */
  rejectedUpload(hash: string, key: string): number | undefined {
    return this.rejected.get(`${hash}|${key}`);
  }

  /** After a commit: what it stored. */
  stored(outcome: FileOutcome, rememberedUnder: string | null): void {
    if (outcome.uploadId === null) return;
    if (outcome.status === "rejected") {
      if (rememberedUnder !== null) this.rejected.set(`${outcome.sha256}|${rememberedUnder}`, outcome.uploadId);
    } else {
      this.addLive(outcome.sha256, {uploadId: outcome.uploadId, kind: outcome.kind ?? "", period: outcome.period});
    }
  }

  /** After an undo: the bytes of that upload are no longer held. */
  undone(uploadId: number): void {
    const hash = this.hashOf.get(uploadId);
    if (hash && this.live.get(hash)?.uploadId === uploadId) this.live.delete(hash);
    this.hashOf.delete(uploadId);
  }

  private addLive(hash: string, u: LiveBytes): void {
    this.live.set(hash, u);
    this.hashOf.set(u.uploadId, hash);
  }
}

/** The answer to bytes rejected before: that upload's stored outcome, with its issues. */
export async function rejectedOutcome(store: Store, file: string, hash: string, uploadId: number): Promise<FileOutcome | null> {
  const rows = await store.read((c) => all<{severity: Issue["severity"]; kind: string; file: string; sheet: string | null; row_no: number | null;
    col_no: number | null; cell: string | null; school: string | null; value: string | null; expected: string | null; message: string}>(c,
    "SELECT severity, kind, file, sheet, row_no, col_no, cell, school, value, expected, message FROM issues WHERE upload_id = $u ORDER BY seq",
    {u: uploadId}));
  const head = await store.read((c) => all<{kind: string | null; period: string | null}>(c,
    "SELECT kind, period FROM uploads WHERE upload_id = $u AND status = 'rejected'", {u: uploadId}));
  if (!head.length) return null;
  return {file, sha256: hash, status: "rejected", kind: head[0]!.kind, period: head[0]!.period, uploadId: null, sameAs: uploadId,
    replaces: [], stats: {}, issues: rows.map((r) => ({severity: r.severity, kind: r.kind, file, sheet: r.sheet, row: r.row_no,
      column: r.col_no, cell: r.cell, school: r.school, value: r.value, expected: r.expected, message: r.message}))};
}
