// Which files a folder holds for ingestion: every workbook under the given paths, folders
// recursively, in a stable (sorted) order. Shared by `mentoring ingest` (bin/) and the sample
// loading of the server and the dashboards' build (loaders/sample.ts), below both.
import {readdir, stat} from "node:fs/promises";
import {extname, join} from "node:path";
import {SPREADSHEET_EXTENSIONS} from "./formats/readSpreadsheet.ts";

/** A path given to collectFiles that does not exist (the command turns it into a user error). */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
    this.name = "MissingPathError";
  }
}

/** Extensions of the files the readers take. */
export const INGEST_EXTENSIONS: readonly string[] = SPREADSHEET_EXTENSIONS;

/** Every readable file under the given paths: folders recursively, in a stable (sorted) order. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      // «~$name.xlsx» is Excel's lock file of an open workbook («.~lock.name.ods#» LibreOffice's has no spreadsheet extension): not reports.
      else if (INGEST_EXTENSIONS.includes(extname(e.name).toLowerCase()) && !e.name.startsWith("~$")) out.push(p);
    }
  }
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new MissingPathError(p);
    if (s.isDirectory()) await walk(p);
    else out.push(p);
  }
  return out;
}
