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
  /** The options without their settings, which travel only when they differ from the last ones sent. */
  options: Omit<IngestOptions, "settings">;
  /** Present: the settings from now on (null: none); absent: the ones sent before. */
  settings?: IngestOptions["settings"] | null;
  limits: IngestLimits;
}

export type ParseReply =
  | {ready: true}
  | {id: number; ok: true; prepared: PreparedFile}
  | {id: number; ok: false; error: string};

const send = (m: ParseReply) => process.send!(m);

/** The settings last sent (the server sends them again only after they change). */
let settings: IngestOptions["settings"] | null = null;

process.on("message", async (m: ParseRequest) => {
  try {
    if (m.settings !== undefined) settings = m.settings;
    const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
    const prepared = await prepareFile(m.file, bytes, settings ? {...m.options, settings} : m.options, m.limits);
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
