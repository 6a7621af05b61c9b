// The bundled sample region (data/sample/**): what `mentoring serve --sample` and the dashboards'
// build load into an empty database. Below bin/ and scripts/, so neither imports the other.
import {readFile} from "node:fs/promises";
import {basename, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import type {Store} from "../store/database.ts";
import {loadSettings} from "../settings/load.ts";
import {collectFiles} from "./collectFiles.ts";
import {ingestBytes} from "./ingest.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const SAMPLE_DIR = join(ROOT, "data", "sample");

/** The ingest options a sample file needs from where it lies: a period folder, a wave folder. */
export function sampleOptions(path: string): {period?: string; wave?: string} {
  const parts = relative(SAMPLE_DIR, path).split(sep);
  const period = parts.find((p, i) => i > 0 && parts[i - 1] === "forms-no-period" && /^\d{4}-Q[1-4]$/.test(p));
  const wave = parts.find((p) => p === "entry" || p === "exit");
  return {...(period ? {period} : {}), ...(wave ? {wave} : {})};
}

/** Loads every file of data/sample into the store, in sorted path order, with the store's settings. */
export async function ingestSample(store: Store, log: (line: string) => void = () => undefined): Promise<number> {
  const files = await collectFiles([SAMPLE_DIR]);
  const {settings} = await loadSettings(store);
  for (const [i, path] of files.entries()) {
    const o = await ingestBytes(store, basename(path), await readFile(path), {...sampleOptions(path), settings});
    log(`  [${i + 1}/${files.length}] ${relative(ROOT, path)}: ${o.status}`);
  }
  return files.length;
}
