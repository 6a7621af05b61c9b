// Route files (issue 14): the region's catalogue of activities and the routes themselves. The areas
// come from the settings the entry point passed down (context.settings.areas), as in loaders/diagnostics.
import type {FileKind} from "../fileKind.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import type {AreasConfig} from "../diagnostics/areas.ts";
import {catalogueTables, parseCatalogue, type CatalogueData} from "./catalogue.ts";
import {parseRoutes, routeTables, type RoutesData} from "./routeFile.ts";
import {storeCatalogue, storeRoutes} from "./store.ts";

/** The catalogue kind reading the given areas; without them, the areas of the settings in the parse context. */
export function catalogueKind(areas?: AreasConfig): FileKind<CatalogueData> {
  return {
    name: "route-catalogue",
    label: "каталог мероприятий для ИОМ (программы ДПО, вебинары, семинары)",
    detect: (workbook: Workbook) => (catalogueTables(workbook).length ? 0.85 : 0),
    parse: (workbook, context) => parseCatalogue(workbook, context, areas ?? context.settings.areas),
    store: storeCatalogue
  };
}

/** The routes kind reading the given areas; without them, the areas of the settings in the parse context. */
export function routesKind(areas?: AreasConfig): FileKind<RoutesData> {
  return {
    name: "routes",
    label: "индивидуальные образовательные маршруты (дорожная карта с отметками о прохождении)",
    detect: (workbook: Workbook) => (routeTables(workbook).length ? 0.85 : 0),
    parse: (workbook, context) => parseRoutes(workbook, context, areas ?? context.settings.areas),
    store: storeRoutes
  };
}

export const routeKinds: FileKind<any>[] = [catalogueKind(), routesKind()];
