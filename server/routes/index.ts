// The route table: every address the server answers, in the order they are tried. An area adds its
// routes with one line here (its own file returns Route[]; see server/routes.ts for guards and roles).
import type {Route} from "../routes.ts";
import {basicRoutes} from "./basics.ts";
import {pageRoutes} from "./pages.ts";
import {uploadRoutes} from "./uploads.ts";
import {exportRoutes} from "./exports.ts";
import {dashboardRoutes} from "./dashboards.ts";
import {directoryRoutes} from "../directory.ts";
import {collectionRoutes} from "./collection.ts";
import {livePageRoutes} from "./livePages.ts";

export function routeTable(): Route[] {
  return [
    ...basicRoutes(),
    ...pageRoutes(),
    ...uploadRoutes(),
    ...exportRoutes(),
    ...directoryRoutes(),
    ...collectionRoutes(),
    ...livePageRoutes(),
    // Keep last: the dashboards answer every address no route above takes.
    ...dashboardRoutes()
  ];
}
