// The curator's aggregate page: diagnosticsPage (reports/diagnosticsPage.ts) — pre/post figures of
// the region, municipalities and schools, routes' completion, what changed, the mentees' students,
// young specialists with a mentor. No names; groups smaller than the group-size setting keep their size only.
import {diagnosticsPage} from "../../reports/diagnosticsPage.ts";
import {emit, NO_DATA} from "./_snapshot.ts";

await emit(async (store, settings) => (store ? diagnosticsPage(store, settings) : {diagnostics: {available: false, message: NO_DATA}}));
