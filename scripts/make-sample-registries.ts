// Sample mentee and mentor bases (seed 001, appendix 3) for three schools of the sample region,
// with the mess real files have and a few real violations of the model regulation:
//  - Саргатская СОШ № 1: Иванова А. А. has 4 overlapping mentees (02.02.2026–29.05.2026); Смирнов П. П. has
//    4 mentees one after another (no violation); a 2-week programme; a 14-month one; one running
//    since 01.09.2025 (past a year on 24.11.2026); a start-of-work column with appointments 202 and 31
//    days after it (late) and one exactly 30 days after (in time); a pair missing from the mentor base; text dates, a blank
//    row, a column-numbering row, an unknown form, an unreadable date.
//  - Тарская ООШ № 5: no start-of-work column (the 30-day rule cannot be checked); the mentor base
//    lists several mentees per cell and merges a mentor's cells over two rows; «ученик – ученик».
//  - Лузинская СОШ № 1: 11 mentors (a council may be formed), forms «студент – ученик» and
//    «работодатель – ученик», a mentor without mentees, a mentee without a mentor.
// Deterministic: no randomness at all; run `npx tsx scripts/make-sample-registries.ts`.
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {writeStableWorkbook} from "./writeStableWorkbook.ts";

const OUT = "data/sample/registries";

type DateLike = string | Date | null;
interface SamplePair {
  mentor: string | null;
  mentee: string | null;
  form: string;
  start: DateLike;
  end: DateLike;
  /** As written in the mentor base, when different from the mentee base («Петрова М.И.»). */
  menteeShort?: string;
  workStart?: DateLike;
  completed?: string;
  inMenteeBase?: boolean;
  inMentorBase?: boolean;
}

