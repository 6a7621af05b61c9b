// Effectiveness inputs: questionnaires, staff rosters, target-indicator tables.
import type {FileKind} from "../fileKind.ts";

export const effectivenessKinds: FileKind<any>[] = [];
