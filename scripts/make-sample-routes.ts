// Sample inputs of issue 14 (individual routes, their effect, students' results, young specialists)
// for three schools of the sample diagnostics (data/sample/diagnostics), read from those files so
// the people are the same:
//   - the region's catalogue of activities: seed 001's road-map examples (the 36-hour programme, the
//     video lessons of edsoo.ru, the webinars of apkpro.ru, РЭШ, Яндекс.Учебник, ЦНППМ seminars),
//     moved to the 2025/2026 school year, and five programmes more so every area has one; the
//     programmes and seminars again in 2026/2027;
//   - routes drafted from each teacher's entry diagnostics by the product's own rules
//     (lib/rankDeficits, lib/suggestActivities), then «filled in» with completion marks in the ways
//     people write them: four routes in seed 001's form (МБОУ «Саргатская гимназия»), the others as
//     lists of road maps; a few teachers with deficits get no route;
//   - the mentee and mentor bases of two of the schools: the four teachers (учитель) with the largest
//     entry deficits are mentees — teachers in difficulty, as seed 001 describes — and in the
//     gymnasium three young specialists hired after the entry diagnostics;
//   - a staff list with names of МБОУ «Саргатская гимназия» (five young specialists, two without a mentor);
//   - the students' results of the three schools' teachers, 2024/2025 and 2025/2026 (the mentees'
//     classes improve a little more than the others').
// Deterministic (seeded PRNG, pinned workbook dates):
//   npx tsx scripts/make-sample-routes.ts [outDir]     (default data/sample/routes)
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import ExcelJS from "exceljs";
import {stableWorkbookBuffer} from "./writeStableWorkbook.ts";
import {prng} from "./prng.ts";
import {guardZip} from "../loaders/xlsx/zipGuard.ts";
import {readWorkbook} from "../loaders/xlsx/readWorkbook.ts";
import {parseDiagnostics, type TeacherRow} from "../loaders/diagnostics/parse.ts";
import {rankDeficits} from "../lib/rankDeficits.ts";
import {suggestActivities, type CatalogueActivity} from "../lib/suggestActivities.ts";
import {deficitLevel} from "../lib/deficitLevel.ts";
import {PROJECT_SETTINGS_DIR, readSettingsFiles} from "../settings/load.ts";
import {routeXlsx} from "../reports/exports/routeXlsx.ts";
import {CATALOGUE_EXPORT_HEADER} from "../reports/exports/catalogueXlsx.ts";
import type {RouteDraft} from "../reports/routeDraft.ts";

