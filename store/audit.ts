// The audit log (issue 16 §5; 152-ФЗ): who did what and when — logins and failures, logouts,
// uploads, undos, exports, settings and account changes, purges, and every view of a person's
// data (whose: pseudonymous ids, never names). Append-only. An event holds codes, ids and counts
// only: `object` and `details` are checked against a pattern that admits no spaces and no
// Cyrillic, so a name, a file name or a cell's text cannot be written here by mistake.
import type {DuckDBConnection} from "@duckdb/node-api";
import {listValue} from "@duckdb/node-api";
import {all, runPrepared, type Store} from "./database.ts";

/** Every action the log knows, with the Russian words the page and the XLSX show. */
export const AUDIT_ACTIONS = {
  "login": "вход",
  "login-failed": "неудачная попытка входа",
  "login-blocked": "вход приостановлен после неудачных попыток",
  "logout": "выход",
  "access-denied": "отказ в доступе",
  "upload": "загрузка файла",
  "undo": "отмена загрузки",
  "export": "выгрузка",
  "view-personal-data": "просмотр персональных данных",
  "settings-change": "изменение настроек",
  "directory-change": "изменение справочника школ",
  "account-create": "создание учётной записи",
  "account-disable": "отключение учётной записи",
  "account-enable": "включение учётной записи",
  "account-reset": "сброс пароля (выдана ссылка)",
  "link-issued": "выдана одноразовая ссылка",
  "password-set": "пароль установлен по ссылке",
  "password-change": "смена пароля",
  "purge": "удаление персональных данных",
  "compact": "сжатие базы после удаления"
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type Outcome = "ok" | "denied" | "failed";
export const OUTCOME_LABELS: Record<Outcome, string> = {ok: "выполнено", denied: "запрещено", failed: "не удалось"};

/** Who acted: an account, the person at this computer (local mode), the command line, or nobody known. */
export type Actor =
  | {kind: "account"; accountId: number; login: string; role: string}
  | {kind: "local"}
  | {kind: "console"}
  | {kind: "anonymous"};

export const ACTOR_LABELS: Record<Actor["kind"], string> = {
  account: "учётная запись", local: "этот компьютер (без учётной записи)", console: "командная строка", anonymous: "не вошедший"
};

export type SubjectKind = "teacher" | "participant";

export interface AuditEvent {
  actor: Actor;
  action: AuditAction;
  outcome?: Outcome;
  /** What was acted on, as `kind:id` — upload:12, account:3, export:engagement.xlsx, page:audit. */
  object?: string | null;
  /** Whose personal data was seen or purged: teacher ids (teacher_identities) or participant ids (registry_people). */
  subjects?: {kind: SubjectKind; ids: number[]} | null;
  address?: string | null;
  /** Codes and counts: {kind: "forms", status: "accepted", period: "2024-Q1", files: 3}. */
  details?: Record<string, string | number | boolean | null>;
  /** ms since epoch; now by default. */
  at?: number;
}

const OBJECT = /^[a-z][a-z-]*:[A-Za-z0-9._-]{1,80}$/;
const CODE = /^[A-Za-z0-9._:-]{0,80}$/;

/** Throws (a programmer error) when an event would carry free text. */
export function checkEvent(e: AuditEvent): void {
  if (!(e.action in AUDIT_ACTIONS)) throw new Error(`unknown audit action ${e.action}`);
  if (e.object != null && !OBJECT.test(e.object)) throw new Error(`audit object must be kind:id codes, got ${JSON.stringify(e.object).slice(0, 40)}`);
  for (const [k, v] of Object.entries(e.details ?? {})) {
    if (!/^[a-zA-Z][a-zA-Z0-9]{0,40}$/.test(k)) throw new Error(`audit detail key ${k}`);
    if (typeof v === "string" && !CODE.test(v)) throw new Error(`audit detail ${k} must be a code, not text`);
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`audit detail ${k} must be finite`);
  }
  if (e.address != null && !/^[0-9A-Fa-f.:[\]%a-z]{1,64}$/.test(e.address)) throw new Error("audit address must be an IP address");
  if (e.subjects && !e.subjects.ids.every((id) => Number.isInteger(id))) throw new Error("audit subjects must be integer ids");
}

