// Diagnostics: teachers' entry and exit results by competence area (issue 4).
// Personal data (names, IDs, position …) lives only in teacher_identities, behind the
// pseudonymous teacher_id; everything else refers to that id. As with the forms, rows are never
// updated in place: each carries its upload, and the current_* views pick, for each teacher and
// wave, the latest upload that spoke about them and was not undone.
import type {Migration} from "../migrate.ts";

export const diagnostics: Migration = {
  version: 2,
  name: "diagnostics",
  statements: [
    // A teacher as diagnostics know them: a school and a pseudonymous id. `ambiguous` marks a
    // teacher whose name was shared by another person of the same school without an ID to tell
    // them apart: such a teacher is never matched across waves.
    `CREATE TABLE diagnostic_teachers (
      teacher_id INTEGER PRIMARY KEY,
      school_id INTEGER NOT NULL,
      ambiguous BOOLEAN NOT NULL DEFAULT false,
      first_upload_id INTEGER NOT NULL
    )`,
    // Personal data (152-ФЗ): kept apart, purgeable without touching the results.
    `CREATE TABLE teacher_identities (
      teacher_id INTEGER PRIMARY KEY,
      full_name VARCHAR NOT NULL,
      name_key VARCHAR NOT NULL,       -- personKey(full_name): matching across waves
      external_id VARCHAR,             -- the file's ID/код column, normalised
      position VARCHAR,
      subject VARCHAR,
      experience VARCHAR
    )`,
    // Which (teacher, wave) an upload speaks about: the latest upload owns the pair.
    `CREATE TABLE diagnostic_entries (
      upload_id INTEGER NOT NULL,
      teacher_id INTEGER NOT NULL,
      wave VARCHAR NOT NULL,           -- entry | exit
      sheet VARCHAR,
      row_no INTEGER,
      PRIMARY KEY (upload_id, teacher_id, wave)
    )`,
    `CREATE TABLE diagnostic_results (
      upload_id INTEGER NOT NULL,
      teacher_id INTEGER NOT NULL,
      wave VARCHAR NOT NULL,
      area VARCHAR NOT NULL,           -- area code from data/config/areas.json
      result DOUBLE NOT NULL,          -- 0–100; deficit = 100 − result
      col_no INTEGER
    )`,
    `CREATE VIEW current_diagnostic_entries AS
      SELECT e.* FROM diagnostic_entries e
      JOIN (SELECT d.teacher_id, d.wave, max(d.upload_id) AS upload_id
            FROM diagnostic_entries d JOIN uploads u USING (upload_id)
            WHERE u.undone_at IS NULL GROUP BY ALL) c USING (teacher_id, wave, upload_id)`,
    `CREATE VIEW current_diagnostic_results AS
      SELECT r.* FROM diagnostic_results r JOIN current_diagnostic_entries c USING (upload_id, teacher_id, wave)`
  ]
};
