// A parse child process (server/parseSupervisor.ts starts it): guard → read → recognise → parse →
// judge one file at a time and hand back plain data over the IPC channel. It runs under a V8 heap
// limit, an OS memory limit and the supervisor's watch, so a hostile file can end only this process.
// It holds no database and no personal data beyond the file in hand.
import {prepareFile, type IngestLimits, type PreparedFile} from "../loaders/ingest.ts";
import type {IngestOptions} from "../loaders/fileKind.ts";

export interface ParseRequest {
  id: number;
  file: string;
  bytes: Uint8Array;
  options: IngestOptions;
  limits: IngestLimits;
}

export type ParseReply =
  | {ready: true}
  | {id: number; ok: true; prepared: PreparedFile}
  | {id: number; ok: false; error: string};

const send = (m: ParseReply) => process.send!(m);

process.on("message", async (m: ParseRequest) => {
  try {
    const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
    const prepared = await prepareFile(m.file, bytes, m.options, m.limits);
    send({id: m.id, ok: true, prepared});
  } catch (e) {
    // A parser bug, not bad input (bad input becomes issues): its name only, never its message,
    // which may quote cell contents.
    send({id: m.id, ok: false, error: e instanceof Error ? e.name : "Error"});
  }
});
// The server is gone (stopped, or killed): nothing left to do.
process.on("disconnect", () => process.exit(0));
send({ready: true});