const rand = prng(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const ru = (isoDay: string) => `${isoDay.slice(8, 10)}.${isoDay.slice(5, 7)}.${isoDay.slice(0, 4)}`;

// The project's own settings (data/config), whatever MENTORING_CONFIG_DIR says: the sample is the project's.
const settings = readSettingsFiles(PROJECT_SETTINGS_DIR).settings;
const areas = settings.areas;
const levels = settings.deficitLevels;
const rules = settings.routeRules;
const LABEL = new Map(areas.areas.map((a) => [a.code, a.label]));
const WINDOW = {start: "2025-09-01", end: "2026-05-31"};

const G = "МБОУ «Саргатская гимназия»", T3 = "МБОУ \"Тарская СОШ № 3\"", TG = "МКОУ «Тарская гимназия»";
const MUNICIPALITY: Record<string, string> = {[G]: "Саргатский", [T3]: "Тарский", [TG]: "Тарский"};

// ── The sample diagnostics' teachers ─────────────────────────────────────────────────────────
interface Person { name: string; school: string; municipality: string; subject: string | null; position: string | null; years: number | null;
  entry: Map<string, number> | null; exit: Map<string, number> | null; externalId: string | null }

async function samplePeople(): Promise<Person[]> {
  const dir = "data/sample/diagnostics";
  const rows: TeacherRow[] = [];
  for (const file of readdirSync(dir).sort()) {
    const zip = await guardZip(readFileSync(join(dir, file)));
    if (!zip.ok) throw new Error(`${file}: ${zip.refusal.kind}`);
    const wb = readWorkbook(zip.entries);
    if (!wb.ok) throw new Error(`${file}: ${wb.refusal.kind}`);
    rows.push(...parseDiagnostics(wb.workbook, {file, settings}, areas).data.rows);
  }
  const people = new Map<string, Person>();
  for (const r of rows) {
    if (![G, T3, TG].includes(r.school) || r.ambiguous) continue;
    const key = `${r.school}|${r.nameKey}`;
    const p = people.get(key) ?? {name: r.fullName, school: r.school, municipality: r.municipality, subject: r.subject, position: r.position,
      years: r.experience === null ? null : Number(r.experience), entry: null, exit: null, externalId: r.externalId};
    p[r.wave] = new Map(r.results.map((x) => [x.area, x.result]));
    people.set(key, p);
  }
  return [...people.values()];
}

// ── The catalogue (seed 001, Приложение № 1, block 5 examples, moved to 2025/2026) ──────────
interface Item extends CatalogueActivity { format: string; url: string | null; kindText: string }
const item = (id: number, title: string, kindText: string, provider: string, hours: number | null, codes: string[], format: string,
  start: string | null, end: string | null, url: string | null = null): Item =>
  ({id, title, kind: /ДПО/.test(kindText) ? "dpo" : "event", kindText, provider, hours, areas: codes, start, end, format, url});
const CATALOGUE: Item[] = [
  item(1, "«Формирование естественно-научной и математической функциональной грамотности обучающихся НОО»", "программа ДПО", "БУ ДПО «ИРООО»", 36,
    ["methodological", "subject", "digital"], "очно-заочно", "2025-10-06", "2025-10-31"),
  item(2, "Методический видеоурок «Текстовая деятельность учащихся 4 класса»", "видеоурок", "ФГБНУ «Институт стратегии развития образования» (edsoo.ru)",
    null, ["methodological", "subject"], "онлайн", "2026-04-01", "2026-04-01", "https://edsoo.ru"),
  item(3, "Методический видеоурок «Человек - творец культурных ценностей. Из истории письменности»", "видеоурок", "edsoo.ru", null,
    ["subject"], "онлайн", "2026-04-08", "2026-04-08", "https://edsoo.ru"),
  item(4, "Вебинар «Читательская грамотность и формирование предметных знаний и умений»", "вебинар", "Федеральный методический центр (apkpro.ru)",
    null, ["subject", "methodological"], "онлайн", "2026-04-20", "2026-04-20", "https://apkpro.ru"),
  item(5, "Методический видеоурок «Русский язык. Начальная школа. Работаем с текстом-описанием»", "видеоурок", "edsoo.ru", null,
    ["methodological", "subject"], "онлайн", "2026-04-25", "2026-04-25", "https://edsoo.ru"),
  item(6, "Методический видеоурок «Формирование метапредметных результатов обучения младших школьников»", "видеоурок", "edsoo.ru", null,
    ["methodological"], "онлайн", "2026-04-30", "2026-04-30", "https://edsoo.ru"),
  item(7, "РЭШ видеоуроки. Русский язык. Раздел 5. Морфология. Раздел 7. Орфография", "видеоуроки", "Российская электронная школа (resh.edu.ru)", null,
    ["subject"], "онлайн", "2026-05-01", "2026-05-31", "https://resh.edu.ru"),
  item(8, "Методический видеоурок «Классификация математических объектов по разным основаниям»", "видеоурок", "edsoo.ru", null,
    ["methodological", "subject"], "онлайн", "2026-06-01", "2026-06-30", "https://edsoo.ru"),
  item(9, "Вебинар «Особенности реализации ФГОС начального общего образования в фокусе предмета «Окружающий мир»»", "вебинар",
    "Федеральный методический центр (apkpro.ru)", null, ["methodological", "subject"], "онлайн", "2026-06-01", "2026-06-01", "https://apkpro.ru"),
  item(10, "Методический семинар «Обновлённый ФГОС. Конструктор рабочих программ»", "семинар", "ЦНППМ БУ ДПО «ИРООО»", 8,
    ["digital", "methodological"], "очно", "2026-01-13", "2026-01-13"),
  item(11, "Семинар «Профилактика и коррекция деструктивного поведения детей и подростков в образовательных организациях»", "семинар",
    "ЦНППМ БУ ДПО «ИРООО»", 6, ["psych_pedagogical"], "очно", "2025-12-09", "2025-12-09"),
  item(12, "Яндекс.Учебник. Конфликты и травля в школьной среде", "онлайн-курс", "Яндекс.Учебник (бесплатный онлайн-курс)", 16,
    ["psych_pedagogical", "communicative"], "онлайн", null, null, "https://yandex.ru/promo/education/course/konflikty-i-travlya-v-shkolnoj-srede"),
  item(13, "РЭШ видеоуроки. Окружающий мир. Раздел 8. Чему учит экономика", "видеоуроки", "resh.edu.ru", null, ["subject"], "онлайн",
    "2026-07-01", "2026-07-31", "https://resh.edu.ru"),
  item(14, "Яндекс.Учебник. Современное образовательное пространство и управление классом", "онлайн-курс", "Яндекс.Учебник (бесплатный онлайн-курс)", 16,
    ["psych_pedagogical"], "онлайн", "2025-09-01", "2025-09-30", "https://teacher.yandex.ru"),
  item(15, "РЭШ видеоуроки. Окружающий мир. Раздел 12. Страницы истории Отечества", "видеоуроки", "resh.edu.ru", null, ["subject"], "онлайн",
    "2025-09-01", "2025-09-30", "https://resh.edu.ru"),
  item(16, "РЭШ видеоуроки. Математика. Раздел 2. Числа и величины", "видеоуроки", "resh.edu.ru", null, ["subject"], "онлайн",
    "2025-10-01", "2025-10-31", "https://resh.edu.ru"),
  item(17, "Единая коллекция ЦОР: раздел «Методическая поддержка», цифровые ресурсы к учебным материалам", "самообразование",
    "school-collection.edu.ru", null, ["digital", "methodological"], "онлайн", "2025-11-01", "2025-12-31", "http://school-collection.edu.ru/catalog/"),
  // Not in the seed: one programme per area at least, so a high deficit can be planned in hours.
  item(18, "«Цифровая образовательная среда: инструменты учителя»", "программа ДПО", "ФГАОУ ДПО «Академия Минпросвещения России» (apkpro.ru)", 72,
    ["digital"], "дистанционно", "2025-11-05", "2025-12-19"),
  item(19, "«Психолого-педагогическое сопровождение обучающихся в условиях обновлённых ФГОС»", "программа ДПО", "БУ ДПО «ИРООО»", 72,
    ["psych_pedagogical"], "очно-заочно", "2026-01-12", "2026-02-27"),
  item(20, "«Коммуникативная компетентность педагога: обучающиеся, родители, коллеги»", "программа ДПО", "ЦНППМ БУ ДПО «ИРООО»", 36,
    ["communicative", "psych_pedagogical"], "очно", "2026-03-02", "2026-03-27"),
  item(21, "«Методика преподавания предмета по обновлённым ФГОС ООО и СОО»", "программа ДПО", "БУ ДПО «ИРООО»", 72,
    ["methodological", "subject"], "очно-заочно", "2026-04-06", "2026-05-22"),
  item(22, "«Школа современного учителя: достижения российской науки»", "программа ДПО", "ФГАОУ ДПО «Академия Минпросвещения России» (apkpro.ru)", 60,
    ["subject"], "дистанционно", "2025-10-20", "2025-12-15")
];

/** The next school year's calendar: the programmes and seminars again, a year later (the region keeps one catalogue). */
const shift = (d: string | null) => (d ? `${Number(d.slice(0, 4)) + 1}${d.slice(4)}` : null);
CATALOGUE.push(...CATALOGUE.filter((i) => i.kind === "dpo" || i.kindText === "семинар")
  .map((i, k) => ({...i, id: CATALOGUE.length + k + 1, start: shift(i.start), end: shift(i.end)})));

async function catalogueFile(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Каталог 2025-2026");
  ws.addRow(["Каталог мероприятий для индивидуальных образовательных маршрутов педагогов на 2025/2026 и 2026/2027 учебные годы"]).font = {bold: true};
  ws.addRow(["Составлен по примерам дорожной карты ИОМ (приложение № 1 к алгоритму наставничества) и календарям ЦНППМ, edsoo.ru, apkpro.ru, resh.edu.ru."]);
  ws.addRow(CATALOGUE_EXPORT_HEADER).font = {bold: true};
  for (const i of CATALOGUE) {
    ws.addRow([i.id, i.title, i.kindText, i.provider, i.hours, i.areas.map((a) => LABEL.get(a)!.toLowerCase()).join(", "), i.format,
      i.start ? new Date(`${i.start}T00:00:00Z`) : null, i.end ? new Date(`${i.end}T00:00:00Z`) : null, i.url]);
  }
  // A month written as text and hours «16 ч.», as people type them.
  ws.getCell(`I${3 + 17}`).value = null;
  ws.getCell(`H${3 + 17}`).value = "ноябрь – декабрь 2025";
  ws.getCell(`E${3 + 12}`).value = "16 ч.";
  [5, 60, 16, 34, 10, 34, 14, 12, 12, 30].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  for (const c of [8, 9]) ws.getColumn(c).numFmt = "dd.mm.yyyy";
  return wb;
}

// ── Routes ─────────────────────────────────────────────────────────────────────────────────
function draftFor(p: Person, n: number): RouteDraft | null {
  if (!p.entry) return null;
  const deficits = [...p.entry].map(([code, result]) => {
    const deficit = 100 - result, l = deficitLevel(deficit, levels);
    return {area: code, label: LABEL.get(code)!, deficit, result, level: l.code, levelLabel: l.label};
  }).sort((a, b) => areas.areas.findIndex((x) => x.code === a.area) - areas.areas.findIndex((x) => x.code === b.area));
  const ranked = rankDeficits(deficits, levels, rules.routeLevels);
  if (!ranked.length) return null;
  const s = suggestActivities(ranked, CATALOGUE, WINDOW, rules);
  const top = [...levels.levels].sort((a, b) => b.from - a.from).find((l) => deficits.some((d) => d.level === l.code))!;
  return {kind: "teacher", teacher: {teacherId: n, name: p.name, school: p.school, municipality: p.municipality, position: p.position, subject: p.subject},
    group: null, wave: "entry", deficits, ranked, overallLevel: {code: top.code, label: top.label}, window: WINDOW,
    activities: s.activities.map((a) => ({...a, addressesLabels: a.addresses.map((c) => LABEL.get(c)!)})),
    areas: s.areas.map((a) => ({...a, label: LABEL.get(a.area)!})), totalHours: s.totalHours, catalogueItems: CATALOGUE.length,
    nextDiagnostics: "май 2026"};
}

/** A completion mark as people write it, or a blank / «не пройдено». */
function mark(end: string | null): ExcelJS.CellValue {
  const x = rand();
  const day = end ?? "2026-03-16";
  if (x < 0.12) return null;
  if (x < 0.2) return pick(["не пройдено", "в процессе", "нет", "перенесено"]);
  return pick<ExcelJS.CellValue>(["пройдено", "Пройдено", "да", "+", "выполнено", ru(day), new Date(`${day}T00:00:00Z`),
    `удостоверение № 55240${Math.floor(1000000 + rand() * 8999999)} от ${ru(day)}`, `сертификат № ${Math.floor(10 + rand() * 900)}`,
    `пройдено ${ru(day)}`]);
}

/** Fills the marks of a route written in the seed's form (both tables' «Отметка о прохождении» columns). */
async function fillSeedForm(bytes: Buffer, draft: RouteDraft): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const byTitle = new Map(draft.activities.map((a) => [a.title, a]));
  ws.eachRow((row) => {
    for (const c of [2, 1]) {
      const a = byTitle.get(String(row.getCell(c).value ?? ""));
      if (!a) continue;
      const markCol = c === 2 ? 6 : 5;
      // A blank mark stays "" (not a missing cell): the mark column is merged to the sheet's edge.
      row.getCell(markCol).value = mark(a.end) ?? "";
      break;
    }
  });
  return wb;
}