/** Records one event inside the caller's transaction (an account change and its record commit together). */
export async function auditIn(conn: DuckDBConnection, e: AuditEvent): Promise<void> {
  checkEvent(e);
  const a = e.actor;
  await conn.run(`INSERT INTO audit_log (occurred_at, actor, account_id, login, role, action, outcome, object, subject_kind, subject_ids, address, details)
    VALUES (epoch_ms($at::BIGINT), $actor, $account, $login, $role, $action, $outcome, $object, $sk, $sids, $address, $details)`, {
    at: e.at ?? Date.now(), actor: a.kind, account: a.kind === "account" ? a.accountId : null, login: a.kind === "account" ? a.login : null,
    role: a.kind === "account" ? a.role : a.kind === "local" ? "methodologist" : null, action: e.action, outcome: e.outcome ?? "ok",
    object: e.object ?? null, sk: e.subjects?.kind ?? null,
    // DuckDB cannot type an empty list: no ids is no subjects.
    sids: e.subjects?.ids.length ? listValue([...new Set(e.subjects.ids)].sort((x, y) => x - y)) : null,
    address: e.address ?? null, details: e.details && Object.keys(e.details).length ? JSON.stringify(e.details) : null
  });
}

/**
 * Records several events inside the caller's transaction in one statement (the server's uploads:
 * each stored file's event commits with the file). Events naming subjects go one by one.
 */
export async function auditManyIn(conn: DuckDBConnection, events: AuditEvent[]): Promise<void> {
  for (const e of events) checkEvent(e);
  const plain = events.filter((e) => !e.subjects?.ids.length);
  for (const e of events) if (e.subjects?.ids.length) await auditIn(conn, e);
  if (!plain.length) return;
  const col = <T>(f: (e: AuditEvent, a: Actor) => T) => listValue(plain.map((e) => f(e, e.actor)) as never);
  await runPrepared(conn, `INSERT INTO audit_log (occurred_at, actor, account_id, login, role, action, outcome, object, address, details)
    SELECT epoch_ms(unnest($at::BIGINT[])), unnest($actor::VARCHAR[]), unnest($account::INTEGER[]), unnest($login::VARCHAR[]),
      unnest($role::VARCHAR[]), unnest($action::VARCHAR[]), unnest($outcome::VARCHAR[]), unnest($object::VARCHAR[]),
      unnest($address::VARCHAR[]), unnest($details::VARCHAR[])`, {
    at: col((e) => e.at ?? Date.now()), actor: col((_, a) => a.kind), account: col((_, a) => a.kind === "account" ? a.accountId : null),
    login: col((_, a) => a.kind === "account" ? a.login : null),
    role: col((_, a) => a.kind === "account" ? a.role : a.kind === "local" ? "methodologist" : null), action: col((e) => e.action),
    outcome: col((e) => e.outcome ?? "ok"), object: col((e) => e.object ?? null), address: col((e) => e.address ?? null),
    details: col((e) => e.details && Object.keys(e.details).length ? JSON.stringify(e.details) : null)
  });
}

/**
 * Records one event in its own transaction. Call it from every place that acts on data or shows
 * a person's data; await it before answering, so that nothing is shown unrecorded.
 */
