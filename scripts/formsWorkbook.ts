// Writes quarterly reports (Forms 1–5, seed 003) the way schools fill them: one function, many
// layouts. The sample region (scripts/make-sample-forms.ts), the benchmark (bench/forms.ts) and
// test fixtures all build their workbooks here, so "what a messy file looks like" lives in one place.
// Every count is given as its true number plus how it is written, so the true figures stay
// readable in the caller's definitions while the cells look like real ones.
import ExcelJS from "exceljs";
import {pinWorkbookDates, stableWorkbookBuffer} from "./writeStableWorkbook.ts";

export type FormNo = 2 | 3 | 4 | 5;

/** How a count is written into its cell. */
export type CountStyle =
  | "number"        // 85
  | "decimal"       // 85 as a number shown «85,0» (number format 0.0)
  | "people"        // «85 человек»
  | "people-a"      // «85 человека»
  | "chel"          // «85 чел.»
  | "padded"        // « 85 »
  | "comma"         // «85,0» as text
  | "text"          // «85» as text
  | "apostrophe"    // «'3» (a text mark typed into the cell)
  | "word"          // «пять»
  | "Word"          // «Пять»
  | "described";    // «4 Студент 2 курса Технологического колледжа»

export type Count = number | {n: number; as: CountStyle; text?: string};

export interface ProgrammeRow {
  programme: string;
  mentors: Count;
  mentees: Count;
  result: string;
}

export interface SchoolEntry {
  municipality: string;
  school: string;
  /** Director's name, phone, e-mail, address: fake personal data that must never reach a report. */
  contacts: string;
  students: Count;
  teachers: Count;
  young: Count;
  forms: Partial<Record<FormNo, ProgrammeRow[]>>;
  /** The school's name as written in Forms 2–5 when it differs in spacing from Form 1. */
  schoolInForms?: string;
  /** The district as written in Forms 2–5 when it differs in spacing from Form 1. */
  municipalityInForms?: string;
}

export interface FormsWorkbookSpec {
  schools: SchoolEntry[];
  /** «за I квартал 2024 г.»; null: the file names no period at all. */
  period: {text: string; placement: "form1-title" | "top-line"} | null;
  /** «Итого» cells written with a value other than the sum of the rows (a data error). */
  statedTotals?: Partial<Record<FormNo, {mentors?: number; mentees?: number}>>;
}

export interface TitleStyle {
  /** Between the two roles: "–", " – ", "—", "-", " - ". */
  dash: string;
  quotes: [string, string];
  /** «вовлечённости» instead of «вовлеченности». */
  yo: boolean;
  letterCase: "as-is" | "upper" | "lower";
  extraSpaces: boolean;
}

export interface FormsLayout {
  /** sheets: one form per sheet; stacked: all forms on one sheet with blank rows and notes between. */
  arrangement: "sheets" | "stacked";
  /** Sheet names in order (meaningless ones such as «Лист1», «Sheet3», «свод»). */
  sheetNames: string[];
  /** The «Форма N» line: on its own line above the title, missing, or in the title's cell. */
  formLine: "own-line" | "missing" | "in-title";
  /** «Количество вовлеченных в программу» merged over «наставников | наставляемых». */
  mergedHeader: boolean;
  /** Header texts broken over lines inside their cells, as Excel's wrap makes people type them. */
  headerLineBreaks: boolean;
  /** District (and school in Forms 2–5) on every row, on the first row of its block, or merged down. */
  district: "every-row" | "first-row" | "merged";
  blankRowInTable: boolean;
  notes: boolean;
  title: TitleStyle;
  /** A form the school does not run: an empty table with «Итого» = 0, or no table at all. */
  emptyForms: "empty" | "absent";
  totals: "numbers" | "formula";
  totalLabel: string;
  /** 1 = tables start in column A, 2 = column B (a blank margin column). */
  leftColumn: 1 | 2;
}

