// `npm run build [-- --public] [--db ФАЙЛ] [--out ПАПКА]`: builds the dashboards (Observable
// Framework) from a snapshot of the database. Unless a snapshot is given (MENTORING_SNAPSHOT,
// which the server sets), it opens the database, loads the bundled sample into an empty one,
// writes the snapshot and closes the database before Framework's data loaders read the snapshot.
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {Store, defaultDatabasePath, one} from "../store/database.ts";
import {writeSnapshot} from "../store/snapshot.ts";
import {ingestSample} from "../loaders/sample.ts";
import {settingsDir} from "../settings/load.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const CACHE = join(ROOT, "src", ".observablehq", "cache");
export {SAMPLE_DIR, ingestSample, sampleOptions} from "../loaders/sample.ts";

export interface BuildOptions {
  /** The public build: no named-person page, no names in the data. */
  public?: boolean;
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

/** Framework 1.13 writes its search box's placeholder in English and has no option for it. */
export function localiseSearch(outDir: string): void {
  const walk = (dir: string): string[] => readdirSync(dir, {withFileTypes: true})
    .flatMap((e) => e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : []);
  for (const file of walk(outDir)) {
    const html = readFileSync(file, "utf8");
    const localised = html.replace('<input type="search" placeholder="Search">', '<input type="search" placeholder="Поиск">');
    if (localised !== html) writeFileSync(file, localised);
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
  let snapshot = options.snapshot;
  if (!snapshot) {
    const database = options.database ?? defaultDatabasePath();
    const dest = join(ROOT, "data", "snapshot", "mentoring.duckdb");
    log(`Снимок базы ${database}…`);
    snapshot = await snapshotDatabase(database, dest, log);
  }
  const outDir = resolve(ROOT, options.outDir ?? (isPublic ? "dist-public" : "dist"));
  const from = snapshot;
  const config = options.settingsDir ?? settingsDir(options.database ?? (options.snapshot ? null : defaultDatabasePath()));
  await withBuildLock(log, async () => {
    if (!existsSync(join(CACHE, "VENDORED"))) {
      log("Копирую библиотеки для страниц из node_modules (без сети)…");
      await run(process.execPath, [join(ROOT, "scripts", "vendor-npm.mjs")], process.env, log);
    }
    clearLoaderCache();
    log(`Собираю дашборды${isPublic ? " (публичная сборка, без персональных данных)" : ""} в ${relative(ROOT, outDir) || "."}…`);
    const env: NodeJS.ProcessEnv = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", MENTORING_SNAPSHOT: resolve(from),
      MENTORING_DIST: outDir, MENTORING_PUBLIC: isPublic ? "1" : "0", MENTORING_CONFIG_DIR: config};
    rmSync(outDir, {recursive: true, force: true});
    await run(join(ROOT, "node_modules", ".bin", "observable"), ["build"], env, log);
    localiseSearch(outDir);
  });
  log(`Готово за ${((Date.now() - started) / 1000).toFixed(1).replace(".", ",")} с: ${relative(ROOT, outDir)}/`);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({args: process.argv.slice(2), options: {public: {type: "boolean"}, db: {type: "string"}, out: {type: "string"},
    help: {type: "boolean", short: "h"}}});
  const fromEnv = process.env.MENTORING_SNAPSHOT;
  if (values.help) {
    process.stdout.write("npm run build [-- --public] [--db ФАЙЛ] [--out ПАПКА]\n" +
      "Собирает дашборды (dist/, с --public — dist-public/ без страниц с ФИО) из снимка базы;\n" +
      "пустую базу сначала заполняет примером из data/sample. MENTORING_SNAPSHOT — готовый снимок.\n");
  } else buildDashboards({public: Boolean(values.public), database: values.db as string | undefined, outDir: values.out as string | undefined,
    snapshot: fromEnv && existsSync(fromEnv) ? fromEnv : undefined})
    .catch((e: unknown) => {
      process.stderr.write(`Сборка не удалась: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
