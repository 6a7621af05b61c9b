// Management's page: reports/pages/effectiveness.ts — the annual analytical report (the same object as
// the PDF, the XLSX, /api/annual and `mentoring report annual --json`) for every school year with data,
// and the levels to pick. Counts and shares only.
import {emitPage, NO_DATA} from "./_snapshot.ts";

await emitPage("effectiveness", {available: false, message: NO_DATA, levels: [], level: null});
