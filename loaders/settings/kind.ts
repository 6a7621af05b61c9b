// Settings a methodologist edits, uploaded as XLSX (issue 11 §4): the file kind «settings». Its
// tables (settings/*.ts) are found by their headers; each replaces its part of the current value of
// its setting; the result is validated with the setting's zod schema, and every problem becomes an
// issue at its cell. All or nothing: one error rejects the file. Stored append-only in
// `settings_versions` (migration 010); the latest version not undone is the effective one.
import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import type {FileKind, ParseContext, Parsed, Stored} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import {all} from "../../store/database.ts";
import {settingsErrorMap} from "../../settings/errors.ts";
import type {Place, SettingDefinition} from "../../settings/index.ts";
import {findSettingsTables, type FoundTable} from "./read.ts";

export interface SettingsData {
  versions: Array<{setting: string; label: string; value: unknown}>;
}

/** The longest recorded prefix of a zod path: «areas.2.synonyms.0» → the synonyms cell of row 2. */
function placeOf(places: Map<string, Place>, path: readonly PropertyKey[]): Place | null {
  for (let n = path.length; n >= 0; n--) {
    const p = places.get(path.slice(0, n).map(String).join("."));
    if (p) return p;
  }
  return null;
}

function columnOf(found: FoundTable[], place: Place): {column: number | null; header: string | null} {
  const t = found.find((f) => f.sheet.name === place.sheet);
  if (!t || place.column === null) return {column: null, header: null};
  return {column: t.columns.get(place.column) ?? null, header: t.table.columns.find((c) => c.key === place.column)?.header ?? null};
}

function parseOneSetting(setting: SettingDefinition<string, unknown>, tables: FoundTable[], all: FoundTable[], context: ParseContext) {
  const issues: IssueFacts[] = [];
  let value = (context.settings as unknown as Record<string, unknown>)[setting.key];
  const places = new Map<string, Place>();
  const flagged = new Set<string>();
  for (const t of tables) {
    const applied = t.table.apply(value, t.rows, t.sheet.name);
    value = applied.value;
    for (const [k, p] of applied.places) places.set(k, p);
    for (const problem of applied.problems) {
      const {column, header} = columnOf(all, problem.place);
      flagged.add(`${problem.place.sheet}|${problem.place.row}|${problem.place.column}`);
      issues.push({severity: "error", kind: problem.kind, file: context.file, sheet: problem.place.sheet, row: problem.place.row, column,
        value: problem.value, expected: problem.expected, details: {setting: setting.label, header}});
    }
    // Numbers written as words are caught here, before zod reports «нужно число».
    for (const c of t.table.columns.filter((c) => c.numeric)) {
      for (const r of t.rows) {
        const v = r.cells[c.key];
        if (typeof v === "string" && !/^\s*-?\d+([.,]\d+)?\s*%?\s*$/.test(v)) {
          flagged.add(`${t.sheet.name}|${r.row}|${c.key}`);
          issues.push({severity: "error", kind: "settings/not-a-number", file: context.file, sheet: t.sheet.name, row: r.row,
            column: t.columns.get(c.key) ?? null, value: v, expected: "число", details: {setting: setting.label, header: c.header}});
        }
      }
    }
  }
  const parsed = setting.schema.safeParse(value, {error: settingsErrorMap});
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const place = placeOf(places, i.path) ?? {sheet: tables[0]!.sheet.name, row: tables[0]!.headerRow, column: null};
      if (flagged.has(`${place.sheet}|${place.row}|${place.column}`)) continue;
      const {column, header} = columnOf(all, place);
      issues.push({severity: "error", kind: "settings/invalid", file: context.file, sheet: place.sheet, row: place.row, column,
        details: {setting: setting.label, header, problem: i.message}});
    }
  }
  return {issues, value: parsed.success ? parsed.data : null};
}

/** JSON with keys in order and without the files' notes: two values that mean the same compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) => key === "note" || key === "$comment" ? undefined
    : v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
}

export function parseSettingsWorkbook(workbook: Workbook, context: ParseContext): Parsed<SettingsData> {
  const found = findSettingsTables(workbook);
  const issues: IssueFacts[] = [];
  const versions: SettingsData["versions"] = [];
  if (!found.length) {
    return {rejected: true, data: {versions}, issues: [{severity: "error", kind: "settings/no-table", file: context.file, details: {}}]};
  }
  const bySetting = new Map<string, FoundTable[]>();
  for (const t of found) {
    const same = found.find((o) => o !== t && o.table === t.table && found.indexOf(o) < found.indexOf(t));
    if (same) {
      issues.push({severity: "error", kind: "settings/duplicate-table", file: context.file, sheet: t.sheet.name,
        details: {table: t.table.sheet, first: same.sheet.name}});
      continue;
    }
    bySetting.set(t.setting.key, [...(bySetting.get(t.setting.key) ?? []), t]);
  }
  for (const tables of bySetting.values()) {
    const setting = tables[0]!.setting;
    const r = parseOneSetting(setting, tables, found, context);
    issues.push(...r.issues);
    if (r.value !== null && !r.issues.some((i) => i.severity === "error")) {
      // Only what changed becomes a new version: an exported workbook sent back with one edit changes one setting.
      const current = (context.settings as unknown as Record<string, unknown>)[setting.key];
      const changed = canonical(r.value) !== canonical(current);
      if (changed) versions.push({setting: setting.key, label: setting.label, value: r.value});
      issues.push({severity: "info", kind: changed ? "settings/new-version" : "settings/unchanged", file: context.file, sheet: tables[0]!.sheet.name,
        details: {setting: setting.label, sheets: tables.map((t) => t.sheet.name), rows: tables.reduce((n, t) => n + t.rows.length, 0)}});
    }
  }
  const rejected = issues.some((i) => i.severity === "error");
  return {rejected, issues, data: {versions: rejected ? [] : versions}, stats: {settings: rejected ? 0 : versions.length}};
}

async function storeSettings(conn: DuckDBConnection, data: SettingsData, context: {uploadId: number}): Promise<Stored> {
  const keys = data.versions.map((v) => v.setting);
  const replaced = keys.length ? await all<{upload_id: number}>(conn,
    `SELECT DISTINCT upload_id FROM current_settings WHERE list_contains($keys, setting)`, {keys: listValue(keys)}) : [];
  for (const v of data.versions) {
    await conn.run("INSERT INTO settings_versions (upload_id, setting, value) VALUES ($u, $s, $v)",
      {u: context.uploadId, s: v.setting, v: JSON.stringify(v.value)});
  }
  return {replaces: replaced.map((r) => r.upload_id)};
}

export const settingsKind: FileKind<SettingsData> = {
  name: "settings",
  label: "настройки (цели, показатели, области компетенций, кодификатор SWOT, правила наставничества)",
  detect: (workbook) => (findSettingsTables(workbook).length ? 0.95 : 0),
  parse: parseSettingsWorkbook,
  store: storeSettings
};
