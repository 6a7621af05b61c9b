// The session of the request being answered, for code far from the handler (the page frame shows
// who is logged in and only the menu items she may open) without threading it through every page
// function. node:async_hooks' AsyncLocalStorage: set once per request by the server.
import {AsyncLocalStorage} from "node:async_hooks";
import type {Session} from "./permissions.ts";

const current = new AsyncLocalStorage<Session>();

export function inSession<T>(session: Session, fn: () => T): T {
  return current.run(session, fn);
}

/** The session of this request, or null outside a request (the login page, an error before the gate). */
export function currentSession(): Session | null {
  return current.getStore() ?? null;
}
