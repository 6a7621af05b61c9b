// The curator's named page (service build only): reports/pages/teachers.ts (curatorPage — every teacher's
// change per area, what remains, the routes, the growth card). The public build never runs this loader
// (its page is not built), and the page function refuses names to an aggregate reader anyway.
import {emitPage, NO_DATA} from "./_snapshot.ts";

await emitPage("teachers", {teachers: {available: false, message: NO_DATA}});
