import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "../helpers/region.ts";

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-cli-"));
  db = join(dir, "m.duckdb");
  mkdirSync(join(dir, "in", "b"), {recursive: true});
  writeFileSync(join(dir, "in", "b", "tarsky.xlsx"), await quarterFile("за I квартал 2024 г.", TARSKY_Q1));
  writeFileSync(join(dir, "in", "a-omsky.xlsx"), await quarterFile("за I квартал 2024 г.", OMSKY_Q1));
  writeFileSync(join(dir, "in", "notes.txt"), "not a report");
  // A CSV under an .xlsx name whose columns are no report we know.
  writeFileSync(join(dir, "bad.xlsx"), "Покупка;Цена\n");
  // Only the headers of a directory of schools (district, school): read as a directory with no school.
  writeFileSync(join(dir, "empty-directory.xlsx"), "Муниципальный район;ОО\n");
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring ingest and report engagement", () => {
  it("ingests a folder recursively in sorted order, one line per file, exit 0", async () => {
    const io = bufferIo();
    expect(await main(["ingest", join(dir, "in"), "--db", db], io)).toBe(0);
    expect(io.stdout[0]).toBe("[1/2] a-omsky.xlsx — принят (квартальный отчёт по формам 1–5, 2024-Q1): 0 замечаний");
    expect(io.stdout[1]).toBe("[2/2] tarsky.xlsx — принят (квартальный отчёт по формам 1–5, 2024-Q1): 1 замечание");
    expect(io.stdout[2]).toMatch(/^\s+сведения · лист «Отчёт», B\d+ · СОШ № 3: Школа есть в форме 1, но ни в одной из форм 2–5/);
    expect(io.stdout.at(-1)).toMatch(/^Итого файлов: 2; принято \d, с замечаниями \d, отклонено 0/);
  });

  it("a rejected file gives a non-zero exit and a Russian reason", async () => {
    const io = bufferIo();
    expect(await main(["ingest", join(dir, "bad.xlsx"), "--db", db], io)).toBe(1);
    expect(io.stdout.join("\n")).toMatch(/bad\.xlsx — отклонён: 1 замечание\n\s+ошибка: Не удалось понять, что это за отчёт/);
    const empty = bufferIo();
    expect(await main(["ingest", join(dir, "empty-directory.xlsx"), "--db", db], empty)).toBe(1);
    expect(empty.stdout.join("\n")).toMatch(/empty-directory\.xlsx — отклонён \(справочник школ региона\): 1 замечание\n\s+ошибка: В справочнике нет ни одной школы/);
  });

  it("prints the engagement table in ru-RU and the same figures as JSON", async () => {
    const io = bufferIo();
    expect(await main(["report", "engagement", "--db", db], io)).toBe(0);
    const text = io.stdout.join("\n");
    // СОШ № 3 (Form 1 only) is expected and not counted: 3 of 4 schools, no target judged.
    expect(text).toMatch(/Регион\s+3 из 4\s+89 \/ 160\s+55,6\u00a0%\s+неполн\.\s+24 \/ 35\s+68,6\u00a0%\s+неполн\./);
    expect(text).toMatch(/^Данные неполные: по 3 из 4 школ \(у учтённых школ 80,0\u00a0% обучающихся и 81,4\u00a0% педагогов/m);
    expect(text).toContain("  СОШ № 3 (Тарский) — прочитан не полностью: нет строк в формах 2–5");
    expect(text).toContain("Не отчитались: СОШ № 3");
    const json = bufferIo();
    await main(["report", "engagement", "--db", db, "--json", "--period", "2024-Q1"], json);
    const r = JSON.parse(json.stdout.join("\n"));
    expect(Object.keys(r)).toEqual(["period", "scope", "targetPct", "targets", "total", "region", "municipalities", "schools", "notCounted", "rejectedFiles", "issues"]);
    expect(r.scope).toEqual({level: "region"});
    expect(r.region.coverage).toMatchObject({schoolsExpected: 4, schoolsCounted: 3, label: "по 3 из 4 школ", complete: false});
    expect(r.region.studentsPct).toBeCloseTo(55.625, 10);
    expect(Object.keys(r.schools[0])).toEqual(expect.arrayContaining(["municipality", "name", "status", "dataErrors", "studentsEngaged",
      "studentsPopulation", "studentsPct", "teachersEngaged", "teachersPopulation", "teachersPct", "meetsTarget"]));
  });

  it("report issues lists every stored issue per file, also for a rejected file", async () => {
    const io = bufferIo();
    await main(["report", "issues", "--db", db, "--file", "bad.xlsx", "--json"], io);
    const r = JSON.parse(io.stdout.join("\n"));
    expect(r.files[0]).toMatchObject({file: "bad.xlsx", status: "rejected", issues: [expect.objectContaining({kind: "file/unknown-format", severity: "error"})]});
  });

  it("mistakes are user errors in Russian", async () => {
    await expect(main(["report", "engagement", "--db", db, "--period", "2024-5"], bufferIo())).rejects.toThrow(UserError);
    await expect(main(["report", "engagement", "--db", db, "--period", "2023-Q1"], bufferIo())).rejects.toThrow(/за период 2023-Q1 данных нет/);
    await expect(main(["frobnicate"], bufferIo())).rejects.toThrow(/неизвестная команда/);
    // A report never creates a database as a side effect.
    await expect(main(["report", "violations", "--db", join(dir, "none.duckdb")], bufferIo())).rejects.toThrow(/не найдена/);
  });

  it("runs as the installed `mentoring` binary with one exit point", () => {
    const r = spawnSync(process.execPath, ["bin/mentoring.mjs", "report", "engagement", "--db", db, "--period", "2023-Q1"], {encoding: "utf8"});
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Ошибка: за период 2023-Q1 данных нет/);
    const help = spawnSync(process.execPath, ["bin/mentoring.mjs", "help"], {encoding: "utf8"});
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("mentoring ingest <файл|папка>");
  });
});
