// Stores the catalogue and the routes inside their upload's transaction.
import type {DuckDBConnection} from "@duckdb/node-api";
import {all} from "../../store/database.ts";
import type {StoreContext, Stored} from "../fileKind.ts";
import type {CatalogueData} from "./catalogue.ts";
import type {RoutesData} from "./routeFile.ts";
import {resolvePeople} from "./people.ts";

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

function text(a: Appender, v: string | null): void {
  if (v === null) a.appendNull(); else a.appendVarchar(v);
}
function num(a: Appender, v: number | null): void {
  if (v === null) a.appendNull(); else a.appendDouble(v);
}
/** DATE columns accept ISO text through the appender's implicit cast. */
const day = text;

export async function storeCatalogue(conn: DuckDBConnection, data: CatalogueData, context: StoreContext): Promise<Stored> {
  const replaced = await all<{upload_id: number}>(conn, "SELECT DISTINCT upload_id FROM current_catalogue");
  const a = await conn.createAppender("catalogue_items");
  for (const i of data.items) {
    a.appendInteger(context.uploadId); a.appendInteger(i.no); a.appendVarchar(i.kind); a.appendVarchar(i.title);
    text(a, i.provider); num(a, i.hours); a.appendVarchar(i.areas.join(",")); text(a, i.areasText); text(a, i.format);
    day(a, i.start); day(a, i.end); text(a, i.datesText); text(a, i.url); a.appendVarchar(i.sheet); a.appendInteger(i.row);
    a.endRow();
  }
  a.closeSync();
  return {replaces: replaced.map((r) => r.upload_id)};
}

export async function storeRoutes(conn: DuckDBConnection, data: RoutesData, context: StoreContext): Promise<Stored> {
  const people = await resolvePeople(conn, data.routes, context.uploadId);
  const routes = await conn.createAppender("routes");
  const activities = await conn.createAppender("route_activities");
  data.routes.forEach((r, k) => {
    routes.appendInteger(context.uploadId); routes.appendInteger(k + 1); routes.appendInteger(people.personIds[k]!);
    routes.appendInteger(people.schoolIds[k]!); day(routes, r.start); day(routes, r.end); day(routes, r.developed);
    routes.appendVarchar(r.sheet); routes.appendInteger(r.row);
    routes.endRow();
    r.activities.forEach((x, j) => {
      activities.appendInteger(context.uploadId); activities.appendInteger(k + 1); activities.appendInteger(j + 1);
      activities.appendVarchar(x.block); activities.appendVarchar(x.title); text(activities, x.provider); num(activities, x.hours);
      text(activities, x.deficitsText); activities.appendVarchar(x.areas.join(",")); text(activities, x.plannedText);
      day(activities, x.plannedStart); day(activities, x.plannedEnd); text(activities, x.markText); activities.appendVarchar(x.mark.status);
      day(activities, x.mark.date); text(activities, x.mark.document); activities.appendVarchar(x.sheet); activities.appendInteger(x.row);
      activities.endRow();
    });
  });
  routes.closeSync();
  activities.closeSync();
  // The uploads whose route for one of these teachers this one now replaces.
  const replaced = await all<{upload_id: number}>(conn, `
    SELECT DISTINCT o.upload_id FROM routes o JOIN uploads u USING (upload_id)
    WHERE u.undone_at IS NULL AND o.upload_id < $u
      AND o.person_id IN (SELECT person_id FROM routes WHERE upload_id = $u)
      AND o.upload_id = (SELECT max(x.upload_id) FROM routes x JOIN uploads v USING (upload_id)
                         WHERE x.person_id = o.person_id AND x.upload_id < $u AND v.undone_at IS NULL)
    ORDER BY 1`, {u: context.uploadId});
  const issues = people.noMunicipality ? [{file: context.file, severity: "info" as const, kind: "routes/no-municipality" as const,
    details: {rows: people.noMunicipality}}] : [];
  return {schoolIds: people.bySchoolName, replaces: replaced.map((r) => r.upload_id), issues};
}
