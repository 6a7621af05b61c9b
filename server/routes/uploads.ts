// Writes: receiving files, undoing an upload, deleting kept originals. Every one is a `write` route
// (this server's pages, CSRF token); a form post from a page is answered with a page, a script's
// request with JSON.
import {periodId} from "../../lib/period.ts";
import {periodParam} from "./params.ts";
import {busy, cutStalledBody, HttpError, redirect, sendJson, wantsPage} from "../http.ts";
import {senderKey} from "../admission.ts";
import {receiveUploads, type UploadPolicy} from "../uploads.ts";
import {scopeLockOf, scopeSchool, uploadScopeOf} from "../scope.ts";
import {can, uploadActionFor, type Session} from "../auth/permissions.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import type {IngestOptions} from "../../loaders/fileKind.ts";
import {undoUpload} from "../history.ts";
import {purgeOriginals} from "../originals.ts";
import {schoolOption} from "../directory.ts";
import {currentSession} from "../auth/context.ts";
import type {RequestContext, Route} from "../routes.ts";

/** Bytes of one request's files held at once while they are parsed and stored (the rest waits unread). */
export const requestHeldBytes = (maxFileBytes: number) => 2 * maxFileBytes;

async function uploadFiles({app, req, res, url, user}: RequestContext): Promise<void> {
  const quarter = periodParam(url, "period", ["quarter"]);
  const period = quarter ? periodId(quarter) : undefined;
  const schoolYear = periodParam(url, "schoolYear", ["school-year"]);
  const wave = url.searchParams.get("wave") || undefined;
  if (wave !== undefined && wave !== "entry" && wave !== "exit") throw new HttpError(400, "Этап диагностики: entry или exit.");
  const batch = (url.searchParams.get("batch") ?? "").slice(0, 64).replace(/[^A-Za-z0-9-]/g, "") || null;
  const limits = app.uploadLimits;
  const length = req.headers["content-length"];
  if (length === undefined || !/^\d+$/.test(length)) {
    throw new HttpError(411, "Нужен размер запроса (заголовок Content-Length): отправьте файлы обычной формой или со страницы загрузки.");
  }
  const declared = Number(length);
  if (declared > limits.maxFiles * (limits.maxFileBytes + 64 * 1024)) {
    throw new HttpError(413, `Слишком большой запрос: не больше ${limits.maxFiles} файлов по ${Math.round(limits.maxFileBytes / 1048576)} МБ.`);
  }
  // What this request may hold in memory at once: its body, or (a long multi-file body) two files'
  // worth while they are parsed and stored, plus the one arriving.
  const reserve = Math.min(declared, requestHeldBytes(limits.maxFileBytes) + limits.maxFileBytes);
  const sender = senderKey(req, user?.id ?? null);
  if (!app.admission.canQueue(sender, 1) || !app.admission.reserve(reserve)) {
    app.admission.refused++;
    throw busy(app.admission.retryAfterSeconds());
  }
  const session = currentSession();
  let files;
  const watching = cutStalledBody(req, res, limits.stall);
  try {
    // A school's own account uploads for her school, a municipal curator for her municipality's
    // schools, whatever the request says; the methodologist chooses the school for files that do
    // not name theirs (a staff list, Forms without a school column).
    const own = await ownUpload(app, currentSession());
    const school = own ? own.school : await schoolOption(app.store, url.searchParams.get("school"));
    files = await receiveUploads(app, req, sender, {...(period ? {period} : {}), ...(wave ? {wave} : {}), ...(school ? {school} : {}),
      ...(own ? {scopeLock: own.scopeLock} : {}),
      ...(schoolYear ? {schoolYear: schoolYear.year} : {}), settings: await app.settings()}, batch,
      requestHeldBytes(limits.maxFileBytes), own?.policy ?? null, session ? app.auth.uploader(req, session) : null);
  } finally {
    watching();
    app.admission.release(reserve);
  }
  // A stored file's event committed with it; the others (already loaded, refused) are recorded here.
  if (session) await app.auth.auditUploads(req, session, files.filter((f) => f.uploadId === null));
  sendJson(res, 200, {batch, files, dashboards: app.dashboards()});
}

