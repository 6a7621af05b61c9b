// Every kind of file `mentoring ingest` accepts; detection picks the one whose headers match best.
import type {FileKind} from "./fileKind.ts";
import {formsKind} from "./forms/kind.ts";
import {diagnosticsKinds} from "./diagnostics/kind.ts";
import {registryKinds} from "./registries/kind.ts";
import {effectivenessKinds} from "./effectiveness/kind.ts";
import {directoryKind} from "./directory/kind.ts";
import {settingsKind} from "./settings/kind.ts";
import {routeKinds} from "./routes/kind.ts";
import {studentKinds} from "./students/kind.ts";

export const fileKinds: FileKind<any>[] = [formsKind, ...diagnosticsKinds, ...registryKinds, ...effectivenessKinds, ...routeKinds, ...studentKinds,
  directoryKind, settingsKind];
