// Reads that cost work: the issues workbooks, the quarterly report, the annual report as a page, a
// PDF and JSON, and the history as JSON. All are `export` routes (refused when another site asks),
// except the small paged history.
import {quarterParam, reportPeriodParam} from "./params.ts";
import {dataPeriods} from "../../reports/periods.ts";
import {BASE_HEADERS} from "../security.ts";
import {HttpError, sendBytes, sendJson} from "../http.ts";
import {uploadHistory} from "../history.ts";
import type {RequestContext, Route} from "../routes.ts";
import {currentSession} from "../auth/context.ts";
import {audienceOf, uploadInScope, uploadScopeOf} from "../scope.ts";
import {requestScope, scopeCodes} from "../reportScope.ts";
import {annualFileStem} from "../../reports/exports/annualScope.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** An export is recorded in the audit log: what was exported, never its content. */
const exported = (c: RequestContext, object: string, details: Record<string, string | number | null> = {}) =>
  c.app.auth.audit(c.req, currentSession(), {action: "export", object, details});

// Exports load exceljs and the report modules on first use: the idle server stays small.
const issuesXlsx = () => import("../../reports/exports/issuesXlsx.ts");
const annual = async () => ({...await import("../../reports/exports/annualReport.ts"), ...await import("../../reports/exports/annualHtml.ts"),
  ...await import("../../reports/exports/annualPdf.ts")});

