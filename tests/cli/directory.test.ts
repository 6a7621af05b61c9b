// `mentoring directory …` and `mentoring ingest --school`, run as the methodologist runs them.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {directoryFile, quarter} from "../helpers/directory.ts";
import {D} from "../loaders/effectiveness/helpers.ts";
import ExcelJS from "exceljs";

let dir: string, db: string;
const run = async (...args: string[]) => {
  const io = bufferIo();
  const code = await main([...args, "--db", db], io);
  return {code, text: io.stdout.join("\n"), err: io.stderr.join("\n")};
};
const json = async (...args: string[]) => JSON.parse((await run(...args, "--json")).text);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-directory-"));
  db = join(dir, "m.duckdb");
  writeFileSync(join(dir, "справочник.xlsx"), await directoryFile([
    ["Тарский", "Муниципальное казённое общеобразовательное учреждение «Тарская гимназия»", "МКОУ «Тарская гимназия»", "5535000001", "действует"],
    ["Тарский", "МБОУ «Тарская СОШ № 1»", null, null, "действует"]]));
  writeFileSync(join(dir, "q1.xlsx"), await quarter("за I квартал 2024 г.", [
    {m: "Тарский", name: "МКОУ «Тарская гимназия»", students: 200, teachers: 20, f2: [70, 70], f3: [7, 7]},
    {m: "Тарский", name: "МБОУ «Тарская СОШ № 1»", students: 100, teachers: 10, f2: [30, 30], f3: [3, 3]}]));
  writeFileSync(join(dir, "q2.xlsx"), await quarter("за II квартал 2024 г.", [
    {m: "Тарский", name: "МКОУ «Тарская гимназия им. А.С. Пушкина»", students: 200, teachers: 20, f2: [75, 75], f3: [8, 8]},
    {m: "Тарский", name: "МБОУ «Тарская СОШ № 1»", students: 100, teachers: 10, f2: [40, 40], f3: [4, 4]}]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("2024-2025");
  ws.addRow(["Список педагогов на 2024/2025 учебный год"]);
  ws.addRow(["ФИО", "Дата приёма на работу", "Стаж"]);
  ws.addRow(["Петрова Анна Ивановна", D(2020, 9, 1), 5]);
  writeFileSync(join(dir, "кадры.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring directory", () => {
  it("imports a directory file and lists it by municipality, in Russian and as JSON", async () => {
    const imported = await run("directory", "import", join(dir, "справочник.xlsx"));
    expect(imported.code).toBe(0);
    expect(imported.text).toMatch(/^справочник\.xlsx — принят \(справочник школ региона\): 0 замечаний$/m);
    const list = await run("directory", "list");
    expect(list.text).toMatch(/№\s+Муниципалитет\s+Школа\s+Код\s+Состояние\s+Откуда\s+Написаний/);
    expect(list.text).toMatch(/Тарский\s+МКОУ «Тарская гимназия»\s+5535000001\s+действует\s+справочник\s+2/);
    const {schools} = await json("directory", "list");
    expect(schools.map((s: {name: string; listed: boolean}) => [s.name, s.listed])).toEqual([["МБОУ «Тарская СОШ № 1»", true], ["МКОУ «Тарская гимназия»", true]]);
  });

  it("a close new name in a report is a proposal; confirm makes it the same school for every quarter", async () => {
    await run("ingest", join(dir, "q1.xlsx"));
    const q2 = await run("ingest", join(dir, "q2.xlsx"));
    expect(q2.text).toContain("похожа на «МКОУ «Тарская гимназия»» из справочника");
    const proposals = await run("directory", "proposals");
    expect(proposals.text).toMatch(/^\s+1\. Тарский: «МКОУ «Тарская гимназия им\. А\.С\. Пушкина»» \(№ \d+\) — похоже на «МКОУ «Тарская гимназия»» \(№ \d+\); из файла q2\.xlsx$/m);
    let report = await json("report", "engagement", "--period", "2024-Q2");
    expect(report.region.coverage.label).toBe("по 2 из 3 школ");
    const confirmed = await run("directory", "confirm", "1");
    expect(confirmed.text).toMatch(/одна школа \(№ \d+\); её данные за все кварталы считаются вместе\./);
    report = await json("report", "engagement", "--period", "2024-Q2");
    // 75 + 75 + 40 + 40 = 230 of 300 students, over both schools.
    expect([report.region.coverage.label, report.region.studentsEngaged, report.region.studentsPopulation]).toEqual(["по 2 из 2 школ", 230, 300]);
    expect((await run("directory", "proposals")).text).toBe("Нерешённых совпадений нет.");
    await expect(main(["directory", "reject", "1", "--db", db], bufferIo())).rejects.toThrow(/нет среди нерешённых/);
  });

  it("add, rename, alias, aliases, close and open", async () => {
    const added = await json("directory", "add", "--municipality", "Тарский р-н", "--name", "МКОУ «Атирская СОШ»", "--code", "5535000003");
    expect(added).toMatchObject({municipality: "Тарский", name: "МКОУ «Атирская СОШ»", listed: true, code: "5535000003"});
    await expect(main(["directory", "add", "--municipality", "Тарский", "--name", "Атирская СОШ", "--db", db], bufferIo()))
      .rejects.toThrow(/уже есть эта школа/);
    expect((await run("directory", "rename", String(added.id), "--short", "Атирская СОШ")).text).toContain("теперь: Атирская СОШ");
    expect((await run("directory", "alias", String(added.id), "Средняя школа с. Атирка")).text).toContain("учитываются за неё");
    const {aliases} = await json("directory", "aliases", String(added.id));
    expect(aliases.map((a: {name: string}) => a.name)).toEqual(["МКОУ «Атирская СОШ»", "Атирская СОШ", "Средняя школа с. Атирка"]);
    expect((await run("directory", "close", String(added.id), "--from", "2024-Q2")).text)
      .toBe(`Школа № ${added.id} «Атирская СОШ» закрыта с II квартала 2024: её отчёт не ожидается начиная с этого квартала.`);
    // Listed, closed from the II quarter: expected in the I quarter (missing), not in the II.
    expect((await json("report", "engagement", "--period", "2024-Q1")).notCounted.map((s: {name: string}) => s.name)).toEqual(["Атирская СОШ"]);
    expect((await json("report", "engagement", "--period", "2024-Q2")).region.coverage.label).toBe("по 2 из 2 школ");
    expect((await run("directory", "open", String(added.id))).text).toContain("снова действует");
    expect((await json("report", "engagement", "--period", "2024-Q2")).region.coverage.label).toBe("по 2 из 3 школ");
  });

  it("ingest --school gives a file that names no school its school; dismiss stops a refused file counting", async () => {
    const o = JSON.parse((await run("ingest", join(dir, "кадры.xlsx"), "--school", "Тарская гимназия", "--json")).text);
    expect(o[0]).toMatchObject({status: "accepted", kind: "roster"});
    await expect(main(["ingest", join(dir, "кадры.xlsx"), "--school", "Лицей № 99", "--db", db], bufferIo())).rejects.toThrow(/нет в справочнике/);
    writeFileSync(join(dir, "bad.xls"), "не таблица");
    const bad = JSON.parse((await run("ingest", join(dir, "bad.xls"), "--period", "2024-Q2", "--school", "Тарская СОШ № 1", "--json")).text)[0];
    expect(bad.status).toBe("rejected");
    let report = await json("report", "engagement", "--period", "2024-Q2");
    expect(report.notCounted.map((s: {name: string; state: string}) => [s.name, s.state])).toContainEqual(["МБОУ «Тарская СОШ № 1»", "rejected"]);
    expect((await run("directory", "dismiss", String(bad.uploadId))).text).toBe(`Отклонённая загрузка № ${bad.uploadId} больше не считается против полноты квартала.`);
    report = await json("report", "engagement", "--period", "2024-Q2");
    expect(report.notCounted.map((s: {name: string}) => s.name)).not.toContain("МБОУ «Тарская СОШ № 1»");
  });

  it("mistakes are Russian user errors; help is Russian", async () => {
    await expect(main(["directory", "frob", "--db", db], bufferIo())).rejects.toThrow(UserError);
    await expect(main(["directory", "close", "x", "--db", db], bufferIo())).rejects.toThrow(/нужен номер школы/);
    const r = spawnSync(process.execPath, ["bin/mentoring.mjs", "help"], {encoding: "utf8"});
    expect(r.stdout).toContain("mentoring directory proposals");
  });
});
