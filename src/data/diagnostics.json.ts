// The curator's aggregate page: reports/pages/diagnostics.ts (diagnosticsPage — pre/post figures of the
// region, municipalities and schools, routes, what changed, students, young specialists). No names.
import {emitPage, NO_DATA} from "./_snapshot.ts";

await emitPage("diagnostics", {diagnostics: {available: false, message: NO_DATA}});
