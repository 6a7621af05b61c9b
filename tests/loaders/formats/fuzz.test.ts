// The readers themselves never throw and never yield an Invalid Date (issue 12 §4, reader side):
// LibreOffice-written files of every format, mutated with a fixed seed — bytes flipped, ranges cut,
// doubled or moved, markup characters and huge numbers inserted into the XML before it is zipped
// again — always come out as a workbook or a refusal from the readers' own checks.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readSpreadsheet} from "../../../loaders/formats/readSpreadsheet.ts";
import {inflateZip} from "../../../loaders/xlsx/zipGuard.ts";
import {prng} from "../../../scripts/prng.ts";
import {makeZip} from "../../helpers/zip.ts";

const F = join(import.meta.dirname, "../../fixtures/formats");
const SNIPPETS = ["<", ">", "\"", "'", "&", "&#0;", "&#x110000;", "/>", "</", "<c r=\"A1\">", "<table:table-cell table:number-columns-repeated=\"99999999\">",
  "99999999999", "-1", "1e308", "NaN", "0000-00-00", "31.02.2024", "9999-99-99T99:99", " t=\"d\"", " office:value-type=\"date\" office:date-value=\"2024-02-30\"",
  "\u0000", "\uffff", "]]>", "<!--", "<![CDATA["];

function mutateText(text: string, rnd: () => number): string {
  let s = text;
  for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
    const at = Math.floor(rnd() * s.length), len = Math.floor(rnd() * 64);
    const op = Math.floor(rnd() * 4);
    if (op === 0) s = s.slice(0, at) + s.slice(at + len);
    else if (op === 1) s = s.slice(0, at) + s.slice(at, at + len).repeat(2 + Math.floor(rnd() * 3)) + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + s.slice(at);
    else s = s.slice(0, at) + s.slice(at + len).replace(/\d+/, String(Math.floor(rnd() * 2 ** 31)));
  }
  return s;
}

function mutateBytes(bytes: Buffer, rnd: () => number): Buffer {
  const b = Buffer.from(bytes);
  for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) {
    const op = Math.floor(rnd() * 3), at = Math.floor(rnd() * b.length);
    if (op === 0) b[at] = Math.floor(rnd() * 256);
    else if (op === 1) b.writeUInt32LE(Math.floor(rnd() * 2 ** 32) >>> 0, Math.min(at, b.length - 4));
    else b.fill(0xff, at, Math.min(b.length, at + Math.floor(rnd() * 16)));
  }
  return rnd() < 0.1 ? b.subarray(0, Math.floor(rnd() * b.length)) : b;
}

/** Mutates the XML parts of a zipped file, then zips them again (valid CRCs: the readers see the damage). */
function mutateZipped(bytes: Buffer, rnd: () => number): Buffer {
  const z = inflateZip(bytes);
  if (!z.ok) throw new Error("fixture");
  return makeZip([...z.entries].filter(([name]) => !name.endsWith("/")).map(([name, data]) =>
    ({name, data: name.endsWith(".xml") && rnd() < 0.7 ? Buffer.from(mutateText(data.toString("utf8"), rnd)) : data})));
}

/** Every Date in the workbook is a real one. */
function datesValid(wb: {sheets: Array<{rows: Array<Array<unknown> | undefined>}>}): boolean {
  for (const s of wb.sheets) for (const row of s.rows) for (const slot of row ?? []) {
    const v = slot instanceof Date ? slot : slot && typeof slot === "object" ? (slot as {value: unknown}).value : null;
    if (v instanceof Date && Number.isNaN(v.getTime())) return false;
  }
  return true;
}

const CASES: Array<[string, string, (b: Buffer, rnd: () => number) => Buffer]> = [
  ["xlsx (LibreOffice)", "forms-2024-Q1/xlsx/omskiy_sosh_12.xlsx", mutateZipped],
  ["xlsx (the kinds' sample)", "kinds/roster.xlsx", mutateZipped],
  ["ods", "forms-2024-Q1/ods/omskiy_sosh_12.ods", mutateZipped],
  ["ods (questionnaire)", "kinds/questionnaire.ods", mutateZipped],
  ["xls", "forms-2024-Q1/xls/omskiy_sosh_12.xls", mutateBytes],
  ["xls (diagnostics)", "kinds/diagnostics.xls", mutateBytes],
  ["csv", "forms-2024-Q1/csv/omskiy_sosh_12.cp1251.semicolon.csv", (b, rnd) => Buffer.from(mutateText(b.toString("latin1"), rnd), "latin1")]
];

describe("mutated files never make a reader throw or yield an Invalid Date", () => {
  for (const [what, file, mutate] of CASES) {
    it(`${what}: 150 mutations of ${file}`, () => {
      const original = readFileSync(join(F, file));
      const rnd = prng(20261130);
      const outcomes = new Map<string, number>();
      for (let i = 0; i < 150; i++) {
        const bytes = mutate(original, rnd);
        const r = readSpreadsheet(file, bytes);
        const key = r.ok ? "read" : r.refusal.kind;
        // A refusal comes from the readers' own checks, not from an error they did not foresee.
        const details = !r.ok && "details" in r.refusal ? r.refusal.details as {unexpected?: boolean} : {};
        expect(details.unexpected ? JSON.stringify(details) : null, `mutation ${i}`).toBeNull();
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (r.ok) expect(datesValid(r.workbook), `mutation ${i}`).toBe(true);
      }
      // Not every mutation is fatal: some still read, so the readers' inner paths were exercised.
      expect(outcomes.get("read") ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
});
