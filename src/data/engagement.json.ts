// The methodologist's page: reports/pages/engagement.ts — engagementReport for every period (the same
// function as `mentoring report engagement --json`), by form and programme, small groups hidden, uploads with their issues.
import {emitPage} from "./_snapshot.ts";

await emitPage("engagement", {scope: {level: "region", name: null}, periods: [], files: []});
