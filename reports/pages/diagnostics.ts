// The curator's aggregate page (src/diagnostics.md) for a view: diagnosticsPage — pre/post figures
// of the scope, its municipalities and schools, routes' completion, what changed, the mentees'
// students, young specialists with a mentor. No names; groups under the group-size setting keep
// their size only. Every report reads through the view's scope in SQL (reports/scopeSql.ts): no row
// of a school outside it is read.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import {diagnosticsPage, type DiagnosticsPage} from "../diagnosticsPage.ts";
import type {View} from "../scope.ts";

export function diagnosticsData(store: Store, settings: Settings, view: View): Promise<DiagnosticsPage> {
  return diagnosticsPage(store, settings, {scope: view.scope});
}
