// The region's directory of schools as a file (docs/directory.md): one row per school — district,
// full name, short name, optionally a code (ИНН or the region's school code) and an open/closed
// status — found by its header words on any sheet, never by position. Pure.
import type {IssueFacts} from "../issues.ts";
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {cleanName, normalizeKey} from "../../lib/normalizeText.ts";
import {municipalityKey, schoolNameKey} from "../../lib/schoolName.ts";
import {findHeaderRow, type HeaderRow} from "../effectiveness/common.ts";
import type {DirectoryRow} from "../../store/directory.ts";

export interface DirectoryFileRow extends DirectoryRow {
  sheet: string;
  row: number;
}

export interface DirectoryData {
  rows: DirectoryFileRow[];
}

const MUNICIPALITY = /муниципальн|^район|муниципалитет|^мо$|^округ|городской округ/;
const FULL = /полное наименование|^наименование( оо| организации| образовательной организации| учреждения| школы)?$|^образовательная организация$|^общеобразовательн\S* организац|^оо$|^школа$|^организация$/;
const SHORT = /кратк|сокращ/;
const CODE = /^инн$|инн оо|^код|код оо|код школы|^огрн|идентификатор/;
const STATUS = /статус|действ|состояни|функционир|закрыт/;
/** Columns of the quarterly forms: a table with them is not a directory. */
const COUNTS = /количеств|численност|наставник|наставляем|детей|педагог/;

interface Columns {
  municipality: number;
  full: number | null;
  short: number | null;
  code: number | null;
  status: number | null;
}

function columnsOf(h: HeaderRow): Columns | null {
  const find = (re: RegExp, except: number[] = []) => {
    for (const [c, key] of h.headers) if (!except.includes(c) && re.test(key)) return c;
    return null;
  };
  if ([...h.headers.values()].some((k) => COUNTS.test(k))) return null;
  const municipality = find(MUNICIPALITY);
  const short = find(SHORT);
  const full = find(FULL, short === null ? [] : [short]);
  if (municipality === null || (full === null && short === null)) return null;
  const taken = [municipality, full, short].filter((c): c is number => c !== null);
  return {municipality, full, short, code: find(CODE, taken), status: find(STATUS, taken)};
}

const accept = (keys: string[]) => {
  const h: HeaderRow = {row: 0, headers: new Map(keys.map((k, i) => [i + 1, k])), raw: new Map()};
  return columnsOf(h) !== null;
};

function headerOf(sheet: Sheet): {h: HeaderRow; cols: Columns} | null {
  const h = findHeaderRow(sheet, accept);
  const cols = h ? columnsOf(h) : null;
  return h && cols ? {h, cols} : null;
}

/** How strongly the workbook looks like a directory: a district and a name, and a short name, code or status. */
export function detectDirectory(workbook: Workbook): number {
  for (const sheet of workbook.sheets) {
    const found = headerOf(sheet);
    if (!found) continue;
    const {cols} = found;
    const extra = [cols.short, cols.code, cols.status].filter((c) => c !== null).length;
    const titled = /справочник|реестр|перечень/.test(normalizeKey(sheet.name))
      || [...found.h.headers.values()].some((k) => /справочник|реестр/.test(k));
    return extra > 0 ? 0.9 : titled ? 0.7 : 0.35;
  }
  return 0;
}

const OPEN = /^(да|\+|1|действ\S*|открыт\S*|работа\S*|функционир\S*)$/;
const CLOSED = /^(нет|-|—|0|закрыт\S*|ликвидир\S*|реорганиз\S*|не действ\S*|не функционир\S*|приостановл\S*|прекрат\S*)/;

/** «действует» / «закрыта» (and «да» / «нет»): open unless said otherwise; null when unreadable. */
export function statusOf(text: string): boolean | null {
  const k = normalizeKey(text);
  if (!k || OPEN.test(k)) return true;
  if (CLOSED.test(k)) return false;
  return null;
}

function readSheet(sheet: Sheet, h: HeaderRow, cols: Columns, file: string, out: DirectoryFileRow[], issues: IssueFacts[]): void {
  const place = {file, sheet: sheet.name};
  const text = (r: number, c: number | null) => (c === null ? "" : cleanName(sheet.text(r, c)));
  const noDistrict: number[] = [];
  const seen = new Map<string, number>();
  let municipality = "";
  for (let r = h.row + 1; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    // A district written once for its block holds for the rows under it.
    if (text(r, cols.municipality)) municipality = text(r, cols.municipality);
    const full = text(r, cols.full) || null, short = text(r, cols.short) || null;
    if (/^(итого|всего)/i.test(full ?? short ?? "")) continue;
    if (!full && !short) {
      if (text(r, cols.code) || text(r, cols.status)) issues.push({...place, severity: "warning", kind: "directory/no-name", row: r});
      continue;
    }
    if (!municipalityKey(municipality)) { noDistrict.push(r); continue; }
    const key = `${municipalityKey(municipality)}|${schoolNameKey(full ?? short!)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({...place, severity: "warning", kind: "directory/duplicate-row", row: r, school: full ?? short, details: {earlierRow: earlier}});
      continue;
    }
    seen.set(key, r);
    let open = statusOf(text(r, cols.status));
    if (open === null) {
      issues.push({...place, severity: "warning", kind: "directory/bad-status", row: r, column: cols.status, school: full ?? short,
        value: text(r, cols.status)});
      open = true;
    }
    out.push({municipality, fullName: full, shortName: short, code: text(r, cols.code) || null, open, sheet: sheet.name, row: r});
  }
  // One issue for the rows without a district, not one per row.
  if (noDistrict.length) {
    issues.push({...place, severity: "error", kind: "directory/no-municipality", row: noDistrict[0]!, column: cols.municipality,
      details: {rows: noDistrict.length}});
  }
}

export function parseDirectory(workbook: Workbook, context: ParseContext): Parsed<DirectoryData> {
  const issues: IssueFacts[] = [];
  const rows: DirectoryFileRow[] = [];
  let found = false;
  for (const sheet of workbook.sheets) {
    const header = headerOf(sheet);
    if (!header) continue;
    found = true;
    readSheet(sheet, header.h, header.cols, context.file, rows, issues);
  }
  if (!found) return {rejected: true, issues: [{severity: "error", kind: "directory/no-table", file: context.file}], data: {rows}};
  if (!rows.length) return {rejected: true, issues: [...issues, {severity: "error", kind: "directory/no-rows", file: context.file}], data: {rows}};
  return {rejected: false, issues, data: {rows},
    stats: {schools: rows.length, municipalities: new Set(rows.map((r) => municipalityKey(r.municipality))).size}};
}
