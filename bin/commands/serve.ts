// `mentoring serve`: the local server — upload pages, history, exports and the dashboards — on one
// database. With --sample an empty database first gets the bundled sample region (what `npm start`
// does on a fresh clone). Runs until Ctrl+C.
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {Store, defaultDatabasePath, one} from "../../store/database.ts";
import {startServer} from "../../server/app.ts";
import {resolveAccess} from "../../server/auth/access.ts";
import {compactDatabase} from "../../store/personalData.ts";
import {frameworkBuild} from "../../server/rebuild.ts";
import {originalsDir} from "../../server/originals.ts";
import {commandSettings} from "../withStore.ts";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export const SERVE_USAGE = "mentoring serve [--db ФАЙЛ] [--port 3000] [--host 127.0.0.1] [--service] [--tls-cert ФАЙЛ --tls-key ФАЙЛ | " +
  "--behind-proxy АДРЕС --public-url https://… | --insecure-http] [--sample] [--no-dashboards]";

/** Opens the database for the server, or says in Russian that another process holds it. */
export async function openForServer(path: string): Promise<Store> {
  try {
    // After a purge the file still holds removed names in free blocks: rewritten before it is opened.
    await compactDatabase(path, {actor: {kind: "console"}});
    return await Store.open(path, {threads: 1});
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
    sample: {type: "boolean"}, "no-dashboards": {type: "boolean"}, dist: {type: "string"},
    service: {type: "boolean"}, "tls-cert": {type: "string"}, "tls-key": {type: "string"}, "behind-proxy": {type: "string"},
    "public-url": {type: "string"}, "insecure-http": {type: "boolean"}
  });
  if (values.help) {
    io.out(`${SERVE_USAGE}

Запускает сервер: страницы «Загрузка отчётов», «История загрузок», «Выгрузки» и дашборды.
  --db ФАЙЛ        база данных (иначе MENTORING_DB, иначе data/mentoring.duckdb)
  --port N         порт (по умолчанию 3000; 0 — любой свободный)
  --host АДРЕС     по умолчанию 127.0.0.1 (только этот компьютер, без учётных записей); другой адрес — режим
                   сервиса: вход по учётным записям и обязательно HTTPS (см. docs/service.md)
  --service        режим сервиса и на 127.0.0.1 (учётные записи, вход, журнал действий)
  --tls-cert ФАЙЛ, --tls-key ФАЙЛ
                   сертификат и ключ (PEM): сервер сам говорит по HTTPS
  --behind-proxy АДРЕС[,АДРЕС]
                   перед сервером обратный прокси с HTTPS (Caddy, nginx) с этого адреса; ему одному верим
                   X-Forwarded-Proto и X-Forwarded-For
  --public-url URL адрес, который открывают люди (https://…): ссылки, проверка имени сайта; нужен с --behind-proxy
  --insecure-http  открыть сервер в сети без шифрования — только для проверки в закрытой сети
  --sample         пустую базу сначала заполнить примером из data/sample
  --no-dashboards  не собирать страницы дашбордов (только загрузка и выгрузки)`);
    return 0;
  }
  const portText = (values.port as string | undefined) ?? process.env.PORT ?? "3000";
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UserError(`--port: нужен номер порта от 0 до 65535, а не «${portText}».`);
  const host = (values.host as string | undefined) ?? "127.0.0.1";
  if (values.token !== undefined || process.env.MENTORING_TOKEN) {
    throw new UserError("общий пароль (--token, MENTORING_TOKEN) больше не поддерживается: у каждого теперь своя учётная запись. " +
      "Запустите сервер в режиме сервиса (--service или адрес в сети) — он напечатает ссылку для первой учётной записи методиста; подробно — docs/service.md.");
  }
  const access = resolveAccess(host, {service: values.service as boolean | undefined, tlsCert: values["tls-cert"] as string | undefined,
    tlsKey: values["tls-key"] as string | undefined, publicUrl: values["public-url"] as string | undefined,
    behindProxy: values["behind-proxy"] ? String(values["behind-proxy"]).split(",") : null, insecureHttp: values["insecure-http"] as boolean | undefined});
  const dbPath = defaultDatabasePath(values.db as string | undefined);

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
      store, host, port: Number(portText), access,
      distDir: (values.dist as string | undefined) ?? join(ROOT, "dist-live"),
      uploadsDir: originalsDir(dbPath),
      build: dashboards ? frameworkBuild((l) => io.err(l)) : null,
      log: (line) => io.err(`[${new Date().toLocaleTimeString("ru-RU", {hour12: false})}] ${line}`)
    });
    await running.pool.warm();
    io.out(`Сервер запущен: ${running.url}`);
    io.out(`  загрузка отчётов: ${running.url}/upload · история: ${running.url}/history · выгрузки: ${running.url}/exports`);
    io.out(`  база данных: ${dbPath}. Остановить: Ctrl+C.`);
    for (const line of await running.auth.startupNotes(running.url)) io.out(line);
    // The pages are live shells, built once (again only when their sources change): they fetch
    // their data from the server and show every accepted upload by themselves.
    if (running.rebuild) {
      const shells = running.rebuild;
      if (shells.ready) io.out(`Дашборды готовы: ${running.url}/ (обновляются сами после каждой загрузки)`);
      else {
        io.out("Собираю страницы дашбордов (один раз, около 20 секунд)…");
        void shells.ensure().then(() => io.out(shells.status().state === "up-to-date"
          ? `Дашборды готовы: ${running!.url}/ (обновляются сами после каждой загрузки)` : "Дашборды собрать не удалось; загрузка и выгрузки работают."));
      }
    }
    const why = await (options.until ?? stopSignal());
    io.out(`Останавливаю сервер${typeof why === "string" ? ` (${why})` : ""}…`);
    return 0;
  } finally {
    await running?.close();
    await store.close();
  }
}
