// Schema of the server's admission control and originals policy (issue 13 §2, §3):
//   - upload_files says whether the original is still kept (stored_name NULL: never kept — a
//     rejected file —, deleted_at: removed by the quota, the retention period or on request), and
//     its size for the quota;
//   - rejected_bytes remembers bytes that were rejected under given options (period, wave, parser
//     version), so the same bytes sent again are answered from the stored outcome, not parsed again;
//   - issues stored before values were bounded are cut the same way (200 characters quoted, 1,000 in
//     a message), so an old database does not keep 10 KB quotes.
import type {Migration} from "../migrate.ts";

export const admission: Migration = {
  version: 7,
  name: "admission",
  statements: [
    `ALTER TABLE upload_files ADD COLUMN size_bytes BIGINT`,
    `ALTER TABLE upload_files ADD COLUMN deleted_at TIMESTAMP`,
    // rejected | quota | retention | request | missing
    `ALTER TABLE upload_files ADD COLUMN deleted_reason VARCHAR`,
    `ALTER TABLE upload_files ALTER COLUMN stored_name DROP NOT NULL`,
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
