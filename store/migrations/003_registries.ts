// Registries: the mentee base and the mentor base (seed 001, appendix 3). Names, contacts and birth
// years live only in registry_people, behind a pseudonymous person_id that stays the same across
// re-loads (matched by school and surname with initials); every other table and view holds ids.
// A load of a school's base is a fact of its upload: the latest non-undone upload per (school,
// base) is current, earlier ones stay in the tables.
import type {Migration} from "../migrate.ts";

export const registries: Migration = {
  version: 3,
  name: "registries",
  statements: [
    `CREATE SEQUENCE registry_person_seq START 1`,
    `CREATE TABLE registry_people (
      person_id INTEGER PRIMARY KEY,
      school_id INTEGER NOT NULL,
      person_key VARCHAR NOT NULL,    -- surname and initials, lower case: the link between the two bases
      full_name VARCHAR NOT NULL,     -- personal data
      contacts VARCHAR,               -- personal data
      birth_year INTEGER,             -- personal data
      first_upload_id INTEGER NOT NULL
    )`,
    `CREATE TABLE registry_loads (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      base VARCHAR NOT NULL,          -- mentees | mentors
      PRIMARY KEY (upload_id, base)
    )`,
    `CREATE TABLE registry_entries (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      base VARCHAR NOT NULL,
      sheet VARCHAR NOT NULL,
      row_no INTEGER NOT NULL,
      mentor_id INTEGER,              -- NULL: a mentee listed without a mentor
      mentee_id INTEGER,              -- NULL: a mentor listed without mentees
      form VARCHAR,                   -- teacher-teacher | student-student | college-student | employer-student | educator-student | head-educator
      start_date DATE,
      end_date DATE,                  -- last day; NULL while running
      work_start DATE,                -- mentee's start of work, where the base has the column
      appointed DATE,                 -- explicit appointment date, where the base has the column
      completed BOOLEAN,              -- «Отметка о прохождении программы»
      mentor_org VARCHAR,
      mentee_org VARCHAR
    )`,
    `CREATE VIEW current_registry_loads AS
      SELECT l.school_id, l.base, max(l.upload_id) AS upload_id
      FROM registry_loads l JOIN uploads u USING (upload_id)
      WHERE u.undone_at IS NULL
      GROUP BY ALL`,
    `CREATE VIEW current_registry_entries AS
      SELECT e.* FROM registry_entries e JOIN current_registry_loads c USING (school_id, base, upload_id)`
  ]
};
