import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {childServer} from "./helpers.ts";

describe("a second server on the same database", () => {
  it("refuses to start with a clear Russian message, and the first goes on answering", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mentoring-lock-"));
    const db = join(dir, "m.duckdb");
    const first = await childServer(db);
    try {
      const second = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "serve", "--db", db, "--port", "0", "--no-dashboards"],
        {encoding: "utf8", timeout: 60_000});
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("уже открыта другим процессом");
      expect(second.stderr).toContain("первый продолжает работать");
      expect(second.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.stop();
      rmSync(dir, {recursive: true, force: true});
    }
  }, 90_000);
});
