// No personal data in the federal export: the whole bundled sample region (forms, diagnostics,
// registries, questionnaires, staff lists) is loaded and exported, and every string of every Parquet
// file — values, column names and key-value metadata — is checked against the names, contacts, file
// names and free text the sample holds.
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {Store, all} from "../../../store/database.ts";
import {ingestSample} from "../../../scripts/build.ts";
import {sampleSchools} from "../../../scripts/make-sample-forms.ts";
import {exportAggregates} from "../../../reports/federal/exportAggregates.ts";
import {TABLES} from "../../../reports/federal/schema.ts";
import {projectSettings} from "../../helpers/settings.ts";

let out: string;
/** Whole strings that must not appear anywhere in the export. */
const forbidden = new Set<string>();
/** Surnames: must not appear as a word. */
const surnames = new Set<string>();
let municipalities: string[] = [];

async function collectPersonalData(store: Store): Promise<void> {
  const q = (sql: string) => store.read((c) => all<{v: string | null}>(c, sql));
  const people = [
    ...await q("SELECT full_name AS v FROM teacher_identities"),
    ...await q("SELECT full_name AS v FROM registry_people")
  ].map((r) => r.v).filter((v): v is string => !!v);
  for (const s of sampleSchools) if (s.director) people.push(s.director);
  for (const p of people) {
    forbidden.add(p);
    const surname = p.trim().split(/\s+/)[0]!;
    if (surname.length >= 4) surnames.add(surname.toLowerCase().replace(/ё/g, "е"));
  }
  const text = [
    ...await q("SELECT contacts AS v FROM registry_people"),
    ...await q("SELECT contact AS v FROM school_contacts"),
    ...await q("SELECT file_name AS v FROM uploads"),
    ...await q("SELECT programme AS v FROM engagement"),
    ...await q("SELECT result AS v FROM engagement"),
    ...await q("SELECT value AS v FROM roster_attributes")
  ].map((r) => r.v).filter((v): v is string => !!v && v.trim().length >= 6);
  for (const t of text) forbidden.add(t);
  municipalities = (await q("SELECT DISTINCT municipality AS v FROM schools")).map((r) => r.v!);
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "federal-privacy-"));
  const store = await Store.open(":memory:");
  try {
    await ingestSample(store);
    await collectPersonalData(store);
    await exportAggregates(store, projectSettings(), {region: {code: "55", name: "Омская область"}, out});
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(out, {recursive: true, force: true}));

async function stringsOf(c: DuckDBConnection, file: string): Promise<string[]> {
  const path = file.replace(/'/g, "''");
  const cols = await all<{column_name: string; column_type: string}>(c, `DESCRIBE SELECT * FROM read_parquet('${path}', hive_partitioning = false)`);
  const values: string[] = cols.map((x) => x.column_name);
  for (const col of cols.filter((x) => x.column_type === "VARCHAR")) {
    values.push(...(await all<{v: string | null}>(c, `SELECT DISTINCT "${col.column_name}" AS v FROM read_parquet('${path}', hive_partitioning = false)`))
      .map((r) => r.v).filter((v): v is string => v !== null));
  }
  for (const kv of await all<{key: Uint8Array; value: Uint8Array}>(c, `SELECT key, value FROM parquet_kv_metadata('${path}')`)) {
    values.push(Buffer.from(kv.key).toString(), Buffer.from(kv.value).toString());
  }
  return values;
}

describe("the federal export of the sample region holds no personal data", () => {
  it("the sample has the personal data this test looks for", () => {
    expect(forbidden.size).toBeGreaterThan(100);
    expect(surnames.size).toBeGreaterThan(50);
  });

  it("no name, contact, file name, programme name or result in any string of any Parquet file", async () => {
    const files = readdirSync(out, {recursive: true, encoding: "utf8"}).filter((f) => f.endsWith(".parquet")).map((f) => join(out, f));
    expect(files.length).toBe(5);  // 2 quarters × 2 tables + diagnostics
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    const seen = new Set<string>();
    try {
      for (const file of files) {
        for (const s of await stringsOf(c, file)) {
          seen.add(s);
          for (const bad of forbidden) expect(s.includes(bad), `${file}: «${s}» contains «${bad}»`).toBe(false);
          const words = s.toLowerCase().replace(/ё/g, "е").split(/[^а-яa-z-]+/);
          for (const w of words) expect(surnames.has(w), `${file}: «${s}» has the surname «${w}»`).toBe(false);
          expect(s, file).not.toMatch(/@|\+7|\d{3}-\d{2}-\d{2}|\.xlsx/i);
        }
      }
    } finally {
      c.closeSync();
      instance.closeSync();
    }
    // What strings there are: the schema's column names, the region, municipalities, waves, area codes, the version.
    const allowed = new Set<string>([...Object.values(TABLES).flatMap((t) => t.columns.map(([n]) => n)), "Омская область", ...municipalities,
      "entry", "exit", "methodological", "subject", "psych_pedagogical", "communicative", "digital", "schema_version", "1"]);
    expect([...seen].filter((s) => !allowed.has(s))).toEqual([]);
  });
});
