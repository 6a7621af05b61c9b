// What today's routes of server/app.ts need (until the route table declares it per route).
// A route not yet filtered by scope (issue 16 §2) answers with the whole region's data, so it is
// open only to a session whose scope is the region (`wholeRegion`). The dashboards are live shells
// with no data (server/rebuild.ts): their data comes from /api/pages/, cut to the session's scope
// and, for a reader without the right to see names, aggregates only — so any role that may see
// aggregates opens them; the teacher card's page and data need the right to see names.
import type {Action, Session} from "./permissions.ts";
import {can, refusal} from "./permissions.ts";

export interface Requirement {
  /** A short code for the audit log (`route:history`). */
  name: string;
  /** Every one of these actions is needed. */
  actions: Action[];
  /** At least one of these is needed too (empty: none). */
  anyOf: Action[];
  /** The route serves the whole region unfiltered: only a region-scope session may use it. */
  wholeRegion: boolean;
  /** Whether this request counts as use of the session (status polling does not). */
  touch: boolean;
}

const need = (name: string, actions: Action[], o: {wholeRegion?: boolean; touch?: boolean; anyOf?: Action[]} = {}): Requirement =>
  ({name, actions, anyOf: o.anyOf ?? [], wholeRegion: o.wholeRegion ?? true, touch: o.touch ?? true});

const UPLOADS: Action[] = ["upload-forms", "upload-diagnostics", "upload-school-tables"];
// Uploads, the history and the issues workbooks filter by scope (server/scope.ts): a school's
// account uploads for her school only, and sees her school's uploads (issue 16 §2, §4).
const SCOPED_UPLOAD = need("upload", [], {anyOf: UPLOADS, wholeRegion: false});
const DASHBOARDS = need("dashboards", ["view-aggregates"], {wholeRegion: false});
const NAMED_PAGE = need("dashboards-names", ["view-aggregates", "view-names"], {wholeRegion: false});
// Any other address: the methodologist's, as before (a route that serves others says so above).
const OTHER = need("other", ["view-aggregates", "view-names", "view-uploads"]);
/** The dashboards' pages and their files (Framework's output: pages, _observablehq, _file, _npm, _node, _import). */
const DASHBOARD_PATH = /^\/(?:(?:index|engagement|diagnostics|effectiveness)(?:\.html)?)?$|^\/_(?:observablehq|file|npm|node|import)\//;

/** The requirement of one of today's routes, by method and path. */
export function requirementFor(method: string, path: string): Requirement {
  if (method === "POST") {
    if (path === "/api/uploads") return SCOPED_UPLOAD;
    if (/^\/api\/uploads\/\d+\/undo$/.test(path)) return need("undo", ["undo"]);
    if (/^\/directory\//.test(path)) return need("directory", ["manage-directory"]);
    return need("post", ["manage-settings"]);
  }
  switch (path) {
    case "/api/session":
      return need("session", [], {wholeRegion: false});
    case "/api/status":
      return need("status", [], {wholeRegion: false, touch: false});
    case "/upload":
      return SCOPED_UPLOAD;
    case "/history":
    case "/api/history":
      return need("history", ["view-uploads"], {wholeRegion: false});
    // The methodologist's collection board: every school of the region with its contact.
    case "/collection":
    case "/exports/collection.xlsx":
      return need("collection", ["manage-directory", "view-uploads"]);
    case "/exports":
      return need("exports", ["export"]);
    // The engagement workbook lists files and issue messages (which quote cells).
    case "/exports/engagement.xlsx":
      return need("export-engagement", ["export", "view-uploads"]);
    // The annual report is aggregate-only (groups under 5 hidden, no names), and filtered by scope:
    // a session gets its own scope's report, or one inside it (server/reportScope.ts).
    case "/api/annual":
    case "/exports/annual.html":
      return need("annual", ["view-aggregates"], {wholeRegion: false});
    case "/exports/annual.pdf":
    case "/exports/annual.xlsx":
    case "/exports/annual.docx":
      return need("annual-export", ["export"], {wholeRegion: false});
    // Lists of periods with data: what a page's period picker offers (no figures).
    // A teacher's route names her: as the dashboards with names.
    case "/exports/route.xlsx":
    case "/exports/route.docx":
      return need("route-export", ["export", "view-names"]);
    case "/api/periods":
      return need("periods", ["view-aggregates"]);
    case "/exports/settings.xlsx":
      return need("settings-export", ["manage-settings"]);
  }
  // The live pages' data (server/routes/livePages.ts): scoped to the session, names only on the teacher card.
  if (path === "/api/pages/teachers.json") return need("page-teachers", ["view-aggregates", "view-names"], {wholeRegion: false});
  if (/^\/api\/pages(\/|$)/.test(path)) return need("page-data", ["view-aggregates"], {wholeRegion: false});
  if (/^\/private(\/|$)/.test(path) || /^\/_file\/data\/teachers(\.[0-9a-f]+)?\.json$/.test(path)) return NAMED_PAGE;
  if (DASHBOARD_PATH.test(path)) return DASHBOARDS;
  if (/^\/api\/(uploads\/\d+|batches\/[^/]+)\/issues\.xlsx$/.test(path)) return need("issues-xlsx", ["view-uploads"], {wholeRegion: false});
  return OTHER;
}

/** Null when the session meets the requirement, else a Russian refusal. */
export function unmet(session: Session, r: Requirement): string | null {
  const missing = r.actions.find((a) => !can(session, a));
  if (missing) return refusal(session, missing);
  if (r.anyOf.length && !r.anyOf.some((a) => can(session, a))) return refusal(session, r.anyOf[0]!);
  if (r.wholeRegion && session.scope.level !== "region") {
    return "Нет доступа: эта страница пока показывает данные всего региона, а ваша учётная запись работает с частью региона. " +
      "Страницы с данными вашего муниципалитета или школы появятся в следующей версии сервиса.";
  }
  return null;
}

/** Where a session lands after login when no page was asked for: the dashboards, or her account page. */
export function landingFor(session: Session): string {
  return unmet(session, requirementFor("GET", "/")) === null ? "/" : "/account";
}
