// RELIABILITY.md's hostile files against a running server (a child process, so its own memory is
// measured): each is refused in under 2 s, the server stays under 300 MB and keeps answering.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {randomBytes} from "node:crypto";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {childServer, peakRssMb, sample, testServer, upload, type ChildServer} from "./helpers.ts";
import {makeZip, workbookEntries} from "../helpers/zip.ts";
import {workbook, form1} from "../helpers/xlsx.ts";

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const sheet = (body: string) => `<worksheet><sheetData>${body}</sheetData></worksheet>`;

async function hostileFiles(): Promise<Array<{what: string; bytes: Buffer; kind: string}>> {
  const good = await workbook((wb) => form1(wb.addWorksheet("Лист1"), [["Тарский", "СОШ № 1", "", 85, 15, 5]]));
  const entries = workbookEntries(sheet(""));
  const rows = Array.from({length: 60_000}, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
  const strings = `<sst>${"<si><t>a</t></si>".repeat(2_000_000)}</sst>`;
  return [
    {what: "DOCTYPE with an external entity", kind: "file/xml-doctype",
      bytes: makeZip(workbookEntries(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row>")}`))},
    {what: "billion laughs", kind: "file/xml-doctype",
      bytes: makeZip(workbookEntries(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&c;</t></is></c></row>")}`))},
    {what: "zip bomb (a sheet inflating a thousand times)", kind: "file/zip-bomb",
      bytes: makeZip(workbookEntries(sheet(""), [{name: "xl/worksheets/sheet2.xml", data: Buffer.alloc(64 * 1024 * 1024, 0x20)}]))},
    {what: "headers claiming 1 KB that inflate to 4 MB", kind: "file/zip-bomb",
      bytes: makeZip(workbookEntries(sheet(""), [{name: "xl/media/x.bin", data: Buffer.alloc(4 * 1024 * 1024, 0x41), declaredSize: 1024}]))},
    {what: "two million shared strings", kind: "file/zip-bomb",
      bytes: makeZip(workbookEntries(sheet(""), [{name: "xl/sharedStrings.xml", data: Buffer.from(strings)}]))},
    {what: "60,000 rows, past the server's row cap", kind: "file/sheet-too-large", bytes: makeZip(workbookEntries(sheet(rows)))},
    {what: "a workbook cut in half", kind: "file/corrupt", bytes: good.subarray(0, Math.floor(good.length / 2))},
    {what: "two entries with the same name", kind: "file/corrupt", bytes: makeZip([...entries, entries[3]!])},
    {what: "password-protected workbook", kind: "file/encrypted",
      bytes: Buffer.concat([OLE, Buffer.alloc(512), Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(512)])},
    {what: "an OLE file with nothing valid in it", kind: "file/corrupt", bytes: Buffer.concat([OLE, Buffer.alloc(2048)])},
    {what: "11 MB of random bytes", kind: "upload/too-large", bytes: randomBytes(11 * 1024 * 1024)}
  ];
}

describe("hostile files against a running server", () => {
  let dir: string, server: ChildServer, files: Awaited<ReturnType<typeof hostileFiles>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mentoring-hostile-"));
    [server, files] = await Promise.all([childServer(join(dir, "m.duckdb")), hostileFiles()]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, {recursive: true, force: true});
  });

  it("each is rejected in under 2 s with what it is, the server stays under 300 MB and still accepts a good file", async () => {
    const csrf = await server.csrf();
    const seen: Array<[string, string, boolean]> = [];
    for (const f of files) {
      const started = performance.now();
      const r = await upload(server.url, csrf, [{name: `${f.what}.xlsx`, bytes: f.bytes}]);
      const ms = performance.now() - started;
      expect(r.status).toBe(200);
      seen.push([f.what, r.body.files[0].issues[0]?.kind, ms < 2000]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    expect(seen).toEqual(files.map((f) => [f.what, f.kind, true]));
    const after = await upload(server.url, csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx")]);
    expect(after.body.files[0].status).toBe("accepted");
    expect(peakRssMb(server.child.pid!)).toBeLessThan(300);
  }, 90_000);
});

describe("a file the parser cannot finish in time", () => {
  it("is rejected as such, its worker is replaced, and the server goes on", async () => {
    const s = await testServer({parseTimeoutMs: 1, workers: 1});
    try {
      const r = await upload(s.url, s.csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx")]);
      expect(r.body.files[0]).toMatchObject({status: "rejected"});
      expect(r.body.files[0].issues.map((i: {kind: string}) => i.kind)).toEqual(["file/parse-timeout"]);
      expect(s.pool.restarts).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await s.close();
    }
  }, 60_000);
});