export const defaultLayout: FormsLayout = {
  arrangement: "sheets",
  sheetNames: ["Лист1", "Лист2", "Лист3", "Лист4", "Лист5"],
  formLine: "own-line",
  mergedHeader: true,
  headerLineBreaks: false,
  district: "first-row",
  blankRowInTable: false,
  notes: false,
  title: {dash: " – ", quotes: ["«", "»"], yo: false, letterCase: "as-is", extraSpaces: false},
  emptyForms: "empty",
  totals: "numbers",
  totalLabel: "Итого, чел",
  leftColumn: 1
};

const NUMBER_WORDS = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять",
  "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать",
  "восемнадцать", "девятнадцать", "двадцать"];

export function countValue(c: Count): number {
  return typeof c === "number" ? c : c.n;
}

/** The cell value (and number format) a count is written as. */
export function writtenCount(c: Count): {value: ExcelJS.CellValue; numFmt?: string} {
  if (typeof c === "number") return {value: c};
  const {n} = c;
  switch (c.as) {
    case "number": return {value: n};
    case "decimal": return {value: n, numFmt: "0.0"};
    case "people": return {value: `${n} человек`};
    case "people-a": return {value: `${n} человека`};
    case "chel": return {value: `${n} чел.`};
    case "padded": return {value: ` ${n} `};
    case "comma": return {value: `${n},0`};
    case "text": return {value: String(n)};
    case "apostrophe": return {value: `'${n}`};
    case "word":
    case "Word": {
      const w = NUMBER_WORDS[n];
      if (w === undefined) throw new Error(`no number word for ${n}`);
      return {value: c.as === "Word" ? w[0]!.toUpperCase() + w.slice(1) : w};
    }
    case "described": return {value: `${n} ${c.text ?? ""}`.trim()};
  }
}

const ROLES: Record<FormNo, [string, string]> = {
  2: ["ученик", "ученик"],
  3: ["Учитель", "учитель"],
  4: ["Студент", "ученик"],
  5: ["Работодатель", "ученик"]
};

const FORM1_TITLE = "Информация об общеобразовательных организациях-участниках внедрения региональной целевой модели наставничества";

function styled(text: string, t: TitleStyle): string {
  let s = text;
  if (t.yo) s = s.replace(/вовлеченн/g, "вовлечённ");
  if (t.extraSpaces) s = `  ${s.replace(/ о /, "  о  ").replace(/ по форме /, "   по форме ")} `;
  if (t.letterCase === "upper") s = s.toUpperCase();
  if (t.letterCase === "lower") s = s.toLowerCase();
  return s;
}

function formTitle(form: FormNo, t: TitleStyle): string {
  const [a, b] = ROLES[form];
  return styled(`Данные о численности вовлеченности наставников и наставляемых в образовательной организации по форме ` +
    `${t.quotes[0]}${a}${t.dash}${b}${t.quotes[1]}`, t);
}

const FORM1_HEADER = [
  "Муниципальный район",
  "Общеобразовательные организации",
  "Контакты: ФИО директора, тел., почта, почт. адрес",
  "Общее количество детей в ОО в возрасте от 10 до 19 лет, чел",
  "Общее количество педагогических работников в ОО, чел",
  "Общее количество учителей - молодых специалистов в ОО (с опытом работы от 0 до 3 лет), чел"
];

const MENTORS_HEADER: Record<FormNo, string> = {
  2: "наставников",
  3: "наставников",
  4: "Наставников (наимен. ПОО, специальность, курс)",
  5: "Наставников (место работы, должность)"
};

function broken(text: string, on: boolean): string {
  if (!on) return text;
  // Break the way people press Alt+Enter: after a comma or in the middle of a long header.
  return text.replace(/, /, ",\n").replace(/ в возрасте/, "\nв возрасте").replace(/ в программу/, "\nв программу");
}

