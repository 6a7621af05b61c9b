// Shared by the data loaders (not a loader itself: Framework runs only `name.ext.ts` files).
// Loaders read the SNAPSHOT of the database, never data/mentoring.duckdb: DuckDB lets no second
// process open a file a writer holds (RELIABILITY.md «DuckDB»).
import {existsSync} from "node:fs";
import {Store} from "../../store/database.ts";
import {defaultSnapshotPath} from "../../store/snapshot.ts";
import type {Settings} from "../../settings/index.ts";
import {loadSettings} from "../../settings/load.ts";
import type {Section} from "../components/section.ts";

/** The public build (MENTORING_PUBLIC=1): loaders emit no names. */
export function isPublic(): boolean {
  return process.env.MENTORING_PUBLIC === "1";
}

/**
 * Runs `fn` on the read-only snapshot with the effective settings — loaded once per loader: the
 * config folder the build names (MENTORING_CONFIG_DIR, set by scripts/build.ts from the database's
 * location), over it the settings uploaded into the database — and prints its result as JSON; a
 * failure (unusable settings included) exits non-zero.
 */
export async function emit(fn: (store: Store | null, settings: Settings) => Promise<unknown>): Promise<void> {
  const path = defaultSnapshotPath();
  try {
    const store = existsSync(path) ? await Store.open(path, {readOnly: true}) : null;
    if (!store) process.stderr.write(`снимок базы не найден: ${path}\n`);
    try {
      const {settings} = await loadSettings(store);
      process.stdout.write(JSON.stringify(await fn(store, settings)));
    } finally {
      await store?.close();
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  }
}

/**
 * A part of a page's data: the report's result, or why it is not there (nothing of that kind
 * loaded, or the report failed: the rest of the page still builds; the failure goes to stderr).
 */
export async function section<T>(run: () => Promise<T | null>, missing: string): Promise<Section<T>> {
  try {
    const data = await run();
    return data === null ? {available: false, message: missing} : {available: true, data};
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    return {available: false, message: `${missing} (отчёт не построен: ${e instanceof Error ? e.message : String(e)})`};
  }
}

export const NO_DATA = "Данные ещё не загружены: загрузите файлы и соберите дашборды заново.";
