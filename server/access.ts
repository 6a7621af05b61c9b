// Who may use the server until accounts exist (server/auth/ replaces this): on loopback, the person
// at this computer, with every access; open to the network, whoever gives the access token (cookie
// after /login, or `Authorization: Bearer …`), with every access.
import type {IncomingMessage} from "node:http";
import {givenToken, sameSecret} from "./security.ts";
import type {Access, AccessControl, Principal} from "./routes.ts";

const EVERYTHING: ReadonlySet<Access> = new Set<Access>(["view", "upload", "manage"]);
const LOCAL: Principal = {id: "local", access: EVERYTHING};

export function tokenAccess(token: string | null): AccessControl {
  return {
    identify: (req: IncomingMessage) => (!token || sameSecret(givenToken(req), token) ? LOCAL : null),
    loginPage: (path: string) => (token ? `/login?next=${encodeURIComponent(path)}` : null)
  };
}
