// A body sent a byte at a time (slowloris) against the upload route: it is cut with a Russian 408
// after one window instead of holding the memory admission reserved for it until the request
// timeout (two minutes, renewable at will by sending again). The window is shortened here; the
// server's default is under 4 KB in 15 s.
import {connect} from "node:net";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {sample, testServer, upload, type TestServer} from "../server/helpers.ts";

describe("an upload whose body trickles in", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer({uploadLimits: {maxFileBytes: 10 * 1024 * 1024, maxFiles: 100, stall: {windowMs: 600, minBytes: 1024}}});
  });
  afterAll(async () => { await server?.close(); });

  it("is cut with 408 in Russian after a window, its reserve given back; a file sent at speed is accepted", async () => {
    const u = new URL(server.url);
    const b = "----slow";
    const started = performance.now();
    let reserved = 0;
    const answer = await new Promise<string>((done) => {
      let out = "";
      const s = connect(Number(u.port), u.hostname, () => {
        s.write(`POST /api/uploads HTTP/1.1\r\nHost: ${u.host}\r\nX-CSRF-Token: ${server.csrf}\r\nAccept: application/json\r\n` +
          `Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${30 * 1048576}\r\n\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`);
        const drip = setInterval(() => {
          reserved = Math.max(reserved, server.app.admission.heldBytes);
          if (!s.destroyed) s.write("x");
        }, 100);
        s.on("close", () => clearInterval(drip));
      });
      const timer = setTimeout(() => s.destroy(), 20_000);
      s.on("data", (d: Buffer) => { out += d.toString("utf8"); });
      s.on("close", () => { clearTimeout(timer); done(out); });
      s.on("error", () => undefined);
    });
    expect(reserved).toBeGreaterThan(20 * 1048576);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain("Файл передаётся слишком медленно");
    // Cut after about one window (600 ms), not at the two-minute request timeout.
    expect(performance.now() - started).toBeLessThan(5000);
    for (let t = 0; t < 20 && server.app.admission.heldBytes !== 0; t++) await new Promise((r) => setTimeout(r, 100));
    expect(server.app.admission.heldBytes).toBe(0);
    const r = await upload(server.url, server.csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx")]);
    expect(r.body.files[0].status).toBe("accepted");
  }, 60_000);
});
