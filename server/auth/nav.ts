// What the page frame shows of the session: the menu items she may open and who she is, with
// the logout button (a form: logging out is a write, it carries the CSRF token).
import {escapeHtml} from "../http.ts";
import {can, type Action, type Session} from "./permissions.ts";
import {requirementFor, unmet} from "./requirements.ts";
import {ROLE_LABELS} from "./roles.ts";

/** The auth pages of the menu and the action each needs. */
export const AUTH_MENU: Array<{key: "accounts" | "audit" | "purge"; href: string; label: string; action: Action}> = [
  {key: "accounts", href: "/accounts", label: "Учётные записи", action: "manage-accounts"},
  {key: "audit", href: "/audit", label: "Журнал действий", action: "read-audit"},
  {key: "purge", href: "/purge", label: "Персональные данные", action: "purge-personal-data"}
];

/** Whether the menu should offer a link (no session known: the frame of an error page shows all). */
export function mayOpen(session: Session | null, href: string): boolean {
  if (!session) return true;
  const auth = AUTH_MENU.find((m) => m.href === href);
  if (auth) return can(session, auth.action);
  return unmet(session, requirementFor("GET", href)) === null;
}

/** «Имя · роль» and «Выйти» (service mode), or «этот компьютер» (local mode). */
export function accountBox(session: Session | null): string {
  if (!session) return "";
  if (session.local) return `<span class="who"><a href="/account">Этот компьютер</a> · ${escapeHtml(ROLE_LABELS[session.role])}</span>`;
  return `<span class="who"><a href="/account" id="who-name">${escapeHtml(session.name)}</a> · ${escapeHtml(ROLE_LABELS[session.role])}</span>
<form method="post" action="/logout" class="inline logout"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><button type="submit" class="plain" id="logout">Выйти</button></form>`;
}
