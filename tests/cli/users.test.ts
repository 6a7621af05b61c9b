// `mentoring users` and `mentoring purge` as a person runs them: the real command in a child
// process, a password piped on stdin, Russian output read back.
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Store, all} from "../../store/database.ts";
import {readAudit} from "../../store/audit.ts";
import {verifyPassword} from "../../server/auth/passwords.ts";
import {ingestSample} from "../../scripts/build.ts";
import {main} from "../../bin/main.ts";
import {bufferIo, UserError} from "../../bin/io.ts";

// Each command is a child process with its own start-up, and passwords are real scrypt hashes: slow on a loaded machine.
vi.setConfig({testTimeout: 180_000});

let dir: string, db: string;

function mentoring(args: string[], input?: string): {code: number | null; out: string; err: string} {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args, "--db", db], {encoding: "utf8", input: input ?? ""});
  return {code: r.status, out: r.stdout, err: r.stderr};
}

async function withDb<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentoring-users-"));
  db = join(dir, "m.duckdb");
});
afterAll(() => { if (dir) rmSync(dir, {recursive: true, force: true}); });

describe("mentoring users", () => {
  it("adds the first methodologist with a piped password", async () => {
    const r = mentoring(["users", "add", "Metod", "--role", "методист", "--name", "Иванова Мария Петровна", "--password-stdin"], "тихий вечер у реки\n");
    expect(r.err).toBe("");
    expect(r.out.trim()).toBe("Учётная запись создана: metod — Иванова Мария Петровна, методист РНЦ, весь регион. Пароль задан.");
    const stored = await withDb((s) => s.read((c) => all<{h: string}>(c, "SELECT password_hash AS h FROM accounts WHERE login = 'metod'")));
    expect(stored[0]!.h).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword("тихий вечер у реки", stored[0]!.h)).toBe(true);
  });

  it("adds a school curator without a password: prints a one-time link instead", () => {
    const r = mentoring(["users", "add", "kurator5", "--role", "куратор-школы", "--scope", "школа:5", "--name", "Петрова О. И.", "--url", "https://nastavnik.example.ru/"]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toBe("Учётная запись создана: kurator5 — Петрова О. И., куратор школы, школа № 5.");
    expect(lines[1]).toMatch(/^Одноразовая ссылка для установки пароля \(действует один раз, до \d\d\.\d\d\.\d{4}, \d\d:\d\d\):$/);
    expect(lines[2]).toMatch(/^ {2}https:\/\/nastavnik\.example\.ru\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(lines[4]).toBe("Внимание: школы № 5 в базе пока нет. Проверьте номер по справочнику школ; учётная запись создана.");
  });

  it("says what is wrong in Russian (the same errors the entry prints after «Ошибка: », without a stack)", async () => {
    const cases: Array<[string[], string]> = [
      [["users", "add", "x1", "--role", "директор", "--name", "Икс"], "роль «директор» не знаю."],
      [["users", "add", "x1", "--role", "куратор-школы", "--name", "Икс"], "для роли «куратор школы» укажите --scope школа:ID."],
      [["users", "add", "x1", "--role", "куратор-школы", "--scope", "муниципалитет:3", "--name", "Икс"], "у роли «куратор школы» область доступа — «школа», а не «муниципалитет»."],
      [["users", "add", "x1", "--role", "руководство", "--scope", "район:3", "--name", "Икс"], "область доступа «район:3» записана неверно"],
      [["users", "add", "metod", "--role", "руководство", "--name", "Икс"], "имя для входа «metod» уже занято"],
      [["users", "add", "x y", "--role", "руководство", "--name", "Икс"], "имя для входа «x y» не подходит"],
      [["users", "add", "x1", "--role", "руководство"], "укажите --name \"ФИО\""],
      [["users", "disable", "metod"], "«metod» — последняя действующая учётная запись методиста"],
      [["users", "disable", "nobody"], "учётной записи «nobody» нет."],
      [["users", "disable"], "укажите логин: mentoring users disable ЛОГИН"],
      [["users", "frobnicate"], "неизвестная команда «users frobnicate»."]
    ];
    for (const [args, message] of cases) {
      const error = await main([...args, "--db", db], bufferIo()).then(() => null, (e: unknown) => e);
      expect(error, args.join(" ")).toBeInstanceOf(UserError);
      expect((error as Error).message.startsWith(message), `${args.join(" ")}: ${(error as Error).message}`).toBe(true);
    }
    // Through the real entry: the message after «Ошибка: », exit code 1, no stack.
    const r = mentoring(["users", "disable", "nobody"]);
    expect([r.code, r.err]).toEqual([1, "Ошибка: учётной записи «nobody» нет. Список: mentoring users list.\n"]);
  });

  it("a short password is refused with the reason", () => {
    const r = mentoring(["users", "add", "boss", "--role", "руководство", "--name", "Сидоров", "--password-stdin"], "12345\n");
    expect(r.err.trim()).toBe("Ошибка: пароль короче 10 знаков: возьмите фразу из нескольких слов.");
  });

  it("lists, disables, enables and resets; every change is in the audit log as done at the console", async () => {
    const run = async (args: string[]) => {
      const io = bufferIo();
      await main([...args, "--db", db], io);
      return io.stdout.join("\n");
    };
    expect(mentoring(["users", "add", "boss", "--role", "руководство", "--name", "Сидоров С. С.", "--password-stdin"], "строгий взгляд сверху\n").code).toBe(0);
    expect(await run(["users", "disable", "boss"])).toBe("Учётная запись «boss» отключена; её сессии закончены.");
    const list = mentoring(["users", "list"]).out.trim().split("\n");
    expect(list[0]).toMatch(/^логин\s+имя\s+роль\s+область\s+состояние\s+последний вход$/);
    expect(list.slice(1, -1).map((l) => l.split(/\s{2,}/).slice(0, 5))).toEqual([
      ["kurator5", "Петрова О. И.", "куратор школы", "школа:5", "ждёт пароль"],
      ["metod", "Иванова Мария Петровна", "методист РНЦ", "регион", "действует"],
      ["boss", "Сидоров С. С.", "руководство", "регион", "отключена"]
    ]);
    expect(list.at(-1)).toBe("Всего: 3, действуют: 2.");
    expect(await run(["users", "enable", "boss"])).toBe("Учётная запись «boss» снова действует.");
    const reset = (await run(["users", "reset", "boss"])).split("\n");
    expect(reset[0]).toBe("Пароль «boss» сброшен: прежний больше не действует, сессии закончены.");
    expect(reset[2]).toMatch(/^ {2}<адрес сервиса>\/setup\?token=/);
    const json = JSON.parse(await run(["users", "list", "--json"])) as Array<{login: string; hasPassword: boolean}>;
    expect(json.find((a) => a.login === "boss")!.hasPassword).toBe(false);
    const actions = await withDb(async (s) => (await readAudit(s)).events.map((e) => [e.actor, e.action]));
    expect(actions.slice(0, 4)).toEqual([["console", "account-reset"], ["console", "account-enable"], ["console", "account-disable"],
      ["console", "account-create"]]);
  });
});

describe("mentoring purge", () => {
  it("the dry run lists what would go; then the purge removes it and rewrites the file", async () => {
    await withDb((s) => ingestSample(s));
    const dry = mentoring(["purge", "--older-than", "0", "--dry-run"]);
    expect(dry.code).toBe(0);
    const lines = dry.out.trim().split("\n");
    expect(lines[0]).toMatch(/^Персональные данные старше 0 дней \(последний раз загружены до \d\d\.\d\d\.\d{4}\):$/);
    // 156 teachers: 150 of the sample's diagnostics, and 6 more named only by the staff list the routes'
    // sample added (data/sample/routes/кадры_Саргатская_гимназия_2026.xlsx) — their names are personal data too.
    expect(lines[1]).toBe("  педагогов (ФИО, код, должность, предмет, стаж): 156");
    // 68 registry people in the sample: 51 in the registries' bases of data/sample/registries, and 17
    // in the two schools' bases the routes' sample added (data/sample/routes: база_наставничества_
    // Саргатская_гимназия.xlsx 10, база_наставничества_Тарская_СОШ_3.xlsx 7).
    expect(lines[2]).toBe("  участников баз наставников и наставляемых (ФИО, контакты, год рождения): 68");
    // Every teacher named in the sample's routes and students' results (named_teachers: 45).
    expect(lines[3]).toBe("  педагогов из маршрутов (ИОМ) и результатов учеников (ФИО, код, должность): 45");
    expect(lines.at(-1)).toBe("Проба (--dry-run): ничего не изменено.");
    expect(await withDb((s) => s.read((c) => all(c, "SELECT * FROM teacher_identities WHERE full_name = '(имя удалено)'")))).toEqual([]);

    const name = (await withDb((s) => s.read((c) => all<{n: string}>(c, "SELECT full_name AS n FROM teacher_identities ORDER BY teacher_id LIMIT 1"))))[0]!.n;
    const surname = name.split(" ")[0]!;
    const ambiguous = mentoring(["purge", "--person", surname]);
    if (ambiguous.code === 1) {
      expect(ambiguous.out).toContain(`По «${surname}» нашлось`);
      expect(ambiguous.err).toContain("нашлось несколько записей");
    }
    const one = mentoring(["purge", "--person", "педагог:1"]);
    expect(one.code).toBe(0);
    expect(one.out).toContain("  педагогов (ФИО, код, должность, предмет, стаж): 1");
    // Teacher 1 is named in no route and no students' results.
    expect(one.out).toContain("  педагогов из маршрутов (ИОМ) и результатов учеников (ФИО, код, должность): 0");
    expect(one.out).toContain("Удалено (запись журнала: удаление № 1). Сводные показатели не изменились.");
    expect(one.out).toContain("Файл базы переписан заново: следов удалённого в нём не осталось.");
    const left = await withDb((s) => s.read((c) => all<{n: string}>(c, "SELECT full_name AS n FROM teacher_identities WHERE teacher_id = 1")));
    expect(left).toEqual([{n: "(имя удалено)"}]);
  });

  it("refuses an unknown person and a bad number of days", async () => {
    const fails = async (args: string[]) => ((await main([...args, "--db", db], bufferIo()).then(() => null, (e: unknown) => e)) as Error).message;
    expect(await fails(["purge", "--person", "Несуществующая Фамилия"])).toBe("никого не нашлось по «Несуществующая Фамилия». Ничего не удалено.");
    expect(await fails(["purge", "--older-than", "год"])).toBe("--older-than: нужно число дней, например 1095, а не «год».");
    expect(await fails(["purge", "--older-than", "5", "--person", "педагог:1"])).toBe("выберите одно: --older-than или --person.");
  });
});
