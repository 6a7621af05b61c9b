// Opens the database a command names (--db, MENTORING_DB, data/mentoring.duckdb), loads the
// effective settings once (settings/load.ts: the config folder's JSON, over it the uploaded
// versions), runs the command's work and always closes the database; translates "file is locked"
// and unusable settings into Russian user errors.
import {existsSync} from "node:fs";
import {Store, defaultDatabasePath} from "../store/database.ts";
import type {Settings} from "../settings/index.ts";
import {loadSettings} from "../settings/load.ts";
import {SettingsError} from "../settings/errors.ts";
import {UserError} from "./io.ts";

/** The settings of a store as a command needs them: a SettingsError becomes a user error. */
export async function commandSettings(store: Store | null): Promise<Settings> {
  try {
    return (await loadSettings(store)).settings;
  } catch (e) {
    if (e instanceof SettingsError) throw new UserError(e.message);
    throw e;
  }
}

export async function withStore<T>(db: string | undefined, fn: (store: Store, settings: Settings) => Promise<T>,
  options: {mustExist?: boolean} = {}): Promise<T> {
  const path = defaultDatabasePath(db);
  if (options.mustExist && !existsSync(path)) {
    throw new UserError(`база данных ${path} не найдена. Сначала загрузите отчёты: mentoring ingest <папка> --db ${path}`);
  }
  let store: Store;
  try {
    store = await Store.open(path);
  } catch (e) {
    if (/lock/i.test((e as Error).message)) {
      throw new UserError(`база данных ${path} занята другим процессом (например, запущенным сервером). Остановите его или укажите другую базу через --db.`);
    }
    throw e;
  }
  try {
    return await fn(store, await commandSettings(store));
  } finally {
    await store.close();
  }
}
