// The route table's view of who sends a request (server/routes.ts): the session the accounts' gate
// (server/auth/service.ts) admitted. The gate has already checked what the session's role may open
// (server/auth/requirements.ts), so a session reaching a route holds every access the table names.
import type {Access, AccessControl, Principal} from "./routes.ts";
import {currentSession} from "./auth/context.ts";

const EVERYTHING: ReadonlySet<Access> = new Set<Access>(["view", "upload", "manage"]);

export function sessionAccess(): AccessControl {
  return {
    identify: (): Principal | null => {
      const s = currentSession();
      return s ? {id: s.accountId === null ? "local" : `account:${s.accountId}`, access: EVERYTHING} : null;
    },
    loginPage: (path: string) => `/login?next=${encodeURIComponent(path)}`
  };
}
