// Reads the mentee and mentor bases (seed 001, appendix 3) as schools keep them: the header found
// by its text, one row per person or per pair, several mentees in one cell, merged or blank
// continuation cells, dates as people write them. Pure: every doubtful cell becomes an issue.
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {Cell, Sheet, Workbook} from "../xlsx/workbook.ts";
import {cellText} from "../xlsx/workbook.ts";
import {collapseSpaces, normalizeKey} from "../../lib/normalizeText.ts";
import {endOfMonth, isoDate, parseDate} from "../cells/parseDate.ts";
import {findHeader, type Base, type Field, type HeaderMatch} from "./columns.ts";
import {mentoringForm, type MentoringForm} from "./mentoringForm.ts";
import {fullerName, looksLikeName, personMatchKey, splitNames} from "./personName.ts";

export interface RegistryEntry {
  base: Base;
  sheet: string;
  row: number;
  /** personMatchKey of the mentor / mentee; null when the row names none. */
  mentorKey: string | null;
  menteeKey: string | null;
  form: MentoringForm | null;
  start: Date | null;
  /** Last day of the programme; null while it runs. */
  end: Date | null;
  workStart: Date | null;
  appointed: Date | null;
  completed: boolean | null;
  mentorOrg: string | null;
  menteeOrg: string | null;
}

/** Personal data, kept apart from the entries (stored behind a pseudonymous id). */
export interface RegistryPerson {
  key: string;
  name: string;
  contacts: string | null;
  birthYear: number | null;
}

export interface RegistryData {
  school: {municipality: string | null; name: string};
  bases: Base[];
  people: RegistryPerson[];
  entries: RegistryEntry[];
}

/** The header of every sheet that holds a registry. */
export function registrySheets(workbook: Workbook): Array<{sheet: Sheet; header: HeaderMatch}> {
  const out: Array<{sheet: Sheet; header: HeaderMatch}> = [];
  for (const sheet of workbook.sheets) {
    const header = findHeader((r) => rowTexts(sheet, r), sheet.rowCount);
    if (header) out.push({sheet, header});
  }
  return out;
}

function rowTexts(sheet: Sheet, r: number): string[] {
  const n = sheet.rowLength(r);
  return Array.from({length: n}, (_, i) => sheet.text(r, i + 1));
}

/** A cell, or the top-left cell of the merged range covering it. */
function at(sheet: Sheet, r: number, c: number | undefined): Cell | undefined {
  if (c === undefined) return undefined;
  const m = sheet.mergeAt(r, c);
  return m ? sheet.cell(m.top, m.left) : sheet.cell(r, c);
}

