// Child process of the bounded-memory tests: reads (or examines) one file under the small V8 heap it
// was started with, and prints what came out, how long it took and the memory it used. A file that
// needed more memory than the heap allows kills the child, and the test sees it.
//   node --max-old-space-size=256 --import tsx tests/helpers/examineChild.ts <read|examine> <file> [read limits JSON]
//   node --max-old-space-size=256 --import tsx tests/helpers/examineChild.ts examine-each <folder>   (one line per file)
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {examineFile, defaultIngestLimits} from "../../loaders/ingest.ts";
import {readSpreadsheet} from "../../loaders/formats/readSpreadsheet.ts";

const [mode, file, read] = process.argv.slice(2) as [string, string, string | undefined];
if (mode === "examine-each") {
  for (const name of readdirSync(file).sort()) {
    const started = performance.now();
    let outcome: string;
    try {
      const e = await examineFile(name, readFileSync(join(file, name)));
      outcome = e.ok ? e.kind.name : e.issues.map((i) => i.kind).join(",");
    } catch (err) {
      outcome = `exception: ${(err as Error).message}`;
    }
    process.stdout.write(`${JSON.stringify({file: name, outcome, ms: Math.round(performance.now() - started),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1048576)})}\n`);
  }
  process.exit(0);
}
const bytes = readFileSync(file);
const limits = {...defaultIngestLimits, read: {...defaultIngestLimits.read, ...(read ? JSON.parse(read) : {})}};
const started = performance.now();
let out: Record<string, unknown>;
if (mode === "read") {
  const r = readSpreadsheet(file, bytes, limits);
  out = r.ok ? {outcome: "read", format: r.format, merges: r.workbook.sheets.reduce((n, s) => n + s.merges.length, 0),
    cells: r.workbook.sheets.reduce((n, s) => n + s.rows.reduce((k, row) => k + (row ? row.filter((c) => c !== undefined).length : 0), 0), 0)}
    : {outcome: r.refusal.kind, details: "details" in r.refusal ? r.refusal.details : {}};
} else {
  const e = await examineFile(file, bytes, {}, limits);
  out = {outcome: e.ok ? e.kind.name : e.issues.map((i) => i.kind).join(","), format: e.format ?? null,
    details: e.ok ? null : e.issues[0]?.details ?? null};
}
process.stdout.write(`${JSON.stringify({...out, ms: Math.round(performance.now() - started), rssMb: Math.round(process.resourceUsage().maxRSS / 1024)})}\n`);
