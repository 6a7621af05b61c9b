// The server's own pages: upload, history, exports.
import {sendPage} from "../http.ts";
import {uploadPage} from "../pages/upload.ts";
import {historyPage} from "../pages/history.ts";
import {exportsPage} from "../pages/exports.ts";
import {uploadHistory} from "../history.ts";
import {keptOriginals} from "../originals.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import {engagementPeriods} from "../../reports/engagement.ts";
import {plural} from "../../loaders/messages/index.ts";
import type {Route} from "../routes.ts";
import {kindLabels} from "./basics.ts";

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

export const pageRoutes = (): Route[] => [
  {method: "GET", path: "/upload", guard: "read", access: "upload", handle: ({app, res}) =>
    sendPage(res, uploadPage({csrf: app.csrf, maxFileMb: Math.round(app.uploadLimits.maxFileBytes / 1048576), maxFiles: app.uploadLimits.maxFiles,
      kinds: fileKinds.map((k) => k.label), dashboards: app.dashboards().message}))},
  {method: "GET", path: "/history", guard: "read", access: "view", handle: async ({app, res, url}) => {
    const before = /^\d{1,9}$/.test(url.searchParams.get("before") ?? "") ? Number(url.searchParams.get("before")) : null;
    const [history, kept] = [await uploadHistory(app.store, {before}), await keptOriginals(app.store)];
    sendPage(res, historyPage({csrf: app.csrf, history, first: before === null, kinds: kindLabels(), notice: historyNotice(url.searchParams),
      originals: {...kept, policy: app.originals.policy}}));
  }},
  {method: "GET", path: "/exports", guard: "read", access: "view", handle: async ({app, res}) => {
    const periods = await engagementPeriods(app.store);
    sendPage(res, exportsPage({csrf: app.csrf, periods, years: [...new Set(periods.map((p) => Number(p.slice(0, 4))))]}));
  }}
];
