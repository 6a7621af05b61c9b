// Sample effectiveness inputs for the demo region (Саргатский, Тарский, Омский): questionnaires
// of the entry and exit waves, staff rosters for two school years, and a school's own indicator
// table for two years. Deterministic: a seeded PRNG, fixed dates. Run: npx tsx scripts/make-sample-effectiveness.ts
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {writeStableWorkbook} from "./writeStableWorkbook.ts";
import {prng} from "./prng.ts";

const OUT = "data/sample/effectiveness";

const rnd = prng(20251124);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function save(wb: ExcelJS.Workbook, name: string) {
  await writeStableWorkbook(wb, join(OUT, name));
  console.error(`written ${join(OUT, name)}`);
}

// ── Questionnaires ──────────────────────────────────────────────────────────────────────────
// Answers as people type them: numbered lists, several thoughts per cell, typos of case, and
// some that no codebook phrase fits (they must show up as uncoded).
const STRENGTHS = [
  "Опытные наставники, всегда можно обратиться за советом", "поддержка коллег", "1) взаимопосещение уроков 2) методическая помощь",
  "Индивидуальный подход к каждому молодому педагогу", "Доброжелательная атмосфера; обмен опытом",
  "быстрая адаптация в коллективе", "Профессиональный рост, новые знания", "Открытые уроки наставника",
  "Наставник — моя бывшая учительница, мне с ней легко", "неформальное общение с коллегами", "Сплочённость коллектива",
  "Методическое сопровождение и готовые материалы", "всё хорошо"
];
const WEAKNESSES = [
  "Нехватка времени у наставников", "Много отчётности и бумажной работы", "формальный подход у некоторых пар",
  "Нет доплаты наставникам", "большая нагрузка, встречи после уроков", "мало времени на совместные занятия; много отчётов",
  "Неудобное расписание встреч", "Не все вовлечены, работает одна и та же группа", "Нужно больше конкретики",
  "нет мотивации у части молодых", "Слишком много мероприятий в конце четверти"
];
const OPPORTUNITIES = [
  "Онлайн-курсы и вебинары", "Участие в конкурсах профессионального мастерства", "сетевое взаимодействие с другими школами района",
  "Курсы повышения квалификации в ИРООО", "Публикация опыта в сборниках", "Аттестация на первую категорию",
  "Цифровые сервисы (Сферум)", "Поддержка муниципального центра наставничества", "партнерство с педагогическим колледжем",
  "конференции и педчтения"
];
const THREATS = [
  "Уход молодых специалистов из профессии", "Профессиональное выгорание наставников", "низкая зарплата",
  "Нехватка кадров в сельских школах", "Частые изменения требований", "Конфликты с родителями",
  "недостаток финансирования", "Усталость, много дополнительной работы", "Переезд молодых в город"
];
const SUGGESTIONS = [
  "Проводить больше открытых уроков", "Ввести доплату наставникам", "Больше практики", "Меньше бумаг",
  "Организовать школу молодого педагога", "нет", "Затрудняюсь ответить", "Встречи молодых педагогов района",
  "Сделать встречи в удобное время"
];

type Role = "наставник" | "наставляемый" | "куратор" | "руководитель";
const ROLE_TEXT: Record<Role, string[]> = {
  наставник: ["Наставник", "наставник", "Педагог-наставник"],
  наставляемый: ["Наставляемый", "Молодой специалист (наставляемый)", "наставляемый"],
  куратор: ["Куратор программы", "куратор"],
  руководитель: ["Руководитель ОО", "Заместитель директора по УВР"]
};

interface Person { code: string; role: Role; satisfaction: number; climate: number }

function people(): Person[] {
  const list: Person[] = [];
  const add = (role: Role, n: number, prefix: string, base: number) => {
    for (let i = 1; i <= n; i++) {
      list.push({code: `${prefix}-${String(i).padStart(2, "0")}`, role,
        satisfaction: Math.max(1, Math.min(5, Math.round(base + (rnd() - 0.5) * 2))),
        climate: Math.max(1, Math.min(5, Math.round(base - 0.3 + (rnd() - 0.5) * 2)))});
    }
  };
  add("наставник", 12, "Н", 3.4);
  add("наставляемый", 14, "М", 3.1);
  add("куратор", 3, "К", 3.6);
  add("руководитель", 3, "Р", 3.8);
  return list;
}

