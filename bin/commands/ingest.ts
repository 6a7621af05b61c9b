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
import {ingestFiles, type FileOutcome} from "../../loaders/ingest.ts";
import {commandSettings, withStore} from "../withStore.ts";
import {worstFirst} from "../../loaders/issues.ts";
import {fileKinds} from "../../loaders/kinds.ts";
import {findSchools} from "../../store/directory.ts";
import type {Store} from "../../store/database.ts";

/** --school: a directory number or a name the directory knows (one school), as the ingest option. */
async function schoolOption(store: Store, text: string): Promise<{name: string; municipality: string; id: number}> {
  const found = await store.read((c) => findSchools(c, text));
  if (found.length === 1) return {name: found[0]!.name, municipality: found[0]!.municipality, id: found[0]!.id};
  if (!found.length) {
    throw new UserError(`--school: школы «${text}» нет в справочнике. Найдите её номер (mentoring directory list) или добавьте (mentoring directory add …).`);
  }
  throw new UserError(`--school: «${text}» подходит к нескольким школам: ${found.slice(0, 5).map((s) => `№ ${s.id} ${s.name} (${s.municipality})`).join("; ")}. ` +
    "Укажите номер школы.");
}

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

export const INGEST_USAGE = "mentoring ingest <файл|папка>… [--db ФАЙЛ] [--period ГГГГ-QN] [--wave entry|exit] [--school ШКОЛА] [--json]";

export async function ingestCommand(argv: string[], io: Io): Promise<number> {
  const {values, positionals} = parse(argv, {
    db: {type: "string"}, period: {type: "string"}, wave: {type: "string"}, school: {type: "string"}, json: {type: "boolean"},
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
  if (files.length === 0) throw new UserError("в указанных папках нет таблиц (.xlsx, .xlsm, .xls, .ods, .csv).");
  const outcomes: FileOutcome[] = [];
  await withStore(values.db, async (store, settings) => {
    const school = values.school === undefined ? undefined : await schoolOption(store, values.school as string);
    // Stored a batch at a time (one transaction per batch, each file still all-or-nothing); a
    // settings file applies to the files after it (e.g. new competence areas for diagnostics).
    await ingestFiles(store, files.map((path) => ({name: basename(path), read: () => readFile(path)})),
      {period, wave, settings, ...(school ? {school} : {})}, {reloadSettings: () => commandSettings(store), onOutcome: (o, i) => {
      outcomes.push(o);
      if (values.json) return;
      if (values["quiet-if-loaded"] && o.status === "already_loaded") return;
      io.out(outcomeLine(o, i + 1, files.length));
      for (const issue of [...o.issues].sort(worstFirst)) io.out(issueLine(issue));
    }});
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
