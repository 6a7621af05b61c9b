// `npm run build [-- --public] [--db ФАЙЛ] [--out ПАПКА]`: builds the dashboards (Observable
// Framework) from a snapshot of the database; `--live` builds the server's live shells instead (no
// data: each page fetches its session's data from `mentoring serve`, server/rebuild.ts). Unless a snapshot is given (MENTORING_SNAPSHOT,
// which the server sets), it opens the database, loads the bundled sample into an empty one,
// writes the snapshot and closes the database before Framework's data loaders read the snapshot.
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {tmpdir} from "node:os";
import {Store, all, defaultDatabasePath, one} from "../store/database.ts";
import {writeSnapshot} from "../store/snapshot.ts";
import {ingestSample} from "../loaders/sample.ts";
import {settingsDir} from "../settings/load.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const CACHE = join(ROOT, "src", ".observablehq", "cache");
export {SAMPLE_DIR, ingestSample, sampleOptions} from "../loaders/sample.ts";

export interface BuildOptions {
  /** The public build: no named-person page, no names in the data. */
  public?: boolean;
  /** Live shells for the server (MENTORING_LIVE=1): the data loaders emit `{live: true}`, no snapshot is read, no school goes into the search. */
  live?: boolean;
  /** A ready snapshot to read; when absent, one is written from `database`. */
  snapshot?: string;
  /** The database to snapshot (default: --db / MENTORING_DB / data/mentoring.duckdb). */
  database?: string;
  /** Output folder (default dist/, or dist-public/ for the public build). */
  outDir?: string;
  /**
   * The settings folder of the database the snapshot comes from (settings/load.ts settingsDir):
   * the data loaders read the same settings as the CLI and the server. Default: the database's.
   */
  settingsDir?: string;
  /** Progress lines, Russian. */
  log?: (line: string) => void;
}

/** Writes a snapshot of the database (loading the sample into an empty one) and returns its path. */
export async function snapshotDatabase(database: string, dest: string, log: (line: string) => void): Promise<string> {
  const store = await Store.open(database);
  try {
    const uploads = (await store.read((c) => one<{n: number}>(c, "SELECT count(*) AS n FROM uploads")))!.n;
    if (uploads === 0) {
      log(`База ${database} пуста: загружаю пример из data/sample…`);
      log(`Загружено файлов примера: ${await ingestSample(store, log)}.`);
    }
    return await writeSnapshot(store, dest);
  } finally {
    await store.close();
  }
}

/** Removes Framework's cached loader outputs (it reuses stale ones), keeping the vendored _npm. */
export function clearLoaderCache(): void {
  if (!existsSync(CACHE)) return;
  for (const entry of readdirSync(CACHE)) {
    if (entry === "_npm" || entry === "VENDORED") continue;
    rmSync(join(CACHE, entry), {recursive: true, force: true});
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"]});
    let tail = "";
    const keep = (b: Buffer) => { tail = (tail + b.toString()).slice(-4000); };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) return done();
      log(tail);
      fail(new Error(`${basename(command)} завершился с кодом ${code}`));
    });
  });
}

/** Builds the dashboards; returns the output folder. */
const LOCK = join(ROOT, "src", ".observablehq", "build.lock");

/**
 * Framework 1.13.4 writes its own words in English and has no option for them: the search box's
 * placeholder, the sidebar toggle's title (pages), «no results» and «N results» (its search script,
 * dist/_observablehq/search.*.js). They are replaced here, after the build; a Framework whose
 * search script no longer has these words fails the build rather than going back to English.
 */
export function localiseSearch(outDir: string): void {
  const walk = (dir: string): string[] => readdirSync(dir, {withFileTypes: true})
    .flatMap((e) => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
  const files = walk(outDir);
  for (const file of files.filter((f) => f.endsWith(".html"))) {
    const html = readFileSync(file, "utf8");
    const localised = html.replace('<input type="search" placeholder="Search">', '<input type="search" placeholder="Поиск">')
      .replaceAll('title="Toggle sidebar"', 'title="Показать или скрыть меню"');
    if (localised !== html) writeFileSync(file, localised);
  }
  for (const file of files.filter((f) => /[/\\]_observablehq[/\\]search\.[^/\\]+\.js$/.test(f))) {
    const js = readFileSync(file, "utf8");
    const count = /`<div>\$\{(\w+)\.length\.toLocaleString\("en-US"\)\} result\$\{\1\.length===1\?"":"s"\}<\/div>/;
    if (!js.includes('"<div>no results</div>"') || !count.test(js)) throw new Error(`${basename(file)}: английские слова поиска Framework не найдены — проверьте версию Framework`);
    writeFileSync(file, js.replace('"<div>no results</div>"', '"<div>Ничего не найдено</div>"')
      .replace(count, (_m, r: string) => `\`<div>Найдено: \${${r}.length.toLocaleString("ru-RU")}</div>`));
  }
}

/**
 * What the dashboards' search finds besides the pages' own text: every school by name, linked to the
 * page that shows it (the school's name goes into the address, and the page opens on that school).
 * Framework indexes only a page's written text, and school names come from the data.
 */