/**
 * The upload of a session below the region (issue 16 §1, §4): a school's account sends her school's
 * files, a municipal curator her municipality's — the kinds her role may upload among those whose
 * schools are checked (quarterly reports check their school in loaders/forms; the other kinds list
 * the schools they name, loaders/ownScope.ts). A school's files are for her school, chosen and
 * locked. Null for the region. Throws 403 (Russian) for a scope the directory does not know.
 */
export async function ownUpload(app: RequestContext["app"], session: Session | null): Promise<{school: IngestOptions["school"];
  scopeLock: NonNullable<IngestOptions["scopeLock"]>; policy: UploadPolicy} | null> {
  if (!session || session.scope.level === "region") return null;
  const scope = await uploadScopeOf(app.store, session);
  const lock = await scopeLockOf(app.store, scope);
  if (!lock) {
    throw new HttpError(403, scope.level === "school"
      ? "Вашей школы нет в справочнике школ: загрузка невозможна. Сообщите методисту РНЦ."
      : "Вашего муниципалитета нет в справочнике школ: загрузка невозможна. Сообщите методисту РНЦ.");
  }
  const checked = fileKinds.filter((k) => (k.name === "forms" ? scope.level === "school" : k.schoolsNamed !== undefined) &&
    can(session, uploadActionFor(k.name)));
  if (!checked.length) throw new HttpError(403, "Вашей роли не разрешена загрузка файлов.");
  const school = scope.level === "school" ? await scopeSchool(app.store, scope) : null;
  const kinds = new Set(checked.map((k) => k.name));
  return {school: school ? {name: school.name, municipality: school.municipality, id: school.id, locked: true, aliases: school.aliases} : undefined,
    scopeLock: lock, policy: {kinds, allowedLabel: checked.map((k) => k.label).join(", "), scope}};
}

function uploadId(c: RequestContext): number {
  const id = Number(c.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, "Нет такой загрузки.");
  return id;
}

export const uploadRoutes = (): Route[] => [
  {method: "POST", path: "/api/uploads", guard: "write", access: "upload", handle: uploadFiles},
  {method: "POST", path: "/api/uploads/:id/undo", guard: "write", access: "upload", handle: async (c) => {
    const {app, req, res} = c;
    const result = await undoUpload(app.store, uploadId(c));
    await app.auth.audit(req, currentSession(), {action: "undo", object: `upload:${result.uploadId}`, details: {restored: result.restored.length}});
    app.known.undone(result.uploadId);
    app.changed();
    app.log(`загрузка ${result.uploadId} отменена`);
    if (wantsPage(req)) return redirect(res, `/history?undone=${result.uploadId}`);
    sendJson(res, 200, {...result, dashboards: app.dashboards()});
  }},
  {method: "POST", path: "/api/uploads/:id/original/delete", guard: "write", access: "manage", handle: async (c) => {
    const {app, req, res} = c;
    const id = uploadId(c);
    const r = await purgeOriginals(app.store, app.originals.dir, {uploadId: id});
    app.log(`исходный файл загрузки ${id} удалён по запросу (${r.files})`);
    if (wantsPage(req)) return redirect(res, `/history?deleted=${id}&files=${r.files}`);
    sendJson(res, 200, r);
  }},
  {method: "POST", path: "/api/originals/purge", guard: "write", access: "manage", handle: async ({app, req, res, url, form}) => {
    const given = form?.get("olderThan") ?? url.searchParams.get("olderThan") ?? "";
    if (!/^\d{1,5}$/.test(given)) throw new HttpError(400, "Срок хранения: нужно целое число дней, например 30.");
    const r = await purgeOriginals(app.store, app.originals.dir, {olderThanDays: Number(given)});
    app.log(`исходные файлы старше ${given} дн. удалены по запросу (${r.files})`);
    if (wantsPage(req)) return redirect(res, `/history?purged=${r.files}&days=${given}`);
    sendJson(res, 200, r);
  }}
];
