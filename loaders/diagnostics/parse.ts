// Diagnostics workbook → one record per teacher and wave, with every skipped or doubtful cell
// as an issue. Pure: no I/O (the areas configuration is passed in).
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import {collapseSpaces, normalizeKey, personKey} from "../../lib/normalizeText.ts";
import type {Cell, Sheet, Workbook} from "../xlsx/workbook.ts";
import type {AreasConfig} from "./areas.ts";
import {findHeader, type AreaColumn, type TableHeader} from "./header.ts";
import {parseScore} from "./parseScore.ts";
import {waveOf, type Wave} from "./wave.ts";
import {schoolYearInText} from "./schoolYear.ts";

export interface AreaResult {
  area: string;
  /** 0–100; deficit = 100 − result. */
  result: number;
  column: number;
}

export interface TeacherRow {
  sheet: string;
  row: number;
  wave: Wave;
  /** "" when the file has no municipality column (the school is then matched by name). */
  municipality: string;
  school: string;
  fullName: string;
  nameKey: string;
  externalId: string | null;
  position: string | null;
  subject: string | null;
  experience: string | null;
  results: AreaResult[];
  /** Another row of this file, same wave and school, has this name (or ID) with nothing to tell them apart. */
  ambiguous: boolean;
}

export interface DiagnosticsData {
  rows: TeacherRow[];
  /**
   * The school year (numbered by the year it ends in) each sheet's results belong to: named in the
   * sheet's name or title lines, else given at upload, else in the file's name; null when unknown.
   */
  sheetYears: Record<string, number | null>;
}

const TOTAL_ROW = /^(итого|всего|среднее|в среднем|средний|средние)/i;
/** Text that collapseSpaces would change: doubled or unusual whitespace. */
const MESSY_SPACE = /\s\s|[\t\n\r\u00a0\u2007\u202f\u200b]/;

/** normalizeKey with a cache: schools and districts repeat on every row of a 100,000-row file. */
function cachedKey(cache: Map<string, string>, s: string): string {
  let k = cache.get(s);
  if (k === undefined) { k = normalizeKey(s); cache.set(s, k); }
  return k;
}

function fileStem(file: string): string {
  return file.replace(/\.[^.]+$/, "");
}

/** Plain numbers of a column all within 0–1 with a fraction among them: shares, 0.52 meaning 52 %. */
function shareColumn(sheet: Sheet, col: AreaColumn, from: number): boolean {
  let fractional = false;
  for (let r = from; r <= sheet.rowCount; r++) {
    const cell = sheet.cell(r, col.column);
    if (!cell || typeof cell.value !== "number" || cell.percent) continue;
    if (cell.value < 0 || cell.value > 1) return false;
    if (cell.value > 0 && cell.value < 1) fractional = true;
  }
  return fractional;
}

