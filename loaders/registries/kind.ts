// Registries: the mentee base and the mentor base.
import type {FileKind} from "../fileKind.ts";

export const registryKinds: FileKind<any>[] = [];
