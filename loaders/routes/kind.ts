// Route files (issue 14): the region's catalogue of activities and the routes themselves.
import type {FileKind} from "../fileKind.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import {loadAreas, type AreasConfig} from "../diagnostics/areas.ts";
import {catalogueTables, parseCatalogue, type CatalogueData} from "./catalogue.ts";
import {parseRoutes, routeTables, type RoutesData} from "./routeFile.ts";
import {storeCatalogue, storeRoutes} from "./store.ts";

export function catalogueKind(config: AreasConfig = loadAreas()): FileKind<CatalogueData> {
  return {
    name: "route-catalogue",
    label: "каталог мероприятий для ИОМ (программы ДПО, вебинары, семинары)",
    detect: (workbook: Workbook) => (catalogueTables(workbook).length ? 0.85 : 0),
    parse: (workbook, context) => parseCatalogue(workbook, context, config),
    store: storeCatalogue
  };
}

export function routesKind(config: AreasConfig = loadAreas()): FileKind<RoutesData> {
  return {
    name: "routes",
    label: "индивидуальные образовательные маршруты (дорожная карта с отметками о прохождении)",
    detect: (workbook: Workbook) => (routeTables(workbook).length ? 0.85 : 0),
    parse: (workbook, context) => parseRoutes(workbook, context, config),
    store: storeRoutes
  };
}

export const routeKinds: FileKind<any>[] = [catalogueKind(), routesKind()];