function parseSheet(sheet: Sheet, header: TableHeader, context: ParseContext, issues: IssueFacts[], rows: TeacherRow[],
  sheetYears: Record<string, number | null>): void {
  const file = context.file;
  const at = {file, sheet: sheet.name};
  const roles = header.roles;
  for (const d of header.duplicateAreas) {
    issues.push({...at, severity: "info", kind: "diagnostics/duplicate-area-column", row: header.headerRow, column: d.column,
      value: d.header, details: {area: d.area.label}});
  }
  if (roles.school === undefined) {
    issues.push({...at, severity: "error", kind: "diagnostics/no-school-column", row: header.headerRow});
    return;
  }
  if (roles.municipality === undefined) {
    issues.push({...at, severity: "info", kind: "diagnostics/no-municipality-column", row: header.headerRow});
  }
  // The wave the file states (sheet name, then title lines) wins over --wave, which wins over the file name.
  const stated = waveOf(sheet.name) ?? waveOf(header.titleText);
  const given = context.wave === "entry" || context.wave === "exit" ? context.wave : null;
  if (stated && given && stated !== given) {
    issues.push({...at, severity: "warning", kind: "diagnostics/wave-conflict", details: {stated, given}});
  }
  const sheetWave: Wave | null = stated ?? given ?? waveOf(fileStem(file));
  const year = schoolYearInText(`${sheet.name} ${header.titleText}`) ?? context.schoolYear ?? schoolYearInText(fileStem(file));
  sheetYears[sheet.name] = year;
  const shares = new Set<number>();
  for (const a of header.areas) {
    if (shareColumn(sheet, a, header.dataStart)) {
      shares.add(a.column);
      issues.push({...at, severity: "info", kind: "diagnostics/read-as-share", row: header.headerRow, column: a.column,
        value: a.header});
    }
  }
  // Helpers defined once per sheet, not per row: tsx wraps every closure it creates in a naming call.
  const cellPlace = (row: number, column: number, school: string, cell: Cell | undefined) => ({...at, row, column, school,
    value: cell?.formula && cell.value === null ? `=${cell.formula}` : cell?.value ?? null});
  const optional = (r: number, c: number | undefined) => { const t = text(r, c); return t === "" ? null : t; };
  const nameHeader = normalizeKey(sheet.text(header.headerRow, roles.name!));
  let school = "", municipality = "";
  let missingWave = 0;
  const text = (r: number, c: number | undefined) => {
    if (c === undefined) return "";
    const t = sheet.text(r, c);
    return MESSY_SPACE.test(t) ? collapseSpaces(t) : t;
  };
  for (let r = header.dataStart; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    const name = text(r, roles.name);
    // A school or district written once for its block (merged or not) holds for the rows below.
    const schoolHere = text(r, roles.school), municipalityHere = text(r, roles.municipality);
    if (municipalityHere) { if (municipalityHere !== municipality) school = ""; municipality = municipalityHere; }
    if (schoolHere) school = schoolHere;
    let anyScore = false;
    for (const a of header.areas) if (text(r, a.column) !== "") { anyScore = true; break; }
    if (!name) {
      if (anyScore) issues.push({...at, severity: "warning", kind: "diagnostics/no-name", row: r, column: roles.name, school: school || null});
      continue;
    }
    if (TOTAL_ROW.test(name) || (name.length === nameHeader.length && normalizeKey(name) === nameHeader)) continue;
    if (!school) {
      issues.push({...at, severity: "error", kind: "diagnostics/no-school", row: r, column: roles.school});
      continue;
    }
    let wave = sheetWave;
    if (roles.wave !== undefined) {
      const w = text(r, roles.wave);
      if (w) {
        wave = waveOf(w);
        if (!wave) {
          issues.push({...at, severity: "error", kind: "diagnostics/unknown-wave", row: r, column: roles.wave, school, value: w});
          continue;
        }
      }
    }
    if (!wave) { missingWave++; continue; }
    const results: AreaResult[] = [];
    for (const a of header.areas) {
      const cell = sheet.cell(r, a.column);
      const score = parseScore(cell, a.deficit, shares.has(a.column));
      if (score.ok) {
        if ("deficit" in score) {
          issues.push({...cellPlace(r, a.column, school, cell), severity: "warning", kind: "diagnostics/deficit-result-mismatch",
            details: {deficit: score.deficit, result: score.result, area: a.area.label}});
        }
        results.push({area: a.area.code, result: score.result, column: a.column});
      } else if (score.reason !== "blank") {
        const kind = ({"not-a-percent": "diagnostics/not-a-percent", "out-of-range": "diagnostics/out-of-range",
          "formula-no-result": "diagnostics/formula-no-result", error: "diagnostics/excel-error"} as const)[score.reason];
        issues.push({...cellPlace(r, a.column, school, cell), severity: "error", kind, expected: "процент от 0 до 100",
          details: {area: a.area.label, deficit: a.deficit}});
      }
    }
    if (!results.length) {
      issues.push({...at, severity: "warning", kind: "diagnostics/no-results", row: r, column: roles.name, school});
      continue;
    }
    const id = optional(r, roles.id);
    rows.push({sheet: sheet.name, row: r, wave, municipality, school, fullName: name, nameKey: personKey(name),
      externalId: id === null ? null : id.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, ""), position: optional(r, roles.position), subject: optional(r, roles.subject),
      experience: optional(r, roles.experience), results, ambiguous: false});
  }
  if (missingWave > 0) {
    issues.push({...at, severity: "error", kind: "diagnostics/no-wave", details: {rows: missingWave}});
  }
}

