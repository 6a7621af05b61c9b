// The live pages' data (issue 16 §3): one function per dashboard page, `(store, settings, view,
// params) => data`. The build's data loaders (src/data/*.json.ts) call them for the region with the
// build's audience; the server's GET /api/pages/<page>.json calls them with the session's view.
import type {Store} from "../../store/database.ts";
import type {Settings} from "../../settings/index.ts";
import type {View} from "../scope.ts";
import {overviewData} from "./overview.ts";
import {engagementData} from "./engagement.ts";
import {diagnosticsData} from "./diagnostics.ts";
import {teachersData} from "./teachers.ts";
import {effectivenessData} from "./effectiveness.ts";

export interface PageDef {
  /** The data the page shows for this view; `params` are the page's own choices (effectiveness: level=&id=). */
  data(store: Store, settings: Settings, view: View, params: URLSearchParams): Promise<unknown>;
  /** Names people: only for the service's own readers (sessions with the right to see names). */
  names: boolean;
  /** The query parameters that change the data (others are ignored, so they do not split the cache). */
  params: readonly string[];
}

export const PAGES = {
  overview: {data: (s, st, v) => overviewData(s, st, v), names: false, params: []},
  engagement: {data: (s, st, v) => engagementData(s, st, v), names: false, params: []},
  diagnostics: {data: (s, st, v) => diagnosticsData(s, st, v), names: false, params: []},
  teachers: {data: (s, st, v) => teachersData(s, st, v), names: true, params: []},
  effectiveness: {data: (s, st, v, p) => effectivenessData(s, st, v, p), names: false, params: ["level", "id"]}
} satisfies Record<string, PageDef>;

export type PageName = keyof typeof PAGES;

export function isPageName(name: string): name is PageName {
  return Object.hasOwn(PAGES, name);
}
