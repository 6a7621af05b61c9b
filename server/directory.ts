// The directory's pages and actions on the server (issue 11 §1): GET /directory (the methodologist's
// page), GET /api/directory (the same as JSON, and the upload page's school picker), and the POST
// actions behind its buttons. Registered in app.ts by two calls; every write goes through the
// store's queue in one transaction, and dashboards are told that data changed.
import type {IncomingMessage, ServerResponse} from "node:http";
import type {Store} from "../store/database.ts";
import {decideProposal, directorySchools, dismissRejection, DirectoryError, liveSchoolId, directorySchool, pendingProposals,
  setOpen} from "../store/directory.ts";
import {engagementPeriods} from "../reports/engagement.ts";
import {collectionStates} from "../reports/completeness.ts";
import {HttpError, redirect, sendJson, sendPage} from "./http.ts";
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

/** GET /directory and /api/directory; false when the path is not the directory's. */
export async function directoryGet(store: Store, url: URL, res: ServerResponse, csrf: string): Promise<boolean> {
  if (url.pathname === "/api/directory") {
    sendJson(res, 200, await snapshot(store));
    return true;
  }
  if (url.pathname !== "/directory") return false;
  const done = url.searchParams.get("done") ?? "";
  sendPage(res, directoryPage({csrf, ...await snapshot(store), notice: NOTICES[done] ?? null}));
  return true;
}

const ACTION = /^\/directory\/(proposals|schools|uploads)\/(\d+)\/(same|different|close|open|dismiss)$/;

/** POST /directory/…: the page's buttons; false when the path is not the directory's. */
export async function directoryPost(store: Store, req: IncomingMessage, res: ServerResponse, changed: () => void): Promise<boolean> {
  const m = ACTION.exec(new URL(req.url ?? "/", "http://localhost").pathname);
  if (!m) return false;
  const [, what, idText, action] = m as unknown as [string, string, string, string];
  const id = Number(idText);
  try {
    await store.write(async (c) => {
      if (what === "proposals" && (action === "same" || action === "different")) await decideProposal(c, id, action, "server");
      else if (what === "schools" && (action === "close" || action === "open")) await setOpen(c, id, action === "open", {source: "server"});
      else if (what === "uploads" && action === "dismiss") await dismissRejection(c, id, "server");
      else throw new HttpError(404, "Нет такого действия.");
    });
  } catch (e) {
    if (e instanceof DirectoryError) throw new HttpError(409, `${e.message[0]!.toUpperCase()}${e.message.slice(1)}.`);
    throw e;
  }
  changed();
  if ((req.headers.accept ?? "").includes("application/json")) sendJson(res, 200, {ok: true, action, id});
  else redirect(res, `/directory?done=${action}`);
  return true;
}
