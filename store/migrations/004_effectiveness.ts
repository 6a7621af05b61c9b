// Schema of the effectiveness inputs: questionnaires (raw answers; SWOT coding happens at report
// time so a codebook edit recodes everything), staff rosters (attributes kept as header/value
// pairs, read through data/config/indicators.json at report time) and schools' indicator tables.
// No names are stored: people are pseudonymous keys (code or hash).
import type {Migration} from "../migrate.ts";

export const effectiveness: Migration = {
  version: 4,
  name: "effectiveness",
  statements: [
    `CREATE TABLE questionnaire_questions (
      upload_id INTEGER NOT NULL,
      question_no INTEGER NOT NULL,
      col_no INTEGER NOT NULL,
      text VARCHAR NOT NULL,
      text_key VARCHAR NOT NULL,     -- normalised text: the same question in two waves or files
      kind VARCHAR NOT NULL,         -- open | closed | rating
      scale_min DOUBLE, scale_max DOUBLE,
      PRIMARY KEY (upload_id, question_no)
    )`,
    `CREATE TABLE questionnaire_respondents (
      upload_id INTEGER NOT NULL,
      respondent_no INTEGER NOT NULL,
      respondent_key VARCHAR,        -- code:… or h:<sha256 prefix>; NULL when anonymous
      role VARCHAR NOT NULL,         -- наставник | наставляемый | куратор | руководитель | другое
      role_raw VARCHAR NOT NULL,
      wave VARCHAR,                  -- entry | exit | NULL
      school_id INTEGER,
      answered_at VARCHAR,           -- ISO timestamp as exported
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, respondent_no)
    )`,
    `CREATE TABLE questionnaire_answers (
      upload_id INTEGER NOT NULL,
      respondent_no INTEGER NOT NULL,
      question_no INTEGER NOT NULL,
      answer VARCHAR NOT NULL,
      rating DOUBLE                  -- for rating questions, NULL when unreadable (see issues)
    )`,
    // A re-export of the same form replaces the earlier upload (see loaders/effectiveness/questionnaire.ts).
    `CREATE TABLE questionnaire_replacements (upload_id INTEGER NOT NULL, replaced_upload_id INTEGER NOT NULL)`,
    `CREATE VIEW current_questionnaire_uploads AS
      SELECT u.upload_id FROM uploads u
      WHERE u.kind = 'questionnaire' AND u.status <> 'rejected' AND u.undone_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM questionnaire_replacements r JOIN uploads n ON n.upload_id = r.upload_id
                        WHERE r.replaced_upload_id = u.upload_id AND n.undone_at IS NULL)`,
    `CREATE TABLE roster_snapshots (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      year INTEGER NOT NULL,         -- school year, named by the year it ends in
      as_of DATE NOT NULL,
      PRIMARY KEY (upload_id, school_id)
    )`,
    `CREATE TABLE roster_teachers (
      upload_id INTEGER NOT NULL,
      teacher_no INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      teacher_key VARCHAR NOT NULL,  -- code:… or h:<sha256 prefix> or row:N
      hired DATE,
      left_on DATE,                  -- last working day
      experience DOUBLE,             -- years, as of the roster's date
      young BOOLEAN,                 -- young specialist (0–3 years) when hired; NULL when unknown
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, teacher_no)
    )`,
    `CREATE TABLE roster_attributes (
      upload_id INTEGER NOT NULL,
      teacher_no INTEGER NOT NULL,
      header VARCHAR NOT NULL,
      value VARCHAR NOT NULL
    )`,
    `CREATE VIEW current_roster_snapshots AS
      SELECT s.school_id, s.year, max(s.upload_id) AS upload_id
      FROM roster_snapshots s JOIN uploads u USING (upload_id)
      WHERE u.undone_at IS NULL
      GROUP BY ALL`,
    `CREATE TABLE indicator_values (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      year INTEGER NOT NULL,
      name VARCHAR NOT NULL,         -- as written; matched to data/config/indicators.json at report time
      numerator INTEGER NOT NULL,
      denominator INTEGER NOT NULL,
      target DOUBLE,                 -- the school's own target, percent, when the table has one
      sheet VARCHAR, row_no INTEGER
    )`,
    `CREATE VIEW current_indicator_tables AS
      SELECT v.school_id, v.year, max(v.upload_id) AS upload_id
      FROM indicator_values v JOIN uploads u USING (upload_id)
      WHERE u.undone_at IS NULL
      GROUP BY ALL`
  ]
};
