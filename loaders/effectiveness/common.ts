// What the three effectiveness inputs share: finding a header row by its words, reading the title
// lines above it (school, municipality, year, «по состоянию на»), and pseudonymous person keys.
import {createHash} from "node:crypto";
import {normalizeKey, personKey} from "../../lib/normalizeText.ts";
import {parseDateText} from "../cells/parseDate.ts";
import type {Sheet} from "../xlsx/workbook.ts";
import {academicYear} from "../../lib/academicYear.ts";
import {schoolInTitle} from "../../lib/schoolName.ts";

/** Rows searched for a header: titles and notes above a table are rarely longer. */
export const HEADER_SEARCH_ROWS = 20;

export interface HeaderRow {
  row: number;
  /** Normalised header text by 1-based column; merged followers carry their master's text. */
  headers: Map<number, string>;
  /** Header text as written, by column. */
  raw: Map<number, string>;
}

/** The first row (within HEADER_SEARCH_ROWS) for which `accept` says yes. */
export function findHeaderRow(sheet: Sheet, accept: (keys: string[]) => boolean): HeaderRow | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const headers = new Map<number, string>(), raw = new Map<number, string>();
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = sheet.text(r, c);
      if (t !== "" && !sheet.isMergedFollower(r, c)) { headers.set(c, normalizeKey(t)); raw.set(c, t.replace(/\s+/g, " ")); }
    }
    if (headers.size && accept([...headers.values()])) return {row: r, headers, raw};
  }
  return null;
}

/** The first column whose header matches. */
export function columnOf(h: HeaderRow, re: RegExp, except: Set<number> = new Set()): number | null {
  for (const [c, key] of h.headers) if (!except.has(c) && re.test(key)) return c;
  return null;
}

export interface TitleFacts {
  school: string | null;
  municipality: string | null;
  /** School year (see lib/academicYear). */
  year: number | null;
  /** «по состоянию на 31.05.2025». */
  asOf: Date | null;
}

const SCHOOL_WORDS = /(мбоу|мкоу|маоу|боу|моу|гбоу|сош|оош|гимназия|лицей|школа)/i;

/** Reads school, municipality, year and «as of» date from text lines (titles, sheet name). */
export function titleFacts(lines: string[]): TitleFacts {
  const out: TitleFacts = {school: null, municipality: null, year: null, asOf: null};
  for (const line of lines) {
    const l = line.replace(/\s+/g, " ").trim();
    if (!l) continue;
    let m = /по состоянию на\s*(\d{1,2}[./]\d{1,2}[./]\d{2,4})/i.exec(l);
    if (m && !out.asOf) {
      const d = parseDateText(m[1]!);
      if (d.ok) out.asOf = d.date;
    }
    m = /(20\d{2})\s*[/\-–—]\s*(20\d{2})/.exec(l);
    if (m && out.year === null && Number(m[2]) === Number(m[1]) + 1) out.year = Number(m[2]);
    m = /(?:за|на)\s*(20\d{2})\s*(?:год|г\.)/i.exec(l);
    if (m && out.year === null) out.year = Number(m[1]);
    m = /муниципальн\S*\s+район\S*\s*[:–—-]\s*(.+)$/i.exec(l) ?? /^(?:район|муниципалитет)\s*[:–—-]\s*(.+)$/i.exec(l);
    if (m && !out.municipality) out.municipality = m[1]!.trim();
    else {
      m = /^([А-ЯЁ][а-яё]+(?:ский|цкий|ской))\s+(?:муниципальный\s+)?район/i.exec(l)
        // «… Тарского муниципального района»: the district in the genitive, inside a title.
        ?? /([А-ЯЁ][а-яё-]+(?:ского|цкого))\s+(?:муниципального\s+)?района/.exec(l);
      if (m && !out.municipality) out.municipality = m[1]!;
    }
    m = /(?:образовательная организация|организация|оо|школа)\s*[:–—-]\s*(.+)$/i.exec(l);
    if (m && !out.school && SCHOOL_WORDS.test(m[1]!)) out.school = m[1]!.trim();
  }
  // No «Организация: …» line: the school a title names («Кадровый состав … МБОУ «СОШ № 47» г. Омска на …»).
  for (const line of lines) {
    if (out.school) break;
    out.school = schoolInTitle(line);
  }
  if (out.asOf && out.year === null) out.year = academicYear(out.asOf);
  return out;
}

/** Text of the rows above the header, one line per row. */
export function linesAbove(sheet: Sheet, headerRow: number): string[] {
  const lines: string[] = [];
  for (let r = 1; r < headerRow; r++) {
    const parts: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) { const t = sheet.text(r, c); if (t) parts.push(t); }
    if (parts.length) lines.push(parts.join(" "));
  }
  return lines;
}

/**
 * A pseudonymous key for a person: a code as written («code:…»), or a hash of the normalised name
 * or e-mail («h:…»). Names themselves are never stored (DOMAIN.md «Personal data»).
 */
export function personId(code: string, name: string, email: string): string | null {
  if (code.trim()) return `code:${normalizeKey(code)}`;
  const basis = name.trim() ? personKey(name) : email.trim() ? email.trim().toLowerCase() : "";
  if (!basis) return null;
  return `h:${createHash("sha256").update(basis).digest("hex").slice(0, 16)}`;
}