export const exportRoutes = (): Route[] => [
  {method: "GET", path: "/api/history", guard: "read", access: "view", handle: async ({app, res, url}) => {
    const num = (k: string) => (/^\d{1,9}$/.test(url.searchParams.get(k) ?? "") ? Number(url.searchParams.get(k)) : undefined);
    const scope = await uploadScopeOf(app.store, currentSession());
    sendJson(res, 200, await uploadHistory(app.store, {before: num("before") ?? null, limit: num("limit"), scope}));
  }},
  {method: "GET", path: "/api/uploads/:id/issues.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {app, res, params} = c;
    const {uploadsWithIssues, issuesWorkbook} = await issuesXlsx();
    const id = Number(params.id);
    // An upload outside the session's scope is answered as one that does not exist.
    const scope = await uploadScopeOf(app.store, currentSession());
    const mine = Number.isSafeInteger(id) && await uploadInScope(app.store, id, scope);
    const {files, omitted} = await uploadsWithIssues(app.store, mine ? [id] : [], undefined, scope);
    if (!files.length) throw new HttpError(404, `Загрузки № ${params.id} нет.`);
    const f = files[0]!;
    await exported(c, `upload:${f.uploadId}`, {format: "issues.xlsx"});
    sendBytes(res, await issuesWorkbook(files, `Замечания к файлу «${f.file}» (загрузка № ${f.uploadId})`, omitted), XLSX,
      `замечания ${f.file.replace(/\.xlsx$/i, "")}.xlsx`);
  }},
  {method: "GET", path: "/api/batches/:batch/issues.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {app, res, params} = c;
    if (!/^[A-Za-z0-9-]{1,64}$/.test(params.batch ?? "")) throw new HttpError(404, "Нет такой загрузки.");
    const {uploadsWithIssues, issuesWorkbook, batchUploadIds} = await issuesXlsx();
    const scope = await uploadScopeOf(app.store, currentSession());
    const ids: number[] = [];
    for (const id of await batchUploadIds(app.store, params.batch!)) if (await uploadInScope(app.store, id, scope)) ids.push(id);
    const {files, omitted} = await uploadsWithIssues(app.store, ids, undefined, scope);
    if (!files.length) throw new HttpError(404, "В этой загрузке нет сохранённых файлов.");
    await exported(c, `batch:${params.batch}`, {format: "issues.xlsx", files: files.length});
    sendBytes(res, await issuesWorkbook(files, `Замечания к загрузке из ${files.length} файлов`, omitted), XLSX, "замечания по загрузке.xlsx");
  }},
  {method: "GET", path: "/exports/engagement.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {app, res, url} = c;
    const period = quarterParam(url);
    const {engagementExport} = await import("../../reports/exports/engagementXlsx.ts");
    // Readers without names (management, school representatives) get the aggregate figures (reports/aggregateEngagement.ts).
    const audience = audienceOf(currentSession());
    const {period: p, bytes} = await engagementExport(app.store, await app.settings(), {...(period ? {period} : {}), audience});
    await exported(c, "export:engagement.xlsx", {period: p});
    sendBytes(res, bytes, XLSX, `вовлечённость ${p ?? "нет данных"}.xlsx`);
  }},
  // The curator's route of one teacher (seed 001's form, blocks 4 and 5 filled): it carries her name.
  ...(["xlsx", "docx"] as const).map((format): Route => ({method: "GET", path: `/exports/route.${format}`, guard: "export", access: "view",
    handle: async (c) => {
      const {app, res, url} = c;
      const {routeExport} = await import("../../reports/exports/routeExport.ts");
      const file = await routeExport(app.store, await app.settings(), url.searchParams.get("teacher"), format);
      if (!file) throw new HttpError(404, "Нет такого педагога или у него нет результатов диагностики.");
      await exported(c, `teacher:${url.searchParams.get("teacher") ?? ""}`, {format: `route.${format}`});
      sendBytes(res, file.bytes, file.type, file.fileName);
    }})),
  {method: "GET", path: "/api/periods", guard: "read", access: "view", handle: async ({app, res}) => sendJson(res, 200, await dataPeriods(app.store))},
  {method: "GET", path: "/exports/settings.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {app, res} = c;
    await exported(c, "export:settings.xlsx");
    const {settingsWorkbook} = await import("../../reports/exports/settingsXlsx.ts");
    const {loadSettings} = await import("../../settings/load.ts");
    sendBytes(res, await settingsWorkbook(await loadSettings(app.store)), XLSX, "настройки.xlsx");
  }},
  {method: "GET", path: "/api/annual", guard: "export", access: "view", handle: async ({app, res, url}) => {
    const scope = await requestScope(app.store, currentSession(), url);
    sendJson(res, 200, await (await annual()).annualReport(app.store, await app.settings(), {...reportPeriodParam(url), scope, audience: audienceOf(currentSession())}));
  }},
  {method: "GET", path: "/exports/annual.xlsx", guard: "export", access: "view", handle: async (c) => {
    const {app, res, url} = c;
    const scope = await requestScope(app.store, currentSession(), url);
    const settings = await app.settings();
    const r = await (await annual()).annualReport(app.store, settings, {...reportPeriodParam(url), scope, audience: audienceOf(currentSession())});
    await exported(c, "export:annual.xlsx", {period: r.period.id.replace("/", "-"), ...scopeCodes(scope)});
    const {annualWorkbook} = await import("../../reports/exports/annualXlsx.ts");
    sendBytes(res, await annualWorkbook(r, settings.organisation), XLSX, `${annualFileStem(r, "итоговый отчёт")}.xlsx`);
  }},
  {method: "GET", path: "/exports/annual.docx", guard: "export", access: "view", handle: async (c) => {
    const {app, res, url} = c;
    const scope = await requestScope(app.store, currentSession(), url);
    const settings = await app.settings();
    const r = await (await annual()).annualReport(app.store, settings, {...reportPeriodParam(url), scope, audience: audienceOf(currentSession())});
    await exported(c, "export:annual.docx", {period: r.period.id.replace("/", "-"), ...scopeCodes(scope)});
    const {annualDocx, annualDocxFileName} = await import("../../reports/exports/annualDocx.ts");
    sendBytes(res, await annualDocx(r, settings.organisation), DOCX, annualDocxFileName(r));
  }},
  {method: "GET", path: "/exports/annual.html", guard: "export", access: "view", handle: async (c) => {
    const {app, res, url} = c;
    const scope = await requestScope(app.store, currentSession(), url);
    const {annualHtml, annualReport} = await annual();
    const settings = await app.settings();
    const r = await annualReport(app.store, settings, {...reportPeriodParam(url), scope, audience: audienceOf(currentSession())});
    await exported(c, "export:annual.html", {period: r.period.id.replace("/", "-"), ...scopeCodes(scope)});
    const html = annualHtml(r, settings.organisation);
    res.writeHead(200, {...BASE_HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"});
    res.end(html);
  }},
  {method: "GET", path: "/exports/annual.pdf", guard: "export", access: "view", handle: async (c) => {
    const {app, res, url} = c;
    const chosen = reportPeriodParam(url);
    const scope = await requestScope(app.store, currentSession(), url);
    const codes = scopeCodes(scope);
    const audience = audienceOf(currentSession());
    // One Chromium at a time, and a PDF once per data version, period, scope and audience (server/pdfQueue.ts).
    const key = `${chosen.period ? `${chosen.period.kind}:${chosen.period.year}` : "default"}|${codes.level}:${codes.id ?? ""}|${audience}`;
    const pdf = await app.pdf.get(`${app.dataVersion()}|${key}`, async () => {
      const {annualHtml, annualReport, htmlToPdf} = await annual();
      const settings = await app.settings();
      const r = await annualReport(app.store, settings, {...chosen, scope, audience});
      return {bytes: await htmlToPdf(annualHtml(r, settings.organisation)), name: `${annualFileStem(r, "итоговый отчёт")}.pdf`};
    });
    await exported(c, "export:annual.pdf", {period: chosen.period ? `${chosen.period.kind}:${chosen.period.year}` : null, ...codes});
    sendBytes(res, pdf.bytes, "application/pdf", pdf.name);
  }}
];
