// The permission table for every role (issue 16 §1), written out by hand from the table,
// and what each role may open among today's routes while nothing is filtered by scope yet.
import {describe, expect, it} from "vitest";
import {ACTIONS, can, minGroupSize, uploadActionFor, type Action, type Session} from "../../../server/auth/permissions.ts";
import {requirementFor, unmet, landingFor} from "../../../server/auth/requirements.ts";
import {parseRole, parseScope, scopeProblem, ROLES, type Role, type Scope} from "../../../server/auth/roles.ts";

const session = (role: Role, scope: Scope = {level: "region"}): Session => ({accountId: 1, login: "x", name: "X", role, scope, local: false,
  csrf: "c", key: "k", expiresAt: null, idleExpiresAt: null});

// One row per role, one column per action, as the table says (✓ = may).
const EXPECTED: Record<Role, Action[]> = {
  "methodologist": [...ACTIONS],
  "municipal-curator": ["view-aggregates", "view-names", "view-uploads", "upload-diagnostics", "export"],
  "school-curator": ["view-aggregates", "view-names", "view-uploads", "upload-forms", "upload-diagnostics", "upload-school-tables", "export"],
  "school-representative": ["view-aggregates", "view-uploads", "upload-forms"],
  "management": ["view-aggregates", "export"]
};

describe("can(session, action)", () => {
  for (const role of ROLES) {
    it(`${role}: exactly the actions of the issue's table`, () => {
      const allowed = ACTIONS.filter((a) => can(session(role), a));
      expect(allowed).toEqual(EXPECTED[role]);
    });
  }

  it("only the methodologist manages accounts, settings, the directory, reads the audit log, undoes and purges", () => {
    for (const a of ["manage-accounts", "manage-settings", "manage-directory", "read-audit", "undo", "purge-personal-data"] as const) {
      expect(ROLES.filter((r) => can(session(r), a))).toEqual(["methodologist"]);
    }
  });

  it("management and school representatives never see a name and never a group under 5", () => {
    expect(ROLES.filter((r) => can(session(r), "view-names"))).toEqual(["methodologist", "municipal-curator", "school-curator"]);
    expect(ROLES.map((r) => minGroupSize(session(r)))).toEqual([1, 1, 1, 5, 5]);
  });

  it("each file kind needs its upload action; an unknown kind only the methodologist's", () => {
    expect(["forms", "diagnostics", "registry-mentees", "registry-mentors", "questionnaire", "roster", "indicators", null].map(uploadActionFor))
      .toEqual(["upload-forms", "upload-diagnostics", "upload-diagnostics", "upload-diagnostics", "upload-diagnostics", "upload-school-tables",
        "upload-school-tables", "manage-settings"]);
    // The school representative uploads her quarterly report, not a registry of names.
    expect(can(session("school-representative"), uploadActionFor("forms"))).toBe(true);
    expect(can(session("school-representative"), uploadActionFor("registry-mentors"))).toBe(false);
    expect(can(session("municipal-curator"), uploadActionFor("forms"))).toBe(false);
  });
});

