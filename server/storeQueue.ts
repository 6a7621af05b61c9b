// Group commit for the server (issue 13 §5): files parsed while the previous batch was being stored
// are stored together in one transaction (loaders/ingest.ts storeBatch: every file still
// all-or-nothing, a failing batch falls back to one transaction per file). A commit costs several
// milliseconds whatever it holds, so under load the cost per file falls as files arrive faster.
// Each file's answer waits for its own batch's commit: the upload id it reports is the stored one.
import type {DuckDBConnection} from "@duckdb/node-api";
import {listValue} from "@duckdb/node-api";
import {runPrepared, type Store} from "../store/database.ts";
import {storeBatch, type FileOutcome, type IngestLimits, type PreparedFile} from "../loaders/ingest.ts";
import {auditManyIn} from "../store/audit.ts";
import {uploadEvent, type Uploader} from "./auth/service.ts";

export interface StoreItem {
  prepared: PreparedFile;
  /** The kept original's generated name (null: not kept — rejected files never are). */
  storedName: string | null;
  batchId: string | null;
  /** Options key under which a rejection is remembered (null: not remembered). */
  rememberUnder: string | null;
  /** Who sent the file: its audit event commits with it (null: not audited here). */
  auditAs?: Uploader | null;
}

interface Pending extends StoreItem {
  resolve: (o: FileOutcome) => void;
  reject: (e: unknown) => void;
}

export class StoreQueue {
  private pending: Pending[] = [];
  private running = false;
  /** Batches committed and files in them (for tests and the benchmark). */
  batches = 0;
  files = 0;

  constructor(private readonly store: Store, private readonly o: {maxFiles: number; limits: IngestLimits;
    /** How long a batch may wait for files on their way (see `expect`), ms (default 10). */
    maxWaitMs?: number;
    /** How long the first file of a batch waits for others to arrive, ms (default 0). */
    gatherMs?: number;
    /** After each committed batch, with what it stored. */
    committed: (items: Array<{item: StoreItem; outcome: FileOutcome}>) => void}) {}

  /** Files on their way here (received, being parsed): a batch waits a little for them. */
  private coming = 0;

  /** A file was received and will be submitted (or `unexpect`ed) soon. */
  expect(): void {
    this.coming++;
  }

  /** An expected file will not be submitted after all (answered from memory, refused …). */
  unexpect(): void {
    this.coming = Math.max(0, this.coming - 1);
  }

  /** Stores one prepared file with whatever else is waiting; resolves with its outcome. */
  submit(item: StoreItem, expected = false): Promise<FileOutcome> {
    if (expected) this.unexpect();
    return new Promise((resolve, reject) => {
      this.pending.push({...item, resolve, reject});
      if (!this.running) {
        this.running = true;
        // Let files that arrive in the next moment (requests sent together) join the batch.
        setTimeout(() => void this.drain(), this.o.gatherMs ?? 0);
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      // A commit costs the same for one file as for several: while received files are still being
      // parsed, wait a few milliseconds for them to join this batch.
      const started = performance.now();
      while (this.pending.length < this.o.maxFiles && this.coming > 0 && performance.now() - started < (this.o.maxWaitMs ?? 10)) {
        await new Promise((r) => setTimeout(r, 1));
      }
      const batch = this.pending.splice(0, this.o.maxFiles);
      try {
        const outcomes = await storeBatch(this.store, batch.map((b) => b.prepared), {limits: this.o.limits,
          afterStore: (conn, stored) => linkUploads(conn, stored.map(({index, outcome}) => ({item: batch[index]!, outcome})))});
        this.batches++;
        this.files += batch.length;
        this.o.committed(batch.map((item, i) => ({item, outcome: outcomes[i]!})));
        batch.forEach((b, i) => b.resolve(outcomes[i]!));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.running = false;
  }
}

/**
 * Inside the batch's transaction: each stored upload's original (or its absence) and batch,
 * remembered rejections, and each file's audit event (a stored upload is never unrecorded).
 */
async function linkUploads(conn: DuckDBConnection, stored: Array<{item: StoreItem; outcome: FileOutcome}>): Promise<void> {
  const rows = stored.filter((s) => s.outcome.uploadId !== null);
  const kept = rows.filter((r) => r.item.storedName !== null);
  if (kept.length) {
    await runPrepared(conn, `INSERT INTO upload_files (upload_id, stored_name, batch_id)
      SELECT unnest($u::INTEGER[]), unnest($n::VARCHAR[]), unnest($b::VARCHAR[])`,
      {u: listValue(kept.map((r) => r.outcome.uploadId!)), n: listValue(kept.map((r) => r.item.storedName!)),
        b: listValue(kept.map((r) => r.item.batchId))});
  }
  // A file whose original is not kept (rejected) still belongs to its batch.
  const unkept = rows.filter((r) => r.item.storedName === null && r.item.batchId !== null);
  if (unkept.length) {
    await runPrepared(conn, `INSERT INTO upload_batches (upload_id, batch_id) SELECT unnest($u::INTEGER[]), unnest($b::VARCHAR[])`,
      {u: listValue(unkept.map((r) => r.outcome.uploadId!)), b: listValue(unkept.map((r) => r.item.batchId!))});
  }
  const audited = rows.filter((r) => r.item.auditAs);
  if (audited.length) await auditManyIn(conn, audited.map((r) => uploadEvent(r.item.auditAs!, r.outcome)));
  const remember = new Map<string, {hash: string; key: string; uploadId: number}>();
  for (const r of rows) {
    if (r.outcome.status === "rejected" && r.item.rememberUnder !== null) {
      remember.set(`${r.outcome.sha256}|${r.item.rememberUnder}`, {hash: r.outcome.sha256, key: r.item.rememberUnder, uploadId: r.outcome.uploadId!});
    }
  }
  if (remember.size) {
    const list = [...remember.values()];
    await runPrepared(conn, `INSERT OR REPLACE INTO rejected_bytes (sha256, options_key, upload_id)
      SELECT unnest($h::VARCHAR[]), unnest($k::VARCHAR[]), unnest($u::INTEGER[])`,
      {h: listValue(list.map((r) => r.hash)), k: listValue(list.map((r) => r.key)), u: listValue(list.map((r) => r.uploadId))});
  }
}
