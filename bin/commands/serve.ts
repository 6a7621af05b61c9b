// `mentoring serve`: the local server — upload pages, history, exports and the dashboards — on one
// database. With --sample an empty database first gets the bundled sample region (what `npm start`
// does on a fresh clone). Runs until Ctrl+C.
import {existsSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {Store, defaultDatabasePath, one} from "../../store/database.ts";
import {checkAccess, startServer} from "../../server/app.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import {originalsDir} from "../../server/originals.ts";
import {settingsDir} from "../../settings/load.ts";
import {commandSettings} from "../withStore.ts";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export const SERVE_USAGE = "mentoring serve [--db ФАЙЛ] [--port 3000] [--host 127.0.0.1] [--token ПАРОЛЬ] [--sample] [--no-dashboards]";

/** Opens the database for the server, or says in Russian that another process holds it. */
export async function openForServer(path: string): Promise<Store> {
  try {
    return await Store.open(path);
  } catch (e) {
    const text = (e as Error).message;
    if (/Could not set lock on file|lock/i.test(text)) {
      const pid = /PID (\d+)/.exec(text)?.[1];
      throw new UserError(`база данных ${path} уже открыта другим процессом${pid ? ` (PID ${pid})` : ""} — вероятно, уже запущен сервер. ` +
        "Второй сервер не запущен, первый продолжает работать. Откройте адрес первого сервера или укажите другую базу: --db ФАЙЛ.");
    }
    throw e;
  }
}

/** Resolves when the process is asked to stop (Ctrl+C, kill). */
function stopSignal(): Promise<string> {
  return new Promise((done) => {
    for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => done(s));
  });
}

export async function serveCommand(argv: string[], io: Io, options: {until?: Promise<unknown>} = {}): Promise<number> {
  const {values} = parse(argv, {
    db: {type: "string"}, port: {type: "string"}, host: {type: "string"}, token: {type: "string"},
    sample: {type: "boolean"}, "no-dashboards": {type: "boolean"}, dist: {type: "string"}
  });
  if (values.help) {
    io.out(`${SERVE_USAGE}

Запускает сервер: страницы «Загрузка отчётов», «История загрузок», «Выгрузки» и дашборды.
  --db ФАЙЛ        база данных (иначе MENTORING_DB, иначе data/mentoring.duckdb)
  --port N         порт (по умолчанию 3000; 0 — любой свободный)
  --host АДРЕС     по умолчанию 127.0.0.1 (только этот компьютер); другой адрес требует --token
  --token ПАРОЛЬ   пароль доступа (или переменная MENTORING_TOKEN)
  --sample         пустую базу сначала заполнить примером из data/sample
  --no-dashboards  не собирать дашборды (только загрузка и выгрузки)`);
    return 0;
  }
  const portText = (values.port as string | undefined) ?? process.env.PORT ?? "3000";
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UserError(`--port: нужен номер порта от 0 до 65535, а не «${portText}».`);
  const host = (values.host as string | undefined) ?? "127.0.0.1";
  const token = (values.token as string | undefined) ?? process.env.MENTORING_TOKEN ?? null;
  checkAccess(host, token);
  const dbPath = defaultDatabasePath(values.db as string | undefined);
  const dataDir = dirname(resolve(dbPath));

  const store = await openForServer(dbPath);
  let running: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    if (values.sample) {
      const uploads = (await store.read((c) => one<{n: number}>(c, "SELECT count(*) AS n FROM uploads")))!.n;
      if (uploads === 0) {
        const {ingestSample} = await import("../../loaders/sample.ts");
        io.out(`База ${dbPath} пуста: загружаю пример региона из data/sample…`);
        io.out(`Загружено файлов примера: ${await ingestSample(store)}.`);
      }
    }
    // Unusable settings stop the start with a Russian message naming the file and the field.
    await commandSettings(store);
    const dashboards = !values["no-dashboards"];
    running = await startServer({
      store, host, port: Number(portText), token,
      distDir: (values.dist as string | undefined) ?? join(ROOT, "dist"),
      uploadsDir: originalsDir(dbPath),
      snapshotPath: process.env.MENTORING_SNAPSHOT ?? join(dataDir, "snapshot", basename(dbPath)),
      build: dashboards ? frameworkBuild((l) => io.err(l), settingsDir(dbPath)) : null,
      log: (line) => io.err(`[${new Date().toLocaleTimeString("ru-RU", {hour12: false})}] ${line}`)
    });
    await running.pool.warm();
    io.out(`Сервер запущен: ${running.url}`);
    io.out(`  загрузка отчётов: ${running.url}/upload · история: ${running.url}/history · выгрузки: ${running.url}/exports`);
    io.out(`  база данных: ${dbPath}. Остановить: Ctrl+C.`);
    if (running.rebuild) {
      const distReady = existsSync(join((values.dist as string | undefined) ?? join(ROOT, "dist"), "index.html"));
      io.out(distReady ? "Обновляю дашборды по текущей базе…" : "Собираю дашборды (около полуминуты)…");
      const rebuild = running.rebuild;
      void rebuild.buildNow().then(() => io.out(rebuild.status().state === "up-to-date"
        ? `Дашборды готовы: ${running!.url}/` : "Дашборды собрать не удалось; загрузка и выгрузки работают."));
    }
    const why = await (options.until ?? stopSignal());
    io.out(`Останавливаю сервер${typeof why === "string" ? ` (${why})` : ""}…`);
    return 0;
  } finally {
    await running?.close();
    await store.close();
  }
}
