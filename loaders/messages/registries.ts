// Russian wording of the registries loaders' issue kinds.
import type {MessageWriter} from "./index.ts";

export const registriesMessages: Record<string, MessageWriter> = {};
