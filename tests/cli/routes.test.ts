// The routes' commands as a person runs them: the region of tests/reports/routes loaded with
// `mentoring ingest`, the reports piped (--json parsed from a real process) and read as text, the
// route written as XLSX and DOCX and read back.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFile} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {main} from "../../bin/main.ts";
import {bufferIo} from "../../bin/io.ts";
import {examineFile} from "../../loaders/ingest.ts";
import {unzip} from "../helpers/unzip.ts";
import * as R from "../reports/routes/region.ts";
import {catalogueFile, routeList} from "../loaders/routes/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "routes-cli-"));
const db = join(dir, "m.duckdb"), files = join(dir, "files");
const run = async (...argv: string[]) => {
  const io = bufferIo();
  const code = await main([...argv, "--db", db], io);
  return {code, out: io.stdout.join("\n"), err: io.stderr.join("\n")};
};
const pipe = async (...argv: string[]) => (await promisify(execFile)(process.execPath, ["--import", "tsx", "bin/cli.ts", ...argv, "--db", db],
  {maxBuffer: 32 * 1024 * 1024})).stdout;

beforeAll(async () => {
  mkdirSync(files);
  const list: Array<[string, Promise<Buffer>]> = [["1-диагностика.xlsx", R.diagnosticsFile()], ["2-каталог.xlsx", catalogueFile()],
    ["3-маршруты-А.xlsx", R.schoolARoutes()], ["4-маршруты-Б.xlsx", routeList()], ["5-наставляемые-А.xlsx", R.registriesA()],
    ["6-наставники-А.xlsx", R.mentorsA()], ["7-кадры-А.xlsx", R.rosterA()], ["8-кадры-Б.xlsx", R.rosterB()], ["9-результаты.xlsx", R.studentResults()]];
  for (const [name, bytes] of list) writeFileSync(join(files, name), await bytes);
  const r = await run("ingest", files);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring report routes", () => {
  it("pipes the report object with --json: completion, overdue, deficits without a route and what changed", async () => {
    const r = JSON.parse(await pipe("report", "routes", "--date", R.AS_OF, "--json"));
    expect(r.region).toMatchObject({routes: 7, activities: 12, done: 8, overdue: 3});
    expect(r.overdue.map((o: {daysOverdue: number}) => o.daysOverdue)).toEqual([93, 62, 32]);
    expect(r.effect.counts).toEqual({paired: 8, withRoute: 6, mentees: 3, outside: 2, unknownMentoring: 3});
    expect(JSON.stringify(r)).not.toContain("Иванова");
  });

  it("prints the tables and the careful readings as text, names only with --names", async () => {
    const {code, out} = await run("report", "routes", "--date", R.AS_OF);
    expect(code).toBe(0);
    expect(out).toContain("Индивидуальные образовательные маршруты на 01.06.2026.");
    expect(out).toMatch(/Регион\s+7\s+3\s+8 \/ 12\s+67\s%\s+3\s+2/);
    expect(out).toContain("«Вебинар Д» — срок 31.03.2026, просрочено на 62 дн.");
    expect(out).toContain("Это наблюдение, а не доказательство");
    expect(out).not.toContain("Иванова");
    expect((await run("report", "routes", "--date", R.AS_OF, "--names")).out).toContain("Иванова Анна Петровна, МБОУ \"Саргатская СОШ № 1\": «Вебинар Д»");
  });

  it("refuses a date written another way, in Russian", async () => {
    await expect(main(["report", "routes", "--date", "01.06.2026", "--db", db], bufferIo()))
      .rejects.toThrow("дата «01.06.2026» записана неверно: нужен вид ГГГГ-ММ-ДД");
  });
});

describe("mentoring report route", () => {
  it("drafts a teacher's route by a part of the name and writes it in the seed's form as XLSX and DOCX", async () => {
    const xlsx = join(dir, "ИОМ.xlsx"), docx = join(dir, "ИОМ.docx");
    const {code, out, err} = await run("report", "route", "--teacher", "Волкова", "--start", "2025-09-01", "--xlsx", xlsx, "--docx", docx);
    expect(code).toBe(0);
    expect(out).toContain("ИОМ: Волкова Ольга, МБОУ \"Тарская СОШ № 2\" (Тарский).");
    expect(out).toContain("1. Методические: 60 % (высокий) — запланировано 36 ч из 72");
    expect(err).toContain(`ИОМ записан: ${xlsx}`);
    const e = await examineFile("ИОМ.xlsx", await readFile(xlsx));
    expect(e.ok && e.kind.name).toBe("routes");
    expect(unzip(await readFile(docx)).get("word/document.xml")!.toString("utf8")).toContain("Волкова Ольга");
  });

  it("drafts a group's route, and asks for a teacher or a group", async () => {
    const {out} = await run("report", "route", "--municipality", "Тарский", "--start", "2025-09-01");
    expect(out).toContain("Маршрут группы: Тарский муниципальный район, педагогов: 3.");
    expect(out).toContain("1. Методические: 38,3 % (средний), нуждаются 2");
    await expect(main(["report", "route", "--db", db], bufferIo())).rejects.toThrow("укажите, для кого маршрут");
    await expect(main(["report", "route", "--teacher", "Кузнецов", "--db", db], bufferIo())).rejects.toThrow("«Кузнецов» подходит к 2 педагогам");
  });
});

describe("mentoring report students | needs-mentor | catalogue", () => {
  it("shows the mentees' classes before and after with the test chosen for each share", async () => {
    const {code, out} = await run("report", "students");
    expect(code).toBe(0);
    expect(out).toMatch(/ВПР: справились\s+15 \/ 24 \(62,5\s%\)\s+20 \/ 25 \(80,0\s%\)\s+\+17,5\s+.*z-критерий\s+0,175/);
    expect(out).toMatch(/ОГЭ: сдали\s+12 \/ 18 \(66,7\s%\)\s+19 \/ 21 \(90,5\s%\).*точный Фишера\s+0,112/);
    const r = JSON.parse(await pipe("report", "students", "--before", "2024/2025", "--after", "2026", "--json"));
    expect([r.before, r.after]).toEqual([2025, 2026]);
  });

  it("lists the young specialists without a mentor and the share against 100 %", async () => {
    const {out} = await run("report", "needs-mentor", "--names");
    expect(out).toMatch(/Регион\s+6\s+3\s+2\s+1\s+60,0\s%\s+нет/);
    expect(out).toContain("Белов Кирилл Константинович, МБОУ \"Саргатская СОШ № 1\": принят 01.09.2025");
    expect(out).toContain("Волкова Ольга, МБОУ \"Тарская СОШ № 2\": методические 60 %");
  });

  it("writes the catalogue as XLSX to edit, which loads back as a catalogue", async () => {
    const xlsx = join(dir, "каталог.xlsx");
    const {code, out} = await run("report", "catalogue", "--xlsx", xlsx);
    expect(code).toBe(0);
    expect(out).toContain("Профилактика и коррекция деструктивного поведения детей и подростков");
    expect(existsSync(xlsx)).toBe(true);
    const e = await examineFile("каталог.xlsx", await readFile(xlsx));
    expect(e.ok && e.kind.name).toBe("route-catalogue");
  });
});
