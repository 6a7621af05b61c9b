// Finds a diagnostics table on a sheet by its header text, never by position: the row naming at
// least one competence area, with the rows above it that belong to the header (a merged group
// title «Результаты диагностики, %» over the areas, «ФИО» merged down two rows …).
import {normalizeKey} from "../../lib/normalizeText.ts";
import type {Sheet} from "../xlsx/workbook.ts";
import {matchArea, type AreaDef, type AreasConfig} from "./areas.ts";

export type Role = "name" | "school" | "municipality" | "position" | "subject" | "experience" | "id" | "wave";

export interface AreaColumn {
  column: number;
  area: AreaDef;
  /** The header says «дефицит»: the column holds deficits, result = 100 − value. */
  deficit: boolean;
  header: string;
}

export interface TableHeader {
  /** The header's last row; data start below `dataStart`. */
  headerRow: number;
  dataStart: number;
  /** Rows above the header (titles): where a wave may be named. */
  titleText: string;
  roles: Partial<Record<Role, number>>;
  areas: AreaColumn[];
  /** Area columns dropped because another column already gives that area. */
  duplicateAreas: AreaColumn[];
}

const SCAN_ROWS = 40;

const ROLE_PATTERNS: Array<[Role, RegExp]> = [
  ["wave", /^(этап|волна|вид диагностики|диагностика$|этап диагностики|тип диагностики)/],
  ["id", /^(id|ид|код|идентификатор|табельный|личный (номер|код)|уникальный)/],
  ["name", /(^|[^а-я])(фио|ф\. ?и\. ?о|фамилия)|^педагог$|^(учитель|педагог|работник)( |$)/],
  ["municipality", /(муниципал|район|^мо$|^мр$|округ|^город)/],
  ["school", /((^| )оо($| |,)|образовательн\S* (организац|учрежден)|^школа|^оу$|^учреждение|^организация|место работы)/],
  ["position", /должност/],
  ["subject", /^(преподаваем\S* |учебн\S* )?(предмет|дисциплин)(ы|а)?($|[ ,(])/],
  ["experience", /стаж/]
];

function roleOf(key: string): Role | null {
  for (const [role, re] of ROLE_PATTERNS) if (re.test(key)) return role;
  return null;
}

/** Text of the cell or of the merged range that covers it. */
function masterText(sheet: Sheet, row: number, column: number): string {
  const m = sheet.mergeAt(row, column);
  return m ? sheet.text(m.top, m.left) : sheet.text(row, column);
}

function areaColumnsOf(sheet: Sheet, row: number, config: AreasConfig, width: number): number {
  let n = 0;
  for (let c = 1; c <= width; c++) {
    const t = sheet.text(row, c);
    if (t && t.length < 200 && matchArea(t, config) && !roleOf(normalizeKey(t))) n++;
  }
  return n;
}

/** Finds the header; null when the sheet has no row naming an area next to a name column. */
export function findHeader(sheet: Sheet, config: AreasConfig): TableHeader | null {
  const last = Math.min(sheet.rowCount, SCAN_ROWS);
  // The widest of the first rows: columnCount would walk every row of a 100,000-row sheet.
  let width = 0;
  for (let r = 1; r <= last; r++) width = Math.max(width, sheet.rowLength(r));
  for (const m of sheet.merges) if (m.top <= last && m.right > width) width = m.right;
  width = Math.min(width, 200);
  for (let r = 1; r <= last; r++) {
    if (areaColumnsOf(sheet, r, config, width) === 0) continue;
    // Header rows above: each holds at least two non-empty cells (a lone title line does not).
    let top = r;
    while (top > 1 && top > r - 2) {
      const above = top - 1;
      let filled = 0;
      for (let c = 1; c <= width; c++) if (sheet.text(above, c) !== "" && !sheet.isMergedFollower(above, c)) filled++;
      if (filled < 2) break;
      top = above;
    }
    const roles: Partial<Record<Role, number>> = {};
    const areas: AreaColumn[] = [], duplicateAreas: AreaColumn[] = [];
    let dataStart = r + 1;
    for (let c = 1; c <= width; c++) {
      const parts: string[] = [];
      for (let h = top; h <= r; h++) {
        const m = sheet.mergeAt(h, c);
        if (m && m.bottom + 1 > dataStart) dataStart = m.bottom + 1;
        const t = masterText(sheet, h, c);
        if (t && parts[parts.length - 1] !== t) parts.push(t);
      }
      if (!parts.length) continue;
      const header = parts.join(" ");
      const own = normalizeKey(parts[parts.length - 1]!);
      const role = roleOf(own) ?? (parts.length > 1 ? roleOf(normalizeKey(parts[0]!)) : null);
      const area = role ? null : matchArea(parts[parts.length - 1]!, config);
      if (area) {
        const col: AreaColumn = {column: c, area, deficit: normalizeKey(header).includes("дефицит"), header};
        const prior = areas.findIndex((a) => a.area.code === area.code);
        if (prior < 0) areas.push(col);
        // Both a result and a deficit column for one area: the result is the measurement.
        else if (areas[prior]!.deficit && !col.deficit) { duplicateAreas.push(areas[prior]!); areas[prior] = col; }
        else duplicateAreas.push(col);
      } else if (role && roles[role] === undefined) {
        roles[role] = c;
      }
    }
    if (roles.name === undefined) continue;
    const titles: string[] = [];
    for (let t = 1; t < top; t++) {
      for (let c = 1; c <= width; c++) if (!sheet.isMergedFollower(t, c) && sheet.text(t, c)) titles.push(sheet.text(t, c));
    }
    return {headerRow: r, dataStart, titleText: titles.join(" "), roles, areas, duplicateAreas};
  }
  return null;
}
