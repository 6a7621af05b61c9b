import {readFileSync} from "node:fs";
import {examineFile} from "./loaders/ingest.ts";
import {guardZip} from "./loaders/xlsx/zipGuard.ts";
import {readWorkbook} from "./loaders/xlsx/readWorkbook.ts";
import {fileKinds} from "./loaders/kinds.ts";
const b = readFileSync(process.argv[2]!);
const mode = process.argv[3];
const t = performance.now();
if (mode === "read") {
  const g = await guardZip(b); if (!g.ok) throw 1;
  const r = readWorkbook(g.entries); if (!r.ok) throw 2;
  console.log("read", (performance.now() - t).toFixed(0), "ms; rss", (process.resourceUsage().maxRSS / 1024).toFixed(0), "MB");
  for (const k of fileKinds) { const t1 = performance.now(); k.detect(r.workbook); console.log(k.name, (performance.now() - t1).toFixed(0), "ms; rss", (process.resourceUsage().maxRSS / 1024).toFixed(0)); }
} else {
  const e = await examineFile("x.xlsx", b);
  console.log("examine", e.ok, (performance.now() - t).toFixed(0), "ms; rss", (process.resourceUsage().maxRSS / 1024).toFixed(0), "MB");
}
