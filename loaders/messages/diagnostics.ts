// Russian wording of the diagnostics loaders' issue kinds.
import type {MessageWriter} from "./index.ts";

export const diagnosticsMessages: Record<string, MessageWriter> = {};
