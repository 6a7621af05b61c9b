// `mentoring ingest <folder>` picks up every spreadsheet format schools send, and reads each by its
// bytes: a folder with .xlsx, .xlsm, .xls, .ods and .csv reports, a text note and lock files.
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {spawnSync} from "node:child_process";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {collectFiles} from "../../bin/commands/ingest.ts";

const ROOT = join(import.meta.dirname, "../..");
const F = join(ROOT, "tests/fixtures/formats/forms-2024-Q1");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-cli-formats-"));
  mkdirSync(join(dir, "in", "школы"), {recursive: true});
  copyFileSync(join(ROOT, "data/sample/forms/2024-Q1/omskiy_troitskaya.xlsx"), join(dir, "in", "a.xlsx"));
  copyFileSync(join(F, "ods/omskiy_achairskaya.ods"), join(dir, "in", "b.ods"));
  copyFileSync(join(F, "xls/sargatskiy_andreevskaya.xls"), join(dir, "in", "школы", "c.XLS"));
  copyFileSync(join(F, "csv/tarskiy_sosh_1.utf8.tab.csv"), join(dir, "in", "школы", "d.csv"));
  copyFileSync(join(F, "xlsx/omskiy_druzhinskaya.xlsx"), join(dir, "in", "e.xlsm"));
  writeFileSync(join(dir, "in", "notes.txt"), "not a report");
  writeFileSync(join(dir, "in", "~$a.xlsx"), "lock");
  writeFileSync(join(dir, "in", ".~lock.b.ods#"), "lock");
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring ingest with every format", () => {
  it("collects .xlsx, .xlsm, .xls, .ods and .csv (any letter case), not notes or lock files", async () => {
    const files = (await collectFiles([join(dir, "in")])).map((f) => f.slice(join(dir, "in").length + 1));
    expect(files).toEqual(["a.xlsx", "b.ods", "e.xlsm", "школы/c.XLS", "школы/d.csv"]);
  });

  it("accepts every one of them, as a person runs the command and reads its output through a pipe", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/mentoring.mjs"), "ingest", join(dir, "in"), "--db", join(dir, "m.duckdb")],
      {encoding: "utf8", cwd: ROOT, timeout: 120_000});
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => /^\[\d\/5\]/.test(l));
    expect(lines.map((l) => l.replace(/:.*$/, ""))).toEqual([
      "[1/5] a.xlsx — принят (квартальный отчёт по формам 1–5, 2024-Q1)",
      "[2/5] b.ods — принят (квартальный отчёт по формам 1–5, 2024-Q1)",
      "[3/5] e.xlsm — принят (квартальный отчёт по формам 1–5, 2024-Q1)",
      "[4/5] c.XLS — принят (квартальный отчёт по формам 1–5, 2024-Q1)",
      "[5/5] d.csv — принят (квартальный отчёт по формам 1–5, 2024-Q1)"
    ]);
  }, 180_000);
});
