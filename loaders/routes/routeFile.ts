// Individual routes (ИОМ, seed 001, Приложение № 1) as they come back filled: block 5, the road
// map, with its completion marks. Two layouts: a route in the seed's form (one teacher per sheet,
// named in the title lines above the road map: «Ф.И.О. педагогического работника», school,
// municipality), or a list of many teachers' road maps (columns «ФИО педагога», «ОО» beside the
// activities). Both tables of block 5 are read: the programmes («Название программы») and the
// other activities («Содержание работы (мероприятия)»). Pure: every doubtful cell becomes an issue.
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {collapseSpaces, personKey} from "../../lib/normalizeText.ts";
import {academicYear} from "../../lib/academicYear.ts";
import type {AreasConfig} from "../diagnostics/areas.ts";
import {linesAbove, titleFacts} from "../effectiveness/common.ts";
import {isoDate, parseDateText} from "../cells/parseDate.ts";
import {areasIn} from "./areasIn.ts";
import {parseHours, parseMark, plannedDates, type Mark} from "./cells.ts";
import {findHeaders, headerText, sheetWidth, type TableHeader} from "./header.ts";

export type RouteRole = "no" | "name" | "school" | "municipality" | "id" | "kind" | "title" | "info" | "hours" | "deficits" | "dates" | "mark";

export const ROUTE_COLUMNS: ReadonlyArray<readonly [RouteRole, RegExp]> = [
  ["no", /^(№|n)( п\/п)?$/],
  ["mark", /^отметка/],
  ["title", /^(название|наименование|тема) (программы|мероприятия|курса)|^(название|тема)$|^содержание работы|^программа|^мероприятие/],
  ["deficits", /дефицит/],
  ["name", /(^| )фио( |$)|фамилия|^педагог$|^учитель$/],
  ["id", /^(id|ид|код|идентификатор)( педагога)?$/],
  ["school", /^оо$|образовательн\S* (организац|учрежден)|^школа$|^место работы/],
  ["municipality", /муниципал|район|^мо$/],
  ["kind", /^(вид|тип|форма)( (мероприятия|программы|обучения))?$/],
  ["info", /дополнительная информация|организатор|провайдер|место (прохождения|проведения)/],
  ["hours", /(кол-во|количество) часов|^часы|^часов/],
  ["dates", /^срок|^дата проведения|^даты/]
];

export interface RouteActivity {
  sheet: string;
  row: number;
  block: "dpo" | "event";
  title: string;
  provider: string | null;
  hours: number | null;
  deficitsText: string | null;
  areas: string[];
  plannedText: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  markText: string | null;
  mark: Mark;
}

export interface RouteRecord {
  sheet: string;
  row: number;
  municipality: string;
  school: string;
  fullName: string;
  nameKey: string;
  externalId: string | null;
  position: string | null;
  start: string | null;
  end: string | null;
  developed: string | null;
  activities: RouteActivity[];
}

export interface RoutesData {
  routes: RouteRecord[];
}

const acceptRoute = (h: TableHeader<RouteRole>) => h.columns.title !== undefined && h.columns.mark !== undefined
  && (h.columns.deficits !== undefined || h.columns.dates !== undefined || h.columns.hours !== undefined);

/** Every road-map table of every sheet. */
export function routeTables(workbook: Workbook): Array<{sheet: Sheet; headers: Array<TableHeader<RouteRole>>}> {
  const out: Array<{sheet: Sheet; headers: Array<TableHeader<RouteRole>>}> = [];
  for (const sheet of workbook.sheets) {
    const headers = findHeaders(sheet, ROUTE_COLUMNS, acceptRoute);
    if (headers.length) out.push({sheet, headers});
  }
  return out;
}

/** Lines that end a road-map table in the seed's form. */
const STOP = /^(дата следующей|дата разработки|координатор|педагогический работник|тьютор|блок \d|другие формы|примеры|продолжительность|\*?примечание|согласовано|утверждаю|начало|окончание)/;

