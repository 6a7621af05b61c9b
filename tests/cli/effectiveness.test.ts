import {describe, expect, it, beforeAll, afterAll} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";

describe("mentoring report swot | targets | retention on the sample", () => {
  const dir = mkdtempSync(join(tmpdir(), "eff-cli-"));
  const db = join(dir, "m.duckdb");
  const run = async (...argv: string[]) => {
    const io = bufferIo();
    const code = await main([...argv, "--db", db], io);
    return {code, out: io.stdout.join("\n")};
  };
  beforeAll(async () => {
    const r = await run("ingest", "data/sample/effectiveness");
    expect(r.code).toBe(0);
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("shows the SWOT of the exit questionnaire with quadrants, top statements, ratings and uncoded answers", async () => {
    const {code, out} = await run("report", "swot", "--wave", "exit");
    expect(code).toBe(0);
    expect(out).toContain("SWOT-анализ программы наставничества (все периоды, итоговое анкетирование)");
    for (const q of ["Сильные стороны", "Слабые стороны", "Возможности", "Угрозы"]) expect(out).toContain(q);
    expect(out).toContain("Не закодировано высказываний");
  });

  it("prints exactly the report object with --json, pairing entry and exit ratings", async () => {
    const {out} = await run("report", "swot", "--json");
    const r = JSON.parse(out);
    expect(Object.keys(r.respondents.byRole).sort()).toEqual(["куратор", "наставляемый", "наставник", "руководитель"]);
    expect(r.ratings.length).toBe(2);
    expect(r.ratings[0].prepost.type).toBe("paired");
    expect(r.uncoded.length).toBeGreaterThan(0);
  });

  it("shows indicators of every sample school for two years and retention with turnover", async () => {
    const t = JSON.parse((await run("report", "targets", "--json")).out);
    expect(t.years).toEqual([2024, 2025]);
    expect(t.schools.map((s: {municipality: string}) => s.municipality).sort()).toEqual(["Омский", "Саргатский", "Тарский"]);
    const text = (await run("report", "targets", "--school", "Тарская", "--year", "2024/2025")).out;
    expect(text).toContain("Тарский · МБОУ \"Тарская СОШ № 3\" · 2024/25 учебный год");
    const ret = JSON.parse((await run("report", "retention", "--json")).out);
    expect(ret.region.turnover.map((x: {year: number}) => x.year)).toEqual([2024, 2025]);
    expect((await run("report", "retention")).out).toContain("Закрепляемость молодых специалистов");
  });

  it("refuses a wrong option value in Russian", async () => {
    await expect(run("report", "swot", "--role", "директор")).rejects.toThrow(UserError);
    await expect(run("report", "targets", "--year", "прошлый")).rejects.toThrow(/учебный год/);
  });
});
