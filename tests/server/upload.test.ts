import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readdirSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {testServer, upload, sample, type TestServer} from "./helpers.ts";
import {engagementReport} from "../../reports/engagement.ts";
import {all} from "../../store/database.ts";
import {projectSettings} from "../helpers/settings.ts";

let s: TestServer;
beforeAll(async () => { s = await testServer(); }, 60_000);
afterAll(async () => { await s?.close(); });

// A CSV under an .xlsx name whose columns are no report we know (district and school alone would be a directory of schools).
const csv = {name: "отчёт.xlsx", bytes: Buffer.from("Покупка;Цена\nХлеб;40\n")};

async function readXlsx(url: string): Promise<string[][]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

describe("uploading through the HTTP API", () => {
  it("three files in one request come back as accepted, accepted with remarks and rejected, with their issues", async () => {
    const r = await upload(s.url, s.csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx"), sample("forms/2024-Q1/omskiy_morozovskaya.xlsx"), csv],
      {batch: "batch-one"});
    expect(r.status).toBe(200);
    const files = r.body.files as Array<{file: string; status: string; uploadId: number; issues: Array<{kind: string; cell: string | null; value: string | null}>}>;
    expect(files.map((f) => [f.file, f.status])).toEqual([
      ["omskiy_sosh_12.xlsx", "accepted"], ["omskiy_morozovskaya.xlsx", "accepted_with_remarks"], ["отчёт.xlsx", "rejected"]]);
    expect(files[1]!.issues).toContainEqual(expect.objectContaining({kind: "table/total-mismatch", cell: "E12", value: "45"}));
    expect(files[2]!.issues.map((i) => i.kind)).toEqual(["file/unknown-format"]);
    // Every accepted file is kept under a generated name, none under the sender's; a rejected
    // file's bytes are not kept at all (issue 13 §3).
    const kept = readdirSync(join(s.dir, "uploads"));
    expect(kept).toHaveLength(2);
    for (const k of kept) expect(k).toMatch(/^[0-9a-f-]{36}\.xlsx$/);
    const links = await s.store.read((c) => all<{upload_id: number; stored_name: string}>(c,
      "SELECT upload_id, stored_name FROM upload_files ORDER BY upload_id"));
    expect(links.map((l) => l.upload_id)).toEqual(files.filter((f) => f.status !== "rejected").map((f) => f.uploadId));
    expect(new Set(links.map((l) => l.stored_name))).toEqual(new Set(kept));
  });

  it("the issues of one file download as an XLSX a school can act on", async () => {
    const id = (await s.store.read((c) => all<{id: number}>(c, "SELECT upload_id AS id FROM uploads WHERE file_name = 'omskiy_morozovskaya.xlsx'")))[0]!.id;
    const rows = await readXlsx(`${s.url}/api/uploads/${id}/issues.xlsx`);
    expect(rows[1]).toEqual(["Файл", "Загрузка №", "Школа", "Лист", "Ячейка", "Важность", "Что не так и как исправить", "Значение в файле", "Что ожидалось"]);
    expect(rows[2]!.slice(0, 2)).toEqual(["omskiy_morozovskaya.xlsx", String(id)]);
    expect(rows[2]!.slice(3, 6)).toEqual(["Лист1", "E12", "ошибка"]);
    expect(rows[2]![6]).toContain("не сходится с суммой строк");
  });

  it("the whole batch's issues download together, one line per file without issues", async () => {
    const rows = await readXlsx(`${s.url}/api/batches/batch-one/issues.xlsx`);
    const files = rows.slice(2).map((r) => r[0]);
    expect(new Set(files)).toEqual(new Set(["omskiy_sosh_12.xlsx", "omskiy_morozovskaya.xlsx", "отчёт.xlsx"]));
    expect(rows.find((r) => r[0] === "omskiy_sosh_12.xlsx")![6]).toBe("Замечаний нет");
  });

  it("the same bytes again change nothing and say which upload holds them", async () => {
    const before = await s.store.read((c) => all<{n: number}>(c, "SELECT count(*) AS n FROM uploads"));
    const r = await upload(s.url, s.csrf, [sample("forms/2024-Q1/omskiy_sosh_12.xlsx")]);
    expect(r.body.files[0]).toMatchObject({status: "already_loaded", uploadId: null});
    expect(r.body.files[0].sameAs).toBeGreaterThan(0);
    expect(await s.store.read((c) => all<{n: number}>(c, "SELECT count(*) AS n FROM uploads"))).toEqual(before);
  });

  it("a correction replaces the school's quarter, and undoing it restores what it replaced", async () => {
    const figure = async () => (await engagementReport(s.store, projectSettings(), {period: "2024-Q1"})).schools
      .find((x) => x.name.includes("Тарская СОШ № 3"))!.studentsEngaged;
    const first = await upload(s.url, s.csrf, [sample("forms/2024-Q1/tarskiy_sosh_3.xlsx")]);
    const original = await figure();
    const fix = await upload(s.url, s.csrf, [sample("forms/2024-Q1-corrections/tarskiy_sosh_3.xlsx")]);
    expect(fix.body.files[0].replaces).toEqual([first.body.files[0].uploadId]);
    const corrected = await figure();
    expect(corrected).not.toBe(original);

    const history = (await (await fetch(`${s.url}/api/history`)).json()).uploads as Array<{uploadId: number; replaces: number[]; replacedBy: number[]}>;
    expect(history.find((h) => h.uploadId === first.body.files[0].uploadId)!.replacedBy).toEqual([fix.body.files[0].uploadId]);

    const undo = await fetch(`${s.url}/api/uploads/${fix.body.files[0].uploadId}/undo`, {method: "POST",
      headers: {"X-CSRF-Token": s.csrf, Accept: "application/json"}});
    expect(await undo.json()).toMatchObject({uploadId: fix.body.files[0].uploadId, restored: [first.body.files[0].uploadId]});
    expect(await figure()).toBe(original);
    const again = await fetch(`${s.url}/api/uploads/${fix.body.files[0].uploadId}/undo`, {method: "POST",
      headers: {"X-CSRF-Token": s.csrf, Accept: "application/json"}});
    expect(again.status).toBe(409);
    // The history page shows it, crossed out, and the plain form (no script) also works.
    const html = await (await fetch(`${s.url}/history`)).text();
    expect(html).toContain(`отменена`);
  });

  it("the engagement export is a formatted workbook with the report's figures", async () => {
    const res = await fetch(`${s.url}/exports/engagement.xlsx?period=2024-Q1`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Муниципалитеты", "Школы", "Формы и программы", "Банк практик", "Не отчитались", "Ошибки данных"]);
    const report = await engagementReport(s.store, projectSettings(), {period: "2024-Q1"});
    const region = wb.getWorksheet("Муниципалитеты")!.getRow(3);
    expect(region.getCell(1).value).toBe("Регион");
    expect(region.getCell(2).value).toBe(report.region.studentsEngaged);
    expect(region.getCell(4).value as number).toBeCloseTo(report.region.studentsPct! / 100, 10);
    expect(region.getCell(4).numFmt).toMatch(/^0\.0+%$/);
  });
});
