// Russian wording of the quarterly forms' issue kinds.
import type {MessageWriter} from "./index.ts";

export const formsMessages: Record<string, MessageWriter> = {};
