// `npm run bench`: runs every benchmark (bench/<area>.ts) in its own process, then assembles
// bench/RESULTS.md from the sections they wrote to bench/results/<area>.md.
// `npm run bench -- forms server` runs only the named ones.
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {cpus, totalmem} from "node:os";

const ORDER = ["forms", "formats", "diagnostics", "dashboards", "server", "soak", "routes", "federal", "live"];
const wanted = process.argv.slice(2);
const areas = ORDER.filter((a) => existsSync(`bench/${a}.ts`) && (wanted.length === 0 || wanted.includes(a)));

for (const area of areas) {
  process.stderr.write(`\n=== bench/${area}.ts ===\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${area}.ts`], {stdio: "inherit"});
  if (r.status !== 0) process.stderr.write(`bench/${area}.ts завершился с кодом ${r.status}\n`);
}

const rank = (file: string) => {
  const i = ORDER.indexOf(file.replace(/\.md$/, ""));
  return i < 0 ? ORDER.length : i;
};
const sections = readdirSync("bench/results").filter((f) => f.endsWith(".md")).sort((a, b) => rank(a) - rank(b))
  .map((f) => readFileSync(`bench/results/${f}`, "utf8").trim());
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
writeFileSync("bench/RESULTS.md", `# Benchmark results

Produced by \`npm run bench\` (each area: \`npx tsx bench/<area>.ts\`), on: ${machine}.
Each section names its own command, the median of its runs and peak memory (maxRSS of a child process).

${sections.join("\n\n")}
`);
process.stderr.write("bench/RESULTS.md обновлён\n");