/**
 * Two rows of one wave and school that may be one person or two: the same ID, or the same name
 * where at least one has no ID. Neither is matched across waves (issue 4 §1: never merged silently).
 */
function markAmbiguous(rows: TeacherRow[], issues: IssueFacts[], file: string): void {
  const groups = new Map<string, TeacherRow[]>();
  const keys = new Map<string, string>();
  const add = (key: string, row: TeacherRow) => { const g = groups.get(key); if (g) g.push(row); else groups.set(key, [row]); };
  for (const row of rows) {
    const place = `${row.wave}|${cachedKey(keys, row.municipality)}|${cachedKey(keys, row.school)}`;
    add(`${place}|name|${row.nameKey}`, row);
    if (row.externalId) add(`${place}|id|${row.externalId}`, row);
  }
  const flagged = new Map<TeacherRow, TeacherRow[]>();
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const byId = key.includes("|id|");
    for (const row of group) {
      const others = group.filter((o) => o !== row && (byId || !row.externalId || !o.externalId || o.externalId === row.externalId));
      if (!others.length) continue;
      const list = flagged.get(row) ?? [];
      for (const o of others) if (!list.includes(o)) list.push(o);
      flagged.set(row, list);
    }
  }
  for (const [row, others] of flagged) {
    row.ambiguous = true;
    issues.push({file, sheet: row.sheet, row: row.row, severity: "warning", kind: "diagnostics/ambiguous-teacher",
      school: row.school, details: {rows: others.map((o) => o.sheet === row.sheet ? `${o.row}` : `${o.row} (лист «${o.sheet}»)`)}});
  }
}

export function parseDiagnostics(workbook: Workbook, context: ParseContext, config: AreasConfig): Parsed<DiagnosticsData> {
  const issues: IssueFacts[] = [];
  const rows: TeacherRow[] = [];
  const sheetYears: Record<string, number | null> = {};
  let tables = 0;
  for (const sheet of workbook.sheets) {
    const header = findHeader(sheet, config);
    if (!header) continue;
    tables++;
    parseSheet(sheet, header, context, issues, rows, sheetYears);
  }
  if (tables === 0) {
    issues.push({file: context.file, severity: "error", kind: "diagnostics/no-table",
      details: {areas: config.areas.map((a) => a.label)}});
    return {rejected: true, issues, data: {rows, sheetYears}};
  }
  markAmbiguous(rows, issues, context.file);
  if (rows.length === 0) {
    issues.push({file: context.file, severity: "error", kind: "diagnostics/no-rows"});
    return {rejected: true, issues, data: {rows, sheetYears}};
  }
  // Once per file: the sheets whose rows no school year report will count.
  const undated = Object.keys(sheetYears).filter((s) => sheetYears[s] === null && rows.some((r) => r.sheet === s));
  if (undated.length) {
    issues.push({file: context.file, sheet: undated.length === 1 ? undated[0]! : null, severity: "info", kind: "diagnostics/no-school-year",
      details: {sheets: undated}});
  }
  const areas = new Set(rows.flatMap((r) => r.results.map((x) => x.area)));
  return {rejected: false, issues, data: {rows, sheetYears}, stats: {
    rows: rows.length,
    entry: rows.filter((r) => r.wave === "entry").length,
    exit: rows.filter((r) => r.wave === "exit").length,
    areas: areas.size,
    results: rows.reduce((s, r) => s + r.results.length, 0)
  }};
}
