// The curator's named page (src/private/[card].md) for a view: curatorPage — every teacher of the
// scope by name with the change per area, what remains, the drafted and the followed route, the
// growth card. Only for the service's own readers: an aggregate view gets no part of it. Every
// report reads through the view's scope in SQL (reports/scopeSql.ts): no row of a school outside it is read.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {curatorPage, type CuratorPage} from "../curatorPage.ts";
import type {View} from "../scope.ts";

export const NAMES_REFUSED = "Карточки педагогов с именами доступны только сотрудникам с правом просмотра имён; в публичной сборке их нет.";

export type TeachersData = CuratorPage | {teachers: {available: false; message: string}};

export async function teachersData(store: Store, settings: Settings, view: View): Promise<TeachersData> {
  if (view.audience !== "service") return {teachers: {available: false, message: NAMES_REFUSED}};
  return curatorPage(store, settings, {scope: view.scope});
}

/** The pseudonymous ids of the teachers a page's data names (the audit log records whose personal data was seen). */
export function namedTeacherIds(data: TeachersData): number[] {
  const t = data.teachers;
  return t.available ? t.data.teachers.map((x) => x.id) : [];
}
