// `mentoring uploads purge-originals`: deletes kept original files of uploads (152-ФЗ: on request,
// or past a retention period). The uploads, their data and issues stay; only the files go, and
// upload_files records when and why. The server does the same from its history page.
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {withStore} from "../withStore.ts";
import {defaultDatabasePath} from "../../store/database.ts";
import {keptOriginals, originalsDir, purgeOriginals} from "../../server/originals.ts";
import {plural} from "../../loaders/messages/index.ts";

export const UPLOADS_USAGE = "mentoring uploads purge-originals [--db ФАЙЛ] [--older-than ДНЕЙ] [--upload НОМЕР]";

const mb = (bytes: number) => (bytes / 1048576).toLocaleString("ru-RU", {maximumFractionDigits: 1});

export async function uploadsCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const {values} = parse(rest, {db: {type: "string"}, "older-than": {type: "string"}, upload: {type: "string"}});
  if (sub !== "purge-originals" || values.help) {
    io.out(`${UPLOADS_USAGE}

Удаляет хранящиеся исходные файлы загрузок (данные загрузок, их замечания и история остаются).
  --older-than ДНЕЙ  файлы, полученные больше указанного числа дней назад (0 — все)
  --upload НОМЕР     файл одной загрузки (номер — из истории загрузок)
Нужен хотя бы один из параметров; если указаны оба — файл этой загрузки, если он старше срока.`);
    return sub === "purge-originals" || sub === undefined || sub === "help" ? 0 : 1;
  }
  const older = values["older-than"] as string | undefined, upload = values.upload as string | undefined;
  if (older === undefined && upload === undefined) throw new UserError("укажите --older-than ДНЕЙ или --upload НОМЕР: что удалить.");
  if (older !== undefined && !/^\d{1,5}$/.test(older)) throw new UserError(`--older-than: нужно целое число дней, а не «${older}».`);
  if (upload !== undefined && !/^\d{1,9}$/.test(upload)) throw new UserError(`--upload: нужен номер загрузки, а не «${upload}».`);
  const db = defaultDatabasePath(values.db as string | undefined);
  return withStore(db, async (store) => {
    const r = await purgeOriginals(store, originalsDir(db), {...(older !== undefined ? {olderThanDays: Number(older)} : {}),
      ...(upload !== undefined ? {uploadId: Number(upload)} : {})});
    const left = await keptOriginals(store);
    io.out(`Удалено исходных файлов: ${r.files} (${mb(r.bytes)} МБ)${r.uploads.length ? `, загрузки № ${r.uploads.join(", ")}` : ""}. ` +
      "Данные загрузок не изменены.");
    io.out(`Осталось: ${left.files} ${plural(left.files, "файл", "файла", "файлов")}, ${mb(left.bytes)} МБ.`);
    return 0;
  }, {mustExist: true});
}
