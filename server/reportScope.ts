// Which part of the region a report request is for (issue 15 §1, issue 16 §2): `?level=` and `?id=`
// (level регион|муниципалитет|школа or region|municipality|school, id a directory id), checked
// against the session's scope on the server. No level: the session's own scope. A level outside the
// session's scope is refused (403) in Russian; an id the directory does not know is 404.
import type {Store} from "../store/database.ts";
import {liveSchoolId} from "../store/directory.ts";
import {scopeContains, type ReportScope} from "../reports/scope.ts";
import {levelFromWord, municipalityOfSchool, scopeName, SCOPE_LEVEL_WORDS} from "../reports/scopeSql.ts";
import type {Session} from "./auth/permissions.ts";
import {HttpError} from "./http.ts";
import {uploadScopeOf} from "./scope.ts";

/** «всего региона», «муниципалитета № 3», «школы № 17»: a scope in a refusal. */
function whose(scope: ReportScope): string {
  return scope.level === "region" ? "всего региона" : scope.level === "municipality" ? `муниципалитета № ${scope.id}` : `школы № ${scope.id}`;
}

/** The scope a request asks for, from its query, without the session check. */
export function askedScope(url: URL): ReportScope | null {
  const levelText = url.searchParams.get("level");
  const idText = url.searchParams.get("id");
  if (!levelText) {
    if (idText) throw new HttpError(400, "Номер (id) указан без уровня: добавьте level=муниципалитет или level=школа.");
    return null;
  }
  const level = levelFromWord(levelText);
  if (!level) throw new HttpError(400, `Уровень «${levelText.slice(0, 40)}» не известен: укажите регион, муниципалитет или школа.`);
  if (level === "region") {
    if (idText) throw new HttpError(400, "У региона нет номера: уберите id.");
    return {level};
  }
  if (!idText || !/^\d{1,9}$/.test(idText)) {
    throw new HttpError(400, `Для уровня «${SCOPE_LEVEL_WORDS[level]}» нужен номер из справочника: id=число.`);
  }
  return {level, id: Number(idText)};
}

/**
 * The report scope of a request: the asked one when the session's scope contains it, else a 403;
 * the session's own when none is asked. A school asked by an id merged into another is that other.
 */
export async function requestScope(store: Store, session: Pick<Session, "scope"> | null, url: URL): Promise<ReportScope> {
  const own = await uploadScopeOf(store, session);
  let asked = askedScope(url) ?? own;
  if (asked.level === "school" && asked.id > 0) {
    const live = await store.read((c) => liveSchoolId(c, (asked as {id: number}).id));
    if (live !== null) asked = {level: "school", id: live};
  }
  const target = asked;
  const municipality = target.level === "school" ? await store.read((c) => municipalityOfSchool(c, target.id)) : null;
  if (!scopeContains(own, target, () => municipality)) {
    throw new HttpError(403, `Нет доступа: ваша учётная запись работает с данными ${whose(own)}, а запрошен отчёт ${whose(target)}.`);
  }
  const known = await store.read((c) => scopeName(c, target, ""));
  if (!known && target === own) {
    throw new HttpError(404, `${target.level === "school" ? "Вашей школы" : "Вашего муниципалитета"} нет в справочнике школ: отчёта нет. Сообщите методисту РНЦ.`);
  }
  if (!known) throw new HttpError(404, target.level === "school" ? `В справочнике нет школы № ${(target as {id: number}).id}.`
    : `В справочнике нет муниципалитета № ${(target as {id: number}).id}.`);
  return target;
}

/** The scope as codes for the audit log and a cache key: level and id (null for the region). */
export function scopeCodes(scope: ReportScope): {level: string; id: number | null} {
  return {level: scope.level, id: scope.level === "region" ? null : scope.id};
}
