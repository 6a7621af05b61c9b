// `mentoring ingest <file|folder>…`: loads every workbook, one transaction per file, and prints
// one line per file with its issues.
import {readdir, readFile, stat} from "node:fs/promises";
import {basename, extname, join} from "node:path";
import {parse, checkPeriod} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {issueLine} from "../present.ts";
import {plural} from "../../lib/plural.ts";
import {FILE_STATUS_LABELS} from "../../lib/glossary.ts";
import {ingestBytes, type FileOutcome} from "../../loaders/ingest.ts";
import {withStore} from "../withStore.ts";
import {worstFirst} from "../../loaders/issues.ts";
import {fileKinds} from "../../loaders/kinds.ts";

export const STATUS_RU: Record<FileOutcome["status"], string> = FILE_STATUS_LABELS;

/** Every .xlsx under the given paths: folders recursively, in a stable (sorted) order. */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      // «~$name.xlsx» is Excel's lock file of an open workbook, not a report.
      else if (extname(e.name).toLowerCase() === ".xlsx" && !e.name.startsWith("~$")) out.push(p);
    }
  }
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new UserError(`нет такого файла или папки: ${p}`);
    if (s.isDirectory()) await walk(p);
    else out.push(p);
  }
  return out;
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

export async function ingestCommand(argv: string[], io: Io): Promise<number> {
  const {values, positionals} = parse(argv, {
    db: {type: "string"}, period: {type: "string"}, wave: {type: "string"}, json: {type: "boolean"},
    "quiet-if-loaded": {type: "boolean"}
  });
  if (values.help || positionals.length === 0) {
    io.out("mentoring ingest <файл|папка>… [--db ФАЙЛ] [--period ГГГГ-QN] [--wave entry|exit] [--json]");
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
  await withStore(values.db, async (store) => {
    for (const [i, path] of files.entries()) {
      const bytes = await readFile(path);
      const o = await ingestBytes(store, basename(path), bytes, {period, wave});
      outcomes.push(o);
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
