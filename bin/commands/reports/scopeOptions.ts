// The level a report is for, from the command line (issue 15 §1): `--level регион|муниципалитет|школа
// --id N`, or `--school "название"` / `--municipality "название"` resolved through the directory
// (store/directory.ts). A name that matches nothing is a Russian error listing the closest names
// with their ids; a name that matches several lists them to choose from.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all, type Store} from "../../../store/database.ts";
import {directorySchools, findSchools, liveSchoolId} from "../../../store/directory.ts";
import {municipalityKey, schoolNameKey, schoolNameSimilarity} from "../../../lib/schoolName.ts";
import type {ReportScope} from "../../../reports/scope.ts";
import {levelFromWord, scopeName, SCOPE_LEVEL_WORDS} from "../../../reports/scopeSql.ts";
import {UserError} from "../../io.ts";

/** parseArgs options every scoped report command takes. */
export const SCOPE_OPTIONS = {level: {type: "string"}, id: {type: "string"}, municipality: {type: "string"}} as const;

/** How the options read in a command's usage line. */
export const SCOPE_USAGE = "[--level регион|муниципалитет|школа --id N | --school НАЗВАНИЕ | --municipality НАЗВАНИЕ]";

export interface ScopeValues {
  level?: string;
  id?: string;
  school?: string;
  municipality?: string;
}

/** Whether any scope option was given (a command may keep its older text filter otherwise). */
export function hasScopeOption(v: ScopeValues, withSchool = true): boolean {
  return v.level !== undefined || v.id !== undefined || v.municipality !== undefined || (withSchool && v.school !== undefined);
}

const list = (items: string[]) => items.map((s) => `  ${s}`).join("\n");

async function municipalityByName(conn: DuckDBConnection, text: string): Promise<number> {
  const rows = await all<{id: number; name: string}>(conn, "SELECT municipality_id AS id, name FROM municipalities ORDER BY name");
  const key = municipalityKey(text);
  const exact = rows.filter((m) => municipalityKey(m.name) === key);
  const found = exact.length ? exact : rows.filter((m) => key && municipalityKey(m.name).startsWith(key));
  if (found.length === 1) return found[0]!.id;
  if (found.length > 1) {
    throw new UserError(`муниципалитет «${text}» не однозначен, подходят:\n${list(found.map((m) => `${m.name} (--level муниципалитет --id ${m.id})`))}`);
  }
  const close = rows.map((m) => ({m, s: schoolNameSimilarity(key, municipalityKey(m.name))})).filter((x) => x.s >= 0.3)
    .sort((a, b) => b.s - a.s).slice(0, 5);
  throw new UserError(`в справочнике нет муниципалитета «${text}».` + (close.length
    ? ` Похожие:\n${list(close.map((x) => `${x.m.name} (--level муниципалитет --id ${x.m.id})`))}` : " Список: mentoring directory list"));
}

async function schoolByName(conn: DuckDBConnection, text: string, municipality?: string): Promise<number> {
  const found = await findSchools(conn, text, municipality);
  if (found.length === 1) return found[0]!.id;
  const label = (s: {id: number; name: string; municipality: string}) => `${s.name}, ${s.municipality} (--level школа --id ${s.id})`;
  if (found.length > 1) throw new UserError(`школа «${text}» не однозначна, подходят:\n${list(found.slice(0, 10).map(label))}`);
  // Numbers left out: «СОШ 7» is not «СОШ № 1», but the person may have mistyped the number.
  const loose = (name: string) => schoolNameKey(name).replace(/№?\s*\d+/g, " ").replace(/\s+/g, " ").trim();
  const key = loose(text);
  const close = (await directorySchools(conn)).map((s) => ({s, x: Math.max(schoolNameSimilarity(key, loose(s.name)),
    s.fullName ? schoolNameSimilarity(key, loose(s.fullName)) : 0)})).filter((c) => c.x >= 0.3)
    .sort((a, b) => b.x - a.x).slice(0, 5);
  throw new UserError(`в справочнике нет школы «${text}»${municipality ? ` (${municipality})` : ""}.` + (close.length
    ? ` Похожие:\n${list(close.map((c) => label(c.s)))}` : " Список: mentoring directory list"));
}

/**
 * The report scope the options name: the region when none is given. `--level` with `--id`; or a
 * name (`--school`, optionally narrowed by `--municipality`; `--municipality` alone); `--level` then
 * only has to agree.
 */
export async function resolveScope(store: Store, v: ScopeValues): Promise<ReportScope> {
  const level = v.level === undefined ? null : levelFromWord(v.level);
  if (v.level !== undefined && !level) throw new UserError(`--level: «${v.level}» — укажите регион, муниципалитет или школа.`);
  if (v.id !== undefined && !/^\d{1,9}$/.test(v.id.trim())) throw new UserError(`--id: нужен номер из справочника (число), а не «${v.id}».`);
  if (level === "region") {
    if (v.id !== undefined || v.school !== undefined || v.municipality !== undefined) throw new UserError("--level регион: без --id, --school и --municipality.");
    return {level: "region"};
  }
  return store.read(async (conn) => {
    let scope: ReportScope;
    if (v.id !== undefined) {
      if (!level) throw new UserError("--id указан без --level: добавьте --level муниципалитет или --level школа.");
      const id = Number(v.id.trim());
      scope = level === "school" ? {level, id: (await liveSchoolId(conn, id)) ?? id} : {level, id};
      if (!await scopeName(conn, scope, "")) {
        throw new UserError(`в справочнике нет ${level === "school" ? "школы" : "муниципалитета"} № ${id}. Список: mentoring directory list`);
      }
      return scope;
    }
    if (v.school !== undefined) {
      if (level && level !== "school") throw new UserError(`--school называет школу, а --level — ${SCOPE_LEVEL_WORDS[level]}.`);
      return {level: "school", id: await schoolByName(conn, v.school, v.municipality)};
    }
    if (v.municipality !== undefined) {
      if (level && level !== "municipality") throw new UserError(`--municipality без --school называет муниципалитет, а --level — ${SCOPE_LEVEL_WORDS[level]}.`);
      return {level: "municipality", id: await municipalityByName(conn, v.municipality)};
    }
    if (level) throw new UserError(`--level ${SCOPE_LEVEL_WORDS[level]}: укажите --id N или название (--${level === "school" ? "school" : "municipality"} «…»).`);
    return {level: "region"};
  });
}

/** For commands whose `--school` (and `--municipality`) filter by part of a name: `--level` and `--id` added. */
export const LEVEL_OPTIONS = {level: {type: "string"}, id: {type: "string"}} as const;
export const LEVEL_USAGE = "[--level регион|муниципалитет|школа --id N]";

/**
 * With `--level`: the scope by the directory (`--id`, or `--school`/`--municipality` as names), and
 * no text filter. Without it: no scope, and the names stay the command's text filters, as before.
 */
export async function levelOrText(store: Store, v: ScopeValues): Promise<{scope?: ReportScope; school?: string; municipality?: string}> {
  if (v.level === undefined) {
    if (v.id !== undefined) throw new UserError("--id указан без --level: добавьте --level муниципалитет или --level школа.");
    return {school: v.school, municipality: v.municipality};
  }
  return {scope: await resolveScope(store, v)};
}