describe("today's routes, before scope filtering", () => {
  const ROUTES: Array<[string, string]> = [
    ["GET", "/upload"], ["POST", "/api/uploads"], ["GET", "/history"], ["GET", "/api/history"], ["POST", "/api/uploads/3/undo"],
    ["GET", "/api/uploads/3/issues.xlsx"], ["GET", "/api/batches/b-1/issues.xlsx"], ["GET", "/exports"], ["GET", "/exports/engagement.xlsx"],
    ["GET", "/api/annual"], ["GET", "/exports/annual.html"], ["GET", "/exports/annual.pdf"], ["GET", "/"], ["GET", "/private/teacher"],
    ["GET", "/_file/data/teachers.0a1b2c3d.json"], ["GET", "/api/session"], ["GET", "/api/status"], ["GET", "/collection"],
    ["GET", "/exports/collection.xlsx"]
  ];
  const open = (s: Session) => ROUTES.filter(([m, p]) => unmet(s, requirementFor(m, p)) === null).map(([m, p]) => `${m} ${p}`);

  it("the methodologist opens every one", () => {
    expect(open(session("methodologist"))).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`));
  });

  it("management of the region reads the annual report and nothing with file names, cells or names", () => {
    // The dashboards too: live shells whose data the server gives her as aggregates (server/routes/livePages.ts); never the teacher card.
    expect(open(session("management"))).toEqual(["GET /exports", "GET /api/annual", "GET /exports/annual.html", "GET /exports/annual.pdf",
      "GET /", "GET /api/session", "GET /api/status"]);
  });

  it("a role working with part of the region opens no page of the whole region's data", () => {
    // Uploads, the history and the issues workbooks filter by scope (issue 16 §2, §4): open to the roles that may upload or see uploads.
    const UPLOADS = ["GET /upload", "POST /api/uploads", "GET /history", "GET /api/history", "GET /api/uploads/3/issues.xlsx",
      "GET /api/batches/b-1/issues.xlsx"];
    // The dashboards' shells hold no data: their data comes cut to the session's scope (/api/pages/); the teacher card needs the right to see names.
    const PAGES = ["GET /"], NAMED = ["GET /private/teacher", "GET /_file/data/teachers.0a1b2c3d.json"], ALWAYS = ["GET /api/session", "GET /api/status"];
    // The annual report filters by scope (issue 15 §1): its routes are open to every level, with the role's rights.
    const ANNUAL = ["GET /api/annual", "GET /exports/annual.html", "GET /exports/annual.pdf"];
    const inOrder = (list: readonly string[]) => {
      const known = ROUTES.map(([m, p]) => `${m} ${p}`);
      expect(list.filter((r) => !known.includes(r))).toEqual([]);
      return known.filter((r) => list.includes(r));
    };
    for (const [role, scope, expected] of [
      ["management", {level: "school", id: "7"}, inOrder([...ANNUAL, ...PAGES, ...ALWAYS])],
      ["school-curator", {level: "school", id: "7"}, inOrder([...UPLOADS, ...PAGES, ...NAMED, ...ALWAYS, ...ANNUAL])],
      // No export right: the report as JSON and as a page, not the PDF.
      ["school-representative", {level: "school", id: "7"}, inOrder([...UPLOADS, ...PAGES, ...ALWAYS, "GET /api/annual", "GET /exports/annual.html"])],
      ["municipal-curator", {level: "municipality", id: "2"}, inOrder([...UPLOADS, ...PAGES, ...NAMED, ...ALWAYS, ...ANNUAL])]] as const) {
      expect(open(session(role, scope))).toEqual(expected);
      expect(unmet(session(role, scope), requirementFor("GET", "/collection"))).toMatch(/^Нет доступа/);
      expect(landingFor(session(role, scope))).toBe("/");
    }
    for (const [role, scope, names] of [["management", {level: "region"}, false], ["school-curator", {level: "school", id: "7"}, true],
      ["school-representative", {level: "school", id: "7"}, false]] as const) {
      expect(unmet(session(role, scope), requirementFor("GET", "/api/pages/engagement.json"))).toBeNull();
      expect(unmet(session(role, scope), requirementFor("GET", "/api/pages/teachers.json")) === null).toBe(names);
    }
    expect(unmet(session("management", {level: "school", id: "7"}), requirementFor("GET", "/history"))).toMatch(/^Нет доступа/);
  });

  it("the collection board and its XLSX are the methodologist's alone (contacts of every school)", () => {
    expect(unmet(session("management"), requirementFor("GET", "/exports/collection.xlsx")))
      .toBe("Нет доступа: у роли «руководство» нет права «ведение справочника школ».");
    expect(unmet(session("methodologist"), requirementFor("GET", "/collection"))).toBeNull();
  });

  it("a refusal names the missing right in Russian", () => {
    expect(unmet(session("management"), requirementFor("GET", "/history"))).toBe("Нет доступа: у роли «руководство» нет права «просмотр загрузок и замечаний к файлам».");
  });
});

describe("roles and scopes as people write them", () => {
  it("reads roles in Russian or English", () => {
    expect(["методист", "Куратор школы", "куратор-муниципалитета", "ответственный ОО", "руководство", "management", "директор"].map(parseRole))
      .toEqual(["methodologist", "school-curator", "municipal-curator", "school-representative", "management", "management", null]);
  });

  it("reads scopes and says how to write a wrong one", () => {
    expect(parseScope("регион")).toEqual({scope: {level: "region"}});
    expect(parseScope("школа:17")).toEqual({scope: {level: "school", id: "17"}});
    expect(parseScope("municipality: omsk-3")).toEqual({scope: {level: "municipality", id: "omsk-3"}});
    expect(parseScope("школа")).toEqual({error: "для уровня «школа» не указан номер: нужно «регион», «муниципалитет:ID» или «школа:ID» (ID — номер из справочника школ)."});
    expect(parseScope("район:3")).toHaveProperty("error");
    expect(parseScope("регион:5")).toHaveProperty("error");
  });

  it("a role's scope level is checked", () => {
    expect(scopeProblem("school-curator", {level: "municipality", id: "1"})).toBe("у роли «куратор школы» область доступа — «школа», а не «муниципалитет».");
    expect(scopeProblem("methodologist", {level: "school", id: "1"})).toMatch(/«регион»/);
    expect(scopeProblem("management", {level: "school", id: "1"})).toBeNull();
  });
});
