// The sample region for the quarterly reports (issue 3, §7): 22 schools in three municipalities,
// I and II quarter 2024, one file per school per quarter in the messy ways schools fill them.
// Deterministic: every number and every layout choice is written out below, so the engagement
// figures can be worked out by hand from this file (tests/sample/engagement-figures.md).
//
//   npx tsx scripts/make-sample-forms.ts [outDir]     (default data/sample)
//
// Writes <outDir>/forms/2024-Q1/*.xlsx, forms/2024-Q1-corrections/*.xlsx (a re-sent file that sorts
// after the original), forms/2024-Q2/*.xlsx and forms-no-period/2024-Q2/*.xlsx (files that name no
// quarter: load them with --period 2024-Q2).
import {mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {
  defaultLayout, formsWorkbookBuffer,
  type Count, type CountStyle, type FormNo, type FormsLayout, type FormsWorkbookSpec, type ProgrammeRow, type SchoolEntry
} from "./formsWorkbook.ts";

const c = (n: number, as: CountStyle, text?: string): Count => ({n, as, text});
const p = (programme: string, mentors: Count, mentees: Count, result: string): ProgrammeRow => ({programme, mentors, mentees, result});

const R = {
  peers: "Улучшение психоэмоциональных показателей наставляемого. Наставляемый принимает участие в творческих конкурсах. Наставляемый сам хочет стать наставником в будущем",
  reading: "Повышение читательской грамотности наставляемых, участие в школьном литературном конкурсе",
  teachers: "Расширены представления начинающих преподавателей о педагогических технологиях. Удовлетворены образовательные потребности начинающих преподавателей.",
  young: "Молодые специалисты провели открытые уроки; составлены индивидуальные образовательные маршруты",
  students: "Улучшение гибких навыков наставляемого и наставника (тестирование, анкетирование, опрос). Наставляемый успешно представляет совместный с наставником проект",
  employers: "Наставляемые прошли профориентационный тест, уверенно выбирая 1-2 направления; планируют трудоустройство на предприятиях наставников",
  research: "Подготовлены проекты к школьной научно-практической конференции",
  none: ""
};

// College students (Form 4) and employers (Form 5) are written with their description in the count cell.
const COLLEGE = {
  tech: "Студент 2 курса Технологического колледжа",
  omsk: "студентов 3 курса БПОУ «Омский колледж № 1»",
  tara: "студента 2 курса БПОУ «Тарский индустриально-педагогический колледж»"
};
const JOBS = {
  trade: "Маркетолог торговой организации; Менеджер по рекламе; Менеджер по продажам",
  trade2: "Маркетолог торговой организации; Менеджер по рекламе",
  farm: "Агроном ООО «Колос»; Ветеринарный врач; Механизатор",
  energy: "Инженер АО «Омскэнерго»; Мастер участка; Бухгалтер",
  health: "Фельдшер ЦРБ; Медицинская сестра"
};

type Quarter = Partial<Record<FormNo, ProgrammeRow[]>>;

interface SampleSchool {
  slug: string;
  municipality: string;
  school: string;
  director: string;
  /** students 10–19, teachers, young teachers: as written in Form 1. */
  population: [Count, Count, Count];
  layout: FormsLayout;
  q1: Quarter;
  /** null: the school sends no II quarter file at all. */
  q2: Quarter | null;
  schoolInForms?: string;
  municipalityInForms?: string;
}

// Layouts, each used by three or four schools (issue §3 and §7).
const L: Record<"A" | "B" | "C" | "D" | "E" | "F", FormsLayout> = {
  // one form per sheet, the two-level merged header, district on the first row only
  A: {...defaultLayout},
  // all forms stacked on one sheet with the notes between them; curly quotes, dash without spaces
  B: {...defaultLayout, arrangement: "stacked", sheetNames: ["свод"], notes: true, blankRowInTable: true,
    title: {dash: "–", quotes: ["“", "”"], yo: false, letterCase: "as-is", extraSpaces: false}},
  // no «Форма N» line, a flat header (nothing merged), district on every row, «Итого» as SUM formulas
  C: {...defaultLayout, sheetNames: ["Sheet1", "Sheet3", "Sheet2", "свод", "Лист7"], formLine: "missing", mergedHeader: false,
    district: "every-row", totals: "formula", totalLabel: "Итого, чел.",
    title: {dash: "-", quotes: ["\"", "\""], yo: false, letterCase: "upper", extraSpaces: false}},
  // stacked from column B, «Форма N. Данные …» in one cell, district and school merged down, ё, extra spaces
  D: {...defaultLayout, arrangement: "stacked", sheetNames: ["Отчёт"], formLine: "in-title", district: "merged", notes: true,
    headerLineBreaks: true, leftColumn: 2,
    title: {dash: " — ", quotes: ["\"", "\""], yo: true, letterCase: "as-is", extraSpaces: true}},
  // one form per sheet under copied-sheet names, form number in the title cell, merged district,
  // a blank row inside each table, notes under the tables, formulas, lower-case titles
  E: {...defaultLayout, sheetNames: ["Лист1", "Лист1 (2)", "Лист1 (3)", "Лист1 (4)", "Лист1 (5)"], formLine: "in-title",
    district: "merged", blankRowInTable: true, notes: true, totals: "formula",
    title: {dash: "—", quotes: ["«", "»"], yo: false, letterCase: "lower", extraSpaces: false}},
  // stacked, no «Форма N» line, flat header, forms the school does not run left out entirely
  F: {...defaultLayout, arrangement: "stacked", sheetNames: ["Лист1"], formLine: "missing", mergedHeader: false,
    blankRowInTable: true, emptyForms: "absent", totalLabel: "ИТОГО",
    title: {dash: " - ", quotes: ["«", "»"], yo: true, letterCase: "as-is", extraSpaces: true}}
};

const S = "Саргатский", T = "Тарский", O = "Омский";

export const sampleSchools: SampleSchool[] = [
  // ── Саргатский ──
  {slug: "sargatskiy_sosh_1", municipality: S, school: "МБОУ \"Саргатская СОШ № 1\"", director: "Петрова Анна Сергеевна",
    population: [412, 38, 6], layout: L.A,
    q1: {2: [p("Программа «Лидер»", 40, 40, R.peers), p("«Читаем вместе»", 25, 30, R.reading)],
      3: [p("«Школа молодого педагога»", 6, 6, R.young), p("Программа «Время работать вместе»", 8, 10, R.teachers)],
      4: [p("Программа «Точный старт»", c(4, "described", COLLEGE.tech), 12, R.students)],
      5: [p("Программа «Шаг в профессию»", c(3, "described", JOBS.trade), 15, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 60, 60, R.peers), p("«Читаем вместе»", 40, 45, R.reading)],
      3: [p("«Школа молодого педагога»", 6, 6, R.young), p("Программа «Время работать вместе»", 9, 11, R.teachers)],
      4: [p("Программа «Точный старт»", c(6, "described", COLLEGE.omsk), 20, R.students)],
      5: [p("Программа «Шаг в профессию»", c(5, "described", JOBS.farm), 25, R.employers)]}},
  {slug: "sargatskiy_gimnaziya", municipality: S, school: "МБОУ «Саргатская гимназия»", director: "Кузнецов Игорь Владимирович",
    population: [c(305, "people"), c(27, "people"), c(4, "people")], layout: L.B,
    q1: {2: [p("«Мы вместе»", 60, 80, R.peers)], 3: [p("«Профи»", 10, 10, R.teachers)]},
    q2: {2: [p("«Мы вместе»", 80, 100, R.peers)], 3: [p("«Профи»", 10, 11, R.teachers)],
      5: [p("«ПрофСтарт»", c(4, "described", JOBS.energy), 40, R.employers)]}},
  {slug: "sargatskiy_bazhenovskaya", municipality: S, school: "МКОУ \"Баженовская СОШ\"", director: "Смирнова Ольга Николаевна",
    population: [c(85, "people"), c(15, "people"), c(5, "people")], layout: L.C,
    q1: {2: [p("Программа «лидер»", 10, 10, R.peers)], 3: [p("Программа «Время работать вместе»", 5, 5, R.teachers)],
      4: [p("Программа «Точный старт»", c(4, "described", COLLEGE.tech), 4, R.students)],
      5: [p("Программа «Шаг в профессию»", c(3, "described", JOBS.trade), 3, R.employers)]},
    q2: {2: [p("Программа «лидер»", 15, 15, R.peers)], 3: [p("Программа «Время работать вместе»", 5, 6, R.teachers)],
      4: [p("Программа «Точный старт»", c(4, "described", COLLEGE.tech), c(10, "Word"), R.students)],
      5: [p("Программа «Шаг в профессию»", c(3, "described", JOBS.trade), c(8, "word"), R.employers)]}},
  {slug: "sargatskiy_uvalo_yadrinskaya", municipality: S, school: "МКОУ \"Увало-Ядринская СОШ\"", director: "Васильева Татьяна Ивановна",
    population: [c(95, "chel"), c(17, "chel"), c(8, "chel")], layout: L.D,
    q1: {2: [p("«Ровесник»", 20, 25, R.peers)], 3: [p("«Молодой учитель»", c(8, "word"), c(8, "word"), R.young)]},
    q2: {2: [p("«Ровесник»", 25, 30, R.peers), p("«Юный исследователь»", c(5, "word"), c(10, "Word"), R.research)],
      3: [p("«Молодой учитель»", 8, 8, R.young)]}},
  {slug: "sargatskiy_khokhlovskaya", municipality: S, school: "МКОУ \"Хохловская СОШ\"", director: "Морозов Алексей Петрович",
    population: [64, 14, 2], layout: L.E,
    q1: {2: [p("Программа «Лидер»", 12, 14, R.peers)], 3: [p("«Наставник рядом»", 3, 3, R.teachers)]},
    // Form 1 only: every engagement table is empty with «Итого» 0 — listed as not reported.
    q2: {}},
  {slug: "sargatskiy_nizhneirtyshskaya", municipality: S, school: "МКОУ \"Нижнеиртышская ООШ\"", director: "Егорова Надежда Михайловна",
    population: [c(52, "padded"), c(11, "padded"), c(1, "padded")], layout: L.F,
    q1: {2: [p("«Мы вместе»", 15, 20, R.peers)], 3: [p("«Наставник рядом»", 2, 3, R.teachers)]},
    // 68 students engaged of 52: the same pupils counted in two programmes.
    q2: {2: [p("«Мы вместе»", 20, 26, R.peers), p("Программа «Лидер»", 10, 12, R.peers)],
      3: [p("«Наставник рядом»", 3, 4, R.teachers)]}},
  {slug: "sargatskiy_andreevskaya", municipality: S, school: "МКОУ \"Андреевская СОШ\"", director: "Николаев Сергей Юрьевич",
    population: [c(120, "decimal"), c(20, "decimal"), c(3, "decimal")], layout: L.A,
    q1: {2: [p("«Дружба»", 30, 35, R.peers)], 3: [p("«Школа молодого педагога»", 6, 6, R.young)]},
    // Teachers: 14 of 20, exactly 70,0 %.
    q2: {2: [p("«Дружба»", 30, 40, R.peers)], 3: [p("«Школа молодого педагога»", 6, 6, R.young), p("«Профи»", 1, 1, R.teachers)],
      4: [p("Программа «Точный старт»", c(6, "described", COLLEGE.omsk), 15, R.students)]}},
  // ── Тарский ──
  {slug: "tarskiy_sosh_3", municipality: T, school: "МБОУ \"Тарская СОШ № 3\"", director: "Лебедева Ирина Александровна",
    population: [540, 46, 7], layout: L.B,
    // The first file said 25 mentees in «Читаем вместе»; the corrected file (2024-Q1-corrections) says 35.
    q1: {2: [p("Программа «Лидер»", 60, 60, R.peers), p("«Читаем вместе»", 30, 35, R.reading)],
      3: [p("Программа «Время работать вместе»", 12, 14, R.teachers)],
      4: [p("«Профессиональный старт»", c(8, "described", COLLEGE.tara), 40, R.students)],
      5: [p("Программа «Шаг в профессию»", c(5, "described", JOBS.energy), 30, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 70, 70, R.peers), p("«Читаем вместе»", 35, 40, R.reading)],
      3: [p("Программа «Время работать вместе»", 14, 16, R.teachers)],
      4: [p("«Профессиональный старт»", c(8, "described", COLLEGE.tara), 45, R.students)],
      5: [p("Программа «Шаг в профессию»", c(5, "described", JOBS.energy), 35, R.employers)]}},
  {slug: "tarskiy_gimnaziya", municipality: T, school: "МКОУ «Тарская гимназия»", director: "Соколова Елена Викторовна",
    population: [c(388, "people-a"), c(35, "people-a"), c(5, "people-a")], layout: L.C,
    q1: {2: [p("«Вектор»", 90, 110, R.peers)], 3: [p("«Профи»", 12, 13, R.teachers)],
      4: [p("Программа «Точный старт»", c(10, "described", COLLEGE.tara), 40, R.students)],
      5: [p("«ПрофСтарт»", c(6, "described", JOBS.health), 30, R.employers)]},
    q2: {2: [p("«Вектор»", 100, 120, R.peers)], 3: [p("«Профи»", 12, 14, R.teachers)],
      4: [p("Программа «Точный старт»", c(10, "described", COLLEGE.tara), 45, R.students)],
      5: [p("«ПрофСтарт»", c(6, "described", JOBS.health), 35, R.employers)]}},
  {slug: "tarskiy_sosh_1", municipality: T, school: "МБОУ \"Тарская СОШ № 1\"", director: "Попов Дмитрий Андреевич",
    population: [c(610, "comma"), c(52, "comma"), c(9, "comma")], layout: L.D,
    schoolInForms: "МБОУ  \"Тарская СОШ №  1\" ",
    q1: {2: [p("Программа «Лидер»", 80, 90, R.peers), p("«Мы вместе»", 40, 50, R.peers)],
      3: [p("«Школа молодого педагога»", 9, 9, R.young), p("Программа «Время работать вместе»", 10, 12, R.teachers)],
      5: [p("Программа «Шаг в профессию»", c(4, "described", JOBS.trade), 20, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 90, 100, R.peers), p("«Мы вместе»", 50, 60, R.peers)],
      3: [p("«Школа молодого педагога»", 9, 9, R.young), p("Программа «Время работать вместе»", 12, 14, R.teachers)],
      4: [p("Программа «Точный старт»", c(12, "described", COLLEGE.tara), 60, R.students)],
      5: [p("Программа «Шаг в профессию»", c(4, "described", JOBS.trade), 30, R.employers)]}},
  {slug: "tarskiy_sosh_5", municipality: T, school: "МБОУ \"Тарская СОШ № 5\"", director: "Зайцева Марина Олеговна",
    population: [243, 25, 3], layout: L.E,
    q1: {2: [p("«Ровесник»", 50, 60, R.peers)], 3: [p("«Наставник рядом»", 6, 7, R.teachers)]},
    // Students: 170 of 243 = 69,96 % — shown as «70,0 %» but below the target.
    q2: {2: [p("«Ровесник»", 60, 70, R.peers), p("«Юный исследователь»", 10, 15, R.research)],
      3: [p("«Наставник рядом»", 8, 9, R.teachers)],
      5: [p("«ПрофСтарт»", c(3, "described", JOBS.trade2), 15, R.employers)]}},
  {slug: "tarskiy_atirskaya", municipality: T, school: "МКОУ \"Атирская СОШ\"", director: "Павлов Виктор Геннадьевич",
    population: [c(78, "text"), c(13, "text"), c(2, "text")], layout: L.F,
    q1: {2: [p("«Мы вместе»", 20, 20, R.peers)], 3: [p("«Молодой учитель»", c(2, "apostrophe"), c(2, "apostrophe"), R.young)]},
    q2: {2: [p("«Мы вместе»", 25, 25, R.peers)], 3: [p("«Молодой учитель»", c(3, "text"), c(3, "text"), R.young)],
      4: [p("Программа «Точный старт»", c(4, "described", COLLEGE.tech), 8, R.students)]}},
  {slug: "tarskiy_zalivinskaya", municipality: T, school: "МКОУ \"Заливинская СОШ\"", director: "Григорьева Людмила Фёдоровна",
    population: [66, 12, 1], layout: L.A,
    q1: {2: [p("Программа «Лидер»", 15, 15, R.peers)], 3: [p("«Наставник рядом»", 2, 2, R.teachers)]},
    q2: {2: [p("Программа «Лидер»", 20, 20, R.peers)], 3: [p("«Наставник рядом»", 3, 3, R.teachers)]}},
  {slug: "tarskiy_ekaterininskaya", municipality: T, school: "МКОУ \"Екатерининская СОШ\"", director: "Фёдоров Николай Степанович",
    population: [140, 19, 2], layout: L.B, municipalityInForms: " Тарский ",
    q1: {2: [p("«Дружба»", 35, 40, R.peers)], 3: [p("«Профи»", 5, 6, R.teachers)],
      5: [p("Программа «Шаг в профессию»", c(2, "described", JOBS.farm), 10, R.employers)]},
    q2: {2: [p("«Дружба»", 40, 50, R.peers)], 3: [p("«Профи»", 6, 8, R.teachers)],
      5: [p("Программа «Шаг в профессию»", c(2, "described", JOBS.farm), 12, R.employers)]}},
  {slug: "tarskiy_samsonovskaya", municipality: T, school: "МКОУ \"Самсоновская ООШ\"", director: "Белова Галина Ивановна",
    population: [41, 9, 1], layout: L.C,
    q1: {2: [p("«Мы вместе»", 10, 12, R.peers)], 3: [p("«Наставник рядом»", 2, 2, R.teachers)]},
    // Sends no II quarter file.
    q2: null},
  // ── Омский ──
  {slug: "omskiy_sosh_12", municipality: O, school: "БОУ \"Омская СОШ № 12\"", director: "Орлова Светлана Викторовна",
    population: [480, 41, 6], layout: L.D,
    q1: {2: [p("Программа «Лидер»", 70, 80, R.peers), p("«Читаем вместе»", 30, 30, R.reading)],
      3: [p("Программа «Время работать вместе»", 11, 13, R.teachers), p("«Школа молодого педагога»", 6, 6, R.young)],
      4: [p("Программа «Точный старт»", c(6, "described", COLLEGE.omsk), 18, R.students)],
      5: [p("Программа «Шаг в профессию»", c(3, "described", JOBS.trade2), 12, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 80, 90, R.peers), p("«Читаем вместе»", 40, 40, R.reading)],
      3: [p("Программа «Время работать вместе»", 11, 13, R.teachers), p("«Школа молодого педагога»", 6, 6, R.young)],
      4: [p("Программа «Точный старт»", c(6, "described", COLLEGE.omsk), 20, R.students)],
      5: [p("Программа «Шаг в профессию»", c(3, "described", JOBS.trade2), 15, R.employers)]}},
  {slug: "omskiy_achairskaya", municipality: O, school: "МБОУ \"Ачаирская СОШ\"", director: "Киселев Павел Игоревич",
    population: [210, 24, 4], layout: L.E,
    q1: {2: [p("«Вектор»", 50, 60, R.peers)], 3: [p("«Профи»", 8, 8, R.teachers)]},
    q2: {2: [p("«Вектор»", 60, 70, R.peers)], 3: [p("«Профи»", 9, 9, R.teachers)],
      4: [p("Программа «Точный старт»", c(5, "described", COLLEGE.omsk), 20, R.students)]}},
  {slug: "omskiy_morozovskaya", municipality: O, school: "МБОУ \"Морозовская СОШ\"", director: "Тихонова Вера Павловна",
    population: [180, 22, 3], layout: L.F,
    // Form 2's «Итого» says 45 mentees; the rows add up to 25 + 18 = 43.
    q1: {2: [p("Программа «Лидер»", 20, 25, R.peers), p("«Ровесник»", 15, 18, R.peers)],
      3: [p("«Молодой учитель»", 7, 8, R.young)],
      5: [p("«ПрофСтарт»", c(3, "described", JOBS.health), 10, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 25, 30, R.peers), p("«Ровесник»", 20, 25, R.peers)],
      3: [p("«Молодой учитель»", 8, 9, R.young)],
      5: [p("«ПрофСтарт»", c(3, "described", JOBS.health), 12, R.employers)]}},
  {slug: "omskiy_druzhinskaya", municipality: O, school: "МБОУ \"Дружинская СОШ\"", director: "Романов Артём Евгеньевич",
    population: [265, 28, 5], layout: L.A,
    q1: {2: [p("«Мы вместе»", 70, 90, R.peers)], 3: [p("Программа «Время работать вместе»", 9, 10, R.teachers)],
      4: [p("Программа «Точный старт»", c(5, "described", COLLEGE.omsk), 15, R.students)],
      5: [p("Программа «Шаг в профессию»", c(4, "described", JOBS.energy), 20, R.employers)]},
    q2: {2: [p("«Мы вместе»", 75, 95, R.peers)], 3: [p("Программа «Время работать вместе»", 10, 11, R.teachers)],
      4: [p("Программа «Точный старт»", c(5, "described", COLLEGE.omsk), 18, R.students)],
      5: [p("Программа «Шаг в профессию»", c(4, "described", JOBS.energy), 22, R.employers)]}},
  {slug: "omskiy_rostovkinskaya", municipality: O, school: "МБОУ \"Ростовкинская СОШ\"", director: "Максимова Юлия Сергеевна",
    population: [150, 18, 2], layout: L.B,
    q1: {2: [p("«Дружба»", 30, 30, R.peers)], 3: [p("«Наставник рядом»", 4, 4, R.teachers)]},
    q2: {2: [p("«Дружба»", 35, 40, R.peers)], 3: [p("«Наставник рядом»", c(5, "Word"), c(5, "Word"), R.teachers)]}},
  {slug: "omskiy_luzinskaya_1", municipality: O, school: "МБОУ \"Лузинская СОШ № 1\"", director: "Андреев Константин Львович",
    population: [330, 30, 4], layout: L.C,
    q1: {2: [p("Программа «Лидер»", 60, 70, R.peers)], 3: [p("«Школа молодого педагога»", 10, 10, R.young)],
      5: [p("«ПрофСтарт»", c(5, "described", JOBS.energy), 25, R.employers)]},
    q2: {2: [p("Программа «Лидер»", 70, 80, R.peers)], 3: [p("«Школа молодого педагога»", 11, 12, R.young)],
      4: [p("Программа «Точный старт»", c(8, "described", COLLEGE.omsk), 30, R.students)],
      5: [p("«ПрофСтарт»", c(5, "described", JOBS.energy), 30, R.employers)]}},
  {slug: "omskiy_troitskaya", municipality: O, school: "МБОУ \"Троицкая СОШ\"", director: "Власова Алла Борисовна",
    population: [120, 16, 2], layout: L.D,
    q1: {2: [p("«Ровесник»", 30, 40, R.peers)], 3: [p("«Профи»", 5, 5, R.teachers)]},
    // Students: 84 of 120, exactly 70,0 %.
    q2: {2: [p("«Ровесник»", 35, 45, R.peers)], 3: [p("«Профи»", 6, 6, R.teachers)],
      5: [p("Программа «Шаг в профессию»", c(2, "described", JOBS.farm), c(4, "word"), R.employers)]}}
];

const PERIOD_TEXTS: Record<"2024-Q1" | "2024-Q2", string[]> = {
  "2024-Q1": ["за I квартал 2024 г.", "за 1 квартал 2024 года"],
  "2024-Q2": ["за II квартал 2024 г.", "за 2 квартал 2024 года"]
};

/** A plausible but fake director's contact cell: personal data that must never reach a report. */
function contacts(s: SampleSchool, i: number): string {
  const phone = `+7 (900) 000-${String(10 + i).padStart(2, "0")}-${String(40 + i).padStart(2, "0")}`;
  return `${s.director}, директор, тел. ${phone}, ${s.slug.replace(/_/g, "-")}@example.org, Омская обл., ${s.municipality} р-н`;
}

function entry(s: SampleSchool, i: number, forms: Quarter): SchoolEntry {
  const [students, teachers, young] = s.population;
  return {municipality: s.municipality, school: s.school, contacts: contacts(s, i), students, teachers, young, forms,
    schoolInForms: s.schoolInForms, municipalityInForms: s.municipalityInForms};
}

export interface SampleFile {
  /** Relative to the output folder. */
  path: string;
  spec: FormsWorkbookSpec;
  layout: FormsLayout;
}

export function sampleFiles(): SampleFile[] {
  const out: SampleFile[] = [];
  sampleSchools.forEach((s, i) => {
    for (const period of ["2024-Q1", "2024-Q2"] as const) {
      const quarter = period === "2024-Q1" ? s.q1 : s.q2;
      if (!quarter) continue;
      let forms = quarter;
      // The first I quarter file of Тарская СОШ № 3 had a typo, corrected and re-sent below.
      if (period === "2024-Q1" && s.slug === "tarskiy_sosh_3") {
        forms = {...quarter, 2: [quarter[2]![0]!, {...quarter[2]![1]!, mentees: 25}]};
      }
      const periodText = PERIOD_TEXTS[period][i % 2]!;
      const spec: FormsWorkbookSpec = {
        schools: [entry(s, i, forms)],
        period: {text: periodText, placement: i % 3 === 0 ? "top-line" : "form1-title"},
        statedTotals: period === "2024-Q1" && s.slug === "omskiy_morozovskaya" ? {2: {mentees: 45}} : undefined
      };
      out.push({path: `forms/${period}/${s.slug}.xlsx`, spec, layout: s.layout});
      if (period === "2024-Q1" && s.slug === "tarskiy_sosh_3") {
        out.push({path: `forms/2024-Q1-corrections/${s.slug}.xlsx`, spec: {...spec, schools: [entry(s, i, quarter)]}, layout: s.layout});
      }
    }
  });
  // Two II quarter reports sent again on another template that names no quarter: same numbers as
  // the files in forms/2024-Q2, so loading them with --period 2024-Q2 replaces those uploads and
  // changes no figure; without --period they are rejected.
  for (const [slug, layout] of [["sargatskiy_andreevskaya", L.C], ["omskiy_rostovkinskaya", L.E]] as const) {
    const i = sampleSchools.findIndex((s) => s.slug === slug);
    const s = sampleSchools[i]!;
    out.push({path: `forms-no-period/2024-Q2/${slug}.xlsx`, spec: {schools: [entry(s, i, s.q2!)], period: null}, layout});
  }
  return out;
}

/** Writes the sample's files under outDir (data/sample), replacing what the previous run wrote. */
export async function makeSampleForms(outDir: string): Promise<number> {
  for (const d of ["forms", "forms-no-period"]) rmSync(join(outDir, d), {recursive: true, force: true});
  const files = sampleFiles();
  for (const f of files) {
    const path = join(outDir, f.path);
    mkdirSync(join(path, ".."), {recursive: true});
    writeFileSync(path, await formsWorkbookBuffer(f.spec, f.layout));
  }
  return files.length;
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const outDir = resolve(process.argv[2] ?? "data/sample");
  makeSampleForms(outDir).then((n) => process.stderr.write(`sample forms: ${n} files in ${outDir}\n`)).catch((e) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1; });
}
