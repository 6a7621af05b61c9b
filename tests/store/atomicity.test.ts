import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store, all} from "../../store/database.ts";

describe("one file is one transaction", () => {
  it("a process killed in the middle of a file leaves the database with the earlier file only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-crash-"));
    const db = join(dir, "m.duckdb");
    const child = spawnSync(process.execPath, ["--import", "tsx", "tests/helpers/crashMidway.ts", db], {encoding: "utf8"});
    expect(child.signal).toBe("SIGKILL");
    expect(JSON.parse(child.stdout.trim())).toEqual({first: 1});
    const store = await Store.open(db);
    try {
      const uploads = await store.read((c) => all(c, "SELECT upload_id, file_name FROM uploads ORDER BY 1"));
      expect(uploads).toEqual([{upload_id: 1, file_name: "tarsky.xlsx"}]);
      const stray = await store.read((c) => all<{n: number}>(c, "SELECT count(*) AS n FROM engagement WHERE upload_id <> 1"));
      expect(stray[0]!.n).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it("a failure inside a write rolls all of it back and later writes go on", async () => {
    const store = await Store.open(":memory:");
    await expect(store.write(async (conn) => {
      await conn.run("INSERT INTO uploads (file_name, sha256, size_bytes, status) VALUES ('a', 'h', 1, 'accepted')");
      throw new Error("boom");
    })).rejects.toThrow("boom");
    await store.write((conn) => conn.run("INSERT INTO uploads (file_name, sha256, size_bytes, status) VALUES ('b', 'h2', 1, 'accepted')"));
    expect(await store.read((c) => all(c, "SELECT file_name FROM uploads"))).toEqual([{file_name: "b"}]);
    await store.close();
  });

  it("the schema is versioned and migrating twice changes nothing", async () => {
    const store = await Store.open(":memory:");
    const versions = await store.read((c) => all<{version: number}>(c, "SELECT version FROM schema_migrations ORDER BY 1"));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 9]);
    await store.close();
  });
});
