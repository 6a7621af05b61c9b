// Form 1's «Контакты» (issue 16 §4): the director's name, phone and e-mail as a school wrote them,
// for the methodologist's collection board. Personal data: kept apart from the figures, in one
// table no report of figures reads, shown to the methodologist only, removed by the purge past the
// retention period. Rows are only appended (the latest upload of a school is its contact).
// No ALTER TABLE (see migration 007: DuckDB cannot replay some ALTERs from its WAL).
import type {Migration} from "../migrate.ts";

export const schoolContacts: Migration = {
  version: 12,
  name: "school-contacts",
  statements: [
    `CREATE TABLE school_contacts (
      upload_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      period VARCHAR NOT NULL,
      contact VARCHAR NOT NULL,         -- as written in Form 1, one line, at most 300 characters
      PRIMARY KEY (upload_id, school_id)
    )`
  ]
};
