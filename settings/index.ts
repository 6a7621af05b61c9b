// Every setting of the product, in one list. `Settings` is the object entry points load once
// (settings/load.ts) and pass down to reports, loaders and pages; nothing below an entry point reads
// a settings file. Adding a setting: a module with defineSetting(...) here, and its default file in
// data/config/ (docs/settings.md).
import {areasSetting} from "./areas.ts";
import {deficitLevelsSetting} from "./deficitLevels.ts";
import {groupSizeSetting} from "./groupSize.ts";
import {indicatorsSetting} from "./indicators.ts";
import {mentoringRulesSetting} from "./mentoringRules.ts";
import {organisationSetting} from "./organisation.ts";
import {routeRulesSetting} from "./routeRules.ts";
import {swotCodebookSetting} from "./swotCodebook.ts";
import {targetsSetting} from "./targets.ts";
import type {SettingDefinition} from "./definition.ts";

export const SETTINGS = [targetsSetting, indicatorsSetting, areasSetting, swotCodebookSetting, mentoringRulesSetting, deficitLevelsSetting,
  groupSizeSetting, routeRulesSetting, organisationSetting] as const;

type Definitions = (typeof SETTINGS)[number];
/** The effective value of every setting, by key. */
export type Settings = {[D in Definitions as D["key"]]: D extends SettingDefinition<string, infer T> ? T : never};
export type SettingKey = keyof Settings;

/** The definition of a setting by key. */
export function settingDefinition(key: string): SettingDefinition<string, unknown> | undefined {
  return (SETTINGS as readonly SettingDefinition<string, unknown>[]).find((d) => d.key === key);
}

/** Settings a methodologist edits as spreadsheet tables (the others are developers' JSON files). */
export const EDITABLE_SETTINGS = (SETTINGS as readonly SettingDefinition<string, unknown>[]).filter((d) => d.tables?.length);

export type {SettingDefinition, SettingTable, TableColumn, TableRow, Place, Applied, TableProblem} from "./definition.ts";