const utc = (s: string) => {
  const [d, m, y] = s.split(".").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const short = (full: string) => {
  const [s, n, p] = full.split(" ");
  return `${s} ${n ? n[0] + "." : ""}${p ? p[0] + "." : ""}`;
};

interface SchoolSample {
  file: string;
  school: string;
  municipality: string;
  withWorkStart: boolean;
  mentorContacts: Record<string, string>;
  pairs: SamplePair[];
  /** Mentor base: mentees of one group in one cell, separated by this. */
  joiner: string;
  mergeMentorCells: boolean;
}

const sargatka: SchoolSample = {
  file: "sargatka-sosh1", school: "МБОУ \"Саргатская СОШ № 1\"", municipality: "Саргатский", withWorkStart: true,
  joiner: ", ", mergeMentorCells: false,
  mentorContacts: {"Иванова Анна Андреевна": "8-900-100-00-01", "Смирнов Павел Павлович": "smirnov.pp@example.ru"},
  pairs: [
    // 4 overlapping mentees: three from the autumn, the fourth from 02.02.2026.
    {mentor: "Иванова Анна Андреевна", mentee: "Петрова Мария Ивановна", form: "учитель – учитель", start: utc("01.09.2025"), end: utc("30.06.2026"), workStart: utc("15.08.2025"), completed: "да"},
    {mentor: "Иванова Анна Андреевна", mentee: "Сидоров Олег Петрович", form: "Учитель-учитель", start: "1.9.25", end: "30.06.2026", workStart: utc("01.08.2025"), completed: "Да"},
    {mentor: "Иванова Анна Андреевна", mentee: "Кузнецова Елена Викторовна", form: "учитель – учитель", start: utc("15.10.2025"), end: "31.05.2026", workStart: utc("15.09.2025"), completed: "да"},
    {mentor: "Иванова Анна Андреевна", mentee: "Орлова Наталья Сергеевна", form: "учитель — учитель", start: utc("02.02.2026"), end: utc("29.05.2026"), workStart: utc("15.07.2025"), completed: "да"},
    // 4 mentees that never overlap.
    {mentor: "Смирнов Павел Павлович", mentee: "Белов Кирилл Константинович", form: "учитель – учитель", start: utc("02.09.2024"), end: utc("29.11.2024"), completed: "да"},
    {mentor: "Смирнов Павел Павлович", mentee: "Гусева Ольга Николаевна", form: "учитель – учитель", start: utc("02.12.2024"), end: utc("28.02.2025"), completed: "да"},
    {mentor: "Смирнов Павел Павлович", mentee: "Лебедев Артём Игоревич", form: "учитель – учитель", start: utc("03.03.2025"), end: utc("30.05.2025"), completed: "+"},
    {mentor: "Смирнов Павел Павлович", mentee: "Морозова Дарья Алексеевна", form: "учитель – учитель", start: "сентябрь 2025", end: utc("28.11.2025"), completed: "нет"},
    // A 2-week programme.
    {mentor: "Козлова Ирина Владимировна", mentee: "Никитин Роман Олегович", form: "учитель – учитель", start: utc("01.09.2025"), end: utc("15.09.2025"), workStart: utc("01.09.2025"), completed: "нет"},
    // A 14-month programme.
    {mentor: "Волков Сергей Николаевич", mentee: "Фёдорова Анастасия Павловна", form: "учитель – учитель", start: utc("02.09.2024"), end: utc("31.10.2025"), completed: "да"},
    // Still running past a year; appointed exactly 30 days after starting work.
    {mentor: "Егорова Татьяна Михайловна", mentee: "Зайцев Илья Дмитриевич", form: "учитель – учитель", start: utc("01.09.2025"), end: null, workStart: utc("02.08.2025")},
    // Only in the mentee base.
    {mentor: "Егорова Татьяна Михайловна", mentee: "Соколова Вера Андреевна", form: "руководитель – педагог", start: utc("12.01.2026"), end: null, inMentorBase: false},
    // An unknown form and a date nobody can read.
    {mentor: "Козлова Ирина Владимировна", mentee: "Павлов Глеб Ильич", form: "наставник-коллега", start: "осень 2025", end: null}
  ]
};

const tara: SchoolSample = {
  file: "tara-oosh5", school: "МКОУ \"Тарская ООШ № 5\"", municipality: "Тарский", withWorkStart: false,
  joiner: "\n", mergeMentorCells: true,
  mentorContacts: {"Алексеева Галина Петровна": "8-900-200-00-02"},
  pairs: [
    {mentor: "Алексеева Галина Петровна", mentee: "Громов Степан Ильич", form: "учитель – учитель", start: utc("01.09.2025"), end: utc("29.05.2026"), completed: "да"},
    {mentor: "Алексеева Галина Петровна", mentee: "Жукова Полина Романовна", form: "учитель – учитель", start: utc("01.09.2025"), end: utc("29.05.2026"), completed: "да"},
    {mentor: "Алексеева Галина Петровна", mentee: "Тихонов Артур Максимович", form: "учитель – учитель", start: utc("01.10.2026"), end: null},
    {mentor: "Рябов Денис Андреевич", mentee: "Ковалёва Софья Денисовна", form: "Ученик – ученик", start: "01.09.2026", end: null},
    {mentor: "Рябов Денис Андреевич", mentee: "Мельников Тимур Русланович", form: "ученик-ученик", start: "01.09.2026", end: null},
    {mentor: "Рябов Денис Андреевич", mentee: "Широкова Ева Александровна", form: "ученик – ученик", start: "01.09.2026", end: null},
    {mentor: "Фомина Людмила Сергеевна", mentee: "Борисов Максим Олегович", form: "педагог – ученик", start: "09.2025", end: "05.2026", completed: "пройдена"},
    {mentor: "Фомина Людмила Сергеевна", mentee: "Данилова Ксения Игоревна", form: "педагог – ученик", start: utc("01.09.2025"), end: utc("20.09.2025"), completed: "нет"}
  ]
};

const luzinoMentors = ["Антонова Юлия Викторовна", "Баранов Игорь Семёнович", "Васильева Ольга Петровна", "Григорьев Антон Юрьевич",
  "Дмитриева Алла Борисовна", "Ершов Николай Иванович", "Жданова Марина Олеговна", "Зуев Виктор Александрович",
  "Исаева Лидия Андреевна", "Калинин Олег Витальевич", "Ларионова Светлана Юрьевна"];
const luzinoMentees = ["Абрамов Егор", "Белова Алиса", "Власов Матвей", "Голубева Вероника", "Денисов Лев", "Ефимова Злата",
  "Журавлёв Марк", "Зимина Ульяна", "Игнатов Савелий", "Киселёва Варвара"];
const forms = ["студент – ученик", "работодатель – ученик", "педагог – ученик", "ученик – ученик"];
const luzino: SchoolSample = {
  file: "luzino-sosh1", school: "МБОУ \"Лузинская СОШ № 1\"", municipality: "Омский", withWorkStart: false,
  joiner: ", ", mergeMentorCells: false, mentorContacts: {},
  pairs: [
    ...luzinoMentees.map((m, i): SamplePair => ({mentor: luzinoMentors[i]!, mentee: m, form: forms[i % forms.length]!,
      start: i % 3 === 0 ? utc(`0${1 + (i % 5)}.10.2025`) : utc(`0${1 + (i % 5)}.10.2026`), end: i % 3 === 0 ? utc("29.05.2026") : null,
      completed: i % 3 === 0 ? (i === 9 ? "" : i === 6 ? "не прошёл" : "да") : undefined})),
    // A mentor without mentees (mentor base only) and a mentee without a mentor (mentee base only).
    {mentor: luzinoMentors[10]!, mentee: null, form: "студент – ученик", start: utc("01.10.2026"), end: null, inMenteeBase: false},
    {mentor: null, mentee: "Лаптева Мирослава", form: "ученик – ученик", start: utc("15.09.2026"), end: null, inMentorBase: false}
  ]
};

const MENTEE_HEADERS = (withWorkStart: boolean) => ["№", "ФИО наставляемого", "Контактные данные для связи (данные представителя)",
  "Год рождения наставляемого", "Основной запрос наставляемого", ...(withWorkStart ? ["Дата приёма на работу"] : []),
  "Дата вхождения в программу", "ФИО наставника", "Форма наставничества", "Место работы/учебы наставника", "Дата завершения Программы",
  "Результаты программы", "Ссылка на кейс/отзыв наставляемого, размещенные на сайте организации", "Отметка о прохождении программы"];
const MENTOR_HEADERS = ["№", "Ф.И.О. наставника", "Контактные данные для связи", "Место работы/учебы", "Основные компетенции наставника",
  "Важные для программы достижения наставника", "Интересы наставника", "Желаемый возраст наставляемых",
  "Ресурс времени на программу наставничества", "Дата вхождения в программу", "ФИО наставляемого (наставляемых)",
  "Форма наставничества", "Место работы/учебы наставляемого", "Дата завершения программы", "Результаты программы",
  "Ссылка на кейс/отзыв наставника, размещённые на сайте организации"];

function sheetSetup(ws: ExcelJS.Worksheet, title: string, s: SchoolSample, headers: string[]) {
  ws.addRow([title]);
  ws.addRow([`${s.school}, ${s.municipality} муниципальный район`]);
  ws.addRow([]);
  const h = ws.addRow(headers);
  h.font = {bold: true};
  h.alignment = {wrapText: true, vertical: "top"};
  ws.columns.forEach((c) => { c.width = 18; });
  ws.getColumn(2).width = 32;
}

function finish(ws: ExcelJS.Worksheet) {
  ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value instanceof Date) cell.numFmt = "dd.mm.yyyy";
  }));
}

