import {mkdtempSync, readdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {Store} from "../../store/database.ts";
import {SAMPLE_DIR} from "./registrySample.ts";

describe("mentoring report violations / load", () => {
  it("ingests both sample bases and prints the violations with ids, the JSON being the report object", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "reg-")), "m.duckdb");
    const ingest = bufferIo();
    expect(await main(["ingest", SAMPLE_DIR, "--db", db], ingest)).toBe(0);
    expect(ingest.stdout.filter((l) => /база наставников\)/.test(l))).toHaveLength(readdirSync(SAMPLE_DIR).length / 2);

    const text = bufferIo();
    expect(await main(["report", "violations", "--db", db, "--date", "2026-11-24"], text)).toBe(0);
    const out = text.stdout.join("\n");
    expect(out).toMatch(/Больше трёх наставляемых одновременно\s+ошибка\s+1\s+1\n/);
    expect(out).toMatch(/наставник № \d+: 4 наставляемых одновременно при пределе 3 с 02\.02\.2026 по 29\.05\.2026/);
    expect(out).not.toMatch(/Иванова/);

    const json = bufferIo();
    await main(["report", "violations", "--db", db, "--date", "2026-11-24", "--json"], json);
    const parsed = JSON.parse(json.stdout.join("\n"));
    expect(parsed.summary[0]).toEqual({rule: "max-mentees", title: "Больше трёх наставляемых одновременно", severity: "error", count: 1, schools: 1});

    const load = bufferIo();
    await main(["report", "load", "--db", db, "--date", "2026-11-24"], load);
    expect(load.stdout.join("\n")).toContain("доля прошедших среди отмеченных 76,5");
  });

  it("refuses a date that is not YYYY-MM-DD and a school that has no registry, in Russian", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "reg-")), "m.duckdb");
    await (await Store.open(db)).close();
    await expect(main(["report", "violations", "--db", db, "--date", "31.02.2026"], bufferIo())).rejects.toThrow(UserError);
    await expect(main(["report", "violations", "--db", db, "--date", "2026-02-31"], bufferIo())).rejects.toThrow(/ГГГГ-ММ-ДД/);
    await expect(main(["report", "load", "--db", db, "--school", "Нет такой"], bufferIo())).rejects.toThrow(/нет школы/);
  });
});
