// A CLI that finishes what it starts (issue 12 §4): the whole output reaches a slow pipe, a file that
// breaks its parser is that file's outcome and the batch goes on, an impossible date is an issue,
// and the exit code says whether any file failed.
import {spawn} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {main} from "../../bin/main.ts";
import {bufferIo} from "../../bin/io.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import {quarterFile, TARSKY_Q1} from "../helpers/region.ts";
import {workbookBytes, HEADER} from "../loaders/diagnostics/helpers.ts";
import {registryXlsx, MENTEE_HEADERS} from "../loaders/registries/fixtures.ts";
import {makeZip, readZip} from "../helpers/zip.ts";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "mentoring-robust-")); });
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A diagnostics workbook of `n` teachers over `schools` schools, entry and exit on two sheets. */
async function bigDiagnostics(n: number, schools: number): Promise<Buffer> {
  const rows = (shift: number) => Array.from({length: n}, (_, i) => [`Педагог ${i + 1} Тестовый`, `МБОУ «СОШ № ${i % schools + 1}»`,
    i % 2 ? "Тарский" : "Омский", 40 + (i * 7) % 50, 30 + (i * 11) % 60, 50 + (i * 3) % 40, 20 + (i * 13) % 70, 45 + (i * 5) % 50]
    .map((v, k) => (k >= 3 ? Math.min(100, Number(v) + shift * ((i + k) % 9)) : v)));
  return workbookBytes([{name: "Входная 2025-2026", rows: [HEADER, ...rows(0)]}, {name: "Итоговая 2025-2026", rows: [HEADER, ...rows(1)]}]);
}

/** Runs the installed CLI with stdout as a pipe that is read slowly; resolves with all of it. */
function slowPipe(args: string[]): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["bin/mentoring.mjs", ...args], {stdio: ["ignore", "pipe", "pipe"]});
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => { stderr += b.toString(); });
    child.stdout.on("data", (b: Buffer) => {
      chunks.push(b);
      // A slow reader: the writer's buffer fills and the pipe has to drain before the CLI may exit.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 5);
    });
    child.on("error", fail);
    child.on("close", (code) => done({code, stdout: Buffer.concat(chunks), stderr}));
  });
}

describe("mentoring report … --json to a pipe", () => {
  it("writes the whole JSON (over 1 MB) into a slow pipe before exiting", async () => {
    const db = join(dir, "big.duckdb");
    const file = join(dir, "диагностика.xlsx");
    writeFileSync(file, await bigDiagnostics(1500, 600));
    const io = bufferIo();
    expect(await main(["ingest", file, "--db", db], io)).toBe(0);
    const r = await slowPipe(["report", "prepost", "--json", "--by", "all", "--db", db]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1024 * 1024);
    const report = JSON.parse(r.stdout.toString("utf8"));
    expect(report.counts).toMatchObject({teachers: 1500, paired: 1500});
    expect(report.groups.filter((g: {level: string}) => g.level === "school")).toHaveLength(600);
  }, 120_000);
});

describe("a batch goes on past a file that breaks its parser", () => {
  it("records that file as rejected with file/parse-failed, loads the others, and exits 1", async () => {
    const folder = join(dir, "batch");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.xlsx"), await quarterFile("за I квартал 2024 г.", TARSKY_Q1));
    writeFileSync(join(folder, "b-broken.xlsx"), await workbookBytes([{name: "Входная", rows: [HEADER, ["Иванова Анна", "СОШ № 1", "Тарский", 50]]}]));
    writeFileSync(join(folder, "c.xlsx"), await quarterFile("за II квартал 2024 г.", TARSKY_Q1));
    // A parser bug, as an unexpected exception on exactly one file.
    const diagnostics = fileKinds.find((k) => k.name === "diagnostics")!;
    const spy = vi.spyOn(diagnostics, "parse").mockImplementation(() => { throw new RangeError("Invalid time value"); });
    try {
      const io = bufferIo();
      expect(await main(["ingest", folder, "--db", join(dir, "batch.duckdb")], io)).toBe(1);
      const out = io.stdout.join("\n");
      expect(io.stdout[0]).toMatch(/^\[1\/3\] a\.xlsx — принят/);
      expect(out).toMatch(/\[2\/3\] b-broken\.xlsx — отклонён: 1 замечание\n\s+ошибка: Файл не удалось прочитать: при разборе произошла непредвиденная ошибка \(RangeError\)/);
      expect(out).toMatch(/\[3\/3\] c\.xlsx — принят/);
      expect(io.stdout.at(-1)).toBe("Итого файлов: 3; принято 2, с замечаниями 0, отклонено 1, уже были загружены 0.");
    } finally {
      spy.mockRestore();
    }
  });

  it("exits 0 when every file is loaded", async () => {
    const file = join(dir, "ok.xlsx");
    writeFileSync(file, await quarterFile("за I квартал 2024 г.", TARSKY_Q1));
    expect(await main(["ingest", file, "--db", join(dir, "ok.duckdb")], bufferIo())).toBe(0);
  });
});

describe("a date that is not in the calendar", () => {
  it("is an issue of its cell, never an exception or «NaN.NaN.NaN», and the batch goes on", async () => {
    const good = await registryXlsx({titles: ["База наставляемых МБОУ «СОШ № 1», Саргатский муниципальный район"], headers: MENTEE_HEADERS,
      rows: [[1, "Иванов Иван Иванович", "", 2008, "", "01.09.2024", "Петров Пётр Петрович", "ученик – ученик", "", "", "", "", ""]]});
    const entries = readZip(good);
    const sheet = entries.find((e) => /worksheets\/sheet1\.xml$/.test(e.name))!;
    // The start date as a «date» cell holding 31 February.
    sheet.data = Buffer.from(sheet.data.toString("utf8").replace(/<c r="F3"[^>]*>[\s\S]*?<\/c>/, '<c r="F3" t="d"><v>31.02.2024</v></c>'));
    const folder = join(dir, "dates");
    mkdirSync(folder);
    writeFileSync(join(folder, "a-dates.xlsx"), makeZip(entries));
    writeFileSync(join(folder, "b.xlsx"), await quarterFile("за I квартал 2024 г.", TARSKY_Q1));
    const io = bufferIo();
    await main(["ingest", folder, "--db", join(dir, "dates.duckdb")], io);
    const out = io.stdout.join("\n");
    expect(out).not.toMatch(/NaN|Непредвиденная/);
    expect(out).toMatch(/a-dates\.xlsx — принят с замечаниями/);
    expect(out).toMatch(/F3 · .*Не удалось прочитать дату/);
    expect(out).toMatch(/\[2\/2\] b\.xlsx — принят/);
  });
});