const NOTES_BETWEEN = [
  "ВНИМАНИЕ! для заполнения форм 2-5 необходимо ознакомиться с характеристиками форм наставничества (см. ниже).",
  "При заполнении количества вовлеченных в программы наставничества обучающийся учитывается ОДИН раз"
];
const NOTE_UNDER = "Примечание: указаны программы, реализуемые в отчётном квартале; обучающийся учитывается один раз.";

const BOLD: Partial<ExcelJS.Font> = {bold: true};
const WRAP: Partial<ExcelJS.Alignment> = {wrapText: true, vertical: "top"};
const THIN: Partial<ExcelJS.Borders> = {
  top: {style: "thin"}, left: {style: "thin"}, bottom: {style: "thin"}, right: {style: "thin"}
};

/**
 * Writes cells row by row. With exceljs's streaming writer a row can be committed only once no
 * merge still has to reach it, so rows wait until the merges opened so far are behind them.
 */
class SheetCursor {
  row = 0;
  private pending: number[] = [];
  private mergeBottom = 0;

  constructor(readonly ws: ExcelJS.Worksheet, private readonly streaming: boolean, readonly left: number) {}

  /** Starts the next row (offset rows below the current one) and returns its number. */
  next(skip = 0): number {
    this.flush();
    this.row += 1 + skip;
    return this.row;
  }

  set(col: number, value: ExcelJS.CellValue, opts: {font?: Partial<ExcelJS.Font>; numFmt?: string; wrap?: boolean; border?: boolean} = {}): void {
    const cell = this.ws.getCell(this.row, this.left + col - 1);
    cell.value = value;
    if (opts.font) cell.font = opts.font;
    if (opts.numFmt) cell.numFmt = opts.numFmt;
    if (opts.wrap) cell.alignment = WRAP;
    if (opts.border) cell.border = THIN;
  }

  merge(top: number, col1: number, bottom: number, col2: number): void {
    if (top === bottom && col1 === col2) return;
    this.ws.mergeCells(top, this.left + col1 - 1, bottom, this.left + col2 - 1);
    this.mergeBottom = Math.max(this.mergeBottom, bottom);
  }

  private flush(): void {
    if (!this.streaming || this.row === 0) return;
    this.pending.push(this.row);
    if (this.row < this.mergeBottom) return;
    for (const r of this.pending) this.ws.getRow(r).commit();
    this.pending = [];
  }

  finish(): void {
    this.flush();
    if (this.streaming) for (const r of this.pending) this.ws.getRow(r).commit();
    this.pending = [];
  }
}

function countCell(cur: SheetCursor, col: number, c: Count, border: boolean): void {
  const w = writtenCount(c);
  cur.set(col, w.value, {numFmt: w.numFmt, border});
}

function writeForm1Block(cur: SheetCursor, spec: FormsWorkbookSpec, layout: FormsLayout, first: boolean): void {
  if (first && spec.period?.placement === "top-line") {
    cur.next();
    cur.set(1, `Отчёт о реализации целевой модели наставничества ${spec.period.text}`, {font: BOLD});
    cur.next();
  }
  const title = FORM1_TITLE + (spec.period?.placement === "form1-title" ? ` ${spec.period.text}` : "");
  if (layout.formLine === "own-line") { cur.next(); cur.set(1, "Форма 1", {font: BOLD}); }
  cur.next();
  cur.set(1, layout.formLine === "in-title" ? `Форма 1. ${title}` : title, {font: {italic: true}});
  cur.next();
  FORM1_HEADER.forEach((h, i) => cur.set(i + 1, broken(h, layout.headerLineBreaks), {font: BOLD, wrap: true, border: true}));
  const blocks = groupBy(spec.schools, (s) => s.municipality);
  for (const block of blocks) {
    const top = cur.row + 1;
    block.forEach((s, i) => {
      cur.next();
      if (i === 0 || layout.district === "every-row") cur.set(1, s.municipality, {border: true});
      cur.set(2, s.school, {border: true, wrap: true});
      cur.set(3, s.contacts, {wrap: true, border: true});
      countCell(cur, 4, s.students, true);
      countCell(cur, 5, s.teachers, true);
      countCell(cur, 6, s.young, true);
      if (i === 0 && layout.district === "merged") cur.merge(top, 1, top + block.length - 1, 1);
    });
  }
  if (layout.notes) {
    cur.next();
    for (const n of NOTES_BETWEEN) { cur.next(); cur.set(1, n, {font: n.startsWith("ВНИМАНИЕ") ? BOLD : undefined}); }
  }
}

