// What each role may do (issue 16 §1): one table, `can(session, action)`, used by every route.
// Scope (which municipality or school) is a separate question, answered by the data queries
// (issue 16 §2); an action here says what kind of thing a person may do at all.
import type {Actor} from "../../store/audit.ts";
import {ROLE_LABELS, type Role, type Scope} from "./roles.ts";

export const ACTIONS = [
  "view-aggregates",     // dashboards and reports: counts, shares, means; groups under 5 hidden for management
  "view-names",          // teachers' and participants' names where a page needs them (the teacher card)
  "view-uploads",        // uploads of her scope: files, outcomes, issues (issues quote cells, files have names)
  "upload-forms",        // quarterly reports (forms 1–5)
  "upload-diagnostics",  // diagnostics, registries of mentors and mentees, questionnaires
  "upload-school-tables",// staff lists and schools' indicator tables
  "undo",                // undo an upload
  "export",              // XLSX/PDF exports of reports
  "manage-settings",
  "manage-directory",
  "manage-accounts",
  "read-audit",
  "purge-personal-data"
] as const;
export type Action = typeof ACTIONS[number];

/** Russian names of actions, for refusals («нет права: загрузка квартальных отчётов»). */
export const ACTION_LABELS: Record<Action, string> = {
  "view-aggregates": "просмотр сводных данных",
  "view-names": "просмотр имён педагогов и участников",
  "view-uploads": "просмотр загрузок и замечаний к файлам",
  "upload-forms": "загрузка квартальных отчётов",
  "upload-diagnostics": "загрузка диагностики, баз наставников и наставляемых, анкет",
  "upload-school-tables": "загрузка штатных списков и таблиц показателей",
  "undo": "отмена загрузок",
  "export": "выгрузка отчётов",
  "manage-settings": "изменение настроек",
  "manage-directory": "ведение справочника школ",
  "manage-accounts": "управление учётными записями",
  "read-audit": "чтение журнала действий",
  "purge-personal-data": "удаление персональных данных"
};

/** The permission table (issue 16 §1, «Accounts and roles»). */
const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  "methodologist": ACTIONS,
  "municipal-curator": ["view-aggregates", "view-names", "view-uploads", "upload-diagnostics", "export"],
  "school-curator": ["view-aggregates", "view-names", "view-uploads", "upload-forms", "upload-diagnostics", "upload-school-tables", "export"],
  "school-representative": ["view-aggregates", "view-uploads", "upload-forms"],
  "management": ["view-aggregates", "export"]
};

/**
 * Who is asking. In local mode (the server on 127.0.0.1 for the person at this computer) there is
 * no account: the session is the implicit methodologist with `local: true`.
 */
export interface Session {
  /** null in local mode (and for the console). */
  accountId: number | null;
  login: string;
  /** How the person is greeted («Иванова М. П.»); staff, never a teacher from the data. */
  name: string;
  role: Role;
  scope: Scope;
  local: boolean;
  /** The token every write from this session carries (form field `csrf` or header X-CSRF-Token). */
  csrf: string;
  /** sha256 of the session id (the cookie holds the id, the database only this); null in local mode. */
  key: string | null;
  /** When the session ends at the latest, and when it ends if idle (ms since epoch); null in local mode. */
  expiresAt: number | null;
  idleExpiresAt: number | null;
}

export function can(session: Pick<Session, "role">, action: Action): boolean {
  return ROLE_ACTIONS[session.role].includes(action);
}

/** Every action a role has, in table order (the accounts page shows them). */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => ROLE_ACTIONS[role].includes(a));
}

/** The upload action a file kind needs (loaders/kinds.ts names); unknown kinds need the methodologist's. */
export function uploadActionFor(kind: string | null): Action {
  switch (kind) {
    case "forms":
      return "upload-forms";
    case "diagnostics":
    case "registry-mentees":
    case "registry-mentors":
    case "questionnaire":
      return "upload-diagnostics";
    case "roster":
    case "indicators":
      return "upload-school-tables";
    default:
      return "manage-settings";
  }
}

/** Readers who may not see names (management, school representatives) never receive a group under this size. */
export function minGroupSize(session: Pick<Session, "role">): number {
  return can(session, "view-names") ? 1 : 5;
}

/** A Russian refusal for a missing action. */
export function refusal(session: Pick<Session, "role">, action: Action): string {
  return `Нет доступа: у роли «${ROLE_LABELS[session.role]}» нет права «${ACTION_LABELS[action]}».`;
}

/** Who the audit log names for a session: her account, the person at this computer (local mode), or nobody. */
export function actorOf(s: Session | null): Actor {
  if (!s) return {kind: "anonymous"};
  return s.local ? {kind: "local"} : {kind: "account", accountId: s.accountId!, login: s.login, role: s.role};
}