function menteeBase(s: SchoolSample): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("База наставляемых");
  const headers = MENTEE_HEADERS(s.withWorkStart);
  sheetSetup(ws, "База наставляемых", s, headers);
  ws.addRow(headers.map((_, i) => i + 1));
  let n = 0;
  for (const p of s.pairs) {
    if (p.inMenteeBase === false || !p.mentee) continue;
    n++;
    const year = 1995 + (n * 7) % 9;
    ws.addRow([n, p.mentee, n % 4 === 1 ? `8-900-3${String(n).padStart(2, "0")}-00-00` : "", n % 5 === 2 ? `${year} г.` : year,
      n % 2 ? "методика преподавания" : "работа с родителями", ...(s.withWorkStart ? [p.workStart ?? null] : []),
      p.start, p.mentor ?? "", p.form, p.mentor ? s.school : "", p.end, p.end ? "проведены открытые уроки" : "", "",
      p.completed ?? ""]);
    // People leave blank rows in the middle of a table.
    if (n === 6) ws.addRow([]);
  }
  finish(ws);
  return wb;
}

function mentorBase(s: SchoolSample): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("База наставников");
  sheetSetup(ws, "База наставников", s, MENTOR_HEADERS);
  const groups = new Map<string, SamplePair[]>();
  for (const p of s.pairs) {
    if (p.inMentorBase === false || !p.mentor) continue;
    const key = `${p.mentor}|${String(p.start)}|${String(p.end)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  let n = 0, lastMentor: string | null = null, firstRow = 0;
  for (const list of groups.values()) {
    const p = list[0]!;
    const continues = p.mentor === lastMentor;
    if (!continues) n++;
    const row = ws.addRow([continues ? null : n, continues ? null : p.mentor, continues ? null : s.mentorContacts[p.mentor!] ?? "",
      continues ? null : s.school, "методика, ИКТ", "", "", "", "2 ч в неделю", p.start,
      list.filter((x) => x.mentee).map((x) => x.menteeShort ?? short(x.mentee!)).join(s.joiner), p.form, s.school, p.end, "", ""]);
    if (continues && s.mergeMentorCells) {
      for (const c of ["A", "B", "C", "D"]) ws.mergeCells(`${c}${firstRow}:${c}${row.number}`);
    }
    if (!continues) firstRow = row.number;
    lastMentor = p.mentor;
  }
  finish(ws);
  return wb;
}

async function main() {
  mkdirSync(OUT, {recursive: true});
  for (const s of [sargatka, tara, luzino]) {
    for (const [suffix, wb] of [["mentees", menteeBase(s)], ["mentors", mentorBase(s)]] as const) {
      const path = join(OUT, `${s.file}-${suffix}.xlsx`);
      await writeStableWorkbook(wb, path);
      process.stderr.write(`${path}\n`);
    }
  }
}

await main();
