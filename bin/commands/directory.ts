// `mentoring directory …`: the region's directory of schools — list, import a directory file, add,
// rename, close and open a school, add a spelling, decide proposed matches, stop counting a refused
// file against completeness. Russian help and output; --json for scripts.
import {readFile} from "node:fs/promises";
import {basename} from "node:path";
import {parse, checkPeriod} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {issueLine, table} from "../present.ts";
import {withStore} from "../withStore.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {outcomeLine} from "./ingest.ts";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Store} from "../../store/database.ts";
import {addAlias, addSchool, decideProposal, directorySchool, directorySchools, dismissRejection, DirectoryError, findSchools,
  pendingProposals, renameSchool, schoolAliases, setOpen, type DirectorySchool, type Proposal} from "../../store/directory.ts";
import {formatNumber, formatPeriod} from "../../lib/format.ts";

/** «с II квартала 2024». */
const fromPeriod = (p: string) => `с ${formatPeriod(p).replace(" квартал ", " квартала ")}`;

export const DIRECTORY_USAGE = `mentoring directory list [--municipality РАЙОН] [--json]
      справочник школ региона: номер, район, название, код, действует ли, должна ли отчитываться
  mentoring directory import ФАЙЛ
      загрузить файл справочника (район, полное и краткое название, ИНН или код, статус)
  mentoring directory add --municipality РАЙОН --name "ПОЛНОЕ НАЗВАНИЕ" [--short "КРАТКОЕ"] [--code КОД]
  mentoring directory rename N [--name "ПОЛНОЕ"] [--short "КРАТКОЕ"]
  mentoring directory close N [--from ГГГГ-QN]   |   mentoring directory open N
  mentoring directory alias N "НАПИСАНИЕ"   |   mentoring directory aliases N
      другое написание школы N (учитывается и в прошлых загрузках) / все её написания
  mentoring directory proposals [--json]   |   mentoring directory confirm P   |   mentoring directory reject P
      похожие названия: «это та же школа» (confirm) или «это другая школа» (reject)
  mentoring directory dismiss U
      отклонённый файл (загрузка U) больше не считается против полноты квартала`;

const OPTIONS = {db: {type: "string"}, json: {type: "boolean"}, municipality: {type: "string"}, name: {type: "string"},
  short: {type: "string"}, code: {type: "string"}, from: {type: "string"}} as const;

const originLabel = (s: DirectorySchool) => (s.listed ? "справочник" : `из отчётов (${s.origin})`);

function schoolsTable(schools: DirectorySchool[]): string {
  if (!schools.length) return "В справочнике нет школ. Загрузите файл справочника (mentoring directory import ФАЙЛ) или квартальные отчёты.";
  return table(["№", "Муниципалитет", "Школа", "Код", "Состояние", "Откуда", "Написаний"], schools.map((s) => [
    String(s.id), s.municipality, s.name, s.code ?? "", s.open ? "действует" : s.closedFrom ? `закрыта ${fromPeriod(s.closedFrom)}` : "закрыта",
    originLabel(s), formatNumber(s.spellings)]));
}

function proposalsText(ps: Proposal[]): string {
  if (!ps.length) return "Нерешённых совпадений нет.";
  return [`Похожие названия в одном районе (${ps.length}): пока это разные школы.`,
    ...ps.map((p) => `  ${p.id}. ${p.municipality}: «${p.name}» (№ ${p.subjectId}) — похоже на «${p.candidate}» (№ ${p.candidateId})` +
      `${p.file ? `; из файла ${p.file}` : ""}`),
    "Та же школа: mentoring directory confirm N · другая: mentoring directory reject N"].join("\n");
}

/** A school number from the command line, as a directory id. */
function schoolNumber(value: string | undefined, what = "номер школы"): number {
  if (!value || !/^\d+$/.test(value)) throw new UserError(`нужен ${what} — число из mentoring directory list, а не «${value ?? ""}».`);
  return Number(value);
}

/** Runs an edit in one transaction; an edit the directory refuses is a user error in Russian. */
async function edit<T>(store: Store, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  try {
    return await store.write(fn);
  } catch (e) {
    if (e instanceof DirectoryError) throw new UserError(e.message);
    throw e;
  }
}

