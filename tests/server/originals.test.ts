// Issue 13 §3, 152-ФЗ: originals of accepted files are kept within a quota (the oldest go first) and
// a retention period, and deleted on request (`mentoring uploads purge-originals`); deleting one
// changes no data. Originals an earlier version kept of rejected files, and files no upload refers
// to, are removed at start.
import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {sample, testServer, upload} from "./helpers.ts";
import {Store, all} from "../../store/database.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {enforcePolicy} from "../../server/originals.ts";
import {startServer} from "../../server/app.ts";
import {projectSettings} from "../helpers/settings.ts";

const files = ["omskiy_sosh_12", "omskiy_morozovskaya", "omskiy_druzhinskaya"].map((n) => sample(`forms/2024-Q1/${n}.xlsx`));

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("kept originals", () => {
  it("stay within the quota: the oldest are deleted, the data stays", async () => {
    // About two files' worth (each is ~9 KB).
    const s = await testServer({originals: {quotaMb: 20 / 1024}});
    try {
      for (const f of files) expect((await upload(s.url, s.csrf, [f])).body.files[0].status).not.toBe("rejected");
      const figures = await engagementReport(s.store, projectSettings(), {period: "2024-Q1"});
      await until(() => readdirSync(join(s.dir, "uploads")).length === 2);
      const rows = await s.store.read((c) => all<{upload_id: number; reason: string | null}>(c,
        "SELECT f.upload_id, d.reason FROM upload_files f LEFT JOIN original_deletions d USING (upload_id) ORDER BY 1"));
      expect(rows.map((r) => r.reason)).toEqual(["quota", null, null]);
      expect(await engagementReport(s.store, projectSettings(), {period: "2024-Q1"})).toEqual(figures);
      const html = await (await fetch(`${s.url}/history`)).text();
      expect(html).toContain("сейчас 2 файла");
    } finally {
      await s.close();
    }
  }, 60_000);

  it("older than the retention period are deleted by the sweep (run at start and hourly)", async () => {
    const s = await testServer();
    try {
      for (const f of files.slice(0, 2)) await upload(s.url, s.csrf, [f]);
      await s.store.write((c) => c.run("UPDATE upload_files SET received_at = current_timestamp - INTERVAL 400 DAY WHERE upload_id = 1"));
      const r = await enforcePolicy(s.store, join(s.dir, "uploads"), {quotaMb: 1024, retentionDays: 365});
      expect(r).toMatchObject({files: 1, uploads: [1]});
      const rows = await s.store.read((c) => all<{reason: string | null}>(c,
        "SELECT d.reason FROM upload_files f LEFT JOIN original_deletions d USING (upload_id) ORDER BY f.upload_id"));
      expect(rows.map((x) => x.reason)).toEqual(["retention", null]);
      expect(readdirSync(join(s.dir, "uploads"))).toHaveLength(1);
    } finally {
      await s.close();
    }
  }, 60_000);

  it("are deleted on request from the command line, one upload's or all older than N days", async () => {
    const s = await testServer();
    const db = join(s.dir, "m.duckdb");
    for (const f of files) await upload(s.url, s.csrf, [f]);
    await s.close();
    const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "uploads", "purge-originals", "--db", db, ...args],
      {encoding: "utf8"});
    const one = run("--upload", "2");
    expect([one.status, one.stdout]).toEqual([0, "Удалено исходных файлов: 1 (0 МБ), загрузки № 2. Данные загрузок не изменены.\nОсталось: 2 файла, 0 МБ.\n"]);
    const none = run();
    expect(none.status).toBe(1);
    expect(none.stderr).toBe("Ошибка: укажите --older-than ДНЕЙ или --upload НОМЕР: что удалить.\n");
    const all0 = run("--older-than", "0");
    expect(all0.stdout).toContain("Удалено исходных файлов: 2 (0 МБ), загрузки № 1, 3.");
    expect(readdirSync(join(s.dir, "uploads"))).toEqual([]);
    const store = await Store.open(db);
    try {
      const rows = await store.read((c) => all<{n: number; reasons: string}>(c,
        "SELECT count(*)::INTEGER AS n, string_agg(DISTINCT reason, ',') AS reasons FROM original_deletions"));
      expect(rows).toEqual([{n: 3, reasons: "request"}]);
      expect((await store.read((c) => all(c, "SELECT upload_id FROM uploads WHERE status <> 'rejected'")))).toHaveLength(3);
    } finally {
      await store.close();
      rmSync(s.dir, {recursive: true, force: true});
    }
  }, 90_000);

  it("at start: an original kept of a rejected file, and a file no upload refers to, are removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-reconcile-"));
    try {
      const store = await Store.open(join(dir, "m.duckdb"));
      // What an earlier version left: a rejected upload whose original was kept, and a stray file.
      await store.write(async (c) => {
        await c.run("INSERT INTO uploads (upload_id, file_name, sha256, size_bytes, status) VALUES (1, 'x.xlsx', 'h', 5, 'rejected')");
        await c.run("INSERT INTO upload_files (upload_id, stored_name) VALUES (1, '00000000-0000-0000-0000-000000000001.xlsx')");
      });
      await store.close();
      const uploads = join(dir, "uploads");
      mkdirSync(uploads);
      writeFileSync(join(uploads, "00000000-0000-0000-0000-000000000001.xlsx"), "rejected bytes");
      writeFileSync(join(uploads, "00000000-0000-0000-0000-000000000002.xlsx"), "stray bytes");
      writeFileSync(join(uploads, "notes.txt"), "not ours");
      const again = await Store.open(join(dir, "m.duckdb"));
      const s = await startServer({store: again, host: "127.0.0.1", port: 0, distDir: join(dir, "dist"), uploadsDir: uploads,
        snapshotPath: join(dir, "snap.duckdb"), build: null, log: () => undefined});
      try {
        expect(readdirSync(uploads)).toEqual(["notes.txt"]);
        expect(existsSync(join(uploads, "00000000-0000-0000-0000-000000000001.xlsx"))).toBe(false);
        const rows = await again.read((c) => all(c, "SELECT upload_id, reason FROM original_deletions"));
        expect(rows).toEqual([{upload_id: 1, reason: "rejected"}]);
      } finally {
        await s.close();
        await again.close();
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 60_000);
});
