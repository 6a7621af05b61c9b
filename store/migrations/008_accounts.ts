// Accounts, sessions, one-time links, the audit log and purges of personal data (issue 16 §1, §5).
// Accounts are configuration, not facts: they are updated in place (password, disabled), and every
// change is a row of audit_log. Sessions and links keep only a sha256 of their secret. The audit
// log is append-only and holds ids and codes, never names, file names or cell contents.
import type {Migration} from "../migrate.ts";

export const accounts: Migration = {
  version: 8,
  name: "accounts",
  statements: [
    `CREATE SEQUENCE account_id_seq START 1`,
    `CREATE TABLE accounts (
      account_id INTEGER PRIMARY KEY DEFAULT nextval('account_id_seq'),
      login VARCHAR NOT NULL UNIQUE,   -- lower case, [a-z0-9._-]
      display_name VARCHAR NOT NULL,   -- the staff member's name as pages greet her
      role VARCHAR NOT NULL,           -- methodologist | municipal-curator | school-curator | school-representative | management
      scope_level VARCHAR NOT NULL,    -- region | municipality | school
      scope_id VARCHAR,                -- the directory's id of the municipality or school; NULL for the region
      password_hash VARCHAR,           -- scrypt$N$r$p$salt$hash; NULL until set through a one-time link
      password_set_at TIMESTAMP,
      created_at TIMESTAMP NOT NULL,
      created_by INTEGER,              -- NULL: the first account, the console or local mode
      disabled_at TIMESTAMP,
      last_login_at TIMESTAMP
    )`,
    `CREATE TABLE account_sessions (
      session_hash VARCHAR PRIMARY KEY, -- sha256 of the id the cookie holds; the id is never stored
      account_id INTEGER NOT NULL,
      created_at TIMESTAMP NOT NULL,
      last_seen_at TIMESTAMP NOT NULL,  -- written at most once a minute
      expires_at TIMESTAMP NOT NULL,    -- absolute end
      ended_at TIMESTAMP,
      end_reason VARCHAR                -- logout | idle | expired | disabled | password | replaced
    )`,
    `CREATE TABLE account_links (
      token_hash VARCHAR PRIMARY KEY,   -- sha256 of the token in the link
      purpose VARCHAR NOT NULL,         -- first-account | set-password
      account_id INTEGER,               -- NULL for first-account
      created_at TIMESTAMP NOT NULL,
      expires_at TIMESTAMP NOT NULL,
      used_at TIMESTAMP
    )`,
    `CREATE SEQUENCE audit_event_seq START 1`,
    `CREATE TABLE audit_log (
      event_id BIGINT PRIMARY KEY DEFAULT nextval('audit_event_seq'),
      occurred_at TIMESTAMP NOT NULL,
      actor VARCHAR NOT NULL,           -- account | local | console | anonymous
      account_id INTEGER,
      login VARCHAR,                    -- the account's login then (logins are never reused)
      role VARCHAR,
      action VARCHAR NOT NULL,          -- store/audit.ts AUDIT_ACTIONS
      outcome VARCHAR NOT NULL,         -- ok | denied | failed
      object VARCHAR,                   -- upload:12, account:3, export:engagement.xlsx, period:2024-Q1 …
      subject_kind VARCHAR,             -- teacher | participant: whose personal data was seen or purged
      subject_ids INTEGER[],            -- their pseudonymous ids (teacher_id, person_id), never names
      address VARCHAR,                  -- the client's address (logins, refusals)
      details VARCHAR                   -- JSON of codes and counts only
    )`,
    `CREATE SEQUENCE purge_id_seq START 1`,
    `CREATE TABLE purge_runs (
      purge_id INTEGER PRIMARY KEY DEFAULT nextval('purge_id_seq'),
      ran_at TIMESTAMP NOT NULL,
      mode VARCHAR NOT NULL,            -- older-than | person
      cutoff TIMESTAMP,                 -- older-than: data last loaded before this
      counts VARCHAR NOT NULL,          -- JSON: identities, participants, keys, issues, files …
      compacted_at TIMESTAMP            -- when the database file was rewritten without the old bytes
    )`
  ]
};
