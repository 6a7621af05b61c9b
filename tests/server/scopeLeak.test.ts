// The scope-leak test of issue 16 («Done when»): every GET address of the server is requested as each
// role, in service mode on the sample region, and every answer — JSON, pages, XLSX and DOCX read back
// as text — is searched for what lies outside the role's scope: another school's or municipality's
// name, a file name of an upload that speaks about no school of the scope, and, for management and
// a school's representative, a teacher's name or a director's contact. A refusal (403/404) passes as
// long as it holds none of these either.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import {ingestSample} from "../../loaders/sample.ts";
import {all} from "../../store/database.ts";
import type {TestServer} from "./helpers.ts";
import {addAccount, clock, serviceServer, session} from "./auth/helpers.ts";
import {docxContent} from "../helpers/docx.ts";
import {uploadInScope} from "../../server/scope.ts";
import type {ReportScope} from "../../reports/scope.ts";
import type {Role, Scope} from "../../server/auth/roles.ts";

let s: TestServer;
interface Person { login: string; role: Role; scope: Scope; report: ReportScope; names: boolean }
const people: Person[] = [];
let schools: Array<{id: number; name: string; municipalityId: number; municipality: string}> = [];
let uploads: Array<{id: number; file: string}> = [];
let teacherNames: string[] = [], contacts: string[] = [];
const cookies = new Map<string, string>();

/** Every GET address with the parameters a person's browser would send (the PDF is left out: one Chromium per request). */
function addresses(): string[] {
  return ["/", "/upload", "/history", "/api/history", "/exports", "/api/periods", "/api/session", "/api/status",
    ...["overview", "engagement", "diagnostics", "teachers", "effectiveness"].map((p) => `/api/pages/${p}.json`),
    // The annual report of the default year, and of 2023/24, the school year of the sample's quarterly reports.
    ...["", "?period=2023%2F24"].flatMap((q) => ["/api/annual", "/exports/annual.html", "/exports/annual.xlsx", "/exports/annual.docx"].map((a) => a + q)),
    "/exports/engagement.xlsx?period=2024-Q2", "/collection?period=2024-Q2", "/exports/collection.xlsx?period=2024-Q2",
    "/exports/settings.xlsx", "/directory", "/audit", "/audit.xlsx", "/accounts", "/purge", "/account",
    ...uploads.map((u) => `/api/uploads/${u.id}/issues.xlsx`)];
}

/** An answer as the text a person reads: XLSX cells, DOCX paragraphs and tables, HTML with its entities decoded. */
async function answerText(bytes: Buffer, type: string): Promise<string> {
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(String(c.text ?? "")); })));
    return cells.join("\n");
  }
  if (type.includes("wordprocessingml")) {
    const d = docxContent(bytes);
    return [...d.paragraphs, ...d.tables.flat(2)].join("\n");
  }
  return bytes.toString("utf8").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    .replace(/\\"/g, "\"");
}

