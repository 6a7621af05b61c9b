// The server's own pages: upload, history, exports.
import {sendPage} from "../http.ts";
import {uploadPage} from "../pages/upload.ts";
import {historyPage} from "../pages/history.ts";
import {exportsPage} from "../pages/exports.ts";
import {uploadHistory} from "../history.ts";
import {keptOriginals} from "../originals.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import {dataPeriods} from "../../reports/periods.ts";
import {periodId, periodLabel, periodOfDate, periodsWithin, schoolYear} from "../../lib/period.ts";
import type {Store} from "../../store/database.ts";
import {plural} from "../../loaders/messages/index.ts";
import type {Route} from "../routes.ts";
import {kindLabels} from "./basics.ts";
import {ownUpload} from "./uploads.ts";
import {scopeSchool, uploadScopeOf, type UploadScope} from "../scope.ts";
import {currentSession} from "../auth/context.ts";
import {can} from "../auth/permissions.ts";
import {one} from "../../store/database.ts";

/** The line on top of the history page after an action, from its query. */
function historyNotice(q: URLSearchParams): string | null {
  const n = (k: string) => (/^\d{1,9}$/.test(q.get(k) ?? "") ? Number(q.get(k)) : null);
  const undone = n("undone"), deleted = n("deleted"), purged = n("purged"), days = n("days"), files = n("files");
  if (undone !== null) return `Загрузка № ${undone} отменена; дашборды обновятся в течение полуминуты.`;
  if (deleted !== null) return files ? `Исходный файл загрузки № ${deleted} удалён; данные загрузки остались.` : `Исходного файла загрузки № ${deleted} уже нет.`;
  if (purged !== null) {
    return `Удалено исходных файлов старше ${days ?? 0} ${plural(days ?? 0, "дня", "дней", "дней")}: ${purged}. Данные загрузок остались.`;
  }
  return null;
}

/**
 * The upload page's lists: quarters and school years with data, and those of this school year and
 * the last one (a school's first report is for a period without data yet), newest first.
 */
async function uploadChoices(store: Store) {
  const periods = await dataPeriods(store);
  const now = periodOfDate(new Date(), "school-year");
  const recent = [schoolYear(now.year - 1), now];
  const quarters = new Map(periods.quarters.map((q) => [q.id, q.label]));
  for (const y of recent) for (const q of periodsWithin(y)) quarters.set(periodId(q), periodLabel(q));
  const years = new Map(periods.schoolYears.map((y) => [y.id, y.label]));
  for (const y of recent) years.set(periodId(y), periodLabel(y));
  const newestFirst = (m: Map<string, string>) => [...m].map(([id, label]) => ({id, label})).sort((a, b) => b.id.localeCompare(a.id));
  return {quarters: newestFirst(quarters), schoolYears: newestFirst(years)};
}

/** Whose uploads a scoped page lists (null for the region). */
async function scopeNote(store: Store, scope: UploadScope): Promise<string | null> {
  if (scope.level === "region") return null;
  const school = await scopeSchool(store, scope);
  if (school) return `Загрузки вашей школы: ${school.name} (${school.municipality}).`;
  if (scope.level === "municipality") {
    const m = await store.read((c) => one<{name: string}>(c, "SELECT name FROM municipalities WHERE municipality_id = $id", {id: scope.id}));
    return m ? `Загрузки школ вашего муниципалитета: ${m.name}.` : "Вашего муниципалитета нет в справочнике: загрузок нет.";
  }
  return "Вашей школы нет в справочнике: загрузок нет.";
}

export const pageRoutes = (): Route[] => [
  {method: "GET", path: "/upload", guard: "read", access: "upload", handle: async ({app, res}) => {
    const own = await ownUpload(app, currentSession());
    sendPage(res, uploadPage({csrf: app.csrf, maxFileMb: Math.round(app.uploadLimits.maxFileBytes / 1048576), maxFiles: app.uploadLimits.maxFiles,
      kinds: own ? [own.policy.allowedLabel] : fileKinds.map((k) => k.label), dashboards: app.dashboards().message, ...await uploadChoices(app.store),
      own: own ? {level: own.scopeLock.level, name: own.scopeLock.name, municipality: own.scopeLock.municipality} : null,
      formsOnly: own ? [...own.policy.kinds].every((k) => k === "forms") : false}));
  }},
  {method: "GET", path: "/history", guard: "read", access: "view", handle: async ({app, res, url}) => {
    const before = /^\d{1,9}$/.test(url.searchParams.get("before") ?? "") ? Number(url.searchParams.get("before")) : null;
    const session = currentSession();
    const scope = await uploadScopeOf(app.store, session);
    const [history, kept] = [await uploadHistory(app.store, {before, scope}), await keptOriginals(app.store)];
    sendPage(res, historyPage({csrf: app.csrf, history, first: before === null, kinds: kindLabels(), notice: historyNotice(url.searchParams),
      originals: {...kept, policy: app.originals.policy}, scopeNote: await scopeNote(app.store, scope),
      may: {undo: !session || can(session, "undo"), originals: !session || (can(session, "manage-settings") && scope.level === "region")}}));
  }},
  {method: "GET", path: "/exports", guard: "read", access: "view", handle: async ({app, res}) => {
    const periods = await dataPeriods(app.store);
    sendPage(res, exportsPage({csrf: app.csrf, periods: periods.quarters.map((p) => p.id), schoolYears: periods.schoolYears,
      calendarYears: periods.calendarYears}));
  }}
];