const SATISFACTION = "Оцените удовлетворённость участием в программе наставничества (от 1 до 5)";
const CLIMATE = "Оцените психологический климат в педагогическом коллективе (от 1 до 5)";
const WISH = "Хотели бы вы стать наставником (продолжить работу наставником)?";

function several(pool: string[], max: number): string {
  const n = 1 + Math.floor(rnd() * max);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(pick(pool));
  const xs = [...chosen];
  if (xs.length === 1) return xs[0]!;
  return chance(0.5) ? xs.join("; ") : xs.map((x, i) => `${i + 1}) ${x}`).join("\n");
}

// The respondent's district and school, as a form's two questions ask them (Google and Yandex Forms
// export each question as a column): three schools of the sample, each with five or more respondents
// in both waves, so a school's and a municipality's report has a before/after of its own. Assigned by
// the participant's code (not drawn), so the answers and the rosters stay as they were; a few
// spellings differ as people type them (quotes, «№1»), and the directory resolves them to its school.
const RESPONDENT_SCHOOLS: Array<{municipality: string; spellings: string[]; codes: RegExp}> = [
  {municipality: "Саргатский", spellings: ["МБОУ \"Саргатская СОШ № 1\"", "МБОУ «Саргатская СОШ №1»", "МБОУ \"Саргатская СОШ № 1\""],
    codes: /^(Н-0[1-6]|М-0[1-7]|К-01|Р-01)$/},
  {municipality: "Тарский", spellings: ["МБОУ \"Тарская СОШ № 3\"", "МБОУ «Тарская СОШ № 3»"], codes: /^(Н-0[7-9]|М-(08|09|10)|К-02|Р-02)$/},
  {municipality: "Омский", spellings: ["МБОУ \"Ачаирская СОШ\"", "МБОУ «Ачаирская СОШ»"], codes: /^(Н-1[0-2]|М-1[1-4]|К-03|Р-03)$/}
];

/** [district, school as written] of a participant; the spelling varies with the row, not with a draw. */
function respondentSchool(code: string, row: number): [string, string] {
  const s = RESPONDENT_SCHOOLS.find((x) => x.codes.test(code));
  if (!s) throw new Error(`no school for participant ${code}`);
  return [s.municipality, s.spellings[row % s.spellings.length]!];
}

