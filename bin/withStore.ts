// Opens the database a command names (--db, MENTORING_DB, data/mentoring.duckdb), runs the
// command's work and always closes it; translates "file is locked" into a Russian user error.
import {existsSync} from "node:fs";
import {Store, defaultDatabasePath} from "../store/database.ts";
import {UserError} from "./io.ts";

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>,
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
    return await fn(store);
  } finally {
    await store.close();
  }
}
