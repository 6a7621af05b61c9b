// A database from before the directory (migrations 1–5, forms already loaded) opened by this version:
// migration 006 gives every stored spelling its keys and its directory school, and the reports see them.
import {describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {migrations} from "../../store/migrations/index.ts";
import {Store, all} from "../../store/database.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {projectSettings} from "../helpers/settings.ts";

describe("migration 006 on an older database", () => {
  it("links the schools already stored, «Саргатский» and «Саргатский р-н» spellings to one school", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-old-"));
    const path = join(dir, "m.duckdb");
    try {
      const instance = await DuckDBInstance.create(path);
      const c = await instance.connect();
      await c.run("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
      for (const m of migrations.filter((x) => x.version <= 5)) {
        for (const sql of m.statements) await c.run(sql);
        await c.run(`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}')`);
      }
      // Two uploads of one school for I and II quarter, its district written two ways (two spellings, as before 006).
      await c.run(`INSERT INTO uploads (file_name, sha256, size_bytes, kind, period, status) VALUES ('q1.xlsx', 'a', 1, 'forms', '2024-Q1', 'accepted'),
        ('q2.xlsx', 'b', 1, 'forms', '2024-Q2', 'accepted')`);
      await c.run(`INSERT INTO schools (school_key, municipality, name) VALUES ('саргатский|сош № 1', 'Саргатский', 'СОШ № 1'),
        ('саргатский р-н|мбоу "сош № 1"', 'Саргатский р-н', 'МБОУ "СОШ № 1"')`);
      await c.run(`INSERT INTO school_periods VALUES (1, 1, '2024-Q1', true), (2, 2, '2024-Q2', true)`);
      await c.run(`INSERT INTO populations VALUES (1, 1, '2024-Q1', 100, 10, 1, 'Лист1', 4), (2, 2, '2024-Q2', 100, 10, 1, 'Лист1', 4)`);
      await c.run(`INSERT INTO engagement VALUES (1, 1, '2024-Q1', 2, 'А', 30, 30, NULL, 'Лист1', 10), (1, 1, '2024-Q1', 3, 'Б', 3, 3, NULL, 'Лист1', 20),
        (2, 2, '2024-Q2', 2, 'А', 40, 40, NULL, 'Лист1', 10), (2, 2, '2024-Q2', 3, 'Б', 4, 4, NULL, 'Лист1', 20)`);
      c.closeSync();
      instance.closeSync();

      const store = await Store.open(path);
      try {
        const linked = await store.read((conn) => all(conn, "SELECT school_id, directory_school_id, municipality FROM school_directory ORDER BY 1"));
        expect(linked).toEqual([{school_id: 1, directory_school_id: 1, municipality: "Саргатский"}, {school_id: 2, directory_school_id: 1, municipality: "Саргатский"}]);
        // The II quarter is complete (the one school of I quarter's Form 1 reported again, under its other spelling): 80 of 100.
        const r = await engagementReport(store, projectSettings(), {period: "2024-Q2"});
        expect([r.region.studentsEngaged, r.region.studentsPopulation, r.region.coverage.label]).toEqual([80, 100, "по 1 из 1 школы"]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
