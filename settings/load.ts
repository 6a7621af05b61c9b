// Loading the settings, once per entry point (CLI command, server, dashboard data loaders, PDF):
// each setting's JSON file from the config folder, validated; over it, the latest uploaded version
// (a methodologist's XLSX, stored append-only in `settings_versions`, current view
// `current_settings`). Effective setting = latest upload, else the JSON file.
import {existsSync, readFileSync, statSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Store} from "../store/database.ts";
import {all} from "../store/database.ts";
import {SETTINGS, type SettingKey, type Settings} from "./index.ts";
import type {SettingDefinition} from "./definition.ts";
import {SettingsError, fieldPath, validate} from "./errors.ts";

const PROJECT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** The project's own settings folder: data/config. */
export const PROJECT_SETTINGS_DIR = join(PROJECT, "data", "config");

/** Where each effective setting came from. */
export type SettingSource =
  | {from: "file"; path: string}
  | {from: "upload"; uploadId: number; file: string; loadedAt: string};

export interface LoadedSettings {
  settings: Settings;
  sources: Record<SettingKey, SettingSource>;
  /** The folder the JSON files were read from. */
  dir: string;
}

/**
 * The folder of the JSON settings for a database: MENTORING_CONFIG_DIR when set; else `config/`
 * next to the database file when that folder exists (a region's own installation); else the
 * project's data/config. Never the current folder.
 */
export function settingsDir(databasePath?: string | null): string {
  const fromEnv = process.env.MENTORING_CONFIG_DIR;
  if (fromEnv) return resolve(fromEnv);
  if (databasePath && databasePath !== ":memory:") {
    const beside = join(dirname(resolve(databasePath)), "config");
    if (existsSync(beside)) return beside;
  }
  return PROJECT_SETTINGS_DIR;
}

const shown = (path: string) => {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith("..") ? r : path;
};

function check<T>(def: SettingDefinition<string, T>, value: unknown, where: string): T {
  const r = validate(def.schema, value);
  if (r.ok) return r.value;
  const list = r.issues.slice(0, 5).map((i) => `поле ${fieldPath(i.path)}: ${i.message}`).join("; ");
  const more = r.issues.length > 5 ? ` (и ещё ${r.issues.length - 5})` : "";
  throw new SettingsError(`настройка «${def.label}» (${where}) заполнена неверно — ${list}${more}.`, def.key, where);
}

/** Reads and validates one setting's JSON file; a missing, unreadable or invalid file is a SettingsError. */
export function readSettingFile<T>(def: SettingDefinition<string, T>, dir: string): T {
  const path = join(dir, def.file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new SettingsError(missing
      ? `нет файла настройки «${def.label}»: ${shown(path)}. ` + (dir === PROJECT_SETTINGS_DIR ? "Восстановите его из репозитория."
        : `Скопируйте его из ${shown(join(PROJECT_SETTINGS_DIR, def.file))} в ${shown(dir)} или удалите папку ${shown(dir)}, чтобы действовали настройки проекта.`)
      : `не удалось прочитать файл настройки «${def.label}» ${shown(path)}: ${(e as Error).message}.`, def.key, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SettingsError(`файл настройки «${def.label}» ${shown(path)} — не JSON: ${(e as Error).message}.`, def.key, path);
  }
  return check(def, json, `файл ${shown(path)}`);
}

/** The files' modification times and sizes: unchanged files need not be validated again. */
function stampOf(dir: string): string {
  return (SETTINGS as readonly SettingDefinition<string, unknown>[]).map((d) => {
    try {
      const s = statSync(join(dir, d.file));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return "-";
    }
  }).join("|");
}
const fileCache = new Map<string, {stamp: string; loaded: LoadedSettings}>();

/**
 * The JSON files alone (no database): what a fresh installation uses. Validated once per change of
 * the files (a batch of a thousand files does not validate them a thousand times); treat the result
 * as read-only.
 */
export function readSettingsFiles(dir: string = settingsDir()): LoadedSettings {
  const stamp = stampOf(dir);
  const cached = fileCache.get(dir);
  if (cached && cached.stamp === stamp) return cached.loaded;
  const loaded = readSettingsFilesNow(dir);
  fileCache.set(dir, {stamp, loaded});
  return loaded;
}

function readSettingsFilesNow(dir: string): LoadedSettings {
  const settings = {} as Record<string, unknown>, sources = {} as Record<string, SettingSource>;
  for (const def of SETTINGS as readonly SettingDefinition<string, unknown>[]) {
    settings[def.key] = readSettingFile(def, dir);
    sources[def.key] = {from: "file", path: join(dir, def.file)};
  }
  return {settings: settings as Settings, sources: sources as LoadedSettings["sources"], dir};
}

interface CurrentRow { setting: string; upload_id: number; value: string; file_name: string; loaded_at: string }

/** The current uploaded version of each setting (none when the table does not exist, e.g. an old snapshot). */
async function uploadedVersions(store: Store): Promise<CurrentRow[]> {
  return store.read(async (c) => {
    try {
      return await all<CurrentRow>(c, `SELECT s.setting, s.upload_id, s.value, u.file_name, strftime(u.loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at
        FROM current_settings s JOIN uploads u USING (upload_id) ORDER BY s.setting`);
    } catch (e) {
      // A read-only copy of a database older than migration 010 has no settings table: no uploaded versions.
      if (/current_settings/.test((e as Error).message)) return [];
      throw e;
    }
  });
}

/**
 * «Действующие настройки»: every setting's JSON file (the folder from settingsDir(store's path)
 * unless given), overridden by its latest uploaded version that was not undone. Throws a
 * SettingsError (Russian, naming the file or upload and the field) when something cannot be used.
 */
export async function loadSettings(store: Store | null, options: {dir?: string} = {}): Promise<LoadedSettings> {
  const files = readSettingsFiles(options.dir ?? settingsDir(store?.path));
  if (!store) return files;
  // A copy: the files' settings are shared by every load.
  const loaded: LoadedSettings = {settings: {...files.settings}, sources: {...files.sources}, dir: files.dir};
  const settings = loaded.settings as unknown as Record<string, unknown>;
  const sources = loaded.sources as Record<string, SettingSource>;
  for (const row of await uploadedVersions(store)) {
    const def = (SETTINGS as readonly SettingDefinition<string, unknown>[]).find((d) => d.key === row.setting);
    if (!def) continue; // a setting this version of the product no longer has
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      throw new SettingsError(`настройка «${def.label}» из загрузки № ${row.upload_id} повреждена в базе.`, def.key, `загрузка № ${row.upload_id}`);
    }
    settings[def.key] = check(def, json, `загрузка № ${row.upload_id}, файл «${row.file_name}»`);
    sources[def.key] = {from: "upload", uploadId: row.upload_id, file: row.file_name, loadedAt: row.loaded_at};
  }
  return loaded;
}

/**
 * One setting from a JSON file a person names (the CLI's --codebook, --config, --rules for trying
 * another version), validated like every other source.
 */
export function settingFromFile<K extends SettingKey>(key: K, path: string): Settings[K] {
  const def = (SETTINGS as readonly SettingDefinition<string, unknown>[]).find((d) => d.key === key)!;
  return readSettingFile({...def, file: ""}, resolve(path)) as Settings[K];
}
