// `mentoring purge`: removes personal data past the retention period, or of one person on request
// (152-ФЗ), leaving every aggregate unchanged (store/personalData.ts). Runs while the server is
// stopped, then rewrites the database file so no bytes of the removed names stay in it, and deletes
// the dashboards' snapshot (a full copy of the database).
import {existsSync, rmSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {withStore} from "../withStore.ts";
import {defaultDatabasePath} from "../../store/database.ts";
import {compactDatabase, DEFAULT_RETENTION_DAYS, findPeople, planPurge, purgePersonalData, type PersonMatch, type PurgePlan,
  type PurgeRequest} from "../../store/personalData.ts";
import {formatDate} from "../../lib/format.ts";

export const PURGE_USAGE = "mentoring purge [--older-than ДНЕЙ | --person \"ФИО\"|педагог:N|участник:N …] [--all-matches] [--dry-run] [--db ФАЙЛ]";

const HELP = `${PURGE_USAGE}

Удаляет персональные данные (ФИО, коды, контакты, годы рождения; обезличенные ключи заменяет новыми; цитаты
из файлов в замечаниях; исходные файлы загрузок). Сводные показатели не меняются. Удаление записывается в журнал.
  --older-than ДНЕЙ  данные, которые последний раз загружались раньше, чем ДНЕЙ назад
                     (по умолчанию — срок хранения, ${DEFAULT_RETENTION_DAYS} дней)
  --person …         данные одного человека по его заявлению: ФИО или фамилия (найдёт всех с таким именем),
                     или номер: педагог:12 (диагностика), участник:34 (базы наставников и наставляемых);
                     можно несколько раз
  --all-matches      если по ФИО нашлось несколько записей — удалить все (иначе команда их покажет и остановится)
  --dry-run          только показать, что будет удалено
  --uploads ПАПКА    где лежат исходные файлы (по умолчанию uploads рядом с базой)
Сервер должен быть остановлен (при работающем — страница /purge). После удаления файл базы переписывается заново.`;

const LINES: Array<[string, (p: PurgePlan) => number]> = [
  ["педагогов (ФИО, код, должность, предмет, стаж)", (p) => p.teacherIds.length],
  ["участников баз наставников и наставляемых (ФИО, контакты, год рождения)", (p) => p.participantIds.length],
  ["педагогов из маршрутов (ИОМ) и результатов учеников (ФИО, код, должность)", (p) => p.namedIds.length],
  ["обезличенных ключей анкет и штатных списков (заменяются новыми)", (p) => p.keys],
  ["замечаний с текстом из файла", (p) => p.issues],
  ["имён файлов", (p) => p.fileNames],
  ["ответов анкет и ячеек штатных списков с этим именем", (p) => p.texts],
  ["исходных файлов загрузок", (p) => p.originals.length]
];

function printPlan(p: PurgePlan, io: Io): void {
  for (const [label, n] of LINES) io.out(`  ${label}: ${n(p)}`);
}

const matchLine = (m: PersonMatch) => `  ${m.kind === "teacher" ? "педагог" : "участник"}:${m.id}  ${m.name} — ${m.municipality}, ${m.school}` +
  `, последняя загрузка ${m.lastLoaded === null ? "—" : formatDate(new Date(m.lastLoaded))}`;

export async function purgeCommand(argv: string[], io: Io): Promise<number> {
  const {values} = parse(argv, {
    db: {type: "string"}, "older-than": {type: "string"}, person: {type: "string", multiple: true}, "all-matches": {type: "boolean"},
    "dry-run": {type: "boolean"}, uploads: {type: "string"}
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const persons = (values.person as string[] | undefined) ?? [];
  if (persons.length && values["older-than"] !== undefined) throw new UserError("выберите одно: --older-than или --person.");
  const dbPath = defaultDatabasePath(values.db as string | undefined);
  const uploadsDir = (values.uploads as string | undefined) ?? join(dirname(resolve(dbPath)), "uploads");
  const dryRun = Boolean(values["dry-run"]);
  let request: PurgeRequest;
  let days = DEFAULT_RETENTION_DAYS;
  if (!persons.length) {
    const text = (values["older-than"] as string | undefined) ?? String(DEFAULT_RETENTION_DAYS);
    if (!/^\d{1,6}$/.test(text)) throw new UserError(`--older-than: нужно число дней, например 1095, а не «${text}».`);
    days = Number(text);
    request = {mode: "older-than", days};
  } else {
    request = {mode: "person", teacherIds: [], participantIds: []};
  }

  const done = await withStore(values.db as string | undefined, async (store) => {
    if (request.mode === "person") {
      for (const p of persons) {
        const id = /^(педагог|teacher|участник|participant):(\d{1,9})$/i.exec(p.trim());
        if (id) {
          (/^(педагог|teacher)$/i.test(id[1]!) ? request.teacherIds : request.participantIds).push(Number(id[2]));
          continue;
        }
        const matches = await findPeople(store, p);
        if (!matches.length) throw new UserError(`никого не нашлось по «${p}». Ничего не удалено.`);
        if (matches.length > 1 && !values["all-matches"]) {
          io.out(`По «${p}» нашлось ${matches.length}:`);
          for (const m of matches) io.out(matchLine(m));
          throw new UserError("нашлось несколько записей: укажите нужные номерами (--person педагог:N) или добавьте --all-matches. Ничего не удалено.");
        }
        for (const m of matches) (m.kind === "teacher" ? request.teacherIds : request.participantIds).push(m.id);
      }
    }
    const plan = await planPurge(store, request);
    io.out(request.mode === "older-than"
      ? `Персональные данные старше ${days} дней (последний раз загружены до ${formatDate(new Date(plan.cutoff!))}):`
      : "Персональные данные по заявлению:");
    printPlan(plan, io);
    if (dryRun) {
      io.out("Проба (--dry-run): ничего не изменено.");
      return null;
    }
    return purgePersonalData(store, request, {actor: {kind: "console"}, uploadsDir});
  });
  if (!done) return 0;
  io.out(`Удалено (запись журнала: удаление № ${done.purgeId}). Сводные показатели не изменились.` +
    (done.missingOriginals ? ` Исходных файлов уже не было на диске: ${done.missingOriginals}.` : ""));
  if (await compactDatabase(dbPath, {actor: {kind: "console"}})) io.out("Файл базы переписан заново: следов удалённого в нём не осталось.");
  // Where `mentoring serve` keeps the snapshot of this database (serve.ts).
  for (const snapshot of [process.env.MENTORING_SNAPSHOT ?? join(dirname(resolve(dbPath)), "snapshot", basename(dbPath))]) {
    if (existsSync(snapshot) && resolve(snapshot) !== resolve(dbPath)) {
      rmSync(snapshot, {force: true});
      rmSync(`${snapshot}.wal`, {force: true});
      io.out(`Снимок для дашбордов удалён (${snapshot}).`);
    }
  }
  io.out("Собранные раньше дашборды ещё содержат прежние данные: пересоберите их (npm run build) или запустите сервер — он соберёт их заново.");
  return 0;
}
