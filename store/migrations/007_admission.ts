// Schema of the server's admission control and originals policy (issue 13 §2, §3):
//   - original_deletions: kept originals (upload_files) that were deleted — by the quota, the
//     retention period, on request, or because the file was rejected (an earlier version kept
//     those) —, when and why; the upload and its data stay;
//   - upload_batches: the browser batch of an upload whose original is not kept (a rejected file),
//     so a batch's issues can still be downloaded together (kept ones have upload_files.batch_id);
//   - rejected_bytes remembers bytes that were rejected under given options (period, wave, parser
//     version), so the same bytes sent again are answered from the stored outcome, not parsed again;
//   - issues stored before values were bounded are cut the same way (200 characters quoted, 1,000 in
//     a message), so an old database does not keep 10 KB quotes.
// No ALTER TABLE: DuckDB 1.5 cannot replay from its WAL an ALTER of a table that has a
// `DEFAULT current_timestamp` column (as upload_files does) — a crash right after it would leave a
// database that does not open.
import type {Migration} from "../migrate.ts";

export const admission: Migration = {
  version: 7,
  name: "admission",
  statements: [
    `CREATE TABLE original_deletions (
      upload_id INTEGER PRIMARY KEY,
      deleted_at TIMESTAMP NOT NULL,
      reason VARCHAR NOT NULL        -- quota | retention | request | rejected | missing
    )`,
    `CREATE TABLE upload_batches (
      upload_id INTEGER PRIMARY KEY,
      batch_id VARCHAR NOT NULL
    )`,
    `CREATE TABLE rejected_bytes (
      sha256 VARCHAR NOT NULL,
      options_key VARCHAR NOT NULL,   -- period, wave and parser version the bytes were judged under
      upload_id INTEGER NOT NULL,     -- the rejected upload whose outcome answers a repeat
      PRIMARY KEY (sha256, options_key)
    )`,
    `UPDATE issues SET value = left(value, 199) || '…' WHERE length(value) > 200`,
    `UPDATE issues SET expected = left(expected, 199) || '…' WHERE length(expected) > 200`,
    `UPDATE issues SET message = left(message, 999) || '…' WHERE length(message) > 1000`
  ]
};
