// The curator's aggregate page: diagnosticsPage (reports/diagnosticsPage.ts) — pre/post figures of
// the region, municipalities and schools, routes' completion, what changed, the mentees' students,
// young specialists with a mentor. No names; groups of fewer than 5 keep their size only.
import {diagnosticsPage} from "../../reports/diagnosticsPage.ts";
import {emit, NO_DATA} from "./_snapshot.ts";

await emit(async (store) => (store ? diagnosticsPage(store) : {diagnostics: {available: false, message: NO_DATA}}));
