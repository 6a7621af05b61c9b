// The start page's data: reports/pages/overview.ts (what is loaded — periods, files by kind, the last upload).
import {emitPage} from "./_snapshot.ts";

await emitPage("overview", null);
