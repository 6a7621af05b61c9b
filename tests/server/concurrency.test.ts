import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {testServer, upload, type TestServer} from "./helpers.ts";
import {quarterFile} from "../helpers/region.ts";
import {all} from "../../store/database.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {projectSettings} from "../helpers/settings.ts";

let s: TestServer;
beforeAll(async () => { s = await testServer(); }, 60_000);
afterAll(async () => { await s?.close(); });

describe("50 concurrent uploads", () => {
  it("each is answered explicitly, none with a server error, the same bytes are stored once and the totals add up", async () => {
    // 45 schools, one file each (i mentors and 2 mentees in Form 2), plus 5 files sent twice at once.
    const files = await Promise.all(Array.from({length: 45}, async (_, i) => ({name: `school-${i + 1}.xlsx`,
      bytes: await quarterFile("за I квартал 2024 г.", [{m: i % 2 ? "Тарский" : "Омский", name: `СОШ № ${i + 1}`, students: 100, teachers: 10,
        forms: {2: [i + 1, 2]}}])})));
    const batch = [...files, ...files.slice(0, 5).map((f) => ({...f, name: `копия ${f.name}`}))];
    const answers = await Promise.all(batch.map((f) => upload(s.url, s.csrf, [f])));
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 200));
    const statuses = answers.map((a) => a.body.files[0].status as string);
    const count = (st: string) => statuses.filter((x) => x === st).length;
    expect([count("accepted"), count("already_loaded"), count("rejected")]).toEqual([45, 5, 0]);

    const stored = await s.store.read((c) => all<{n: number; distinct: number}>(c, "SELECT count(*) AS n, count(DISTINCT sha256) AS distinct FROM uploads"));
    expect(stored).toEqual([{n: 45, distinct: 45}]);
    const report = await engagementReport(s.store, projectSettings(), {period: "2024-Q1"});
    // Σ (i + 2) for i = 1..45 = 45·46/2 + 90 = 1125; population 45 × 100.
    expect([report.region.studentsEngaged, report.region.studentsPopulation]).toEqual([1125, 4500]);
  }, 120_000);
});
