// V8 lets its heap grow by a large factor between full collections, so a process that has just read
// a 100,000-row workbook holds hundreds of MB of garbage at its peak. A small growth factor keeps the
// resident size near the live data: ingesting 2 × 100,000 diagnostics rows peaked at ~625 MB without
// it and ~460 MB with it, ~10 % slower; small files are unaffected (measured with bench/diagnostics.ts
// and bench/forms.ts). Every entry point that ingests applies it: the CLI and server (bin/cli.ts)
// and the benchmarks' child processes, which measure ingestion as the product runs it.
import v8 from "node:v8";

export function applyMemoryPolicy(): void {
  v8.setFlagsFromString("--heap-growing-percent=10");
}