const MONTH_NAMES = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

/** «Сроки прохождения» of a list as curators write them: a month, two months, dates, a date cell. */
function plannedCell(a: {start: string | null; end: string | null}): ExcelJS.CellValue {
  if (!a.start && !a.end) return "в течение года";
  const s = a.start ?? a.end!, e = a.end ?? a.start!;
  const ms = Number(s.slice(5, 7)) - 1, me = Number(e.slice(5, 7)) - 1;
  const x = rand();
  if (s === e) return x < 0.5 ? new Date(`${s}T00:00:00Z`) : ru(s);
  if (x < 0.4) return ms === me ? MONTH_NAMES[ms] : `${MONTH_NAMES[ms]} – ${MONTH_NAMES[me]}`;
  return `${ru(s)} – ${ru(e)}`;
}

async function routeList(school: string, people: Array<{p: Person; d: RouteDraft}>, options: {mergeNames: boolean; withMunicipality: boolean}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Дорожные карты");
  ws.addRow([`Дорожные карты индивидуальных образовательных маршрутов педагогов ${school}, 2025/2026 учебный год`]).font = {bold: true};
  ws.addRow([...(options.withMunicipality ? ["Муниципалитет"] : []), "ОО", "ФИО педагога", "Название программы (мероприятия)", "Кол-во часов",
    "Перечень дефицитов, на устранение которых направлена программа", "Сроки прохождения", "Отметка о прохождении (дата, реквизиты документа)"]).font = {bold: true};
  const lead = options.withMunicipality ? 1 : 0;
  let first = true;
  for (const {p, d} of people) {
    const start = ws.rowCount + 1;
    d.activities.forEach((a, i) => {
      ws.addRow([...(options.withMunicipality ? [first ? MUNICIPALITY[school] : null] : []), first ? school : null, i === 0 || !options.mergeNames ? p.name : null,
        a.title, a.hours === null ? null : chance(0.15) ? `${a.hours} ч.` : a.hours, a.addressesLabels.map((l) => l.toLowerCase()).join(", "),
        plannedCell(a), mark(a.end)]);
      first = false;
    });
    if (options.mergeNames && d.activities.length > 1) ws.mergeCells(start, lead + 2, ws.rowCount, lead + 2);
  }
  [16, 30, 30, 60, 10, 40, 24, 36].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return wb;
}