async function questionnaire(wave: "entry" | "exit", persons: Person[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ответы на форму (1)");
  const open = wave === "exit"
    ? ["Сильные стороны программы наставничества", "Слабые стороны программы", "Какие возможности для развития программы вы видите?",
      "Какие риски (угрозы) для программы вы видите?", "Ваши предложения по улучшению программы"]
    : ["Что вы ожидаете от участия в программе?"];
  ws.addRow(["Отметка времени", "Код участника", "Муниципальный район", "Ваша образовательная организация", "Ваша роль в программе",
    SATISFACTION, CLIMATE, WISH, ...open]);
  const start = wave === "entry" ? D(2024, 9, 16) : D(2025, 5, 12);
  persons.forEach((p, i) => {
    const at = new Date(start.getTime() + i * 3 * 3600 * 1000 + Math.floor(rnd() * 3600) * 1000);
    // The exit wave rates a little higher: the programme's effect the report should find.
    const lift = wave === "exit" ? (chance(0.6) ? 1 : 0) : 0;
    const sat = Math.min(5, p.satisfaction + lift), clim = Math.min(5, p.climate + (chance(0.4) ? lift : 0));
    const satCell: string | number = chance(0.12) ? `${sat} - ${sat >= 4 ? "скорее удовлетворён" : "частично"}` : sat;
    const wish = p.role === "наставник" ? pick(["Да", "Да", "Да", "Затрудняюсь ответить"])
      : p.role === "наставляемый" ? pick(wave === "exit" ? ["Да", "Да", "Нет", "Затрудняюсь ответить"] : ["Нет", "Нет", "Да", "Затрудняюсь ответить"])
      : pick(["Да", "Нет"]);
    const code = chance(0.1) ? "" : p.code;
    const answers = wave === "exit"
      ? [several(STRENGTHS, 2), chance(0.15) ? "" : several(WEAKNESSES, 2), chance(0.25) ? "" : several(OPPORTUNITIES, 2),
        chance(0.2) ? "-" : several(THREATS, 2), pick(SUGGESTIONS)]
      : [pick(["Помощь в подготовке к урокам", "Поддержку наставника", "Хочу научиться работать с родителями",
        "обмен опытом", "Подготовка к аттестации", "Пока не знаю", "Новые знания и методическая помощь"])];
    ws.addRow([at, code, ...respondentSchool(p.code, i), pick(ROLE_TEXT[p.role]), satCell, clim, wish, ...answers]);
  });
  ws.getColumn(1).numFmt = "dd.mm.yyyy hh:mm:ss";
  await save(wb, wave === "entry" ? "анкета-входная-2024.xlsx" : "анкета-итоговая-2025.xlsx");
}

// ── Rosters ─────────────────────────────────────────────────────────────────────────────────
interface Teacher {
  id: string; school: number; hired: Date; left: Date | null; experienceAt2024: number;
  education: string; category: [string, string]; attrs: Record<string, [boolean, boolean]>; mentee: boolean;
}

const SCHOOLS = [
  {municipality: "Саргатский", name: "МБОУ \"Саргатская СОШ № 1\"", prefix: "С"},
  {municipality: "Омский", name: "МБОУ \"Ачаирская СОШ\"", prefix: "А"}
];
const ATTRS = ["Программа саморазвития (ИОМ)", "Представил опыт на муниципальном/региональном уровне",
  "Форумы, конференции, педчтения", "Публикации", "Инновационные проекты", "Профессиональные сообщества", "Использует цифровые сервисы"];
const ATTR_RATE = [0.6, 0.4, 0.45, 0.3, 0.55, 0.4, 0.7];

function teachers(): Teacher[] {
  const list: Teacher[] = [];
  SCHOOLS.forEach((s, si) => {
    const n = si === 0 ? 22 : 14;
    for (let i = 1; i <= n; i++) {
      const young = i > n - 6;   // the last six of each school are young specialists
      const hired = young
        ? pick([D(2022, 8, 29), D(2023, 9, 1), D(2023, 8, 28), D(2024, 9, 2), D(2024, 8, 30), D(2023, 11, 13)])
        : D(1995 + Math.floor(rnd() * 25), 9, 1);
      // Experience at the roster date = years in this school + what the teacher had before coming.
      const yearsHere = Math.max(0, (D(2024, 5, 31).getTime() - hired.getTime()) / (365.25 * 86400000));
      const experienceAt2024 = yearsHere + (young ? (chance(0.2) ? 1 : 0) : 4 + Math.floor(rnd() * 10));
      let left: Date | null = null;
      if (young && chance(0.3)) left = new Date(hired.getTime() + Math.floor(120 + rnd() * 500) * 86400000);
      else if (!young && chance(0.1)) left = pick([D(2023, 12, 29), D(2024, 6, 14), D(2024, 12, 27), D(2025, 3, 31)]);
      if (left && left > D(2025, 5, 31)) left = null;
      const catNow = young ? "нет" : pick(["высшая", "первая", "первая", "соответствие занимаемой должности", "нет"]);
      const catNext = catNow === "нет" && !young && chance(0.4) ? "первая" : catNow === "первая" && chance(0.2) ? "высшая" : catNow;
      const attrs: Teacher["attrs"] = {};
      ATTRS.forEach((a, k) => {
        const before = chance(ATTR_RATE[k]! * (young ? 0.6 : 1));
        attrs[a] = [before, before || chance(0.25)];   // the programme moves people forward
      });
      list.push({id: `${s.prefix}-${String(i).padStart(3, "0")}`, school: si, hired, left, experienceAt2024: Math.round(experienceAt2024 * 10) / 10,
        education: young && chance(0.3) ? "среднее профессиональное" : pick(["высшее педагогическое", "высшее", "Высшее профессиональное"]),
        category: [catNow, catNext], attrs, mentee: young});
    }
  });
  return list;
}

async function roster(year: 2024 | 2025, staff: Teacher[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Педагоги ${year - 1}-${year}`);
  const asOf = D(year, 5, 31), start = D(year - 1, 9, 1);
  ws.addRow([`Список педагогических работников, ${year - 1}/${year} учебный год, по состоянию на 31.05.${year}`]);
  ws.mergeCells(1, 1, 1, 8);
  ws.addRow(["Муниципальный район", "Образовательная организация", "Табельный номер", "Дата приёма на работу", "Дата увольнения",
    "Педагогический стаж, лет", "Образование", "Квалификационная категория", "Наставляемый", ...ATTRS]);
  SCHOOLS.forEach((s, si) => {
    const rows = staff.filter((t) => t.school === si && t.hired <= asOf && (t.left === null || t.left >= start));
    const first = ws.rowCount + 1;
    for (const t of rows) {
      const k = year === 2024 ? 0 : 1;
      const exp = Math.round((t.experienceAt2024 + (year - 2024)) * 10) / 10;
      const hiredCell: Date | string = chance(0.1) ? `${String(t.hired.getUTCDate()).padStart(2, "0")}.${String(t.hired.getUTCMonth() + 1).padStart(2, "0")}.${t.hired.getUTCFullYear()}` : t.hired;
      ws.addRow([s.municipality, s.name, t.id, hiredCell, t.left && t.left <= asOf ? t.left : null,
        exp < 1 ? "менее года" : String(exp).replace(".", ","), t.education, t.category[k], t.mentee ? "да" : "",
        ...ATTRS.map((a) => (t.attrs[a]![k] ? pick(["да", "да", "+"]) : pick(["нет", "", "-"])))]);
    }
    // District and school written once per block, as people fill such lists.
    ws.mergeCells(first, 1, ws.rowCount, 1);
    ws.mergeCells(first, 2, ws.rowCount, 2);
  });
  for (const c of [4, 5]) ws.getColumn(c).numFmt = "dd.mm.yyyy";
  await save(wb, `кадры-${year}.xlsx`);
}

// ── A school's own indicator table ──────────────────────────────────────────────────────────
async function indicatorTable() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Показатели");
  ws.addRow(["Целевые показатели программы наставничества"]);
  ws.addRow(["Муниципальный район: Тарский"]);
  ws.addRow(["Образовательная организация: МБОУ \"Тарская СОШ № 3\""]);
  ws.addRow([]);
  ws.addRow(["Учебный год", "Показатель", "Количество педагогов, чел.", "Всего педагогов, чел.", "Целевое значение, %"]);
  const rows: Array<[string, number, number, number, number | string | null]> = [
    ["Педагоги с высшим профессиональным образованием", 24, 27, 28, null],
    ["Педагоги, имеющие и реализующие индивидуальную программу профессионального саморазвития", 15, 19, 28, null],
    ["Доля педагогов первой и высшей категории", 14, 16, 28, "65 %"],
    ["Педагоги, включённые в наставническую деятельность и представившие опыт", 9, 12, 28, null],
    ["Участие в педагогических форумах, конференциях, педчтениях", 11, 13, 28, null],
    ["Педагоги, имеющие публикации", 8, 10, 28, null],
    ["Участие в инновационных проектах", 12, 17, 28, null],
    ["Участие в деятельности профессиональных сообществ", 10, 15, 28, null],
    ["Молодые специалисты, закрепившиеся после 1 года работы", 3, 4, 4, null],
    ["Посещаемость мероприятий программы наставничества", 19, 23, 28, null],
    ["Педагоги — победители и призёры конкурсов профмастерства", 2, 4, 28, null]
  ];
  for (const [year, k] of [["2023/2024", 1], ["2024/2025", 2]] as const) {
    const first = ws.rowCount + 1;
    for (const r of rows) ws.addRow([year, r[0], k === 1 ? r[1] : r[2], r[3], r[4]]);
    ws.mergeCells(first, 1, ws.rowCount, 1);
  }
  await save(wb, "показатели-тарская-сош-3.xlsx");
}

async function main() {
  mkdirSync(OUT, {recursive: true});
  const persons = people();
  // Entry wave: mentors, mentees and curators at the start (the heads joined the survey at the end).
  await questionnaire("entry", persons.filter((p) => p.role !== "руководитель" && !(p.role === "наставляемый" && p.code === "М-14")));
  await questionnaire("exit", persons);
  const staff = teachers();
  await roster(2024, staff);
  await roster(2025, staff);
  await indicatorTable();
}

await main();