const LABELS: Array<[keyof Identity, RegExp]> = [
  ["fullName", /^(фио|фамилия,? имя,? отчество)( (педагогического работника|педагога|учителя|наставляемого))?:?$/],
  ["school", /^(наименование образовательной организации|образовательная организация|место работы( \(полное наименование организации\))?|оо):?$/],
  ["municipality", /^(наименование муниципалитета|муниципалитет|муниципальный район|район|мо):?$/],
  ["position", /^должность:?$/],
  ["externalId", /^(id|код|идентификатор)( педагога)?:?$/],
  ["developed", /^дата разработки иом:?$/]
];

interface Identity {
  fullName: string; school: string; municipality: string; position: string; externalId: string; developed: string;
}

/** A value as written on a form line: underscores, «…» and «МО «… район»» decoration dropped. */
function cleanValue(text: string): string {
  return collapseSpaces(text.replace(/_+/g, " ")).replace(/^[:\s]+/, "");
}

/** The seed's captions under a form line (the value is on the line above). */
const CAPTION = /^(фио педагогического работника|наименование образовательной организации|наименование муниципалитета|должность)$/;

/** A filled value, not an empty form line such as «МБОУ «»» or «МО « район»». */
function meaningful(v: string): boolean {
  return /[а-яёa-z]{3,}/i.test(v.replace(/^(мбоу|мкоу|маоу|моу|боу|гбоу|мо|мр)\s*/i, "").replace(/(район|муниципальный)/gi, ""));
}

