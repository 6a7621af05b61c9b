// The curator's named page (service build only): curatorPage (reports/curatorPage.ts) — every
// teacher's change per area, what remains, the drafted and the followed route, the growth card; the
// overdue activities, deficits without a route, young specialists without a mentor.
// The public build never runs this loader (its page is not built); it refuses anyway.
import {curatorPage} from "../../reports/curatorPage.ts";
import {emit, isPublic, NO_DATA} from "./_snapshot.ts";

await emit(async (store, settings) => {
  if (isPublic()) return {teachers: {available: false, message: "Карточки педагогов есть только в служебной сборке."}};
  return store ? curatorPage(store, settings) : {teachers: {available: false, message: NO_DATA}};
});
