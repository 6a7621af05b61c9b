// The curator's aggregate page (src/diagnostics.md) for a view: diagnosticsPage — pre/post figures
// of the region, municipalities and schools, routes' completion, what changed, the mentees'
// students, young specialists with a mentor. No names; groups under the group-size setting keep
// their size only. Rows of schools and municipalities outside the scope are cut.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {diagnosticsPage, type DiagnosticsPage} from "../diagnosticsPage.ts";
import type {View} from "../scope.ts";
import {keepInScope, scopeMembers} from "./scope.ts";

export async function diagnosticsData(store: Store, settings: Settings, view: View): Promise<DiagnosticsPage> {
  // TODO(levels): diagnosticsPage(store, settings, {scope: view.scope}) — its region figures are the region's today; the rows are cut here.
  return keepInScope(await diagnosticsPage(store, settings), await scopeMembers(store, view.scope));
}
