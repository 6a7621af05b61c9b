// `mentoring report programmes` and `mentoring report annual --docx`, run as a person runs them, on
// the sample's quarterly forms (I quarter 2024 worked by hand in tests/sample/engagement-figures.md).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";
import {docxContent} from "../helpers/docx.ts";

const S = "\u00a0";
const dir = mkdtempSync(join(tmpdir(), "programmes-cli-"));
const db = join(dir, "m.duckdb");
const run = async (...argv: string[]) => {
  const io = bufferIo();
  const code = await main([...argv, "--db", db], io);
  return {code, out: io.stdout.join("\n")};
};

beforeAll(async () => {
  expect((await run("ingest", "data/sample/forms")).code).toBe(0);
}, 240_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("mentoring report programmes", () => {
  it("--json gives the forms adding up to the quarter's 2 510 students and 350 teachers", async () => {
    const {code, out} = await run("report", "programmes", "--period", "2024-Q1", "--json");
    expect(code).toBe(0);
    const r = JSON.parse(out) as {region: {studentsEngaged: number; teachersEngaged: number; byForm: Array<{label: string; studentsEngaged: number}>}};
    expect([r.region.studentsEngaged, r.region.teachersEngaged]).toEqual([2510, 350]);
    expect(r.region.byForm.map((f) => [f.label, f.studentsEngaged])).toEqual([["ученик – ученик", 2206], ["учитель – учитель", 0],
      ["студент – ученик", 129], ["работодатель – ученик", 175]]);
  });

  it("prints the forms, the total and the programmes with their results in Russian", async () => {
    const {code, out} = await run("report", "programmes", "--period", "2024-Q1");
    expect(code).toBe(0);
    expect(out).toContain("Вовлечённость по формам наставничества и программы за I квартал 2024 (2024-Q1), данные по 22 из 22 школ.");
    expect(out).toMatch(new RegExp(`Итого.*2${S}510.*350`));
    expect(out).toContain("Программа «Шаг в профессию»");
    expect(out).toContain("Молодые специалисты провели открытые уроки");
    expect(out).toContain("Группы меньше 5 человек не показываются («< 5»).");
  });

  it("says in Russian that a quarter has no data", async () => {
    const failure = run("report", "programmes", "--period", "2023-Q1");
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow("за период 2023-Q1 данных нет. Есть: 2024-Q1, 2024-Q2.");
  });
});

describe("mentoring report annual --docx", () => {
  it("writes the annual report as a DOCX that reads back with its title, period, engagement figures and page numbers", async () => {
    const file = join(dir, "отчёт.docx");
    const {code, out} = await run("report", "annual", "--year", "2023/24", "--docx", file);
    expect(code).toBe(0);
    expect(out).toBe(`Итоговый отчёт за 2023/24 учебный год записан: ${file}`);
    const doc = docxContent(readFileSync(file));
    expect(doc.paragraphs.slice(0, 4)).toEqual(["Итоговый аналитический отчёт о реализации системы наставничества", "Регион",
      "региональный уровень", "2023/24 учебный год (01.09.2023–31.08.2024)"]);
    expect(doc.tables.find((t) => t[0]?.[0] === "Год")!.at(-1)).toEqual(["2023/24", "I квартал 2024", `2${S}510`, `4${S}974`, `50,5${S}%`, "350", "532",
      `65,8${S}%`, "по 22 из 22 школ"]);
    expect(doc.footers[0]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
  });

  it("refuses a --docx file that is not .docx, in Russian", async () => {
    const failure = run("report", "annual", "--docx", join(dir, "x.pdf"));
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow("--docx: нужен файл .docx, а не");
  });
});
