// The directory's pages and actions on the server (issue 11 §1): GET /directory (the methodologist's
// page), GET /api/directory (the same as JSON, and the upload page's school picker), and the POST
// actions behind its buttons. Its routes are one line of server/routes/index.ts; every write goes through the
// store's queue in one transaction, and dashboards are told that data changed.
import type {Store} from "../store/database.ts";
import {decideProposal, directorySchools, dismissRejection, DirectoryError, liveSchoolId, directorySchool, pendingProposals,
  setOpen} from "../store/directory.ts";
import {engagementPeriods} from "../reports/engagement.ts";
import {collectionStates} from "../reports/completeness.ts";
import {HttpError, redirect, sendJson, sendPage, wantsPage} from "./http.ts";
import type {RequestContext, Route} from "./routes.ts";
import {directoryPage, type RefusedEntry} from "./pages/directory.ts";

/** Refused files still counting against some quarter: attributed to a school, or of no known school. */
async function refusedFiles(store: Store): Promise<RefusedEntry[]> {
  const out: RefusedEntry[] = [];
  for (const period of await engagementPeriods(store)) {
    const c = await collectionStates(store, period);
    for (const s of c.schools) {
      if (s.rejectedUploadId !== null) out.push({uploadId: s.rejectedUploadId, file: s.file ?? "", period, school: s.name, message: s.rejectedMessage});
    }
    for (const f of c.rejectedFiles) out.push({uploadId: f.uploadId, file: f.file, period, school: null, message: f.message});
  }
  return out.sort((a, b) => a.uploadId - b.uploadId);
}

async function snapshot(store: Store) {
  return {schools: await store.read(directorySchools), proposals: await store.read(pendingProposals), refused: await refusedFiles(store)};
}

/** The school a chosen id stands for, as the upload's `school` option (null when no such school). */
export async function schoolOption(store: Store, id: string | null): Promise<{name: string; municipality: string; id: number} | undefined> {
  if (!id) return undefined;
  if (!/^\d+$/.test(id)) throw new HttpError(400, "Школа: нужен номер школы из справочника.");
  const school = await store.read(async (c) => {
    const live = await liveSchoolId(c, Number(id));
    return live === null ? null : directorySchool(c, live);
  });
  if (!school) throw new HttpError(400, `Школы № ${id} нет в справочнике.`);
  return {name: school.name, municipality: school.municipality, id: school.id};
}

const NOTICES: Record<string, string> = {
  same: "Отмечено: это одна школа. Её данные за все кварталы теперь считаются вместе; дашборды обновятся в течение полуминуты.",
  different: "Отмечено: это разные школы. Это совпадение больше не предлагается.",
  close: "Школа закрыта: её отчёт больше не ожидается.",
  open: "Школа снова действует и ожидается в отчётах.",
  dismiss: "Отклонённый файл больше не считается против полноты квартала."
};

async function directoryAction({app, req, res, params}: RequestContext): Promise<void> {
  const {what, action} = params as {what: string; action: string};
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, "Нет такой записи справочника.");
  try {
    await app.store.write(async (c) => {
      if (what === "proposals" && (action === "same" || action === "different")) await decideProposal(c, id, action, "server");
      else if (what === "schools" && (action === "close" || action === "open")) await setOpen(c, id, action === "open", {source: "server"});
      else if (what === "uploads" && action === "dismiss") await dismissRejection(c, id, "server");
      else throw new HttpError(404, "Нет такого действия.");
    });
  } catch (e) {
    if (e instanceof DirectoryError) throw new HttpError(409, `${e.message[0]!.toUpperCase()}${e.message.slice(1)}.`);
    throw e;
  }
  app.changed();
  if (wantsPage(req)) return redirect(res, `/directory?done=${action}`);
  sendJson(res, 200, {ok: true, action, id});
}

/** The directory's routes: its page, its JSON (also the upload page's school picker), the page's buttons. */
export const directoryRoutes = (): Route[] => [
  {method: "GET", path: "/api/directory", guard: "read", access: "view", handle: async ({app, res}) => sendJson(res, 200, await snapshot(app.store))},
  {method: "GET", path: "/directory", guard: "read", access: "view", handle: async ({app, res, url}) => {
    const done = url.searchParams.get("done") ?? "";
    sendPage(res, directoryPage({csrf: app.csrf, ...await snapshot(app.store), notice: NOTICES[done] ?? null}));
  }},
  {method: "POST", path: "/directory/:what/:id/:action", guard: "write", access: "manage", handle: directoryAction}
];
