// Files written by LibreOffice (tests/fixtures/formats, made by scripts/make-format-fixtures.ts from
// the sample's originals): every one parses to exactly the data of its original, and a quarter whose
// schools sent .xlsx, .ods, .xls and .csv gives exactly the figures of the all-.xlsx quarter, which
// are the sample's hand-worked figures (tests/sample/engagement-figures.md).
import {readFileSync} from "node:fs";
import {basename, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {examineFile, ingestBytes, type Examined, type FileOutcome} from "../../../loaders/ingest.ts";
import {Store} from "../../../store/database.ts";
import {engagementReport, type EngagementReport} from "../../../reports/engagement.ts";
import type {FixtureEntry} from "../../../scripts/make-format-fixtures.ts";
import {toIssue} from "../../../loaders/messages/index.ts";
import type {IssueFacts} from "../../../loaders/issues.ts";
import {projectSettings} from "../../helpers/settings.ts";

const ROOT = join(import.meta.dirname, "../../..");
const FIXTURES = join(ROOT, "tests/fixtures/formats");
const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as FixtureEntry[];

/**
 * What a loader made of a file; a CSV's one sheet is named after the file, so sheet names are left
 * out there (a `sheet` field, and the keys of a by-sheet map such as diagnostics' `sheetYears`).
 */
function parsed(e: Examined, ignoreSheetNames: boolean): unknown {
  const view = e.ok ? {kind: e.kind.name, period: e.parsed.period, data: e.parsed.data, issues: e.parsed.issues, stats: e.parsed.stats}
    : {kind: e.kind?.name ?? null, issues: e.issues};
  return JSON.parse(JSON.stringify(view, (k, v) => {
    if (!ignoreSheetNames) return v;
    if (k === "sheet") return "(sheet)";
    if (k === "sheetYears" && v && typeof v === "object") return Object.values(v as Record<string, unknown>);
    return v;
  }));
}

describe("files converted by LibreOffice read as their originals", () => {
  it("the fixtures cover every format, both CSV encodings and all three separators, and every kind of file", () => {
    const formats = new Set(manifest.map((m) => m.format));
    expect([...formats].sort()).toEqual(["csv", "ods", "xls", "xlsx"]);
    const csv = manifest.filter((m) => m.format === "csv");
    expect(new Set(csv.map((m) => `${m.encoding} ${m.separator}`)).size).toBe(6);
    expect(new Set(manifest.filter((m) => m.group === "kinds").map((m) => basename(m.file).split(".")[0])))
      .toEqual(new Set(["diagnostics", "registry", "roster", "questionnaire", "indicators"]));
  });

  for (const m of manifest) {
    it(`${m.file} gives exactly the data, issues and period of ${basename(m.original)}`, async () => {
      const name = basename(m.original);
      const original = await examineFile(name, readFileSync(join(ROOT, m.original)));
      const converted = await examineFile(name, readFileSync(join(FIXTURES, m.file)));
      expect(original.ok).toBe(true);
      expect(converted.format).toBe(m.format);
      expect(parsed(converted, m.format === "csv")).toEqual(parsed(original, m.format === "csv"));
    });
  }
});

/** The file each school sends in the mixed quarter: a rotation over the formats. */
function mixedBatch(): string[] {
  const q1 = manifest.filter((m) => m.group === "forms-2024-Q1");
  const slugs = [...new Set(q1.filter((m) => m.format === "ods").map((m) => basename(m.file, ".ods")))].sort();
  const csvFor: Record<string, string> = {
    sargatskiy_gimnaziya: "sargatskiy_gimnaziya.utf8.semicolon.csv",
    omskiy_sosh_12: "omskiy_sosh_12.cp1251.semicolon.csv",
    tarskiy_sosh_1: "tarskiy_sosh_1.utf8.tab.csv",
    tarskiy_atirskaya: "tarskiy_atirskaya.cp1251.comma.csv",
    omskiy_troitskaya: "omskiy_troitskaya.utf8.tab.csv",
    sargatskiy_sosh_1: "sargatskiy_sosh_1.utf8.semicolon.csv"
  };
  const rotation = ["ods", "xls", "xlsx-lo", "sample"] as const;
  let i = 0;
  return slugs.map((slug) => {
    if (csvFor[slug]) return join(FIXTURES, "forms-2024-Q1/csv", csvFor[slug]);
    const pick = rotation[i++ % rotation.length]!;
    if (pick === "sample") return join(ROOT, "data/sample/forms/2024-Q1", `${slug}.xlsx`);
    if (pick === "xlsx-lo") return join(FIXTURES, "forms-2024-Q1/xlsx", `${slug}.xlsx`);
    return join(FIXTURES, "forms-2024-Q1", pick, `${slug}.${pick}`);
  });
}

const CORRECTION = join(ROOT, "data/sample/forms/2024-Q1-corrections/tarskiy_sosh_3.xlsx");

async function load(files: string[]): Promise<{store: Store; outcomes: FileOutcome[]; report: EngagementReport}> {
  const store = await Store.open(":memory:");
  const outcomes: FileOutcome[] = [];
  for (const f of files) outcomes.push(await ingestBytes(store, basename(f), readFileSync(f)));
  return {store, outcomes, report: await engagementReport(store, projectSettings(), {period: "2024-Q1"})};
}

/** The report with what only names the sent file (its name and extension) replaced by the school. */
function comparable(r: EngagementReport): unknown {
  return JSON.parse(JSON.stringify(r, (k, v) => (k === "file" && typeof v === "string" ? v.replace(/\..*$/, "") : v)));
}

describe("a quarter whose schools sent .xlsx, .ods, .xls and .csv", () => {
  let mixed: Awaited<ReturnType<typeof load>>, xlsx: Awaited<ReturnType<typeof load>>;
  const files = mixedBatch();

  beforeAll(async () => {
    mixed = await load([...files, CORRECTION]);
    xlsx = await load([...files.map((f) => join(ROOT, "data/sample/forms/2024-Q1", `${basename(f).split(".")[0]}.xlsx`)), CORRECTION]);
  });
  afterAll(async () => {
    await mixed?.store.close();
    await xlsx?.store.close();
  });

  it("really is mixed: every format, CSV in both encodings and with each separator", () => {
    const ext = files.map((f) => f.split(".").at(-1));
    for (const e of ["xlsx", "ods", "xls", "csv"]) expect(ext).toContain(e);
    const csv = files.filter((f) => f.endsWith(".csv")).map((f) => basename(f).split(".").slice(1, 3).join(" "));
    expect(csv.some((c) => c.startsWith("utf8")) && csv.some((c) => c.startsWith("cp1251"))).toBe(true);
    expect(new Set(csv.map((c) => c.split(" ")[1]))).toEqual(new Set(["semicolon", "comma", "tab"]));
    expect(files).toHaveLength(22);
  });

  it("accepts every file, as the all-.xlsx quarter does", () => {
    expect(mixed.outcomes.map((o) => [o.status, o.kind, o.period])).toEqual(xlsx.outcomes.map((o) => [o.status, o.kind, o.period]));
    expect(mixed.outcomes.filter((o) => o.status === "rejected")).toEqual([]);
  });

  it("gives exactly the all-.xlsx engagement report: every school, municipality and the region", () => {
    expect(comparable(mixed.report)).toEqual(comparable(xlsx.report));
  });

  it("gives the region's hand-worked figures: students 2 510 of 4 974, teachers 350 of 532, no target met", () => {
    const r = mixed.report.region;
    expect([r.studentsEngaged, r.studentsPopulation, r.teachersEngaged, r.teachersPopulation]).toEqual([2510, 4974, 350, 532]);
    expect(r.studentsPct).toBeCloseTo(251000 / 4974, 8);
    expect(r.teachersPct).toBeCloseTo(35000 / 532, 8);
    expect(r.meetsTarget).toEqual({students: false, teachers: false});
    const sargat = mixed.report.municipalities.find((m) => m.name === "Саргатский")!;
    expect([sargat.studentsEngaged, sargat.studentsPopulation, sargat.teachersEngaged, sargat.teachersPopulation]).toEqual([500, 1133, 99, 142]);
  });
});

describe("password-protected files written by LibreOffice", () => {
  for (const [file, format] of [["report.ods", "ods"], ["report.xls", "xls"]] as const) {
    it(`${file} is refused as protected by a password, and the message says how to remove it`, async () => {
      const e = await examineFile(file, readFileSync(join(FIXTURES, "encrypted", file)));
      expect(e).toMatchObject({ok: false, format, issues: [{kind: "file/encrypted", details: {format}}]});
      const message = toIssue((e as {issues: IssueFacts[]}).issues[0]!).message;
      expect(message).toMatch(format === "ods" ? /^Таблица OpenDocument \(\.ods\) защищена паролем/ : /^Книга Excel 97–2003 \(\.xls\) защищена паролем/);
      expect(message).toContain("Снимите пароль");
    });
  }
});
