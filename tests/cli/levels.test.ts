// `mentoring report annual --json` at each level, its output piped as a person pipes it, on the
// hand-worked region of tests/reports/levels.test.ts: the region 380 of 600 students, Тарский 160 of
// 300, СОШ № 1 80 of 200. A name resolves through the directory; an unknown one lists close names.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {Store} from "../../store/database.ts";
import {levelIds, levelRegion} from "../helpers/levels.ts";

const dir = mkdtempSync(join(tmpdir(), "levels-cli-"));
const db = join(dir, "m.duckdb");
let ids: Awaited<ReturnType<typeof levelIds>>;
const run = async (...argv: string[]) => {
  const io = bufferIo();
  const code = await main([...argv, "--db", db], io);
  return {code, out: io.stdout.join("\n")};
};
interface Annual {
  scope: {level: string; id: number | null; name: string; municipality?: string};
  engagement: {data: {current: {studentsEngaged: number; studentsPopulation: number; teachersEngaged: number; teachersPopulation: number;
    verdict: {students: string; teachers: string}}}};
}
const annual = async (...argv: string[]) => {
  const {code, out} = await run("report", "annual", "--year", "2023/24", "--json", ...argv);
  expect(code).toBe(0);
  return JSON.parse(out) as Annual;
};

beforeAll(async () => {
  const store = await Store.open(db);
  await levelRegion(store);
  ids = await levelIds(store);
  await store.close();
}, 120_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring report annual at each level", () => {
  it("--json with no level is the region's report", async () => {
    const r = await annual();
    expect(r.scope.level).toBe("region");
    const c = r.engagement.data.current;
    expect([c.studentsEngaged, c.studentsPopulation, c.teachersEngaged, c.teachersPopulation]).toEqual([380, 600, 44, 60]);
  });

  it("--level муниципалитет --id N and --municipality «Тарский» give the same municipality's report", async () => {
    const byId = await annual("--level", "муниципалитет", "--id", String(ids.municipality["Тарский"]));
    const byName = await annual("--municipality", "Тарский");
    for (const r of [byId, byName]) {
      expect(r.scope).toEqual({level: "municipality", id: ids.municipality["Тарский"], name: "Тарский"});
      const c = r.engagement.data.current;
      expect([c.studentsEngaged, c.studentsPopulation, c.teachersEngaged, c.teachersPopulation]).toEqual([160, 300, 22, 30]);
      expect(c.verdict.students).toBe("данные неполные (по 2 из 3 школ): цель не оценивается");
    }
  });

  it("--school «СОШ № 1» is that school's report, naming no other school", async () => {
    const {code, out} = await run("report", "annual", "--year", "2023/24", "--json", "--school", "СОШ № 1");
    expect(code).toBe(0);
    const r = JSON.parse(out) as Annual;
    expect(r.scope).toEqual({level: "school", id: ids.school["СОШ № 1"], name: "СОШ № 1", municipality: "Тарский"});
    const c = r.engagement.data.current;
    expect([c.studentsEngaged, c.studentsPopulation, c.teachersEngaged, c.teachersPopulation]).toEqual([80, 200, 14, 20]);
    expect(c.verdict).toEqual({students: "цель не достигнута", teachers: "цель достигнута"});
    for (const other of ["СОШ № 2", "СОШ № 3", "Лицей", "Омский"]) expect(out).not.toContain(other);
  });

  it("the text output says the organisation and its level", async () => {
    const {out} = await run("report", "annual", "--year", "2023/24", "--level", "школа", "--id", String(ids.school["СОШ № 1"]));
    expect(out.split("\n")[1]).toBe(`СОШ № 1 (Тарский) — уровень образовательной организации (№ ${ids.school["СОШ № 1"]} в справочнике).`);
    expect(out).toContain("  Вывод: обучающиеся — цель не достигнута; педагоги — цель достигнута.");
  });

  it("an unknown school is a Russian error that lists the close names with their ids", async () => {
    const failure = run("report", "annual", "--school", "СОШ № 7");
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(`в справочнике нет школы «СОШ № 7». Похожие:\n  СОШ № 1, Тарский (--level школа --id ${ids.school["СОШ № 1"]})`);
    await expect(run("report", "annual", "--level", "город", "--id", "1")).rejects.toThrow("--level: «город» — укажите регион, муниципалитет или школа.");
    await expect(run("report", "annual", "--level", "школа")).rejects.toThrow("--level школа: укажите --id N или название (--school «…»).");
  });

  it("the engagement command takes the same options: --level школа --id N gives that school's row only", async () => {
    const {code, out} = await run("report", "engagement", "--json", "--level", "школа", "--id", String(ids.school["СОШ № 2"]));
    expect(code).toBe(0);
    const r = JSON.parse(out) as {total: {studentsEngaged: number; studentsPopulation: number}; schools: Array<{name: string}>};
    expect(r.schools.map((s) => s.name)).toEqual(["СОШ № 2"]);
    expect([r.total.studentsEngaged, r.total.studentsPopulation]).toEqual([80, 100]);
  });
});