function writeEngagementBlock(cur: SheetCursor, form: FormNo, spec: FormsWorkbookSpec, layout: FormsLayout): void {
  const title = formTitle(form, layout.title);
  if (layout.formLine === "own-line") { cur.next(); cur.set(1, `Форма ${form}`, {font: BOLD}); }
  cur.next();
  cur.set(1, layout.formLine === "in-title" ? `Форма ${form}. ${title}` : title, {font: BOLD});
  const h1 = cur.next();
  const count = broken("Количество вовлеченных в программу", layout.headerLineBreaks);
  const heads1 = ["Муниципальный район", "Общеобразовательные организации", "Наименование программы наставничества", count, null, "Результат программы"];
  heads1.forEach((h, i) => cur.set(i + 1, h, {font: BOLD, wrap: true, border: true}));
  // Merged before the next row starts: a streamed row cannot be touched once committed.
  if (layout.mergedHeader) {
    cur.merge(h1, 4, h1, 5);
    for (const c of [1, 2, 3, 6]) cur.merge(h1, c, h1 + 1, c);
  }
  cur.next();
  cur.set(4, MENTORS_HEADER[form], {font: BOLD, wrap: true, border: true});
  cur.set(5, "наставляемых", {font: BOLD, wrap: true, border: true});

  const rows: Array<{s: SchoolEntry; p: ProgrammeRow; firstOfDistrict: boolean; firstOfSchool: boolean; schoolRows: number; districtRows: number}> = [];
  for (const block of groupBy(spec.schools, (s) => s.municipality)) {
    const districtRows = block.reduce((n, s) => n + (s.forms[form]?.length ?? 0), 0);
    let firstOfDistrict = true;
    for (const s of block) {
      const progs = s.forms[form] ?? [];
      progs.forEach((p, i) => {
        rows.push({s, p, firstOfDistrict, firstOfSchool: i === 0, schoolRows: progs.length, districtRows});
        firstOfDistrict = false;
      });
    }
  }
  const firstData = cur.row + 1;
  const blankAfterFirst = layout.blankRowInTable && rows.length >= 2 && layout.district !== "merged";
  let mentors = 0, mentees = 0;
  rows.forEach((r, i) => {
    const at = cur.next();
    const merged = layout.district === "merged";
    if (r.firstOfDistrict || layout.district === "every-row") cur.set(1, r.s.municipalityInForms ?? r.s.municipality, {border: true});
    if (r.firstOfSchool || layout.district === "every-row") cur.set(2, r.s.schoolInForms ?? r.s.school, {border: true, wrap: true});
    cur.set(3, r.p.programme, {border: true, wrap: true});
    countCell(cur, 4, r.p.mentors, true);
    countCell(cur, 5, r.p.mentees, true);
    cur.set(6, r.p.result, {wrap: true, border: true});
    if (merged && r.firstOfDistrict) cur.merge(at, 1, at + r.districtRows - 1, 1);
    if (merged && r.firstOfSchool) cur.merge(at, 2, at + r.schoolRows - 1, 2);
    mentors += countValue(r.p.mentors);
    mentees += countValue(r.p.mentees);
    if (i === 0 && blankAfterFirst) cur.next();
  });
  if (layout.blankRowInTable && !blankAfterFirst) cur.next();
  const lastData = cur.row;
  cur.next();
  cur.set(1, layout.totalLabel, {font: BOLD, border: true});
  if (layout.mergedHeader) cur.merge(cur.row, 1, cur.row, 3);
  const stated = spec.statedTotals?.[form];
  const statedMentors = stated?.mentors ?? mentors, statedMentees = stated?.mentees ?? mentees;
  const colLetter = (c: number) => String.fromCharCode(64 + cur.left + c - 1);
  const numeric = (c: Count) => typeof c === "number" || c.as === "number" || c.as === "decimal";
  const allNumeric = {4: rows.every((r) => numeric(r.p.mentors)), 5: rows.every((r) => numeric(r.p.mentees))};
  for (const [col, value, computed] of [[4, statedMentors, mentors], [5, statedMentees, mentees]] as const) {
    // A formula's cached result is what Excel computed, so only typed totals can disagree; and
    // Excel's SUM skips text cells («Десять», «4 Студент …»), so such columns get a typed total.
    const useFormula = layout.totals === "formula" && rows.length > 0 && value === computed && allNumeric[col];
    cur.set(col, useFormula ? {formula: `SUM(${colLetter(col)}${firstData}:${colLetter(col)}${lastData})`, result: value} : value,
      {font: BOLD, border: true});
  }
  if (layout.notes) { cur.next(); cur.set(1, NOTE_UNDER, {font: {italic: true}}); }
}

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(t);
  }
  return [...out.values()];
}

