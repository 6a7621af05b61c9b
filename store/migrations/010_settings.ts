// Settings a methodologist uploads as XLSX (issue 11 §4): each accepted upload stores the whole new
// value of every setting its workbook holds, as validated JSON; nothing is updated in place. The
// current value of a setting is its latest version whose upload was not undone; without one, the
// JSON file in the config folder applies (settings/load.ts).
// Also the school year of each diagnostics sheet (issue 12 §1: every section of the annual report
// is filtered to its school year), which the file states or the upload was given.
import type {Migration} from "../migrate.ts";

export const settings: Migration = {
  version: 10,
  name: "settings",
  statements: [
    `CREATE TABLE settings_versions (
      upload_id INTEGER NOT NULL,
      setting VARCHAR NOT NULL,        -- key of settings/index.ts: targets | indicators | areas | swotCodebook | mentoringRules | deficitLevels
      value VARCHAR NOT NULL,          -- the whole value, JSON, as validated at upload
      PRIMARY KEY (upload_id, setting)
    )`,
    `CREATE VIEW current_settings AS
      SELECT v.setting, v.upload_id, v.value FROM settings_versions v
      JOIN (SELECT s.setting, max(s.upload_id) AS upload_id
            FROM settings_versions s JOIN uploads u USING (upload_id)
            WHERE u.undone_at IS NULL GROUP BY ALL) c USING (setting, upload_id)`,
    `CREATE TABLE diagnostic_sheet_years (
      upload_id INTEGER NOT NULL,
      sheet VARCHAR NOT NULL,
      school_year INTEGER NOT NULL,    -- the year the school year ends in: 2026 = 2025/26
      PRIMARY KEY (upload_id, sheet)
    )`
  ]
};
