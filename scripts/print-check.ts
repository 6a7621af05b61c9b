// The print check of the XLSX exports (issue 15 §5): each export made from the sample is converted
// with LibreOffice (`libreoffice --headless --convert-to pdf`) and its pages counted with `pdfinfo`,
// sheet by sheet and in all; the table goes to docs/print-check.md. Needs LibreOffice and poppler
// (not in CI: tests/reports/exports/printSetup.test.ts checks the print properties instead).
// Run: npx tsx scripts/print-check.ts [--out docs/print-check.md]
import {execFile} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import ExcelJS from "exceljs";
import {Store} from "../store/database.ts";
import {ingestSample} from "../loaders/sample.ts";
import {sampleExports} from "./sampleExports.ts";

const run = promisify(execFile);

async function pdfPages(pdf: string): Promise<number> {
  const {stdout} = await run("pdfinfo", [pdf]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** Sheets with their orientation, width fit and repeated header rows, as the workbook says. */
async function sheetsOf(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => `${ws.name} (${ws.pageSetup.orientation === "landscape" ? "альбомная" : "книжная"}, ${ws.rowCount} строк)`);
}

async function main(): Promise<void> {
  const outArg = process.argv.indexOf("--out");
  const out = outArg > 0 ? process.argv[outArg + 1]! : "docs/print-check.md";
  const dir = mkdtempSync(join(tmpdir(), "print-check-"));
  const store = await Store.open(join(dir, "m.duckdb"));
  try {
    await ingestSample(store);
    const lines: string[] = [];
    for (const e of await sampleExports(store)) {
      const xlsx = join(dir, `${e.name}.xlsx`);
      writeFileSync(xlsx, e.bytes);
      // A private profile: never the user's LibreOffice settings, no clash with another running instance.
      await run("libreoffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx],
        {timeout: 180_000});
      const pages = await pdfPages(join(dir, `${e.name}.pdf`));
      const sheets = await sheetsOf(e.bytes);
      lines.push(`| ${e.name} | ${sheets.length} | ${pages} | ${sheets.join("; ")} |`);
      process.stderr.write(`${e.name}: ${pages} pages\n`);
    }
    const {stdout: version} = await run("libreoffice", ["--version"]);
    writeFileSync(out, [
      "# Print check of the XLSX exports",
      "",
      "Each export made from the sample (`scripts/sampleExports.ts`: annual report 2023/24, engagement I квартал 2024, issues of every",
      "upload, one route, the catalogue, the settings), converted with `libreoffice --headless --convert-to pdf`, pages counted",
      "with `pdfinfo`. Every sheet is A4, fitted to the page width (`fitToWidth 1, fitToHeight 0`), its header row repeated",
      "(`printTitlesRow 2:2`), landscape when wider than 110 characters. Regenerate: `npx tsx scripts/print-check.ts`.",
      "",
      `LibreOffice: ${version.trim()}; run ${new Date().toISOString().slice(0, 10)}.`,
      "",
      "| export | sheets | PDF pages (all sheets) | sheets (orientation, rows) |",
      "|---|---|---|---|",
      ...lines,
      ""
    ].join("\n"));
    process.stderr.write(`written: ${out}\n`);
  } finally {
    await store.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

await main();
