// Diagnostics files (entry and exit results of teachers by competence area, issue 4); the areas
// come from the settings the entry point passed down (context.settings.areas).
import type {FileKind} from "../fileKind.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import type {AreasConfig} from "./areas.ts";
import {findHeader} from "./header.ts";
import {parseDiagnostics, type DiagnosticsData} from "./parse.ts";
import {storeDiagnostics} from "./store.ts";

/** A diagnostics kind reading the given areas; without them, the areas of the settings in the parse context. */
export function diagnosticsKind(areas?: AreasConfig): FileKind<DiagnosticsData> {
  return {
    name: "diagnostics",
    label: "диагностика педагогов (входная/итоговая)",
    detect(workbook: Workbook, context): number {
      const config = areas ?? context.settings.areas;
      let best = 0;
      for (const sheet of workbook.sheets) {
        const h = findHeader(sheet, config);
        if (!h) continue;
        best = Math.max(best, h.areas.length >= 2 ? 0.9 : 0.5);
      }
      return best;
    },
    parse: (workbook, context) => parseDiagnostics(workbook, context, areas ?? context.settings.areas),
    store: (conn, data, context) => storeDiagnostics(conn, data, context),
    schoolsNamed: (data) => data.rows.map((r) => ({name: r.school, municipality: r.municipality, sheet: r.sheet, row: r.row}))
  };
}

export const diagnosticsKinds: FileKind<any>[] = [diagnosticsKind()];
