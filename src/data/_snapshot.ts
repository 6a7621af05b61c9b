// Shared by the data loaders (not a loader itself: Framework runs only `name.ext.ts` files).
// Loaders read the SNAPSHOT of the database, never data/mentoring.duckdb: DuckDB lets no second
// process open a file a writer holds (RELIABILITY.md «DuckDB»).
// The store, the settings and the pages' functions are imported only when a loader reads data: a
// live shell's loader (MENTORING_LIVE=1) writes its placeholder without loading them.
import {existsSync} from "node:fs";
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import type {Section} from "../components/section.ts";
import type {PageName} from "../../reports/pages/index.ts";

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
  const {Store} = await import("../../store/database.ts");
  const {defaultSnapshotPath} = await import("../../store/snapshot.ts");
  const {loadSettings} = await import("../../settings/load.ts");
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

/** The live shells (MENTORING_LIVE=1, built once for the server): loaders emit no data, the page fetches it from the server. */
export function isLive(): boolean {
  return process.env.MENTORING_LIVE === "1";
}

/**
 * A page's data file: in a live shell only `{live: true}` (the page asks the server for its
 * session's data, src/components/live.js); in a static build the page's function
 * (reports/pages/) for the whole region — the public build as an aggregate reader (no names, no
 * file names, no quoted cells), the service build as the service's own; `empty` without a snapshot.
 */
export async function emitPage(page: PageName, empty: unknown): Promise<void> {
  if (isLive()) {
    process.stdout.write(JSON.stringify({live: true, page}));
    return;
  }
  const {PAGES} = await import("../../reports/pages/index.ts");
  await emit(async (store, settings) => store
    ? PAGES[page].data(store, settings, {scope: {level: "region"}, audience: isPublic() ? "aggregate" : "service"}, new URLSearchParams())
    : empty);
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
