// kill -9 during a batch, then restart: the database holds exactly the files answered as accepted,
// at most one more (in flight when the server died, found by its hash), and no partial file.
import {describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {childServer, upload} from "./helpers.ts";
import {quarterFile} from "../helpers/region.ts";
import {sha256} from "../../loaders/ingest.ts";
import {Store, all} from "../../store/database.ts";

describe("a server killed in the middle of a batch", () => {
  it("restarts with every acknowledged file, at most one unacknowledged one, and nothing partial", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-kill-"));
    const db = join(dir, "m.duckdb");
    try {
      const files = await Promise.all(Array.from({length: 30}, async (_, i) => ({name: `s${i}.xlsx`,
        bytes: await quarterFile("за II квартал 2024 г.", Array.from({length: 20}, (_, k) => ({m: "Тарский", name: `СОШ № ${i * 20 + k}`,
          students: 50, teachers: 9, forms: {2: [k + 1, 1] as [number, number], 3: [2, 2] as [number, number]}})))})));
      const server = await childServer(db);
      const csrf = await server.csrf();
      const acknowledged: string[] = [];
      const sent: string[] = [];
      await new Promise<void>((done) => {
        (async () => {
          for (const f of files) {
            sent.push(sha256(f.bytes));
            const r = await upload(server.url, csrf, [f]).catch(() => null);
            if (!r) break;
            if (r.body.files[0].status === "accepted") acknowledged.push(sha256(f.bytes));
            if (acknowledged.length === 8) setTimeout(() => { server.child.kill("SIGKILL"); }, 5 + Math.random() * 40);
          }
          done();
        })();
      });
      await new Promise((r) => server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once("exit", r));
      expect(server.child.signalCode).toBe("SIGKILL");

      const store = await Store.open(db);
      try {
        const uploads = await store.read((c) => all<{upload_id: number; sha256: string; status: string}>(c, "SELECT upload_id, sha256, status FROM uploads"));
        const hashes = uploads.map((u) => u.sha256);
        for (const h of acknowledged) expect(hashes).toContain(h);
        const extra = hashes.filter((h) => !acknowledged.includes(h));
        expect(extra.length).toBeLessThanOrEqual(1);
        for (const h of extra) expect(sent).toContain(h);
        // Every stored file is whole: its 20 schools, 40 engagement rows, nothing from an upload that is not there.
        const perUpload = await store.read((c) => all<{upload_id: number; schools: number; rows: number}>(c,
          `SELECT u.upload_id, (SELECT count(*) FROM school_periods sp WHERE sp.upload_id = u.upload_id) AS schools,
                  (SELECT count(*) FROM engagement e WHERE e.upload_id = u.upload_id) AS rows FROM uploads u ORDER BY 1`));
        for (const u of perUpload) expect([u.schools, u.rows]).toEqual([20, 40]);
        const orphans = await store.read((c) => all<{n: number}>(c, "SELECT count(*) AS n FROM engagement WHERE upload_id NOT IN (SELECT upload_id FROM uploads)"));
        expect(orphans[0]!.n).toBe(0);
      } finally {
        await store.close();
      }
      // And a server starts again on the same database.
      const again = await childServer(db);
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      await again.stop();
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 120_000);
});
