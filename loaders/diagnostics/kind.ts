// Diagnostics files (entry and exit results of teachers by competence area).
import type {FileKind} from "../fileKind.ts";

export const diagnosticsKinds: FileKind<any>[] = [];
