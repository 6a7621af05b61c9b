// The annual report at every level through the API and the exports (issue 15 §1, issue 16 §2): each
// role's session gets its own scope's report by default, may ask for a part of it with level= and
// id=, and is refused (403, in Russian) outside it. Figures: the hand-worked region of
// tests/reports/levels.test.ts.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {all} from "../../../store/database.ts";
import {addAccount, clock, session, serviceServer} from "./helpers.ts";
import type {TestServer} from "../helpers.ts";
import {levelIds, levelRegion} from "../../helpers/levels.ts";
import {docxContent} from "../../helpers/docx.ts";

interface Annual {
  scope: {level: string; id: number | null; name: string; municipality?: string};
  engagement: {available: true; data: {current: {studentsEngaged: number; studentsPopulation: number; coverage: {label: string}}}};
}

let s: TestServer;
let ids: Awaited<ReturnType<typeof levelIds>>;
const cookies: Record<string, string> = {};

const ask = async (who: string, query: string, path = "/api/annual") =>
  fetch(`${s.url}${path}?period=2023/24${query}`, {headers: {Cookie: cookies[who]!, Accept: "application/json"}});

beforeAll(async () => {
  s = await serviceServer(clock());
  await levelRegion(s.store);
  ids = await levelIds(s.store);
  const tar = String(ids.municipality["Тарский"]), oms = String(ids.municipality["Омский"]), school1 = String(ids.school["СОШ № 1"]);
  await addAccount(s, "metod", "methodologist");
  await addAccount(s, "mun-tar", "municipal-curator", {level: "municipality", id: tar});
  await addAccount(s, "mgr-oms", "management", {level: "municipality", id: oms});
  await addAccount(s, "mgr-region", "management");
  await addAccount(s, "cur-sch1", "school-curator", {level: "school", id: school1});
  await addAccount(s, "rep-sch1", "school-representative", {level: "school", id: school1});
  for (const who of ["metod", "mun-tar", "mgr-oms", "mgr-region", "cur-sch1", "rep-sch1"]) cookies[who] = await session(s.url, who);
}, 120_000);
afterAll(async () => { await s?.close(); });

describe("/api/annual per session", () => {
  it("with no level, each session gets its own scope's report: region 380 of 600, Тарский 160 of 300, Омский 220 of 300, СОШ № 1 80 of 200", async () => {
    const expected: Array<[string, string, number, number, string]> = [["metod", "region", 380, 600, "по 3 из 4 школ"],
      ["mgr-region", "region", 380, 600, "по 3 из 4 школ"], ["mun-tar", "municipality", 160, 300, "по 2 из 3 школ"],
      ["mgr-oms", "municipality", 220, 300, "по 1 из 1 школы"], ["cur-sch1", "school", 80, 200, "по 1 из 1 школы"],
      ["rep-sch1", "school", 80, 200, "по 1 из 1 школы"]];
    for (const [who, level, engaged, population, coverage] of expected) {
      const res = await ask(who, "");
      expect(res.status, who).toBe(200);
      const r = await res.json() as Annual;
      const c = r.engagement.data.current;
      expect([who, r.scope.level, c.studentsEngaged, c.studentsPopulation, c.coverage.label]).toEqual([who, level, engaged, population, coverage]);
    }
  });

  it("a school session's answer names no other school and not the other municipality", async () => {
    const text = await (await ask("cur-sch1", "")).text();
    expect(text).toContain("СОШ № 1");
    for (const other of ["СОШ № 2", "СОШ № 3", "Лицей", "Омский"]) expect(text).not.toContain(other);
  });

  it("a session may ask for a part of its scope: the municipal curator for a school of hers, the methodologist for any", async () => {
    const school = await (await ask("mun-tar", `&level=школа&id=${ids.school["СОШ № 2"]}`)).json() as Annual;
    expect([school.scope.name, school.engagement.data.current.studentsEngaged, school.engagement.data.current.studentsPopulation]).toEqual(["СОШ № 2", 80, 100]);
    const oms = await (await ask("metod", `&level=municipality&id=${ids.municipality["Омский"]}`)).json() as Annual;
    expect([oms.scope.name, oms.engagement.data.current.studentsEngaged]).toEqual(["Омский", 220]);
  });

  it("outside the scope is 403 with a Russian message: a municipal manager asking for another municipality, a school asking for the region", async () => {
    const other = await ask("mgr-oms", `&level=муниципалитет&id=${ids.municipality["Тарский"]}`);
    expect(other.status).toBe(403);
    const body = await other.text();
    expect(body).toContain(`Нет доступа: ваша учётная запись работает с данными муниципалитета № ${ids.municipality["Омский"]}, ` +
      `а запрошен отчёт муниципалитета № ${ids.municipality["Тарский"]}.`);
    expect(body).not.toContain("220");
    expect((await ask("mgr-oms", `&level=школа&id=${ids.school["СОШ № 1"]}`)).status).toBe(403);
    expect((await ask("mun-tar", "&level=регион")).status).toBe(403);
    expect((await ask("cur-sch1", `&level=школа&id=${ids.school["СОШ № 2"]}`)).status).toBe(403);
    expect((await ask("cur-sch1", `&level=муниципалитет&id=${ids.municipality["Тарский"]}`)).status).toBe(403);
  });

  it("a wrong level or a missing id is 400, an unknown id 404, each in Russian", async () => {
    const bad = await ask("metod", "&level=город");
    expect([bad.status, await bad.text()]).toEqual([400, expect.stringContaining("Уровень «город» не известен")]);
    expect((await ask("metod", "&level=школа")).status).toBe(400);
    const unknown = await ask("metod", "&level=школа&id=9999");
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringContaining("В справочнике нет школы № 9999.")]);
  });
});

describe("the annual exports per session", () => {
  it("the school curator's DOCX is her school's, named so in the file and on its title page; the export is audited with the level and id", async () => {
    const res = await ask("cur-sch1", "", "/exports/annual.docx");
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("Итоговый отчёт 2023-24 — школа СОШ № 1 (Тарский).docx");
    const doc = docxContent(Buffer.from(await res.arrayBuffer()));
    expect(doc.paragraphs.slice(1, 3)).toEqual(["СОШ № 1 (Тарский)", "уровень образовательной организации"]);
    const audit = await s.store.read((c) => all<{details: string}>(c,
      "SELECT CAST(details AS VARCHAR) AS details FROM audit_log WHERE object = 'export:annual.docx'"));
    expect(audit.map((a) => JSON.parse(a.details))).toContainEqual({period: "2023-24", level: "school", id: ids.school["СОШ № 1"]});
  });

  it("the XLSX and the page of a municipal manager outside her scope are refused too", async () => {
    expect((await ask("mgr-oms", `&level=муниципалитет&id=${ids.municipality["Тарский"]}`, "/exports/annual.xlsx")).status).toBe(403);
    expect((await ask("mgr-oms", `&level=муниципалитет&id=${ids.municipality["Тарский"]}`, "/exports/annual.html")).status).toBe(403);
    const page = await (await ask("mgr-oms", "", "/exports/annual.html")).text();
    expect(page).toContain("Омский");
    expect(page).not.toContain("Тарский");
  });
});
