// Schema of the local server's facts about uploads: where each original file is kept (under a
// generated name, outside anything served), which batch it came in, and which earlier uploads it
// replaced. Undoing an upload is `uploads.undone_at`; every `current_*` view already ignores
// undone uploads, so undoing restores what the upload had replaced.
import type {Migration} from "../migrate.ts";

export const server: Migration = {
  version: 5,
  name: "server",
  statements: [
    `CREATE TABLE upload_files (
      upload_id INTEGER PRIMARY KEY,
      stored_name VARCHAR NOT NULL,  -- generated: <uuid>.xlsx under data/uploads/, never the sender's name
      batch_id VARCHAR,              -- the browser's batch (one drop of files)
      received_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    // Filled for every upload by loaders/ingest.ts from what the file kind's store() reported.
    `CREATE TABLE upload_replaces (
      upload_id INTEGER NOT NULL,
      replaced_upload_id INTEGER NOT NULL,
      PRIMARY KEY (upload_id, replaced_upload_id)
    )`,
    // Who undid what and when (the time also goes to uploads.undone_at).
    `CREATE TABLE upload_undos (
      upload_id INTEGER PRIMARY KEY,
      undone_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`
  ]
};