export async function directoryCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const {values, positionals} = parse(rest, OPTIONS);
  if (!sub || sub === "help" || values.help) { io.out(`  ${DIRECTORY_USAGE}`); return sub ? 0 : 1; }
  const out = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json, null, 2) : text);
  return withStore(values.db, async (store) => {
    switch (sub) {
      case "list": {
        const schools = (await store.read(directorySchools)).filter((s) => !values.municipality || s.municipality === values.municipality);
        out({schools}, schoolsTable(schools));
        return 0;
      }
      case "import": {
        const path = positionals[0];
        if (!path) throw new UserError("укажите файл справочника: mentoring directory import ФАЙЛ");
        const bytes = await readFile(path).catch(() => { throw new UserError(`нет такого файла: ${path}`); });
        const o = await ingestBytes(store, basename(path), bytes);
        if (o.status !== "rejected" && o.status !== "already_loaded" && o.kind !== "directory") {
          io.err(`Внимание: файл распознан не как справочник, а как «${o.kind}»; он загружен как обычно.`);
        }
        if (values.json) io.out(JSON.stringify(o, null, 2));
        else { io.out(outcomeLine(o, 1, 1)); for (const i of o.issues) io.out(issueLine(i)); }
        return o.status === "rejected" ? 1 : 0;
      }
      case "add": {
        if (!values.municipality || !values.name) throw new UserError("нужны --municipality РАЙОН и --name \"ПОЛНОЕ НАЗВАНИЕ\".");
        const id = await edit(store, (c) => addSchool(c, {municipality: values.municipality!, fullName: values.name!,
          shortName: values.short ?? null, code: values.code ?? null, source: "cli"}));
        const s = (await store.read((c) => directorySchool(c, id)))!;
        out(s, `Добавлена школа № ${id}: ${s.name} (${s.municipality}). Теперь её отчёт ожидается в каждом квартале.`);
        return 0;
      }
      case "rename": {
        const id = schoolNumber(positionals[0]);
        if (!values.name && !values.short) throw new UserError("укажите новое название: --name \"ПОЛНОЕ\" и/или --short \"КРАТКОЕ\".");
        await edit(store, (c) => renameSchool(c, id, {fullName: values.name, shortName: values.short, source: "cli"}));
        const s = (await store.read((c) => directorySchool(c, id)))!;
        out(s, `Школа № ${id} теперь: ${s.name}. Прежние написания остаются её написаниями.`);
        return 0;
      }
      case "close":
      case "open": {
        const id = schoolNumber(positionals[0]);
        const from = sub === "close" ? checkPeriod(values.from) ?? null : null;
        await edit(store, (c) => setOpen(c, id, sub === "open", {from, source: "cli"}));
        const s = (await store.read((c) => directorySchool(c, id)))!;
        out(s, sub === "open" ? `Школа № ${id} «${s.name}» снова действует и ожидается в отчётах.`
          : `Школа № ${id} «${s.name}» закрыта${from ? ` ${fromPeriod(from)}` : ""}: её отчёт не ожидается${from ? " начиная с этого квартала" : ""}.`);
        return 0;
      }
      case "alias": {
        const id = schoolNumber(positionals[0]);
        const name = positionals.slice(1).join(" ").trim();
        if (!name) throw new UserError("укажите написание: mentoring directory alias N \"НАПИСАНИЕ\"");
        const r = await edit(store, (c) => addAlias(c, id, name));
        out(r, `«${name}» — написание школы № ${id}` + (r.movedFrom ? ` (раньше относилось к школе № ${r.movedFrom}); ` : "; ") +
          "загрузки с этим написанием, прошлые и будущие, учитываются за неё.");
        return 0;
      }
      case "aliases": {
        const id = schoolNumber(positionals[0]);
        const rows = await store.read((c) => schoolAliases(c, id));
        const HOW: Record<string, string> = {new: "первое", "same-name": "совпало после нормализации", directory: "из справочника",
          alias: "добавлено вручную", confirmed: "подтверждено", "by-name": "по названию без района"};
        out({aliases: rows}, rows.length ? table(["Муниципалитет", "Написание", "Как связано"], rows.map((a) => [a.municipality, a.name, HOW[a.how] ?? a.how]))
          : `У школы № ${id} нет написаний (нет такой школы или она объединена с другой).`);
        return 0;
      }
      case "proposals": {
        const ps = await store.read(pendingProposals);
        out({proposals: ps}, proposalsText(ps));
        return 0;
      }
      case "confirm":
      case "reject": {
        const id = schoolNumber(positionals[0], "номер предложения");
        const p = await edit(store, (c) => decideProposal(c, id, sub === "confirm" ? "same" : "different", "cli"));
        out({proposal: p, decision: sub === "confirm" ? "same" : "different"}, sub === "confirm"
          ? `«${p.name}» и «${p.candidate}» — одна школа (№ ${p.candidateId}); её данные за все кварталы считаются вместе.`
          : `«${p.name}» и «${p.candidate}» — разные школы; больше не предлагается.`);
        return 0;
      }
      case "dismiss": {
        const id = schoolNumber(positionals[0], "номер загрузки");
        await edit(store, (c) => dismissRejection(c, id, "cli"));
        out({uploadId: id, dismissed: true}, `Отклонённая загрузка № ${id} больше не считается против полноты квартала.`);
        return 0;
      }
      case "find": {
        const found = await store.read((c) => findSchools(c, positionals.join(" "), values.municipality));
        out({schools: found}, schoolsTable(found));
        return 0;
      }
      default:
        throw new UserError(`неизвестная команда справочника «${sub}». Справка: mentoring directory help`);
    }
  });
}
