// Russian wording of the effectiveness loaders' issue kinds.
import type {MessageWriter} from "./index.ts";

export const effectivenessMessages: Record<string, MessageWriter> = {};
