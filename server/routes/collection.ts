// The methodologist's collection board (issue 16 §4): GET /collection?period=2024-Q2 (the page) and
// GET /exports/collection.xlsx?period=… (the schools to remind), audited as an export. Who may open
// them is said in server/auth/requirements.ts (the methodologist: the whole region, with contacts).
import {quarterParam} from "./params.ts";
import {dataPeriods} from "../../reports/periods.ts";
import {collectionBoard} from "../../reports/collection.ts";
import {formatPeriod} from "../../lib/format.ts";
import {HttpError, sendBytes, sendPage} from "../http.ts";
import {currentSession} from "../auth/context.ts";
import {collectionPage} from "../pages/collection.ts";
import type {RequestContext, Route} from "../routes.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The quarter asked for, else the newest with data; a quarter without data is a 404 with the list's words. */
async function chosenQuarter(c: RequestContext): Promise<{period: string | null; periods: Awaited<ReturnType<typeof dataPeriods>>["quarters"]}> {
  const periods = (await dataPeriods(c.app.store)).quarters;
  const asked = quarterParam(c.url);
  if (asked && !periods.some((p) => p.id === asked)) {
    throw new HttpError(404, `За ${formatPeriod(asked)} отчётов нет. Выберите квартал из списка на странице «Сбор отчётов».`);
  }
  return {period: asked ?? periods.at(-1)?.id ?? null, periods};
}

export const collectionRoutes = (): Route[] => [
  {method: "GET", path: "/collection", guard: "read", access: "view", handle: async (c) => {
    const {period, periods} = await chosenQuarter(c);
    const board = period ? await collectionBoard(c.app.store, period) : null;
    sendPage(c.res, collectionPage({csrf: c.app.csrf, periods, board, label: period ? formatPeriod(period) : null}));
  }},
  {method: "GET", path: "/exports/collection.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {period} = await chosenQuarter(c);
    if (!period) throw new HttpError(404, "Квартальных отчётов ещё нет.");
    const board = await collectionBoard(c.app.store, period);
    const {collectionWorkbook} = await import("../../reports/exports/collectionXlsx.ts");
    const bytes = await collectionWorkbook(board, formatPeriod(period));
    await c.app.auth.audit(c.req, currentSession(), {action: "export", object: "export:collection.xlsx", details: {period}});
    sendBytes(c.res, bytes, XLSX, `напомнить ${period}.xlsx`);
  }}
];
