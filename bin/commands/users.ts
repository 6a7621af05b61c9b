// `mentoring users add|list|disable|enable|reset`: accounts of the service from the console (while
// the server is stopped: DuckDB lets one process hold the database; while it runs, the
// methodologist uses the page /accounts). A password is typed at a hidden prompt, piped with
// --password-stdin, or — the default when nobody types — set by the person through a one-time link.
import {parse} from "../args.ts";
import {UserError, type Io} from "../io.ts";
import {withStore} from "../withStore.ts";
import type {Store} from "../../store/database.ts";
import {AccountError, createAccount, createWithLink, issuePasswordLink, listAccounts, setDisabled, setPassword, type Account} from "../../server/auth/accounts.ts";
import {MIN_PASSWORD_LENGTH} from "../../server/auth/passwords.ts";
import {ROLE_LABELS, ROLE_LEVELS, parseRole, parseScope, scopeLabel, scopeText, type Scope} from "../../server/auth/roles.ts";
import type {Actor} from "../../store/audit.ts";

export const USERS_USAGE = "mentoring users add ЛОГИН --role РОЛЬ --name \"ФИО\" [--scope регион|муниципалитет:ID|школа:ID] [--password-stdin] [--url АДРЕС]\n" +
  "  mentoring users list [--json] | disable ЛОГИН | enable ЛОГИН | reset ЛОГИН [--password-stdin] [--url АДРЕС]";

const HELP = `mentoring users — учётные записи сервиса (при остановленном сервере; при работающем — страница /accounts)

  mentoring users add ЛОГИН --role РОЛЬ --name "ФИО" [--scope ОБЛАСТЬ]
      создать учётную запись. Пароль: если команду запустил человек в терминале — спросит (ввод не виден);
      --password-stdin — взять первую строку со стандартного ввода; иначе напечатает одноразовую ссылку,
      по которой человек сам задаст пароль (действует 72 часа)
  mentoring users list [--json]       все учётные записи
  mentoring users disable ЛОГИН       отключить (сессии заканчиваются; учётные записи не удаляются)
  mentoring users enable ЛОГИН        включить снова
  mentoring users reset ЛОГИН         новый пароль: спросит или выдаст одноразовую ссылку; прежний перестаёт действовать

Роли (--role): методист, куратор-муниципалитета, куратор-школы, ответственный-оо, руководство
  (или methodologist, municipal-curator, school-curator, school-representative, management).
Область (--scope): регион (по умолчанию для методиста и руководства), муниципалитет:ID, школа:ID — номер из справочника.
  --url АДРЕС   адрес сервиса (https://…), чтобы ссылка была полной
  --db ФАЙЛ     база данных (иначе MENTORING_DB, иначе data/mentoring.duckdb)`;

const CONSOLE: Actor = {kind: "console"};

