// Fuzzing the loaders with mutated sample workbooks of every kind (issue 12 §4): byte flips inside
// zip entries (re-zipped, so the guard lets them through to the parsers), XML cut short, and cell
// values swapped for odd ones. With a fixed seed the same few hundred files are tried on every run.
// No exception may escape examineFile or ingestBytes, and a mutated file must end as data — its
// own outcome with issues — not as a crash: «file/parse-failed» (an unexpected error caught at
// the edge) must not happen either.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {examineFile, ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";
import {prng} from "../../scripts/prng.ts";
import {settingsWorkbook} from "../../reports/exports/settingsXlsx.ts";
import {readSettingsFiles} from "../../settings/load.ts";
import {makeZip, readZip, type ZipEntry} from "../helpers/zip.ts";

const SAMPLE = join(import.meta.dirname, "../../data/sample");
const SEEDS: Array<[string, string]> = [
  ["forms", "forms/2024-Q1/omskiy_morozovskaya.xlsx"],
  ["forms", "forms-no-period/2024-Q2/sargatskiy_andreevskaya.xlsx"],
  ["diagnostics", "diagnostics/Саргатский_входная_диагностика_2025.xlsx"],
  ["registry-mentees", "registries/sargatka-sosh1-mentees.xlsx"],
  ["registry-mentors", "registries/tara-oosh5-mentors.xlsx"],
  ["questionnaire", "effectiveness/анкета-итоговая-2025.xlsx"],
  ["roster", "effectiveness/кадры-2025.xlsx"],
  ["indicators", "effectiveness/показатели-тарская-сош-3.xlsx"]
];

const ODD_VALUES = ["NaN", "-0", "1e309", "-1e309", "9999999999999999999999", "0x1F", "", " ", "31.02.2024", "2024-13-45", "99999-01-01",
  "=1/0", "@SUM(A1)", "\u0000", "\u202e«перевёрнутый»", "ё".repeat(5000), "-12,5", "1 234 567", "пятьдесят", "true", "#REF!", "1.5e-320"];

type Mutation = (entries: ZipEntry[], rand: () => number) => void;

const pick = <T>(xs: readonly T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)]!;
const xmlEntries = (entries: ZipEntry[]) => entries.filter((e) => e.name.endsWith(".xml") || e.name.endsWith(".rels"));

/** A few random bytes of one XML part flipped: broken tags, names and numbers. */
const flipBytes: Mutation = (entries, rand) => {
  const e = pick(xmlEntries(entries), rand);
  const data = Buffer.from(e.data);
  for (let k = 1 + Math.floor(rand() * 6); k > 0; k--) {
    const at = Math.floor(rand() * data.length);
    data[at] = data[at]! ^ (1 << Math.floor(rand() * 8));
  }
  e.data = data;
};

/** One XML part cut short anywhere. */
const truncate: Mutation = (entries, rand) => {
  const e = pick(xmlEntries(entries), rand);
  e.data = e.data.subarray(0, Math.floor(rand() * e.data.length));
};

/** Cell values of a sheet replaced by odd ones, as numbers, inline strings, dates or booleans. */
const swapValues: Mutation = (entries, rand) => {
  const sheets = entries.filter((e) => /worksheets\/sheet\d+\.xml$/.test(e.name));
  const e = pick(sheets.length ? sheets : xmlEntries(entries), rand);
  let n = 0;
  const xml = e.data.toString("utf8").replace(/<c ([^>]*?)(\/>|>[\s\S]*?<\/c>)/g, (whole, attrs: string) => {
    if (rand() > 0.15 || n > 40) return whole;
    n++;
    const ref = /r="([A-Z]+\d+)"/.exec(attrs)?.[1];
    const at = ref ? ` r="${ref}"` : "";
    const v = pick(ODD_VALUES, rand).replace(/[<&]/g, "");
    switch (Math.floor(rand() * 5)) {
      case 0: return `<c${at}><v>${v}</v></c>`;
      case 1: return `<c${at} t="inlineStr"><is><t>${v}</t></is></c>`;
      case 2: return `<c${at} t="d"><v>${v}</v></c>`;
      case 3: return `<c${at} t="b"><v>${v}</v></c>`;
      default: return `<c${at} t="s"><v>${Math.floor(rand() * 1e6)}</v></c>`;
    }
  });
  e.data = Buffer.from(xml);
};

const MUTATIONS: Array<[string, Mutation]> = [["byte flips", flipBytes], ["truncated XML", truncate], ["odd cell values", swapValues]];
const CASES_PER_SEED_AND_MUTATION = 12;

interface Case { name: string; kind: string; bytes: Buffer }

function cases(seeds: Array<[string, Buffer]>): Case[] {
  const rand = prng(20261201);
  const out: Case[] = [];
  for (const [kind, original] of seeds) {
    for (const [label, mutate] of MUTATIONS) {
      for (let i = 0; i < CASES_PER_SEED_AND_MUTATION; i++) {
        const entries = readZip(original);
        mutate(entries, rand);
        if (rand() < 0.3) mutate(entries, rand);
        out.push({name: `${kind}-${label}-${i}.xlsx`, kind, bytes: makeZip(entries)});
      }
    }
  }
  return out;
}

let all: Case[] = [];
let store: Store;
beforeAll(async () => {
  const seeds: Array<[string, Buffer]> = SEEDS.map(([kind, path]) => [kind, readFileSync(join(SAMPLE, path))]);
  seeds.push(["settings", await settingsWorkbook(readSettingsFiles())]);
  all = cases(seeds);
  store = await Store.open(":memory:");
});
afterAll(async () => { await store?.close(); });

describe("fuzzing the loaders with mutated sample workbooks (fixed seed)", () => {
  it(`examines ${SEEDS.length + 1} kinds × ${MUTATIONS.length} mutations × ${CASES_PER_SEED_AND_MUTATION} files without an exception escaping`, async () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    const failed: string[] = [];
    let rejected = 0, accepted = 0;
    for (const c of all) {
      const r = await examineFile(c.name, c.bytes);
      const issues = r.ok ? r.parsed.issues : r.issues;
      if (issues.some((i) => i.kind === "file/parse-failed")) failed.push(c.name);
      if (r.ok) accepted++; else rejected++;
      // Every issue can be worded: the records a person reads are complete.
      for (const i of issues) expect(typeof i.kind).toBe("string");
    }
    // Both outcomes occur: the mutations reach the parsers, not only the zip guard.
    expect(accepted).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
    expect(failed).toEqual([]);
  });

  it("stores a mutated file of every kind as an outcome (one transaction each), never throwing", async () => {
    const rand = prng(7);
    const some = all.filter(() => rand() < 0.25);
    const statuses = new Set<string>();
    for (const c of some) {
      const o = await ingestBytes(store, c.name, c.bytes);
      statuses.add(o.status);
      expect(o.issues.every((i) => i.message.length > 0 && !/NaN\.NaN|undefined/.test(i.message))).toBe(true);
      expect(o.issues.some((i) => i.kind === "file/parse-failed")).toBe(false);
    }
    expect(some.length).toBeGreaterThan(50);
    expect(statuses.has("rejected")).toBe(true);
  });
});