function setWidths(ws: ExcelJS.Worksheet, left: number): void {
  [22, 34, 40, 18, 18, 48].forEach((w, i) => { ws.getColumn(left + i).width = w; });
}

/**
 * Adds one quarterly report's sheets to a workbook, regular or streaming
 * (`ExcelJS.stream.xlsx.WorkbookWriter`, whose sheets are committed here).
 */
export function writeFormsWorkbook(wb: ExcelJS.Workbook, spec: FormsWorkbookSpec, layout: FormsLayout): void {
  const streaming = wb instanceof ExcelJS.stream.xlsx.WorkbookWriter;
  const forms = ([2, 3, 4, 5] as FormNo[]).filter((f) => layout.emptyForms === "empty" || spec.schools.some((s) => s.forms[f]?.length));
  let sheetIndex = 0;
  const newSheet = () => {
    const name = layout.sheetNames[sheetIndex] ?? `Лист${sheetIndex + 1}`;
    sheetIndex++;
    const ws = wb.addWorksheet(name);
    setWidths(ws, layout.leftColumn);
    return new SheetCursor(ws, streaming, layout.leftColumn);
  };
  let cur = newSheet();
  writeForm1Block(cur, spec, layout, true);
  for (const form of forms) {
    if (layout.arrangement === "sheets") {
      cur.finish();
      if (streaming) cur.ws.commit();
      cur = newSheet();
    } else {
      cur.next(1);
    }
    writeEngagementBlock(cur, form, spec, layout);
  }
  cur.finish();
  if (streaming) cur.ws.commit();
}

const FIXED_DATE = new Date(Date.UTC(2024, 3, 5, 9, 0, 0));
/** One quarterly report as .xlsx bytes, reproducible for the same spec and layout. */
export async function formsWorkbookBuffer(spec: FormsWorkbookSpec, layout: FormsLayout): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Школа";
  writeFormsWorkbook(wb, spec, layout);
  return stableWorkbookBuffer(wb, FIXED_DATE);
}

/** The same, streamed to a file: for sheets far larger than any school's report (the benchmark). */
export async function writeFormsWorkbookFile(path: string, spec: FormsWorkbookSpec, layout: FormsLayout): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: path, useStyles: true, useSharedStrings: true});
  pinWorkbookDates(wb, FIXED_DATE);
  writeFormsWorkbook(wb as unknown as ExcelJS.Workbook, spec, layout);
  await wb.commit();
}
