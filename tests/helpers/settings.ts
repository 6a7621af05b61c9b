// The project's settings (data/config), as an entry point loads them, for tests that call reports
// and loaders directly.
import type {Settings} from "../../settings/index.ts";
import {readSettingsFiles} from "../../settings/load.ts";

let cached: Settings | null = null;

/** The settings of data/config, validated (read once per test file). */
export function projectSettings(): Settings {
  return structuredClone(cached ??= readSettingsFiles().settings);
}
