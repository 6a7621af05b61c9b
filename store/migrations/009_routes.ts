// Individual routes (ИОМ, issue 14): the region's catalogue of activities, the routes as they come
// back with completion marks, and the results of the teachers' students. Names live only in
// named_teachers, behind a pseudonymous person_id (the same person in a route file and in a
// students' results file); reports link person_id to the diagnostics' teacher_id and to the
// registries by school and name at report time, so files may arrive in any order.
// Rows are never updated: each carries its upload; the current_* views pick the latest live upload
// (the whole catalogue; per teacher for routes; per school and school year for students' results).
import type {Migration} from "../migrate.ts";

export const routes: Migration = {
  version: 9,
  name: "routes",
  statements: [
    `CREATE SEQUENCE named_teacher_seq START 1`,
    // Personal data (152-ФЗ): kept apart, purgeable without touching routes and results.
    `CREATE TABLE named_teachers (
      person_id INTEGER PRIMARY KEY,
      school_id INTEGER NOT NULL,
      name_key VARCHAR NOT NULL,        -- personKey(full_name): matching within the school
      full_name VARCHAR NOT NULL,
      external_id VARCHAR,              -- an ID/код column, normalised as the diagnostics' one
      position VARCHAR,
      first_upload_id INTEGER NOT NULL
    )`,
    `CREATE TABLE catalogue_items (
      upload_id INTEGER NOT NULL,
      item_no INTEGER NOT NULL,         -- the catalogue's order
      kind VARCHAR NOT NULL,            -- dpo (a programme of further training) | event (webinar, seminar …)
      title VARCHAR NOT NULL,
      provider VARCHAR,
      hours DOUBLE,
      areas VARCHAR NOT NULL,           -- area codes, comma-separated (data/config/areas.json)
      areas_text VARCHAR,               -- as written
      format VARCHAR,
      starts DATE,
      ends DATE,
      dates_text VARCHAR,
      url VARCHAR,
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, item_no)
    )`,
    `CREATE VIEW current_catalogue AS
      SELECT i.* FROM catalogue_items i
      WHERE i.upload_id = (SELECT max(u.upload_id) FROM uploads u
                           WHERE u.kind = 'route-catalogue' AND u.status <> 'rejected' AND u.undone_at IS NULL)`,
    `CREATE TABLE routes (
      upload_id INTEGER NOT NULL,
      route_no INTEGER NOT NULL,
      person_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      starts DATE,                      -- «Продолжительность прохождения ИОМ: начало»
      ends DATE,
      developed DATE,                   -- «Дата разработки ИОМ»
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, route_no)
    )`,
    `CREATE TABLE route_activities (
      upload_id INTEGER NOT NULL,
      route_no INTEGER NOT NULL,
      activity_no INTEGER NOT NULL,
      block VARCHAR NOT NULL,           -- dpo (the programmes' table) | event (other forms)
      title VARCHAR NOT NULL,
      provider VARCHAR,
      hours DOUBLE,
      deficits_text VARCHAR,            -- «Перечень дефицитов…» as written
      areas VARCHAR NOT NULL,           -- area codes found in it, comma-separated
      planned_text VARCHAR,             -- «Сроки прохождения» as written
      planned_start DATE,
      planned_end DATE,
      mark_text VARCHAR,                -- «Отметка о прохождении» as written
      status VARCHAR NOT NULL,          -- done | not-done | unmarked
      completed_on DATE,
      document VARCHAR,                 -- «удостоверение № …», «сертификат № …»
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, route_no, activity_no)
    )`,
    `CREATE VIEW current_routes AS
      SELECT r.* FROM routes r
      JOIN (SELECT x.person_id, max(x.upload_id) AS upload_id FROM routes x JOIN uploads u USING (upload_id)
            WHERE u.undone_at IS NULL GROUP BY ALL) c USING (person_id, upload_id)`,
    `CREATE VIEW current_route_activities AS
      SELECT a.* FROM route_activities a JOIN current_routes r USING (upload_id, route_no)`,
    `CREATE TABLE student_results (
      upload_id INTEGER NOT NULL,
      result_no INTEGER NOT NULL,
      person_id INTEGER NOT NULL,
      school_id INTEGER NOT NULL,
      year INTEGER NOT NULL,            -- school year, named by the year it ends in (lib/academicYear)
      class_name VARCHAR NOT NULL,
      subject VARCHAR NOT NULL,
      students INTEGER,                 -- pupils in the class
      vpr_taken INTEGER, vpr_passed INTEGER,
      oge_taken INTEGER, oge_passed INTEGER,
      ege_taken INTEGER, ege_passed INTEGER,
      mean_grade DOUBLE,                -- 2–5
      olympiad_participants INTEGER, olympiad_winners INTEGER,
      sheet VARCHAR, row_no INTEGER,
      PRIMARY KEY (upload_id, result_no)
    )`,
    `CREATE VIEW current_student_results AS
      SELECT s.* FROM student_results s
      JOIN (SELECT x.school_id, x.year, max(x.upload_id) AS upload_id FROM student_results x JOIN uploads u USING (upload_id)
            WHERE u.undone_at IS NULL GROUP BY ALL) c USING (school_id, year, upload_id)`
  ]
};
