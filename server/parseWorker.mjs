// Entry of a parsing worker thread: makes TypeScript importable in this thread (the main thread may
// run under tsx, vitest or plain node), then starts the worker body.
import {register} from "tsx/esm/api";

register();
await import("./parseWorker.ts");