async function searchEntries(snapshot: string): Promise<Array<{path: string; title: string; text: string; keywords: string}>> {
  const store = await Store.open(snapshot, {readOnly: true});
  try {
    const rows = await store.read((c) => all<{name: string; municipality: string; forms: boolean; diagnostics: boolean}>(c, `
      SELECT s.name, s.municipality,
        s.school_id IN (SELECT school_id FROM current_school_periods) AS forms,
        s.school_id IN (SELECT t.school_id FROM diagnostic_teachers t JOIN current_diagnostic_entries USING (teacher_id)) AS diagnostics
      FROM schools s ORDER BY s.municipality, s.name`));
    return rows.flatMap((r) => [
      ...(r.forms ? [{path: `/engagement?school=${encodeURIComponent(r.name)}`, title: `${r.name} — вовлечённость`,
        text: `${r.name} ${r.municipality} школа вовлечённость`, keywords: r.municipality}] : []),
      ...(r.diagnostics ? [{path: `/diagnostics?school=${encodeURIComponent(r.name)}`, title: `${r.name} — диагностика`,
        text: `${r.name} ${r.municipality} школа диагностика дефициты`, keywords: r.municipality}] : [])
    ]);
  } finally {
    await store.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Framework keeps its caches under src/.observablehq: two builds at once in one checkout (the
 * server's rebuild and a test, or two tests) would clear each other's files. A lock directory,
 * holding its owner's pid, makes them take turns; a lock whose owner died is taken over.
 */
async function withBuildLock<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), {recursive: true});
  let waited = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      break;
    } catch {
      const owner = Number(readFileSyncSafe(join(LOCK, "pid")));
      if (owner && !alive(owner)) { rmSync(LOCK, {recursive: true, force: true}); continue; }
      if (!waited) { log("Жду окончания другой сборки дашбордов…"); waited = true; }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, {recursive: true, force: true});
  }
}

function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

export async function buildDashboards(options: BuildOptions = {}): Promise<string> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const isPublic = options.public ?? false;
  const live = options.live ?? false;
  let snapshot = options.snapshot;
  if (!snapshot && !live) {
    const database = options.database ?? defaultDatabasePath();
    const dest = join(ROOT, "data", "snapshot", "mentoring.duckdb");
    log(`Снимок базы ${database}…`);
    snapshot = await snapshotDatabase(database, dest, log);
  }
  const outDir = resolve(ROOT, options.outDir ?? (isPublic ? "dist-public" : "dist"));
  const from = snapshot;
  const config = options.settingsDir ?? settingsDir(options.database ?? (options.snapshot || live ? null : defaultDatabasePath()));
  await withBuildLock(log, async () => {
    if (!existsSync(join(CACHE, "VENDORED"))) {
      log("Копирую библиотеки для страниц из node_modules (без сети)…");
      await run(process.execPath, [join(ROOT, "scripts", "vendor-npm.mjs")], process.env, log);
    }
    clearLoaderCache();
    log(`Собираю дашборды${isPublic ? " (публичная сборка, без персональных данных)" : live ? " (страницы для сервера: данные они берут у него)" : ""} в ${relative(ROOT, outDir) || "."}…`);
    const entries = join(tmpdir(), `mentoring-search-${process.pid}-${Date.now()}.json`);
    // Live shells list no school in the search: a session may see only part of the region.
    writeFileSync(entries, JSON.stringify(from ? await searchEntries(resolve(from)) : []));
    const env: NodeJS.ProcessEnv = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", MENTORING_SNAPSHOT: from ? resolve(from) : "",
      MENTORING_DIST: outDir, MENTORING_PUBLIC: isPublic ? "1" : "0", MENTORING_LIVE: live ? "1" : "0", MENTORING_CONFIG_DIR: config,
      MENTORING_SEARCH_ENTRIES: entries};
    rmSync(outDir, {recursive: true, force: true});
    try {
      await run(join(ROOT, "node_modules", ".bin", "observable"), ["build"], env, log);
    } finally {
      rmSync(entries, {force: true});
    }
    localiseSearch(outDir);
  });
  log(`Готово за ${((Date.now() - started) / 1000).toFixed(1).replace(".", ",")} с: ${relative(ROOT, outDir)}/`);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({args: process.argv.slice(2), options: {public: {type: "boolean"}, live: {type: "boolean"}, db: {type: "string"}, out: {type: "string"},
    help: {type: "boolean", short: "h"}}});
  const fromEnv = process.env.MENTORING_SNAPSHOT;
  if (values.help) {
    process.stdout.write("npm run build [-- --public | --live] [--db ФАЙЛ] [--out ПАПКА]\n" +
      "Собирает дашборды (dist/, с --public — dist-public/ без страниц с ФИО) из снимка базы;\n" +
      "с --live — страницы для сервера без данных (данные они берут у `mentoring serve`);\n" +
      "пустую базу сначала заполняет примером из data/sample. MENTORING_SNAPSHOT — готовый снимок.\n");
  } else buildDashboards({public: Boolean(values.public), live: Boolean(values.live), database: values.db as string | undefined, outDir: values.out as string | undefined,
    snapshot: fromEnv && existsSync(fromEnv) ? fromEnv : undefined})
    .catch((e: unknown) => {
      process.stderr.write(`Сборка не удалась: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
