// A parsing worker thread: guard → read → recognise → parse → judge one file at a time, and hand
// back plain data. Runs under memory limits set by the pool, so a hostile file can kill only this
// thread, never the server.
import {parentPort} from "node:worker_threads";
import {prepareFile, type IngestLimits} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";

export interface ParseRequest {
  id: number;
  file: string;
  bytes: Uint8Array;
  options: IngestOptions;
  limits: IngestLimits;
}

parentPort!.on("message", async (m: ParseRequest) => {
  try {
    const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
    const prepared = await prepareFile(m.file, bytes, m.options, m.limits);
    parentPort!.postMessage({id: m.id, ok: true, prepared});
  } catch (e) {
    // A parser bug, not bad input (bad input becomes issues): report its name only, never the
    // message, which may quote cell contents.
    parentPort!.postMessage({id: m.id, ok: false, error: e instanceof Error ? e.name : "Error"});
  }
});
parentPort!.postMessage({ready: true});
