// One teacher's drafted route as a file of seed 001's form, on demand (the server's
// /exports/route.xlsx|docx?teacher=N; the curator's page links there). Named: the service only.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {teacherRouteDrafts} from "../routeDraft.ts";
import {routeXlsx} from "./routeXlsx.ts";
import {routeDocx} from "./routeDocx.ts";
import {routeFileName} from "./routeForm.ts";

export const ROUTE_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
} as const;

/** The file, or null when the teacher is unknown (not a positive whole number, or no diagnostics). */
export async function routeExport(store: Store, settings: Settings, teacher: string | null, format: "xlsx" | "docx",
  options: {start?: string} = {}): Promise<{bytes: Buffer; type: string; fileName: string} | null> {
  if (!teacher || !/^\d{1,9}$/.test(teacher)) return null;
  const id = Number(teacher);
  const draft = (await teacherRouteDrafts(store, settings, {teacherIds: [id], names: true, start: options.start})).get(id);
  if (!draft) return null;
  return {bytes: format === "xlsx" ? await routeXlsx(draft) : await routeDocx(draft), type: ROUTE_TYPES[format], fileName: routeFileName(draft, format)};
}