const ORG = /(?:МБОУ|МКОУ|МАОУ|МОУ|БОУ|КОУ|ГБОУ|БПОУ|ЧОУ|МБОО|МКОО)\s*["«“][^"»”]+["»”]|(?:МБОУ|МКОУ|МАОУ|МОУ|БОУ|КОУ|ГБОУ)\s+\S.*|[^,:;]*(?:СОШ|ООШ|[Гг]имназия|[Лл]ицей|[Шш]кола)(?:\s*№\s*\d+)?[^,;]*/;
// A district in the nominative («Тарский муниципальный район»), not «Тарского района».
const MUNICIPALITY = /([А-ЯЁ][а-яё-]+(?:ий|ый|ой))\s+(?:муниципальн\S+\s+)?район(?![а-яё])/;

/** The organisation and district named in the title lines above a table. */
export function titleSchool(lines: string[]): {name: string | null; municipality: string | null} {
  let name: string | null = null, municipality: string | null = null;
  for (const line of lines.map(collapseSpaces)) {
    if (!municipality) municipality = MUNICIPALITY.exec(line)?.[1] ?? null;
    if (!name) {
      const m = ORG.exec(line.replace(MUNICIPALITY, "").replace(/^(база|реестр|банк)\s+\S+\s*/i, ""));
      if (m) name = collapseSpaces(m[0].replace(/[,.;:\s]+$/, "")) || null;
    }
  }
  return {name, municipality};
}

function majority(values: string[]): string | null {
  const counts = new Map<string, {n: number; text: string}>();
  for (const v of values) {
    const k = normalizeKey(v);
    if (!k) continue;
    const c = counts.get(k) ?? {n: 0, text: collapseSpaces(v)};
    c.n++;
    counts.set(k, c);
  }
  let best: {n: number; text: string} | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.text ?? null;
}

const YES = /^(да|\+|v|✓|✔|1|пройден\S*|прошел|прошла|прошли|завершен\S*|выполнен\S*|окончен\S*)$/;
const NO = /^(нет|-|0|не пройден\S*|не прошел|не прошла|не завершен\S*|не выполнен\S*|в процессе|продолжается|проходит)$/;

export function completionOf(text: string): boolean | null | "unreadable" {
  const k = normalizeKey(text).replace(/[.!]$/, "");
  if (k === "") return null;
  if (YES.test(k)) return true;
  if (NO.test(k)) return false;
  return "unreadable";
}

function birthYearOf(cell: Cell | undefined): number | null | "unreadable" {
  const v = cell?.value ?? null;
  if (v === null || cellText(cell) === "") return null;
  if (v instanceof Date) return v.getUTCFullYear();
  const m = /^(\d{4})(\s*г\.?)?$/.exec(cellText(cell));
  const y = typeof v === "number" ? v : m ? Number(m[1]) : NaN;
  return Number.isInteger(y) && y >= 1900 && y <= 2030 ? y : "unreadable";
}

/** A row of small whole numbers under the header («1 2 3 … 13») numbers the columns. */
function isNumberingRow(texts: string[]): boolean {
  const filled = texts.filter((t) => t !== "");
  return filled.length >= 3 && filled.every((t) => /^\d{1,2}\.?$/.test(t));
}

export function parseRegistries(workbook: Workbook, context: ParseContext): Parsed<RegistryData> {
  const issues: IssueFacts[] = [];
  const file = context.file;
  const found = registrySheets(workbook);
  const empty: RegistryData = {school: {municipality: null, name: ""}, bases: [], people: [], entries: []};
  if (found.length === 0) {
    return {rejected: true, issues: [{severity: "error", kind: "registry/no-table", file}], data: empty};
  }

  // Whose registry: the title lines, else the district / organisation columns.
  const titles: string[] = [];
  for (const {sheet, header} of found) for (let r = 1; r < header.row; r++) titles.push(rowTexts(sheet, r).join(" "));
  const title = titleSchool(titles);
  const columnValues = (field: Field) => found.flatMap(({sheet, header}) => {
    const c = header.columns.get(field);
    if (c === undefined) return [];
    return Array.from({length: sheet.rowCount - header.row}, (_, i) => cellText(at(sheet, header.row + 1 + i, c)));
  });
  let schoolName = title.name;
  if (!schoolName) {
    schoolName = majority(columnValues("school")) ?? majority(columnValues("mentorOrg"));
    if (schoolName) issues.push({severity: "warning", kind: "registry/school-from-column", file, school: schoolName, details: {school: schoolName}});
  }
  if (!schoolName) return {rejected: true, issues: [{severity: "error", kind: "registry/no-school", file}], data: empty};
  const municipality = title.municipality ?? majority(columnValues("municipality"));
  if (!municipality) issues.push({severity: "info", kind: "registry/municipality-unknown", file, school: schoolName, details: {school: schoolName}});

  const people = new Map<string, RegistryPerson>();
  const entries: RegistryEntry[] = [];
  const seen = new Map<string, number>();
  const person = (name: string) => {
    const key = personMatchKey(name);
    const p = people.get(key);
    if (p) p.name = fullerName(p.name, name);
    else people.set(key, {key, name, contacts: null, birthYear: null});
    return people.get(key)!;
  };

  for (const {sheet, header} of found) {
    const col = (f: Field) => header.columns.get(f);
    const place = (row: number, column?: number) => ({file, sheet: sheet.name, row, column: column ?? null, school: schoolName});
    const primary = header.base === "mentees" ? "menteeName" : "mentorName";
    const other = header.base === "mentees" ? "mentorName" : "menteeName";
    let lastMentor: string | null = null;

    const readNames = (row: number, field: Field): string[] => {
      const c = col(field);
      const text = cellText(at(sheet, row, c));
      if (!text) return [];
      const names: string[] = [];
      for (const piece of splitNames(text)) {
        if (looksLikeName(piece)) names.push(piece);
        else issues.push({severity: "warning", kind: "registry/name-unreadable", ...place(row, c), value: piece, expected: "ФИО"});
      }
      return names;
    };
    const readDate = (row: number, field: "start" | "end" | "workStart" | "appointed"): Date | null => {
      const c = col(field);
      const cell = at(sheet, row, c);
      const r = parseDate(cell);
      if (r.ok) {
        if (r.precision === "month") {
          issues.push({severity: "info", kind: "registry/month-only-date", ...place(row, c), value: cellText(cell), details: {field}});
          return field === "end" ? endOfMonth(r.date) : r.date;
        }
        return r.date;
      }
      if (r.reason !== "empty") {
        issues.push({severity: "error", kind: "registry/date-unreadable", ...place(row, c), value: cellText(cell) || null,
          expected: "дата ДД.ММ.ГГГГ", details: {field, reason: r.reason}});
      }
      return null;
    };

    for (let row = header.row + 1; row <= sheet.rowCount; row++) {
      if (sheet.isBlankRow(row)) continue;
      const texts = rowTexts(sheet, row);
      if (isNumberingRow(texts)) continue;
      if (texts.some((t) => /^итого/i.test(t))) continue;
      let primaryNames = readNames(row, primary);
      const otherNames = readNames(row, other);
      // A mentor base continues a mentor's block on rows with only the mentee filled in.
      if (primaryNames.length === 0 && header.base === "mentors" && otherNames.length > 0 && lastMentor) {
        primaryNames = [lastMentor];
      }
      if (primaryNames.length === 0) {
        const hasData = [...header.columns].some(([f, c]) => f !== "no" && cellText(at(sheet, row, c)) !== "");
        if (hasData && cellText(at(sheet, row, col(primary))) === "") {
          issues.push({severity: "warning", kind: "registry/missing-name", ...place(row, col(primary)), details: {base: header.base}});
        }
        continue;
      }
      if (header.base === "mentors") lastMentor = primaryNames[0]!;

      const formText = cellText(at(sheet, row, col("form")));
      const form = formText ? mentoringForm(formText) : null;
      if (formText && !form) {
        issues.push({severity: "warning", kind: "registry/form-unknown", ...place(row, col("form")), value: formText, expected: "форма из списка"});
      }
      const start = readDate(row, "start");
      let end = readDate(row, "end");
      const workStart = readDate(row, "workStart");
      const appointed = readDate(row, "appointed");
      if (start && end && end < start) {
        issues.push({severity: "error", kind: "registry/end-before-start", ...place(row, col("end")), value: cellText(at(sheet, row, col("end"))),
          details: {start: isoDate(start).split("-").reverse().join("."), end: isoDate(end).split("-").reverse().join(".")}});
        end = null;
      }
      if (!start && cellText(at(sheet, row, col("start"))) === "") {
        issues.push({severity: "warning", kind: "registry/start-missing", ...place(row, col("start"))});
      }
      const completedText = cellText(at(sheet, row, col("completed")));
      const completion = completionOf(completedText);
      if (completion === "unreadable") {
        issues.push({severity: "warning", kind: "registry/completion-unreadable", ...place(row, col("completed")), value: completedText, expected: "да / нет"});
      }
      const year = birthYearOf(at(sheet, row, col("birthYear")));
      if (year === "unreadable") {
        issues.push({severity: "warning", kind: "registry/birth-year-unreadable", ...place(row, col("birthYear")),
          value: cellText(at(sheet, row, col("birthYear"))), expected: "год, например 1998"});
      }
      const contacts = cellText(at(sheet, row, col("contacts"))) || null;
      const primaryPeople = primaryNames.map(person);
      for (const p of primaryPeople) {
        if (contacts) p.contacts = contacts;
        if (typeof year === "number") p.birthYear = year;
      }
      const otherPeople = otherNames.map(person);
      const mentors = header.base === "mentors" ? primaryPeople : otherPeople;
      const mentees = header.base === "mentees" ? primaryPeople : otherPeople;
      const org = (f: Field) => cellText(at(sheet, row, col(f))) || null;
      for (const mentor of mentors.length ? mentors : [null]) {
        for (const mentee of mentees.length ? mentees : [null]) {
          const key = `${header.base}|${mentor?.key}|${mentee?.key}|${start ? isoDate(start) : ""}`;
          const first = seen.get(key);
          if (first !== undefined) {
            issues.push({severity: "warning", kind: "registry/duplicate-pair", ...place(row), details: {firstRow: first, base: header.base}});
            continue;
          }
          seen.set(key, row);
          entries.push({base: header.base, sheet: sheet.name, row, mentorKey: mentor?.key ?? null, menteeKey: mentee?.key ?? null,
            form, start, end, workStart, appointed, completed: completion === "unreadable" ? null : completion,
            mentorOrg: org("mentorOrg"), menteeOrg: org("menteeOrg")});
        }
      }
    }
  }
  const bases = [...new Set(found.map((f) => f.header.base))];
  const pairs = entries.filter((e) => e.mentorKey && e.menteeKey).length;
  return {
    rejected: false, issues,
    data: {school: {municipality, name: schoolName}, bases, people: [...people.values()], entries},
    stats: {
      rows: new Set(entries.map((e) => `${e.sheet}|${e.row}`)).size, pairs,
      mentors: new Set(entries.map((e) => e.mentorKey).filter(Boolean)).size,
      mentees: new Set(entries.map((e) => e.menteeKey).filter(Boolean)).size
    }
  };
}
