// Roles and scopes of accounts (issue 16 §1): who a person is in the region and which part of it
// she works with. A scope is a level and, below the region, an id from the directory of
// municipalities and schools; ids are kept as text and checked lazily (the directory may not know
// them yet when an account is created).

export const ROLES = ["methodologist", "municipal-curator", "school-curator", "school-representative", "management"] as const;
export type Role = typeof ROLES[number];

export type ScopeLevel = "region" | "municipality" | "school";

export type Scope =
  | {level: "region"}
  | {level: "municipality"; id: string}
  | {level: "school"; id: string};

/** Russian names of the roles, as pages and the CLI show them. */
export const ROLE_LABELS: Record<Role, string> = {
  "methodologist": "методист РНЦ",
  "municipal-curator": "куратор муниципалитета",
  "school-curator": "куратор школы",
  "school-representative": "ответственный ОО",
  "management": "руководство"
};

/** Which scope levels a role may have: a curator works in her municipality or school, management at any level. */
export const ROLE_LEVELS: Record<Role, readonly ScopeLevel[]> = {
  "methodologist": ["region"],
  "municipal-curator": ["municipality"],
  "school-curator": ["school"],
  "school-representative": ["school"],
  "management": ["region", "municipality", "school"]
};

/** The Russian name of a role given as stored text («» for none or an unknown one). */
export function roleLabelOf(role: string | null): string {
  return role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : "";
}

const LEVEL_LABELS: Record<ScopeLevel, string> = {region: "регион", municipality: "муниципалитет", school: "школа"};

/** Spellings the CLI and the accounts page accept for a role (English id or Russian words). */
const ROLE_SPELLINGS: Record<string, Role> = {
  "методист": "methodologist", "методист-рнц": "methodologist",
  "куратор-муниципалитета": "municipal-curator", "муниципальный-куратор": "municipal-curator",
  "куратор-школы": "school-curator", "куратор-оо": "school-curator",
  "ответственный-оо": "school-representative", "ответственный": "school-representative", "представитель-школы": "school-representative",
  "руководство": "management", "руководитель": "management"
};

/** A role from its id or Russian name («куратор школы», «куратор-школы»), or null. */
export function parseRole(text: string): Role | null {
  const t = text.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, "-");
  if ((ROLES as readonly string[]).includes(t)) return t as Role;
  return ROLE_SPELLINGS[t] ?? null;
}

/**
 * A scope from «регион», «муниципалитет:ID», «школа:ID» (or region, municipality:ID, school:ID),
 * or a Russian message saying how to write it.
 * @example parseScope("школа:17") // {scope: {level: "school", id: "17"}}
 */
export function parseScope(text: string): {scope: Scope} | {error: string} {
  const m = /^\s*([^:\s]+)\s*(?::\s*(.+?))?\s*$/.exec(text);
  const word = m?.[1]?.toLowerCase() ?? "";
  const id = m?.[2]?.trim() ?? "";
  const level: ScopeLevel | null = ["регион", "region"].includes(word) ? "region"
    : ["муниципалитет", "municipality"].includes(word) ? "municipality"
      : ["школа", "school", "оо"].includes(word) ? "school" : null;
  const how = "нужно «регион», «муниципалитет:ID» или «школа:ID» (ID — номер из справочника школ)";
  if (!level) return {error: `область доступа «${text}» записана неверно: ${how}.`};
  if (level === "region") return id ? {error: `у региона нет номера: ${how}.`} : {scope: {level}};
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(id)) return {error: `для уровня «${LEVEL_LABELS[level]}» ${id ? "номер записан неверно" : "не указан номер"}: ${how}.`};
  return {scope: {level, id}};
}

/** How a scope is written back: «регион», «муниципалитет:12», «школа:17». */
export function scopeText(scope: Scope): string {
  return scope.level === "region" ? "регион" : `${LEVEL_LABELS[scope.level]}:${scope.id}`;
}

/** A scope for a person to read: «весь регион», «муниципалитет № 12», «школа № 17». */
export function scopeLabel(scope: Scope, name?: string | null): string {
  if (scope.level === "region") return "весь регион";
  return `${LEVEL_LABELS[scope.level]} ${name ? `«${name}»` : `№ ${scope.id}`}`;
}

/** A Russian message when a role cannot have a scope («куратор школы» works at a school), or null. */
export function scopeProblem(role: Role, scope: Scope): string | null {
  if (ROLE_LEVELS[role].includes(scope.level)) return null;
  const allowed = ROLE_LEVELS[role].map((l) => `«${LEVEL_LABELS[l]}»`).join(" или ");
  return `у роли «${ROLE_LABELS[role]}» область доступа — ${allowed}, а не «${LEVEL_LABELS[scope.level]}».`;
}

/** Scope as two columns (scope_level, scope_id) and back. */
export function scopeColumns(scope: Scope): {level: ScopeLevel; id: string | null} {
  return {level: scope.level, id: scope.level === "region" ? null : scope.id};
}

export function scopeFromColumns(level: string, id: string | null): Scope {
  if (level === "municipality" || level === "school") return {level, id: id ?? ""};
  return {level: "region"};
}
