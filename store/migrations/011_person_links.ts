// Links between one person's records kept through a purge of personal data (152-ФЗ): reports link
// a route's or a students' results' named teacher to the diagnostics' teacher and both to the
// registries' mentee by school and name at report time (store/personLinks.ts). A purge replaces
// the names, so before it does, the links of the people it purges are kept here, by pseudonymous
// ids only; every aggregate stays as it was. Rows are only appended.
// No ALTER TABLE (see migration 007: DuckDB cannot replay some ALTERs from its WAL).
import type {Migration} from "../migrate.ts";

export const personLinks: Migration = {
  version: 11,
  name: "person-links",
  statements: [
    `CREATE TABLE person_links (
      kind VARCHAR NOT NULL,           -- named-teacher (named_teachers.person_id → teacher_id)
                                       -- | registry-teacher (registry_people.person_id → teacher_id)
                                       -- | registry-named (registry_people.person_id → named_teachers.person_id)
      from_id INTEGER NOT NULL,
      to_id INTEGER NOT NULL,          -- -1: linked to nobody (the purge would otherwise have made a link)
      purge_id INTEGER NOT NULL,       -- the purge that kept it (purge_runs)
      PRIMARY KEY (kind, from_id)
    )`
  ]
};
