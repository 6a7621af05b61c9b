// Diagnostics files (entry and exit results of teachers by competence area, issue 4).
import type {FileKind} from "../fileKind.ts";
import type {Workbook} from "../xlsx/workbook.ts";
import {loadAreas, type AreasConfig} from "./areas.ts";
import {findHeader} from "./header.ts";
import {parseDiagnostics, type DiagnosticsData} from "./parse.ts";
import {storeDiagnostics} from "./store.ts";

/** A diagnostics kind reading the given areas (tests pass their own; the default reads data/config/areas.json). */
export function diagnosticsKind(config: AreasConfig = loadAreas()): FileKind<DiagnosticsData> {
  return {
    name: "diagnostics",
    label: "диагностика педагогов (входная/итоговая)",
    detect(workbook: Workbook): number {
      let best = 0;
      for (const sheet of workbook.sheets) {
        const h = findHeader(sheet, config);
        if (!h) continue;
        best = Math.max(best, h.areas.length >= 2 ? 0.9 : 0.5);
      }
      return best;
    },
    parse: (workbook, context) => parseDiagnostics(workbook, context, config),
    store: (conn, data, context) => storeDiagnostics(conn, data, context)
  };
}

export const diagnosticsKinds: FileKind<any>[] = [diagnosticsKind()];