function municipalityName(text: string): string {
  return collapseSpaces(text.replace(/^(мо|мр|муниципальн\S+ (район|образование|округ))\s*/i, "").replace(/[«»"]/g, "")
    .replace(/\s+(муниципальн\S+\s+)?(район|округ)$/i, ""));
}

/**
 * The route's teacher from the form lines above its first table (seed 001's title), its dates
 * («Начало», «Окончание», «Дата разработки ИОМ») from anywhere on the sheet.
 */
function readIdentity(sheet: Sheet, before: number): {identity: Partial<Identity>; start: string | null; end: string | null} {
  const width = sheetWidth(sheet);
  const identity: Partial<Identity> = {};
  let start: string | null = null, end: string | null = null;
  const dateOf = (t: string) => {
    const cleaned = collapseSpaces(t.replace(/[«»"_]/g, " ").replace(/^(начало|окончание)\s*:?\s*/i, ""));
    const d = parseDateText(cleaned);
    return d.ok ? isoDate(d.date) : null;
  };
  // The form's lines are within its first few hundred rows; a hostile sheet's 50,000 rows are not read for them.
  for (let r = 1; r <= Math.min(sheet.rowCount, 500); r++) {
    for (let c = 1; c <= width; c++) {
      if (sheet.isMergedFollower(r, c)) continue;
      const raw = sheet.text(r, c);
      if (!raw) continue;
      const key = headerText(raw.replace(/_+/g, " "));
      if (/^начало(?![а-яё])/.test(key) && start === null) start = dateOf(raw) ?? dateOf(nextText(sheet, r, c, width));
      if (/^окончание(?![а-яё])/.test(key) && end === null) end = dateOf(raw) ?? dateOf(nextText(sheet, r, c, width));
      for (const [field, re] of LABELS) {
        if (identity[field] || !re.test(key) || (r >= before && field !== "developed")) continue;
        // The value beside the label, else (a caption alone on its line) the form line above it:
        // the seed writes «______» over «Ф.И.О. педагогического работника».
        let v = cleanValue(nextText(sheet, r, c, width));
        if (!v && r > 1 && CAPTION.test(key) && rowText(sheet, r, width) === raw) {
          const above = cleanValue(rowText(sheet, r - 1, width));
          if (!/^(блок|индивидуальный образовательный маршрут)/i.test(above)) v = above;
        }
        if (v && (field === "developed" || field === "externalId" || meaningful(v)) && !LABELS.some(([, re2]) => re2.test(headerText(v)))) identity[field] = v;
      }
    }
  }
  return {identity, start, end};
}

function nextText(sheet: Sheet, r: number, c: number, width: number): string {
  for (let k = c + 1; k <= width; k++) {
    if (sheet.isMergedFollower(r, k)) continue;
    const t = sheet.text(r, k);
    if (t) return t;
  }
  return "";
}

function rowText(sheet: Sheet, r: number, width: number): string {
  const parts: string[] = [];
  for (let c = 1; c <= width; c++) if (!sheet.isMergedFollower(r, c) && sheet.text(r, c)) parts.push(sheet.text(r, c));
  return parts.length === 1 ? parts[0]! : "";
}

/** The school year a month written without a year belongs to: the route's, else one its dates name. */
function routeSchoolYear(start: string | null, developed: string | null, titleYear: number | null): number | null {
  const d = start ?? developed;
  return d ? academicYear(new Date(`${d}T00:00:00Z`)) : titleYear;
}

interface TableContext {
  sheet: Sheet;
  header: TableHeader<RouteRole>;
  /** Last row the table may use (the next table's header − 1). */
  last: number;
  ctx: ParseContext;
  config: AreasConfig;
  schoolYear: number | null;
  issues: IssueFacts[];
}

const EVENT_HEADER = /содержание работы|мероприят|вебинар|семинар/;

/** One activity row; null for rows that are not activities (numbering, blank titles). */
function readActivity(t: TableContext, r: number, school: string | null): RouteActivity | null {
  const {sheet, header: h, ctx, config} = t;
  const col = h.columns;
  const at = {file: ctx.file, sheet: sheet.name, row: r, school};
  const text = (c: number | undefined) => (c === undefined ? "" : collapseSpaces(sheet.text(r, c)));
  const title = text(col.title);
  if (!title || /^\d+[.)]?$/.test(title)) return null;
  const hr = parseHours(col.hours === undefined ? undefined : sheet.cell(r, col.hours));
  if (!hr.ok) t.issues.push({...at, column: col.hours, severity: "warning", kind: "routes/bad-hours", value: text(col.hours), expected: "число часов, например 36"});
  const hours = hr.ok ? hr.hours : null;
  const deficitsText = text(col.deficits);
  const areas = areasIn(deficitsText, config);
  if (deficitsText && !areas.length) {
    t.issues.push({...at, column: col.deficits, severity: "info", kind: "routes/deficits-unmatched", value: deficitsText,
      details: {areas: config.areas.map((a) => a.label)}});
  }
  let plannedStart: string | null = null, plannedEnd: string | null = null;
  if (col.dates !== undefined && text(col.dates)) {
    const p = plannedDates(sheet.cell(r, col.dates), t.schoolYear);
    if (p.ok) { plannedStart = p.start; plannedEnd = p.end; }
    else t.issues.push({...at, column: col.dates, severity: "warning", kind: p.reason === "no-year" ? "routes/planned-no-year" : "routes/bad-dates",
      value: text(col.dates), details: {reason: p.reason}});
  }
  const markCell = sheet.cell(r, col.mark!);
  const mark = parseMark(markCell);
  if (mark.unreadable) {
    t.issues.push({...at, column: col.mark, severity: "warning", kind: "routes/mark-unreadable", value: text(col.mark)});
  }
  const kindText = text(col.kind).toLowerCase();
  const headerTitle = h.texts.get(col.title!) ?? "";
  const block: "dpo" | "event" = kindText ? (/дпо|повышени|переподготов|^программа/.test(kindText) ? "dpo" : "event")
    : EVENT_HEADER.test(headerTitle) && !/программ/.test(headerTitle) ? "event"
    : /программ/.test(headerTitle) && !/мероприят/.test(headerTitle) ? "dpo" : hours !== null ? "dpo" : "event";
  return {sheet: sheet.name, row: r, block, title, provider: text(col.info) || null, hours, deficitsText: deficitsText || null, areas,
    plannedText: text(col.dates) || null, plannedStart, plannedEnd, markText: text(col.mark) || null, mark};
}

function tableEnd(sheet: Sheet, from: number, last: number): number {
  const width = sheetWidth(sheet);
  for (let r = from; r <= last; r++) {
    const first = rowText(sheet, r, width) || sheet.text(r, 1);
    if (first && STOP.test(headerText(first))) return r - 1;
  }
  return last;
}

function normaliseId(id: string | undefined): string | null {
  return id ? id.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, "") || null : null;
}

/** A sheet in the seed's form: one teacher, named above the road map; both tables are theirs. */
function parseFormSheet(sheet: Sheet, headers: Array<TableHeader<RouteRole>>, ctx: ParseContext, config: AreasConfig,
  issues: IssueFacts[], routes: RouteRecord[]): void {
  const {identity, start, end} = readIdentity(sheet, headers[0]!.row);
  const at = {file: ctx.file, sheet: sheet.name};
  if (!identity.fullName) { issues.push({...at, row: headers[0]!.row, severity: "error", kind: "routes/no-teacher"}); return; }
  if (!identity.school) { issues.push({...at, row: headers[0]!.row, severity: "error", kind: "routes/no-school", details: {teacher: identity.fullName}}); return; }
  const developedRaw = identity.developed ? parseDateText(identity.developed) : null;
  const developed = developedRaw?.ok ? isoDate(developedRaw.date) : null;
  const titleYear = titleFacts([...linesAbove(sheet, headers[0]!.row)]).year;
  const activities: RouteActivity[] = [];
  headers.forEach((h, i) => {
    const last = tableEnd(sheet, h.dataStart, i + 1 < headers.length ? headers[i + 1]!.row - 1 : sheet.rowCount);
    const t: TableContext = {sheet, header: h, last, ctx, config, schoolYear: routeSchoolYear(start, developed, titleYear), issues};
    for (let r = h.dataStart; r <= last; r++) {
      if (sheet.isBlankRow(r)) continue;
      const a = readActivity(t, r, identity.school!);
      if (a) activities.push(a);
    }
  });
  routes.push({sheet: sheet.name, row: headers[0]!.row, municipality: identity.municipality ? municipalityName(identity.municipality) : "",
    school: identity.school, fullName: identity.fullName, nameKey: personKey(identity.fullName), externalId: normaliseId(identity.externalId),
    position: identity.position ?? null, start, end, developed, activities});
}

/** A list of many teachers' road maps: the teacher, school and district in columns, written once for their block. */
function parseListSheet(sheet: Sheet, h: TableHeader<RouteRole>, last: number, ctx: ParseContext, config: AreasConfig,
  issues: IssueFacts[], routes: RouteRecord[]): void {
  const col = h.columns;
  const text = (r: number, c: number | undefined) => {
    if (c === undefined) return "";
    const m = sheet.mergeAt(r, c);
    return collapseSpaces(m ? sheet.text(m.top, m.left) : sheet.text(r, c));
  };
  const titleYear = titleFacts([...linesAbove(sheet, h.row), sheet.name]).year;
  let name = "", school = "", municipality = "", id = "";
  let current: RouteRecord | null = null;
  const byKey = new Map<string, RouteRecord>();
  const at = {file: ctx.file, sheet: sheet.name};
  for (let r = h.dataStart; r <= last; r++) {
    if (sheet.isBlankRow(r)) continue;
    const m = text(r, col.municipality), s = text(r, col.school), n = text(r, col.name), i = text(r, col.id);
    if (m) { if (m !== municipality) school = ""; municipality = m; }
    if (s) school = s;
    if (n) { name = n; id = i; current = null; }
    if (/^(итого|всего)/i.test(n)) continue;
    if (!name) { if (text(r, col.title)) issues.push({...at, row: r, column: col.name, severity: "error", kind: "routes/no-teacher"}); continue; }
    if (!school) { issues.push({...at, row: r, column: col.school, severity: "error", kind: "routes/no-school", details: {teacher: name}}); continue; }
    if (!current) {
      const key = `${municipality}|${school}|${personKey(name)}`;
      const earlier = byKey.get(key);
      if (earlier) {
        current = earlier;
      } else {
        current = {sheet: sheet.name, row: r, municipality, school, fullName: name, nameKey: personKey(name), externalId: normaliseId(id),
          position: null, start: null, end: null, developed: null, activities: []};
        byKey.set(key, current);
        routes.push(current);
      }
    }
    const t: TableContext = {sheet, header: h, last, ctx, config, schoolYear: titleYear, issues};
    const a = readActivity(t, r, school);
    if (a) current.activities.push(a);
  }
}

/**
 * Months written without a year in a list take the school year of the route's other dates: a
 * second pass once every route's full dates are known.
 */
function yearFromDates(route: RouteRecord): number | null {
  const full = route.activities.map((a) => a.plannedStart).filter((d): d is string => d !== null).sort()[0];
  return full ? academicYear(new Date(`${full}T00:00:00Z`)) : null;
}

export function parseRoutes(workbook: Workbook, ctx: ParseContext, config: AreasConfig): Parsed<RoutesData> {
  const issues: IssueFacts[] = [];
  const routes: RouteRecord[] = [];
  const tables = routeTables(workbook);
  if (!tables.length) {
    issues.push({file: ctx.file, severity: "error", kind: "routes/no-table"});
    return {rejected: true, issues, data: {routes}};
  }
  for (const {sheet, headers} of tables) {
    const list = headers.filter((h) => h.columns.name !== undefined);
    if (list.length) {
      list.forEach((h, i) => parseListSheet(sheet, h, i + 1 < list.length ? list[i + 1]!.row - 1 : sheet.rowCount, ctx, config, issues, routes));
    } else {
      parseFormSheet(sheet, headers, ctx, config, issues, routes);
    }
  }
  // A list's months without a year, placed by the route's own dated activities.
  const pending = issues.filter((i) => i.kind === "routes/planned-no-year");
  for (const issue of pending) {
    const route = routes.find((r) => r.activities.some((a) => a.sheet === issue.sheet && a.row === issue.row));
    const activity = route?.activities.find((a) => a.sheet === issue.sheet && a.row === issue.row);
    const year = route ? yearFromDates(route) : null;
    if (!route || !activity || year === null) continue;
    const sheet = workbook.sheets.find((s) => s.name === issue.sheet)!;
    const p = plannedDates(sheet.cell(issue.row!, issue.column!), year);
    if (!p.ok) continue;
    activity.plannedStart = p.start; activity.plannedEnd = p.end;
    issues.splice(issues.indexOf(issue), 1);
  }
  // The same teacher twice: the later route is kept.
  const seen = new Map<string, RouteRecord>();
  for (const r of routes) {
    const key = `${r.municipality}|${r.school}|${r.nameKey}`;
    const prior = seen.get(key);
    if (prior && prior !== r) {
      issues.push({file: ctx.file, sheet: r.sheet, row: r.row, severity: "warning", kind: "routes/duplicate-teacher", school: r.school,
        details: {earlier: `${prior.row}${prior.sheet !== r.sheet ? ` (лист «${prior.sheet}»)` : ""}`}});
    }
    seen.set(key, r);
  }
  const kept = [...seen.values()];
  for (const r of kept) {
    if (!r.activities.length) issues.push({file: ctx.file, sheet: r.sheet, row: r.row, severity: "warning", kind: "routes/no-activities", school: r.school});
  }
  if (!kept.length) {
    issues.push({file: ctx.file, severity: "error", kind: "routes/no-routes"});
    return {rejected: true, issues, data: {routes: kept}};
  }
  const activities = kept.flatMap((r) => r.activities);
  return {rejected: false, issues, data: {routes: kept}, stats: {routes: kept.length, activities: activities.length,
    done: activities.filter((a) => a.mark.status === "done").length}};
}