const plain = (t: string) => t.toLowerCase().replace(/ё/g, "е").replace(/["«»“”]/g, "").replace(/\s+/g, " ");

/** What the person may not read: names of schools and files outside her scope; for aggregate readers also teachers and contacts. */
async function forbiddenFor(p: Person): Promise<string[]> {
  const inside = (x: (typeof schools)[number]) => p.report.level === "region" ||
    (p.report.level === "municipality" ? x.municipalityId === p.report.id : x.id === p.report.id);
  const allowedSchools = schools.filter(inside).map((x) => plain(x.name));
  // A name outside that is part of a name inside («СОШ № 1» in «СОШ № 12») cannot be told apart in text: left out.
  const otherSchools = schools.filter((x) => !inside(x)).map((x) => plain(x.name)).filter((n) => !allowedSchools.some((a) => a.includes(n)));
  const otherMunicipalities = p.report.level === "region" ? [] : [...new Set(schools.filter((x) => !inside(x)).map((x) => plain(x.municipality)))]
    .filter((m) => !schools.filter(inside).some((x) => plain(x.municipality) === m));
  const mine = new Set<string>(), others = new Set<string>();
  for (const u of uploads) ((await uploadInScope(s.store, u.id, p.report)) ? mine : others).add(u.file);
  const files = [...others].filter((f) => !mine.has(f)).map(plain);
  const people = p.names ? [] : [...teacherNames, ...contacts].map(plain);
  return [...otherSchools, ...otherMunicipalities, ...files, ...people];
}

beforeAll(async () => {
  s = await serviceServer(clock());
  await ingestSample(s.store);
  schools = await s.store.read((c) => all<{id: number; name: string; municipalityId: number; municipality: string}>(c,
    "SELECT directory_school_id AS id, name, municipality_id AS \"municipalityId\", municipality FROM current_directory_schools ORDER BY id"));
  uploads = await s.store.read((c) => all<{id: number; file: string}>(c, "SELECT upload_id AS id, file_name AS file FROM uploads ORDER BY 1"));
  teacherNames = (await s.store.read((c) => all<{n: string}>(c, "SELECT DISTINCT full_name AS n FROM teacher_identities"))).map((r) => r.n)
    .filter((n) => n.length > 8);
  contacts = (await s.store.read((c) => all<{n: string}>(c, "SELECT DISTINCT contact AS n FROM school_contacts"))).map((r) => r.n.split(",")[0]!);
  const tara = schools.find((x) => x.name.includes("Тарская СОШ № 3"))!;
  const school: Scope = {level: "school", id: String(tara.id)}, municipality: Scope = {level: "municipality", id: String(tara.municipalityId)};
  const asReport = (sc: Scope): ReportScope => sc.level === "region" ? {level: "region"} : {level: sc.level, id: Number(sc.id)};
  for (const [login, role, scope, names] of [
    ["mun", "municipal-curator", municipality, true], ["cur", "school-curator", school, true], ["rep", "school-representative", school, false],
    ["boss", "management", {level: "region"}, false], ["office", "management", municipality, false], ["director", "management", school, false]
  ] as Array<[string, Role, Scope, boolean]>) {
    await addAccount(s, login, role, scope);
    cookies.set(login, await session(s.url, login));
    people.push({login, role, scope, report: asReport(scope), names});
  }
}, 600_000);
afterAll(async () => { await s?.close(); });

describe("no answer carries anything outside the role's scope", () => {
  it("the sample gives every role something to leak (the test is not vacuous)", async () => {
    expect(schools.length).toBeGreaterThan(15);
    expect(teacherNames.length).toBeGreaterThan(10);
    expect(contacts.length).toBeGreaterThan(15);
    for (const p of people) expect((await forbiddenFor(p)).length, p.login).toBeGreaterThan(10);
  });

  it("the search finds what it looks for: the methodologist's JSON, XLSX and DOCX answers hold what a school's director may not read", async () => {
    await addAccount(s, "metod", "methodologist", {level: "region"});
    const cookie = await session(s.url, "metod");
    const forbidden = await forbiddenFor(people.find((x) => x.login === "director")!);
    for (const path of ["/api/pages/engagement.json", "/exports/engagement.xlsx?period=2024-Q2", "/exports/annual.docx?period=2023%2F24",
      "/api/pages/teachers.json"]) {
      const r = await fetch(`${s.url}${path}`, {headers: {Cookie: cookie}});
      expect(r.status, path).toBe(200);
      const text = plain(await answerText(Buffer.from(await r.arrayBuffer()), r.headers.get("content-type") ?? ""));
      expect(forbidden.filter((f) => f.length >= 6 && text.includes(f)).length, path).toBeGreaterThan(0);
    }
  }, 600_000);

  for (const login of ["mun", "cur", "rep", "boss", "office", "director"]) {
    it(`as ${login}`, async () => {
      const p = people.find((x) => x.login === login)!;
      const forbidden = await forbiddenFor(p);
      const leaks: string[] = [];
      let answered = 0;
      for (const path of addresses()) {
        const r = await fetch(`${s.url}${path}`, {headers: {Cookie: cookies.get(login)!, Accept: path.startsWith("/api/") ? "application/json" : "text/html"}});
        const bytes = Buffer.from(await r.arrayBuffer());
        if (r.status === 200) answered++;
        const text = plain(await answerText(bytes, r.headers.get("content-type") ?? ""));
        for (const f of forbidden) if (f.length >= 6 && text.includes(f)) leaks.push(`${path} (${r.status}): ${f}`);
      }
      expect(leaks).toEqual([]);
      // Each role reads a part of the product: its pages and data answer.
      expect(answered).toBeGreaterThan(5);
    }, 600_000);
  }
});
