// Issue 13 §3: the annual report's PDF is rendered one at a time and cached by the data version:
// twelve parallel requests start one Chromium; a committed upload makes the next request render
// afresh.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {sample, testServer, upload, type TestServer} from "./helpers.ts";
import {CHROMIUM, pdfBrowsers} from "../../reports/exports/annualPdf.ts";

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await upload(s.url, s.csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx"), sample("forms/2024-Q1/omskiy_morozovskaya.xlsx")]);
}, 60_000);
afterAll(async () => { await s?.close(); });

const cmdline = (pid: string) => { try { return readFileSync(`/proc/${pid}/cmdline`, "utf8"); } catch { return ""; } };
const parent = (pid: string) => { try { return readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]!; } catch { return ""; } };

/**
 * Chromium browsers running right now with a PDF profile of this server: processes using such a
 * profile that are not a browser's helpers (`--type=…`) nor its launcher's subshells (whose parent
 * uses the profile too).
 */
function pdfChromiums(): number {
  let n = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const cmd = cmdline(pid);
    if (cmd.includes("mentoring-pdf-") && !cmd.includes("--type=") && !cmdline(parent(pid)).includes("mentoring-pdf-")) n++;
  }
  return n;
}

describe.skipIf(!existsSync(CHROMIUM))("twelve parallel requests for the annual report's PDF", () => {
  it("start one Chromium, render once, and all get the same PDF", async () => {
    const launched = pdfBrowsers.launched;
    let most = 0;
    const watch = setInterval(() => { most = Math.max(most, pdfChromiums()); }, 25);
    const answers = await Promise.all(Array.from({length: 12}, () => fetch(`${s.url}/exports/annual.pdf?year=2024`)));
    clearInterval(watch);
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(bodies[0]!.subarray(0, 5).toString()).toBe("%PDF-");
    for (const b of bodies) expect(b.equals(bodies[0]!)).toBe(true);
    expect(pdfBrowsers.launched - launched).toBe(1);
    expect(pdfBrowsers.maxRunning).toBe(1);
    expect(s.app.pdf.renders).toBe(1);
    expect(most).toBe(1);
  }, 120_000);

  it("a new upload changes the data version: the next request renders again, then it is cached", async () => {
    const version = s.app.dataVersion();
    await upload(s.url, s.csrf, [sample("forms/2024-Q1/omskiy_druzhinskaya.xlsx")]);
    expect(s.app.dataVersion()).toBe(version + 1);
    for (let i = 0; i < 2; i++) expect((await fetch(`${s.url}/exports/annual.pdf?year=2024`)).status).toBe(200);
    expect(s.app.pdf.renders).toBe(2);
    expect(pdfBrowsers.maxRunning).toBe(1);
  }, 120_000);
});
