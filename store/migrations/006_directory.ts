// The region's directory of schools (issue 11 §1, §2): municipalities and schools with stable ids,
// every name a school was written under (a `schools` row: one spelling in one district) linked to
// its directory school, the methodologist's decisions on proposed matches, what a rejected file
// was for, and the parts of a forms file that could not be read.
//
// Data rows are never rewritten: they keep the `schools.school_id` of the spelling they arrived
// with, and `school_directory` maps every spelling to its directory school at query time, so a
// confirmed alias applies to past and future uploads alike. Facts, links and merges are appended;
// the latest one holds (`current_*`, `live_*` views).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Migration} from "../migrate.ts";
import {linkExistingSchools} from "../directory.ts";

export const directory: Migration = {
  version: 6,
  name: "directory",
  statements: [
    `CREATE SEQUENCE municipality_id_seq START 1`,
    `CREATE TABLE municipalities (
      municipality_id INTEGER PRIMARY KEY DEFAULT nextval('municipality_id_seq'),
      name VARCHAR NOT NULL,             -- as first written («Саргатский»)
      name_key VARCHAR NOT NULL UNIQUE,  -- lib/schoolName.ts municipalityKey: «Саргатский р-н» is the same district
      created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    `CREATE SEQUENCE directory_school_id_seq START 1`,
    `CREATE TABLE directory_schools (
      directory_school_id INTEGER PRIMARY KEY DEFAULT nextval('directory_school_id_seq'),
      municipality_id INTEGER NOT NULL,
      first_school_id INTEGER NOT NULL,  -- the spelling it was first known by (its name until a fact says otherwise)
      origin VARCHAR NOT NULL,           -- what first named it: directory | cli | server | forms | roster | diagnostics …
      created_upload_id INTEGER,
      created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    // What is known about a school, each row a full snapshot; the latest live row holds. Rows of a
    // directory file carry its upload (undoing the upload withdraws them); edits carry none.
    `CREATE SEQUENCE directory_fact_seq START 1`,
    `CREATE TABLE directory_school_facts (
      fact_id INTEGER PRIMARY KEY DEFAULT nextval('directory_fact_seq'),
      directory_school_id INTEGER NOT NULL,
      upload_id INTEGER,
      source VARCHAR NOT NULL,           -- directory-file | cli | server | first-seen
      full_name VARCHAR,
      short_name VARCHAR,
      code VARCHAR,                      -- ИНН or the region's code, as written
      open BOOLEAN NOT NULL,
      closed_from VARCHAR,               -- YYYY-QN: not expected from this quarter on; NULL with open = false: never
      listed BOOLEAN NOT NULL,           -- the directory (file or edit) says the school must report
      recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    // Keys of every spelling (lib/schoolName.ts): how a new name is compared with the known ones.
    // A table of its own, not columns added to `schools`: DuckDB 1.5 cannot replay from its WAL an
    // ADD COLUMN on a table whose key defaults to nextval() (a crash right after migrating would
    // leave a database that does not open).
    `CREATE TABLE school_name_keys (
      school_id INTEGER PRIMARY KEY,
      municipality_key VARCHAR NOT NULL, -- '' when the file named no district
      name_key VARCHAR NOT NULL
    )`,
    `CREATE SEQUENCE school_link_seq START 1`,
    `CREATE TABLE school_links (
      link_id INTEGER PRIMARY KEY DEFAULT nextval('school_link_seq'),
      school_id INTEGER NOT NULL,        -- schools.school_id: one spelling in one district
      directory_school_id INTEGER NOT NULL,
      how VARCHAR NOT NULL,              -- new | same-name | directory | alias | confirmed
      linked_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    `CREATE SEQUENCE directory_merge_seq START 1`,
    `CREATE TABLE directory_merges (
      merge_id INTEGER PRIMARY KEY DEFAULT nextval('directory_merge_seq'),
      directory_school_id INTEGER NOT NULL,  -- no longer a school of its own …
      into_id INTEGER NOT NULL,              -- … but this one
      proposal_id INTEGER,
      merged_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    `CREATE SEQUENCE school_proposal_seq START 1`,
    `CREATE TABLE school_match_proposals (
      proposal_id INTEGER PRIMARY KEY DEFAULT nextval('school_proposal_seq'),
      school_id INTEGER NOT NULL,        -- the new spelling
      candidate_id INTEGER NOT NULL,     -- the directory school it may be
      similarity DOUBLE NOT NULL,
      upload_id INTEGER,
      proposed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    `CREATE TABLE school_match_decisions (
      proposal_id INTEGER NOT NULL,
      decision VARCHAR NOT NULL,         -- same | different
      source VARCHAR NOT NULL,           -- cli | server
      decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    // What a rejected file was for, when known (the period chosen at upload or read from it; the
    // school chosen at upload or named in it): it counts against that period's completeness.
    `CREATE TABLE upload_claims (
      upload_id INTEGER NOT NULL,
      period VARCHAR,
      school_id INTEGER
    )`,
    `CREATE TABLE rejection_dismissals (
      upload_id INTEGER PRIMARY KEY,
      source VARCHAR NOT NULL,
      dismissed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`,
    // Parts of a forms file that could not be read (a table whose form is unknown …): the schools
    // concerned (NULL: every school of the upload) stay out of the sums until a better file comes.
    `CREATE TABLE forms_gaps (
      upload_id INTEGER NOT NULL,
      school_id INTEGER,
      period VARCHAR NOT NULL,
      reason VARCHAR NOT NULL,           -- table-unknown | rows-dropped
      sheet VARCHAR,
      row_no INTEGER
    )`,

    // A staff list may hold one sheet per school year: one snapshot per school and year.
    `CREATE TABLE roster_snapshots_by_year (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      year INTEGER NOT NULL,
      as_of DATE NOT NULL,
      PRIMARY KEY (upload_id, school_id, year)
    )`,
    `INSERT INTO roster_snapshots_by_year SELECT upload_id, school_id, year, as_of FROM roster_snapshots`,
    `DROP TABLE roster_snapshots`,
    `ALTER TABLE roster_snapshots_by_year RENAME TO roster_snapshots`,
    `ALTER TABLE roster_teachers ADD COLUMN year INTEGER`,
    `UPDATE roster_teachers SET year = s.year FROM roster_snapshots s
      WHERE s.upload_id = roster_teachers.upload_id AND s.school_id = roster_teachers.school_id`,
    // Names in a staff list live only in teacher_identities (as for diagnostics), behind this id.
    `ALTER TABLE roster_teachers ADD COLUMN teacher_id INTEGER`,

    `CREATE VIEW current_school_links AS
      SELECT school_id, arg_max(directory_school_id, link_id) AS directory_school_id, arg_max(how, link_id) AS how
      FROM school_links GROUP BY school_id`,
    `CREATE VIEW current_directory_merges AS
      SELECT directory_school_id, arg_max(into_id, merge_id) AS into_id FROM directory_merges GROUP BY directory_school_id`,
    `CREATE VIEW live_directory_facts AS
      SELECT f.* FROM directory_school_facts f LEFT JOIN uploads u ON u.upload_id = f.upload_id
      WHERE f.upload_id IS NULL OR (u.undone_at IS NULL AND u.status <> 'rejected')`,
    // Every school of the directory that is not merged into another, with what is known about it
    // (the latest live fact: one struct per school, so a NULL in it stays NULL).
    `CREATE VIEW current_directory_schools AS
      WITH latest AS MATERIALIZED (
        SELECT directory_school_id, arg_max(f, fact_id) AS f FROM live_directory_facts f GROUP BY directory_school_id)
      SELECT d.directory_school_id, d.municipality_id, m.name AS municipality,
        CASE WHEN l.f IS NULL THEN fs.name ELSE coalesce(l.f.short_name, l.f.full_name) END AS name,
        CASE WHEN l.f IS NULL THEN fs.name ELSE l.f.full_name END AS full_name, l.f.short_name, l.f.code,
        coalesce(l.f.open, true) AS open, l.f.closed_from, coalesce(l.f.listed, false) AS listed, d.origin, d.created_at
      FROM directory_schools d JOIN municipalities m USING (municipality_id)
      JOIN schools fs ON fs.school_id = d.first_school_id
      LEFT JOIN latest l USING (directory_school_id)
      WHERE d.directory_school_id NOT IN (SELECT directory_school_id FROM directory_merges)`,
    // Every spelling → its directory school and municipality. A spelling with no district is
    // resolved by name when exactly one directory school has it (in any district).
    `CREATE VIEW school_directory AS
      WITH linked AS MATERIALIZED (
        SELECT school_id, arg_max(directory_school_id, link_id) AS directory_school_id, arg_max(how, link_id) AS how
        FROM school_links GROUP BY school_id),
      bare AS (
        SELECT b.school_id, min(l.directory_school_id) AS lo, max(l.directory_school_id) AS hi
        FROM (SELECT school_id, name_key FROM school_name_keys WHERE municipality_key = '') b
        JOIN school_name_keys k2 ON k2.name_key = b.name_key
        JOIN linked l ON l.school_id = k2.school_id
        GROUP BY b.school_id),
      resolved AS (
        SELECT school_id, directory_school_id, how FROM linked
        UNION ALL SELECT school_id, lo, 'by-name' FROM bare WHERE lo = hi)
      SELECT s.school_id, s.name AS written_name, s.municipality AS written_municipality, r.directory_school_id, r.how,
        d.municipality_id, d.municipality, d.name
      FROM schools s LEFT JOIN resolved r USING (school_id) LEFT JOIN current_directory_schools d USING (directory_school_id)`,
    // The latest live forms upload of each directory school and period (over all its spellings).
    `CREATE VIEW current_directory_periods AS
      SELECT d.directory_school_id, sp.period, max(sp.upload_id) AS upload_id
      FROM school_periods sp JOIN uploads u USING (upload_id) JOIN school_directory d USING (school_id)
      WHERE u.undone_at IS NULL AND d.directory_school_id IS NOT NULL
      GROUP BY ALL`,
    // Proposed matches nobody has decided on, whose two schools are still apart.
    `CREATE VIEW pending_school_proposals AS
      SELECT p.proposal_id, p.school_id, sd.directory_school_id AS subject_id, coalesce(mg.into_id, p.candidate_id) AS candidate_id,
        p.similarity, p.upload_id, p.proposed_at
      FROM school_match_proposals p
      JOIN school_directory sd USING (school_id)
      LEFT JOIN current_directory_merges mg ON mg.directory_school_id = p.candidate_id
      WHERE NOT EXISTS (SELECT 1 FROM school_match_decisions x WHERE x.proposal_id = p.proposal_id)
        AND sd.directory_school_id IS NOT NULL AND sd.directory_school_id <> coalesce(mg.into_id, p.candidate_id)`
  ],
  run: (conn: DuckDBConnection) => linkExistingSchools(conn)
};
