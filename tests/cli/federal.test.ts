// The federal path as a person runs it: each region ingests its files and exports, the ministry rolls
// the folders up; the commands' output read back (and once piped from a real process).
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {diagnosticsWorkbook, quarterWorkbook, REGIONS} from "../reports/federal/threeRegions.ts";

let dir: string;
const db = (code: string) => join(dir, `${code}.duckdb`);
const out = (code: string) => join(dir, `export-${code}`);
const plain = (lines: string[]) => lines.join("\n").replace(/\u00a0/g, " ");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-federal-cli-"));
  for (const fx of REGIONS) {
    const files = join(dir, `files-${fx.code}`);
    mkdirSync(files);
    for (const [period, schools] of Object.entries(fx.quarters)) {
      writeFileSync(join(files, `${period}.xlsx`), await quarterWorkbook(period as "2024-Q1", schools!));
    }
    if (fx.diagnostics) writeFileSync(join(files, "entry.xlsx"), await diagnosticsWorkbook(fx.diagnostics));
    await main(["ingest", files, "--db", db(fx.code)], bufferIo());
  }
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring export aggregates", () => {
  it("writes the region's tables and says what it wrote, by region name or code", async () => {
    const io = bufferIo();
    expect(await main(["export", "aggregates", "--out", out("55"), "--region", "Омская обл.", "--db", db("55")], io)).toBe(0);
    expect(plain(io.stdout)).toBe([
      `Сводные таблицы региона Омская область (55) выгружены в ${out("55")}: I квартал 2024, II квартал 2024.`,
      "  school_quarters: 6 строк, 2 файла Parquet (school_quarters/region=55)",
      "  engagement_by_form: 12 строк, 2 файла Parquet (engagement_by_form/region=55)",
      "  diagnostic_areas: 2 строки, 1 файл Parquet (diagnostic_areas/region=55)",
      "  описание выгрузки: _manifests/55.json (версия формата 1)",
      "Только сводные числа: без ФИО, контактов, названий файлов, названий и результатов программ.",
      `Сложить регионы: mentoring rollup ${out("55")} [ПАПКА …]`
    ].join("\n"));
    for (const code of ["72", "54"]) expect(await main(["export", "aggregates", "--out", out(code), "--region", code, "--db", db(code)], bufferIo())).toBe(0);
  });

  it("an unknown region, no region, no folder: a Russian error and nothing written", async () => {
    await expect(main(["export", "aggregates", "--out", join(dir, "x"), "--region", "Нарния", "--db", db("55")], bufferIo()))
      .rejects.toThrow(new UserError("регион «Нарния» не найден: укажите код субъекта РФ (две цифры, например 55) или его название («Омская область»)."));
    const before = process.env.MENTORING_REGION;
    delete process.env.MENTORING_REGION;
    try {
      await expect(main(["export", "aggregates", "--out", join(dir, "x"), "--db", db("55")], bufferIo())).rejects.toThrow(/укажите регион: --region 55/);
    } finally {
      if (before !== undefined) process.env.MENTORING_REGION = before;
    }
    await expect(main(["export", "aggregates", "--region", "55", "--db", db("55")], bufferIo())).rejects.toThrow(/укажите папку выгрузки/);
    await expect(main(["export", "regions", "--out", join(dir, "x")], bufferIo())).rejects.toThrow(/неизвестная выгрузка «regions»/);
  });
});

describe("mentoring rollup", () => {
  it("prints the country, the regions with their coverage, the incomplete ones, forms and diagnostics", async () => {
    const io = bufferIo();
    expect(await main(["rollup", out("55"), out("72"), out("54")], io)).toBe(0);
    const text = plain(io.stdout);
    expect(text).toContain("Вовлечённость в наставничество по стране за II квартал 2024 (2024-Q2); цель — 70 % обучающихся 10–19 лет и 70 % педагогов.");
    expect(text).toContain("Охват: по 6 из 8 школ, 3 из 3 регионов (регионов с полными данными: 1).");
    expect(text).toMatch(/Страна\s+6 из 8\s+373 \/ 580\s+64,3 %\s+данные неполные \(по 6 из 8 школ, 3 из 3 регионов\): цель не оценивается\s+70 \/ 100\s+70,0 %\s+данные неполные \(по 6 из 8 школ, 3 из 3 регионов\): цель не оценивается/);
    expect(text).toMatch(/Тюменская область \(72\)\s+2 из 2\s+200 \/ 300\s+66,7 %\s+цель не достигнута\s+32 \/ 45\s+71,1 %\s+цель достигнута\n/);
    expect(text).toContain("Неполные данные:\n  Новосибирская область (54): в сумме 1 из 2 школ; без формы 1: 1\n  Омская область (55): в сумме 3 из 4 школ; не отчитались: 1");
    expect(text).toMatch(/ученик – ученик\s+6\s+158\s+175\s+333\s+0/);
    expect(text).toMatch(/входная\s+Методические\s+11\s+2\s+57,3 %\s+42,7 %/);
    expect(text).toContain("Скрыты группы меньше 5 педагогов: Цифровые (ИКТ) (входная) — регионов: 1.");
    // «цель достигнута» never stands alone over a partial figure.
    for (const line of text.split("\n").filter((l) => l.startsWith("Страна"))) expect(line).not.toMatch(/цель достигнута(\s{2}|$)/);
  });

  it("the same figures as JSON", async () => {
    const io = bufferIo();
    expect(await main(["rollup", out("55"), out("72"), out("54"), "--json"], io)).toBe(0);
    const r = JSON.parse(io.stdout.join("\n"));
    expect(r.country).toMatchObject({studentsEngaged: 373, studentsPopulation: 580, teachersEngaged: 70, teachersPopulation: 100,
      schoolsCounted: 6, schoolsExpected: 8, meetsTarget: {students: null, teachers: null}, meetsTargetCounted: {students: false, teachers: true}});
    expect(r.regions.map((x: {code: string}) => x.code)).toEqual(["54", "55", "72"]);
  });

  it("piped from a real process: the I quarter, a missing region said plainly, exit 0", () => {
    const p = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "rollup", out("55"), out("72"), out("54"), "--period", "2024-Q1"],
      {encoding: "utf8"});
    expect(p.status, p.stderr).toBe(0);
    const text = p.stdout.replace(/\u00a0/g, " ");
    expect(text).toContain("за I квартал 2024 (2024-Q1)");
    expect(text).toContain("Охват: по 3 из 3 школ, 2 из 3 регионов (регионов с полными данными: 2).");
    expect(text).toMatch(/Тюменская область \(72\)\s+—\s+—\s+—\s+нет данных\s+—\s+—\s+нет данных/);
    expect(text).toContain("  Тюменская область (72): нет данных за этот квартал");
  });

  it("a folder twice, or a quarter not there: a Russian error, exit 1", () => {
    const twice = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "rollup", out("55"), out("55")], {encoding: "utf8"});
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/^Ошибка: регион Омская область \(55\) выгружен дважды/);
    const missing = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "rollup", out("72"), "--period", "2024-Q1"], {encoding: "utf8"});
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("Ошибка: за период 2024-Q1 в выгрузках нет данных. Есть: 2024-Q2.\n");
  });
});