// ── Registries, staff list, students' results ───────────────────────────────────────────────
const MENTEE_HEADERS = ["№", "ФИО наставляемого", "Контактные данные для связи", "Год рождения наставляемого", "Основной запрос наставляемого",
  "Дата вхождения в программу", "ФИО наставника", "Форма наставничества", "Место работы/учебы наставника", "Дата завершения программы",
  "Результаты программы", "Ссылка на кейс/отзыв наставляемого", "Отметка о прохождении программы"];
const MENTOR_HEADERS = ["№", "ФИО наставника", "Контактные данные для связи", "Место работы/учебы", "Основные компетенции наставника",
  "Дата вхождения в программу", "ФИО наставляемого (наставляемых)", "Форма наставничества", "Место работы/учебы наставляемого",
  "Дата завершения программы", "Результаты программы"];

function registries(school: string, mentees: Array<{name: string}>, mentors: Person[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const title = `${school}, ${MUNICIPALITY[school]} муниципальный район`;
  const a = wb.addWorksheet("База наставляемых");
  a.addRow([`База наставляемых ${title}`]);
  a.addRow(MENTEE_HEADERS);
  const pairs = mentees.map((m, i) => ({m, mentor: mentors[i % mentors.length]!, start: D(2025, 9, 1), end: D(2026, 5, 29)}));
  pairs.forEach((x, i) => a.addRow([i + 1, x.m.name, null, null, pick(["адаптация в коллективе", "методика урока", "работа с родителями", "подготовка к ОГЭ"]),
    x.start, x.mentor.name, "учитель – учитель", school, x.end, null, null, "да"]));
  const b = wb.addWorksheet("База наставников");
  b.addRow([`База наставников ${title}`]);
  b.addRow(MENTOR_HEADERS);
  mentors.forEach((mentor, i) => {
    const own = pairs.filter((x) => x.mentor === mentor);
    if (!own.length) return;
    b.addRow([i + 1, mentor.name, null, school, pick(["методика преподавания", "классное руководство", "цифровые инструменты"]), D(2025, 9, 1),
      own.map((x) => x.m.name).join(", "), "учитель – учитель", school, D(2026, 5, 29), null]);
  });
  for (const ws of [a, b]) ws.eachRow((row) => row.eachCell((c) => { if (c.value instanceof Date) c.numFmt = "dd.mm.yyyy"; }));
  return wb;
}

/** Young specialists hired after the entry diagnostics (name, hired, years of experience, has a mentor). */
const YOUNG: Array<[string, Date, number, boolean]> = [
  ["Лисицына Алина Романовна", D(2025, 9, 1), 0, true], ["Зуева Полина Андреевна", D(2024, 9, 2), 1.7, true],
  ["Тихонов Артём Игоревич", D(2023, 9, 1), 2.7, true], ["Горбунов Денис Алексеевич", D(2024, 9, 2), 1.7, false],
  ["Белоусова Дарья Олеговна", D(2025, 9, 1), 0, false]];

function rosterG(people: Person[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Педагоги 2025-2026");
  ws.addRow(["Список педагогических работников МБОУ «Саргатская гимназия», 2025/2026 учебный год, по состоянию на 31.05.2026"]);
  ws.addRow(["Муниципальный район", "Образовательная организация", "ФИО", "Должность", "Дата приёма на работу", "Дата увольнения", "Педагогический стаж, лет"]);
  const add = (name: string, position: string, hired: Date, left: Date | null, years: number) =>
    ws.addRow(["Саргатский", G, name, position, hired, left, years < 1 ? "менее года" : years]);
  for (const p of people) {
    const years = p.years ?? 10;
    add(p.name, p.position ?? "учитель", D(2025 - Math.max(0, Math.floor(years)), 9, 1), null, years + 1);
  }
  for (const [name, hired, years] of YOUNG) add(name, "учитель", hired, null, years);
  add("Мельникова Ксения Игоревна", "учитель", D(2024, 9, 2), D(2025, 12, 30), 1);
  for (const c of [5, 6]) ws.getColumn(c).numFmt = "dd.mm.yyyy";
  return wb;
}

const SUBJECT_CLASSES: Record<string, number[]> = {
  "математика": [5, 9], "русский язык и литература": [6, 11], "история": [7, 9], "биология": [8, 11], "физика": [9, 11],
  "английский язык": [5, 7], "начальные классы": [4], "информатика": [9, 11], "химия": [9, 11], "география": [6, 9], "физическая культура": [8]
};

interface ResultRow { p: Person; year: number; cls: string; subject: string; size: number; vpr: [number, number] | null; oge: [number, number] | null;
  ege: [number, number] | null; grade: number; olympiad: [number, number] }

function results(people: Person[], mentees: Set<Person>): ResultRow[] {
  const out: ResultRow[] = [];
  for (const p of people) {
    if (!p.subject || !(p.position ?? "").startsWith("учитель") || p.position === "учитель-логопед") continue;
    const grades = SUBJECT_CLASSES[p.subject] ?? [7];
    const skill = (rand() - 0.5) * 0.16;
    for (const year of [2025, 2026]) {
      // The mentees' classes gain more in the year of mentoring (the sample's story).
      const lift = year === 2026 ? (mentees.has(p) ? 0.09 : 0.02) : 0;
      for (const g of grades) {
        // The same grade each year: other pupils (the comparison is of independent samples).
        const grade = g;
        const letter = pick(["А", "Б", "В"]);
        const size = 18 + Math.floor(rand() * 10);
        const p0 = Math.min(0.97, Math.max(0.4, 0.68 + skill + lift + (rand() - 0.5) * 0.06));
        const taken = size - Math.floor(rand() * 3);
        const passed = Math.round(taken * p0);
        const exam = (k: number) => (grade === k ? [taken, passed] as [number, number] : null);
        const participants = Math.round(size * (0.15 + rand() * 0.12 + (mentees.has(p) && year === 2026 ? 0.1 : 0)));
        const winners = Math.min(participants, Math.round(participants * (0.1 + rand() * 0.15 + (mentees.has(p) && year === 2026 ? 0.08 : 0))));
        out.push({p, year, cls: `${grade}${letter}`, subject: p.subject, size, vpr: grade <= 8 ? [taken, passed] : null, oge: exam(9), ege: exam(11),
          grade: Math.round((3.5 + skill * 3 + lift * 2 + (rand() - 0.5) * 0.3) * 10) / 10, olympiad: [participants, winners]});
      }
    }
  }
  return out;
}

function resultsSargatsky(rows: ResultRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Результаты");
  ws.addRow(["Результаты обучающихся педагогов, Саргатский муниципальный район"]);
  ws.addRow(["ФИО учителя", "ОО", "Муниципалитет", "Учебный год", "Класс", "Предмет", "Численность класса", "ВПР: писали", "ВПР: справились",
    "ОГЭ: сдавали", "ОГЭ: сдали", "ЕГЭ: сдавали", "ЕГЭ: сдали (не ниже порога)", "Средняя отметка", "Олимпиады (ВСОШ): участники",
    "Олимпиады (ВСОШ): победители и призёры"]);
  for (const r of rows) {
    ws.addRow([r.p.name, r.p.school, r.p.municipality, r.year === 2025 ? "2024/2025" : "2025-2026", r.cls, r.subject, r.size,
      r.vpr?.[0] ?? null, r.vpr?.[1] ?? null, r.oge?.[0] ?? null, r.oge?.[1] ?? null, r.ege?.[0] ?? null, r.ege?.[1] ?? null,
      String(r.grade).replace(".", ","), r.olympiad[0], r.olympiad[1]]);
  }
  return wb;
}

/** Тарский: a sheet per school year (the year in the title), a two-level header, the teacher written once for their classes. */
function resultsTarsky(rows: ResultRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const year of [2025, 2026]) {
    const ws = wb.addWorksheet(`${year - 1}-${year}`);
    ws.addRow([`Результаты обучающихся за ${year - 1}/${year} учебный год`]);
    ws.addRow(["Муниципалитет", "ОО", "ФИО учителя", "Класс", "Предмет", "Численность класса", "ВПР", "", "ОГЭ", "", "ЕГЭ", "", "Средняя отметка",
      "Олимпиады", ""]);
    ws.addRow(["", "", "", "", "", "", "писали", "справились", "сдавали", "сдали", "сдавали", "сдали", "", "участники", "победители и призёры"]);
    for (const c of [1, 2, 3, 4, 5, 6, 13]) ws.mergeCells(2, c, 3, c);
    for (const c of [7, 9, 11, 14]) ws.mergeCells(2, c, 2, c + 1);
    let school = "", teacher = "";
    for (const r of rows.filter((x) => x.year === year)) {
      ws.addRow([r.p.school !== school ? r.p.municipality : null, r.p.school !== school ? r.p.school : null, r.p.name !== teacher ? r.p.name : null,
        r.cls, r.subject, r.size, r.vpr?.[0] ?? null, r.vpr?.[1] ?? null, r.oge?.[0] ?? null, r.oge?.[1] ?? null, r.ege?.[0] ?? null,
        r.ege?.[1] ?? null, r.grade, r.olympiad[0], r.olympiad[1]]);
      school = r.p.school; teacher = r.p.name;
    }
  }
  return wb;
}

async function main() {
  const outDir = resolve(process.argv[2] ?? "data/sample/routes");
  rmSync(outDir, {recursive: true, force: true});
  mkdirSync(outDir, {recursive: true});
  const save = async (wb: ExcelJS.Workbook, file: string) => writeFileSync(join(outDir, file), await stableWorkbookBuffer(wb));
  const people = await samplePeople();
  const of = (school: string) => people.filter((p) => p.school === school);
  await save(await catalogueFile(), "каталог_мероприятий_ИОМ_2025-2026.xlsx");

  // Routes: every teacher with a deficit that needs one, but a few (the curator has not got to them yet).
  let n = 0;
  const routed = new Map<string, Array<{p: Person; d: RouteDraft}>>();
  for (const school of [G, T3, TG]) {
    const list: Array<{p: Person; d: RouteDraft}> = [];
    for (const p of of(school)) {
      const d = draftFor(p, ++n);
      if (d && d.activities.length && !chance(0.15)) list.push({p, d});
    }
    routed.set(school, list);
  }
  const g = routed.get(G)!;
  for (const {p, d} of g.slice(0, 4)) {
    const wb = await fillSeedForm(await routeXlsx(d, {developed: "2025-09-01"}), d);
    await save(wb, `ИОМ_${p.name.split(" ")[0]}_${p.name.split(" ")[1]![0]}${p.name.split(" ")[2]![0]}_Саргатская_гимназия.xlsx`);
  }
  await save(await routeList(G, g.slice(4), {mergeNames: false, withMunicipality: true}), "ИОМ_дорожные_карты_Саргатская_гимназия.xlsx");
  await save(await routeList(T3, routed.get(T3)!, {mergeNames: true, withMunicipality: true}), "ИОМ_дорожные_карты_Тарская_СОШ_3.xlsx");
  await save(await routeList(TG, routed.get(TG)!, {mergeNames: true, withMunicipality: true}), "ИОМ_дорожные_карты_Тарская_гимназия.xlsx");

  // Registries of two schools: the four teachers in most difficulty (largest mean entry deficit) are
  // mentees, the three most experienced of the others their mentors; the gymnasium adds its young specialists.
  const mentees = new Set<Person>();
  const meanDeficit = (p: Person) => [...p.entry!.values()].reduce((s, r) => s + 100 - r, 0) / p.entry!.size;
  for (const school of [G, T3]) {
    const teaching = of(school).filter((p) => p.entry && p.position === "учитель").sort((a, b) => meanDeficit(b) - meanDeficit(a) || a.name.localeCompare(b.name, "ru"));
    const ms = teaching.slice(0, 4);
    const mentors = of(school).filter((p) => !ms.includes(p) && p.years !== null).sort((a, b) => b.years! - a.years! || a.name.localeCompare(b.name, "ru")).slice(0, 3);
    ms.forEach((m) => mentees.add(m));
    const young = school === G ? YOUNG.filter((y) => y[3]).map(([name]) => ({name})) : [];
    await save(registries(school, [...ms, ...young], mentors), `база_наставничества_${school === G ? "Саргатская_гимназия" : "Тарская_СОШ_3"}.xlsx`);
  }
  await save(rosterG(of(G)), "кадры_Саргатская_гимназия_2026.xlsx");

  const rows = results([...of(G), ...of(T3), ...of(TG)], mentees);
  await save(resultsSargatsky(rows.filter((r) => r.p.municipality === "Саргатский")), "результаты_обучающихся_Саргатский_2025-2026.xlsx");
  await save(resultsTarsky(rows.filter((r) => r.p.municipality === "Тарский")), "результаты_обучающихся_Тарский_2025-2026.xlsx");
  process.stderr.write(`routes: ${[...routed.values()].reduce((s, l) => s + l.length, 0)}, mentees: ${mentees.size}, result rows: ${rows.length} → ${outDir}\n`);
}

await main();