const date = (d: Date | null) => d ? d.toLocaleString("ru-RU", {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit"}) : "—";

/** Reads stdin to its end (a piped password). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks for a line on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((done, fail) => {
    const input = process.stdin;
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    let text = "";
    const onData = (b: Buffer) => {
      for (const ch of b.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          finish();
          process.stderr.write("\n");
          return done(text);
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          process.stderr.write("\n");
          return fail(new UserError("ввод прерван, ничего не изменено."));
        }
        if (ch === "\u007f" || ch === "\b") text = [...text].slice(0, -1).join("");
        else if (ch >= " ") text += ch;
      }
    };
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on("data", onData);
  });
}

/** The new password: piped, typed twice at a hidden prompt, or null (a one-time link then). */
async function obtainPassword(pipe: boolean): Promise<string | null> {
  if (pipe) {
    const line = (await readStdin()).split(/\r?\n/)[0] ?? "";
    if (!line) throw new UserError("--password-stdin: на стандартном вводе пусто.");
    return line;
  }
  if (!process.stdin.isTTY) return null;
  const first = await promptHidden(`Пароль (не короче ${MIN_PASSWORD_LENGTH} знаков, ввод не виден): `);
  const second = await promptHidden("Пароль ещё раз: ");
  if (first !== second) throw new UserError("пароли не совпадают, ничего не изменено.");
  return first;
}

function linkLines(url: string | undefined, token: string, expiresAt: number): string[] {
  const path = `/setup?token=${token}`;
  return [
    `Одноразовая ссылка для установки пароля (действует один раз, до ${date(new Date(expiresAt))}):`,
    url ? `  ${url.replace(/\/+$/, "")}${path}` : `  <адрес сервиса>${path}`,
    "Передайте её этому человеку лично, не по общей почте и не в общий чат."
  ];
}

function describe(a: Account): string {
  return `${a.login} — ${a.name}, ${ROLE_LABELS[a.role]}, ${scopeLabel(a.scope)}`;
}

async function add(store: Store, login: string, v: Record<string, unknown>, io: Io): Promise<void> {
  const role = parseRole(String(v.role ?? ""));
  if (!role) throw new UserError(`роль «${String(v.role ?? "")}» не знаю. Роли: методист, куратор-муниципалитета, куратор-школы, ответственный-оо, руководство.`);
  let scope: Scope;
  if (v.scope === undefined) {
    if (!ROLE_LEVELS[role].includes("region")) throw new UserError(`для роли «${ROLE_LABELS[role]}» укажите --scope ${ROLE_LEVELS[role][0] === "school" ? "школа:ID" : "муниципалитет:ID"}.`);
    scope = {level: "region"};
  } else {
    const parsed = parseScope(String(v.scope));
    if ("error" in parsed) throw new UserError(parsed.error);
    scope = parsed.scope;
  }
  if (!v.name) throw new UserError("укажите --name \"ФИО\": так страницы будут обращаться к человеку.");
  const base = {login, name: String(v.name), role, scope};
  const password = await obtainPassword(Boolean(v["password-stdin"]));
  if (password !== null) {
    const a = await createAccount(store, {...base, password}, CONSOLE, null);
    io.out(`Учётная запись создана: ${describe(a)}. Пароль задан.`);
  } else {
    const {account, token, expiresAt} = await createWithLink(store, base, CONSOLE, null);
    io.out(`Учётная запись создана: ${describe(account)}.`);
    for (const line of linkLines(v.url as string | undefined, token, expiresAt)) io.out(line);
  }
  if (scope.level !== "region") {
    const known = await store.read(async (c) => scope.level === "school" && /^\d+$/.test(scope.id)
      ? Boolean((await c.runAndReadAll("SELECT 1 FROM schools WHERE school_id = $id", {id: Number(scope.id)})).getRows().length) : null);
    if (known === false) io.out(`Внимание: школы № ${scope.id} в базе пока нет. Проверьте номер по справочнику школ; учётная запись создана.`);
  }
}

async function list(store: Store, json: boolean, io: Io): Promise<void> {
  const accounts = await listAccounts(store);
  if (json) {
    io.out(JSON.stringify(accounts.map((a) => ({login: a.login, name: a.name, role: a.role, scope: scopeText(a.scope), hasPassword: a.hasPassword,
      disabledAt: a.disabledAt?.toISOString() ?? null, lastLoginAt: a.lastLoginAt?.toISOString() ?? null})), null, 2));
    return;
  }
  if (!accounts.length) {
    io.out("Учётных записей нет. Первая: mentoring users add ЛОГИН --role методист --name \"ФИО\"");
    return;
  }
  const rows = accounts.map((a) => [a.login, a.name, ROLE_LABELS[a.role], scopeText(a.scope),
    a.disabledAt ? "отключена" : a.hasPassword ? "действует" : "ждёт пароль", date(a.lastLoginAt)]);
  const head = ["логин", "имя", "роль", "область", "состояние", "последний вход"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  io.out(line(head));
  for (const r of rows) io.out(line(r));
  io.out(`Всего: ${accounts.length}, действуют: ${accounts.filter((a) => !a.disabledAt).length}.`);
}

export async function usersCommand(argv: string[], io: Io): Promise<number> {
  const {values, positionals} = parse(argv, {
    db: {type: "string"}, role: {type: "string"}, scope: {type: "string"}, name: {type: "string"}, "password-stdin": {type: "boolean"},
    url: {type: "string"}, json: {type: "boolean"}
  });
  const [sub, login, ...extra] = positionals;
  if (values.help || !sub) {
    io.out(HELP);
    return 0;
  }
  if (extra.length) throw new UserError(`лишние слова: ${extra.join(" ")}. Справка: mentoring users --help`);
  const needLogin = () => {
    if (!login) throw new UserError(`укажите логин: mentoring users ${sub} ЛОГИН`);
    return login;
  };
  try {
    await withStore(values.db, async (store) => {
      switch (sub) {
        case "add":
          return add(store, needLogin(), values, io);
        case "list":
          return list(store, Boolean(values.json), io);
        case "disable":
        case "enable": {
          const a = await setDisabled(store, needLogin(), sub === "disable", CONSOLE);
          io.out(sub === "disable" ? `Учётная запись «${a.login}» отключена; её сессии закончены.` : `Учётная запись «${a.login}» снова действует.`);
          return;
        }
        case "reset": {
          const password = await obtainPassword(Boolean(values["password-stdin"]));
          if (password !== null) {
            const a = await setPassword(store, needLogin(), password, CONSOLE, {action: "password-set"});
            io.out(`Пароль «${a.login}» изменён; её сессии закончены.`);
            return;
          }
          const {account, token, expiresAt} = await issuePasswordLink(store, needLogin(), CONSOLE);
          io.out(`Пароль «${account.login}» сброшен: прежний больше не действует, сессии закончены.`);
          for (const line of linkLines(values.url as string | undefined, token, expiresAt)) io.out(line);
          return;
        }
        default:
          throw new UserError(`неизвестная команда «users ${sub}». Справка: mentoring users --help`);
      }
    });
  } catch (e) {
    if (e instanceof AccountError) throw new UserError(e.message);
    if (e instanceof UserError && /занята другим процессом/.test(e.message)) {
      throw new UserError(`${e.message} Пока сервер работает, учётными записями управляют на его странице /accounts.`);
    }
    throw e;
  }
  return 0;
}