export async function audit(store: Store, e: AuditEvent): Promise<void> {
  checkEvent(e);
  await store.write((conn) => auditIn(conn, e));
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: Actor["kind"];
  accountId: number | null;
  login: string | null;
  role: string | null;
  action: AuditAction;
  outcome: Outcome;
  object: string | null;
  subjectKind: SubjectKind | null;
  subjectIds: number[];
  address: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface AuditFilter {
  /** Inclusive, ms since epoch. */
  from?: number;
  /** Exclusive, ms since epoch. */
  to?: number;
  action?: AuditAction;
  login?: string;
  /** A teacher or participant id: every event that touched this person's data. */
  subject?: {kind: SubjectKind; id: number};
  /** Events older than this id (paging, newest first). */
  beforeId?: number;
  limit?: number;
}

/** Events newest first, at most `limit` (default 200, at most 100 000), and whether there are more. */
export async function readAudit(store: Store, f: AuditFilter = {}): Promise<{events: AuditRow[]; more: boolean}> {
  const limit = Math.min(Math.max(1, f.limit ?? 200), 100_000);
  const where: string[] = [];
  const params: Record<string, unknown> = {limit: limit + 1};
  if (f.from !== undefined) { where.push("occurred_at >= epoch_ms($from::BIGINT)"); params.from = f.from; }
  if (f.to !== undefined) { where.push("occurred_at < epoch_ms($to::BIGINT)"); params.to = f.to; }
  if (f.action) { where.push("action = $action"); params.action = f.action; }
  if (f.login) { where.push("login = $login"); params.login = f.login.trim().toLowerCase(); }
  if (f.subject) { where.push("subject_kind = $sk AND list_contains(subject_ids, $sid)"); params.sk = f.subject.kind; params.sid = f.subject.id; }
  if (f.beforeId !== undefined) { where.push("event_id < $before"); params.before = f.beforeId; }
  const rows = await store.read((c) => all<{event_id: number; occurred_at: Date; actor: Actor["kind"]; account_id: number | null; login: string | null;
    role: string | null; action: AuditAction; outcome: Outcome; object: string | null; subject_kind: SubjectKind | null;
    subject_ids: number[] | null; address: string | null; details: string | null}>(c,
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY event_id DESC LIMIT $limit`,
    params as Record<string, string | number>));
  return {
    more: rows.length > limit,
    events: rows.slice(0, limit).map((r) => ({id: r.event_id, at: r.occurred_at, actor: r.actor, accountId: r.account_id, login: r.login, role: r.role,
      action: r.action, outcome: r.outcome, object: r.object, subjectKind: r.subject_kind, subjectIds: r.subject_ids ?? [],
      address: r.address, details: r.details ? JSON.parse(r.details) as AuditRow["details"] : {}}))
  };
}

/** «загрузка № 12», «учётная запись № 3», «выгрузка engagement.xlsx»: an object for a person to read. */
export function objectLabel(object: string | null): string {
  if (!object) return "";
  const [kind, id] = [object.slice(0, object.indexOf(":")), object.slice(object.indexOf(":") + 1)];
  const words: Record<string, string> = {
    upload: "загрузка №", batch: "порция", account: "учётная запись №", export: "выгрузка", page: "страница", period: "квартал",
    year: "год", purge: "удаление №", file: "файл"
  };
  return words[kind] ? `${words[kind]} ${id}` : object;
}

/** Russian words for the codes events carry (outcomes of uploads, reasons, kinds of file). */
const CODE_WORDS: Record<string, string> = {
  accepted: "принят", accepted_with_remarks: "принят с замечаниями", rejected: "отклонён", already_loaded: "уже был загружен",
  password: "неверный пароль", "unknown-login": "неизвестное имя для входа", disabled: "учётная запись отключена",
  account: "много попыток для учётной записи", address: "много попыток с адреса", link: "по одноразовой ссылке",
  "set-password": "установка пароля", "first-account": "первая учётная запись", person: "по заявлению человека",
  "older-than": "старше срока хранения", forms: "формы 1–5", diagnostics: "диагностика", "registry-mentees": "база наставляемых",
  "registry-mentors": "база наставников", questionnaire: "анкета", roster: "штатный список", indicators: "целевые показатели",
  "issues.xlsx": "замечания XLSX"
};

const DETAIL_WORDS: Record<string, string> = {
  kind: "вид", status: "итог", period: "квартал", year: "год", files: "файлов", reason: "причина", count: "записей", role: "роль",
  scope: "область", waitSeconds: "ожидание, с", restored: "восстановлено загрузок", identities: "педагогов", participants: "участников", named: "педагогов из маршрутов и результатов учеников",
  keys: "ключей", issues: "замечаний", originals: "исходных файлов", olderThanDays: "старше, дней", format: "формат",
  rows: "строк", teachers: "педагогов", fileNames: "имён файлов", texts: "текстов", validMinutes: "действует, мин", purges: "удалений"
};

/** Details as «ключ: значение» pairs in Russian; `words` adds names for more codes (roles). */
export function detailsLabel(details: AuditRow["details"], words: Record<string, string> = {}): string {
  const value = (v: string | number | boolean | null) => v === true ? "да" : v === false ? "нет" : v === null ? "—"
    : typeof v === "string" ? words[v] ?? CODE_WORDS[v] ?? v : String(v);
  return Object.entries(details).map(([k, v]) => `${DETAIL_WORDS[k] ?? k}: ${value(v)}`).join("; ");
}

/** «педагоги № 3, 5, 8» / «участники № 12» — at most `max` ids, then «и ещё N». */
export function subjectsLabel(e: Pick<AuditRow, "subjectKind" | "subjectIds">, max = 12): string {
  if (!e.subjectKind || !e.subjectIds.length) return "";
  const word = e.subjectKind === "teacher" ? (e.subjectIds.length === 1 ? "педагог" : "педагоги") : (e.subjectIds.length === 1 ? "участник" : "участники");
  const shown = e.subjectIds.slice(0, max).join(", ");
  return `${word} № ${shown}${e.subjectIds.length > max ? ` и ещё ${e.subjectIds.length - max}` : ""}`;
}

export function whoLabel(e: Pick<AuditRow, "actor" | "login">): string {
  return e.actor === "account" ? e.login ?? "" : ACTOR_LABELS[e.actor];
}
