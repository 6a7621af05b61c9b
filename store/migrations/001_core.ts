// Core schema: uploads and their issues (every file kind), schools, and the quarterly forms.
// Data rows are never updated in place: each row carries the upload it came from, and the views
// `current_*` pick, for each school and period, the latest upload that speaks about it and was
// not undone. Replacing and undoing are then facts about uploads, and nothing is lost.
import type {Migration} from "../migrate.ts";

export const core: Migration = {
  version: 1,
  name: "core",
  statements: [
    `CREATE SEQUENCE upload_id_seq START 1`,
    `CREATE TABLE uploads (
      upload_id INTEGER PRIMARY KEY DEFAULT nextval('upload_id_seq'),
      file_name VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL,
      size_bytes BIGINT NOT NULL,
      kind VARCHAR,                 -- forms | diagnostics | registry | questionnaire | roster | indicators; NULL when rejected
      period VARCHAR,               -- YYYY-QN for quarterly forms
      status VARCHAR NOT NULL,      -- accepted | accepted_with_remarks | rejected
      errors INTEGER NOT NULL DEFAULT 0,
      warnings INTEGER NOT NULL DEFAULT 0,
      loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
      undone_at TIMESTAMP
    )`,
    `CREATE TABLE issues (
      upload_id INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      severity VARCHAR NOT NULL,
      kind VARCHAR NOT NULL,
      file VARCHAR NOT NULL,
      sheet VARCHAR,
      row_no INTEGER,
      col_no INTEGER,
      cell VARCHAR,
      school VARCHAR,
      school_id INTEGER,
      period VARCHAR,
      value VARCHAR,
      expected VARCHAR,
      message VARCHAR NOT NULL,
      PRIMARY KEY (upload_id, seq)
    )`,
    `CREATE SEQUENCE school_id_seq START 1`,
    `CREATE TABLE schools (
      school_id INTEGER PRIMARY KEY DEFAULT nextval('school_id_seq'),
      school_key VARCHAR NOT NULL UNIQUE,   -- normalised municipality | name
      municipality VARCHAR NOT NULL,
      name VARCHAR NOT NULL
    )`,
    // Which (school, period) pairs a forms upload speaks about: the latest one owns the pair.
    `CREATE TABLE school_periods (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      period VARCHAR NOT NULL,
      in_form1 BOOLEAN NOT NULL,
      PRIMARY KEY (upload_id, school_id, period)
    )`,
    `CREATE TABLE populations (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      period VARCHAR NOT NULL,
      students INTEGER,          -- children aged 10–19
      teachers INTEGER,
      young_teachers INTEGER,    -- 0–3 years of experience
      sheet VARCHAR, row_no INTEGER
    )`,
    `CREATE TABLE engagement (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      period VARCHAR NOT NULL,
      form SMALLINT NOT NULL,    -- 2 ученик–ученик, 3 учитель–учитель, 4 студент–ученик, 5 работодатель–ученик
      programme VARCHAR,
      mentors INTEGER,           -- NULL when the cell could not be read as a count (see issues)
      mentees INTEGER,
      result VARCHAR,            -- «Результат программы», free text
      sheet VARCHAR, row_no INTEGER
    )`,
    `CREATE VIEW current_school_periods AS
      SELECT sp.school_id, sp.period, max(sp.upload_id) AS upload_id
      FROM school_periods sp JOIN uploads u USING (upload_id)
      WHERE u.undone_at IS NULL
      GROUP BY ALL`,
    `CREATE VIEW current_populations AS
      SELECT p.* FROM populations p JOIN current_school_periods c USING (school_id, period, upload_id)`,
    `CREATE VIEW current_engagement AS
      SELECT e.* FROM engagement e JOIN current_school_periods c USING (school_id, period, upload_id)`
  ]
};
