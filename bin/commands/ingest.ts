// `mentoring ingest <file|folder>…`: loads every workbook, one transaction per file, and prints
// one line per file with its issues.
import {readFile} from "node:fs/promises";
import {basename} from "node:path";
import {collectFiles as collectInputFiles, MissingPathError} from "../../loaders/collectFiles.ts";
import {parse, checkPeriod} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {issueLine} from "../present.ts";
import {plural} from "../../lib/plural.ts";
import {FILE_STATUS_LABELS} from "../../lib/glossary.ts";
import {ingestBytes, type FileOutcome} from "../../loaders/ingest.ts";
import {commandSettings, withStore} from "../withStore.ts";
import {toIssue} from "../../loaders/messages/index.ts";
import type {IngestOptions} from "../../loaders/fileKind.ts";
import type {Store} from "../../store/database.ts";
import {worstFirst} from "../../loaders/issues.ts";
import {fileKinds} from "../../loaders/kinds.ts";

export const STATUS_RU: Record<FileOutcome["status"], string> = FILE_STATUS_LABELS;

/** Every file to ingest under the given paths (loaders/collectFiles.ts); a missing path is a user error. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  try {
    return await collectInputFiles(paths);
  } catch (e) {
    if (e instanceof MissingPathError) throw new UserError(`нет такого файла или папки: ${e.path}`);
    throw e;
  }
}

export function outcomeLine(o: FileOutcome, index: number, total: number): string {
  const n = o.issues.length;
  const counter = total > 1 ? `[${index}/${total}] ` : "";
  const period = o.period ? `, ${o.period}` : "";
  const remarks = o.status === "already_loaded" ? "" : `: ${n} ${plural(n, "замечание", "замечания", "замечаний")}`;
  const replaced = o.replaces.length ? `; заменяет загрузку № ${o.replaces.join(", ")}` : "";
  const kind = fileKinds.find((k) => k.name === o.kind)?.label ?? o.kind;
  return `${counter}${basename(o.file)} — ${STATUS_RU[o.status]}${kind ? ` (${kind}${period})` : ""}${remarks}${replaced}`;
}

/** A file the command could not even read from disk, or whose ingestion threw: its own outcome, not the batch's end. */
function failedOutcome(file: string, kind: "file/unreadable" | "file/parse-failed", details: Record<string, unknown>): FileOutcome {
  return {file, sha256: "", status: "rejected", kind: null, period: null, uploadId: null, replaces: [], stats: {},
    issues: [toIssue({severity: "error", kind, file, details})]};
}

/** Reads and ingests one file; whatever goes wrong becomes this file's outcome. */
async function ingestOne(store: Store, path: string, options: IngestOptions): Promise<FileOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return failedOutcome(basename(path), "file/unreadable", {code: (e as NodeJS.ErrnoException).code ?? null});
  }
  try {
    return await ingestBytes(store, basename(path), bytes, options);
  } catch (e) {
    return failedOutcome(basename(path), "file/parse-failed", {error: e instanceof Error ? e.name : typeof e});
  }
}

export const INGEST_USAGE = "mentoring ingest <файл|папка>… [--db ФАЙЛ] [--period ГГГГ-QN] [--wave entry|exit] [--json]";

export async function ingestCommand(argv: string[], io: Io): Promise<number> {
  const {values, positionals} = parse(argv, {
    db: {type: "string"}, period: {type: "string"}, wave: {type: "string"}, json: {type: "boolean"},
    "quiet-if-loaded": {type: "boolean"}
  });
  if (values.help || positionals.length === 0) {
    io.out(`${INGEST_USAGE}\nКоды выхода: 0 — все файлы загружены; 1 — хотя бы один файл не загружен (или ошибка в команде); 2 — сбой программы.`);
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  const period = checkPeriod(values.period as string | undefined);
  const wave = values.wave as string | undefined;
  if (wave !== undefined && !["entry", "exit"].includes(wave)) {
    throw new UserError(`--wave: нужно entry (входная диагностика) или exit (итоговая), а не «${wave}».`);
  }
  const files = await collectFiles(positionals);
  if (files.length === 0) throw new UserError("в указанных папках нет файлов .xlsx.");
  const outcomes: FileOutcome[] = [];
  await withStore(values.db, async (store, loaded) => {
    let settings = loaded;
    for (const [i, path] of files.entries()) {
      const o = await ingestOne(store, path, {period, wave, settings});
      outcomes.push(o);
      // A settings file applies to the files after it (e.g. new competence areas for diagnostics).
      if (o.kind === "settings" && o.uploadId !== null && o.status !== "rejected") settings = await commandSettings(store);
      if (values.json) continue;
      if (values["quiet-if-loaded"] && o.status === "already_loaded") continue;
      io.out(outcomeLine(o, i + 1, files.length));
      for (const issue of [...o.issues].sort(worstFirst)) io.out(issueLine(issue));
    }
  });
  const count = (s: FileOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  if (values.json) {
    io.out(JSON.stringify(outcomes, null, 2));
  } else if (!(values["quiet-if-loaded"] && count("already_loaded") === outcomes.length)) {
    io.out(`Итого файлов: ${outcomes.length}; принято ${count("accepted")}, с замечаниями ${count("accepted_with_remarks")}, ` +
      `отклонено ${count("rejected")}, уже были загружены ${count("already_loaded")}.`);
  }
  return count("rejected") > 0 ? 1 : 0;
}
