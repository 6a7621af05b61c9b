// The region's catalogue of activities for individual routes (programmes of further training,
// webinars, seminars …): programme, provider, hours, the areas it addresses, format, dates. Kept as
// data (issue 14 §1), loaded like any file: recognised by its headers on any sheet. Pure.
import type {ParseContext, Parsed} from "../fileKind.ts";
import type {IssueFacts} from "../issues.ts";
import type {Sheet, Workbook} from "../xlsx/workbook.ts";
import {collapseSpaces} from "../../lib/normalizeText.ts";
import type {AreasConfig} from "../diagnostics/areas.ts";
import {linesAbove, titleFacts} from "../effectiveness/common.ts";
import {areasIn} from "./areasIn.ts";
import {parseHours, plannedDates} from "./cells.ts";
import {findHeaders, type TableHeader} from "./header.ts";

export type CatalogueRole = "no" | "title" | "kind" | "provider" | "hours" | "areas" | "format" | "start" | "end" | "dates" | "url" | "mark";

export const CATALOGUE_COLUMNS: ReadonlyArray<readonly [CatalogueRole, RegExp]> = [
  ["no", /^(№|n|номер)( п\/п)?$/],
  ["mark", /^отметка/],
  ["title", /^(название|наименование|тема) (программы|мероприятия|курса)|^(название|тема)$|^(программа|мероприятие|содержание)/],
  ["areas", /област\S* (компетенц|дефицит)|дефицит|направлен\S* на/],
  ["kind", /^(вид|тип)( (программы|мероприятия|обучения|активности))?$/],
  ["hours", /(кол-во|количество|объ[её]м) (часов|ч)|^часы|^часов|^объ[её]м/],
  ["format", /^формат|^форма( (проведения|обучения|реализации))?$/],
  ["start", /^(начало|дата начала|с)$/],
  ["end", /^(окончание|дата окончания|по)$/],
  ["dates", /^(сроки|срок|даты|дата)( (проведения|прохождения|реализации))?$/],
  ["url", /ссылка|^адрес|url|сайт/],
  ["provider", /организатор|провайдер|организация|место (прохождения|проведения)|кто проводит|учреждение/]
];

export interface CatalogueItem {
  no: number;
  sheet: string;
  row: number;
  kind: "dpo" | "event";
  title: string;
  provider: string | null;
  hours: number | null;
  areas: string[];
  areasText: string | null;
  format: string | null;
  /** ISO dates; null when not given or unreadable. */
  start: string | null;
  end: string | null;
  datesText: string | null;
  url: string | null;
}

export interface CatalogueData {
  items: CatalogueItem[];
}

const acceptCatalogue = (h: TableHeader<CatalogueRole>) =>
  h.columns.title !== undefined && h.columns.areas !== undefined && (h.columns.hours !== undefined || h.columns.provider !== undefined)
  && h.columns.mark === undefined;

/** The catalogue table of each sheet that has one. */
export function catalogueTables(workbook: Workbook): Array<{sheet: Sheet; header: TableHeader<CatalogueRole>}> {
  const out: Array<{sheet: Sheet; header: TableHeader<CatalogueRole>}> = [];
  for (const sheet of workbook.sheets) {
    const header = findHeaders(sheet, CATALOGUE_COLUMNS, acceptCatalogue, 40)[0];
    if (header) out.push({sheet, header});
  }
  return out;
}

const DPO = /дпо|повышени\S* квалификац|переподготов|курс\S* (пк|повышения)|^программа/;

/** «программа ДПО» in the kind column; without one, an activity with hours is a programme. */
function kindOf(kindText: string, hours: number | null): "dpo" | "event" {
  if (kindText) return DPO.test(kindText.toLowerCase()) ? "dpo" : "event";
  return hours !== null ? "dpo" : "event";
}

function parseSheet(sheet: Sheet, h: TableHeader<CatalogueRole>, ctx: ParseContext, config: AreasConfig,
  issues: IssueFacts[], items: CatalogueItem[]): void {
  const at = {file: ctx.file, sheet: sheet.name};
  const col = h.columns;
  const text = (r: number, c: number | undefined) => (c === undefined ? "" : collapseSpaces(sheet.text(r, c)));
  const year = titleFacts([...linesAbove(sheet, h.row), sheet.name]).year;
  for (let r = h.dataStart; r <= sheet.rowCount; r++) {
    if (sheet.isBlankRow(r)) continue;
    const title = text(r, col.title);
    if (!title || /^\d+$/.test(title) || /^(итого|всего)/i.test(title)) continue;
    const hoursCell = col.hours === undefined ? undefined : sheet.cell(r, col.hours);
    const hr = parseHours(hoursCell);
    if (!hr.ok) {
      issues.push({...at, row: r, column: col.hours, severity: "warning", kind: "catalogue/bad-hours", value: text(r, col.hours),
        expected: "число часов, например 36"});
    }
    const hours = hr.ok ? hr.hours : null;
    const areasText = text(r, col.areas);
    const areas = areasIn(areasText, config);
    if (!areas.length) {
      issues.push({...at, row: r, column: col.areas, severity: "warning", kind: "catalogue/no-areas", value: areasText || null,
        details: {areas: config.areas.map((a) => a.label)}});
    }
    let start: string | null = null, end: string | null = null, endOfStart: string | null = null;
    const dateCells: Array<[number | undefined, "start" | "end" | "both"]> = [[col.start, "start"], [col.end, "end"], [col.dates, "both"]];
    for (const [c, which] of dateCells) {
      if (c === undefined || !text(r, c)) continue;
      const d = plannedDates(sheet.cell(r, c), year);
      if (!d.ok) {
        issues.push({...at, row: r, column: c, severity: "warning", kind: "catalogue/bad-dates", value: text(r, c), details: {reason: d.reason}});
        continue;
      }
      if (which !== "end") start ??= d.start;
      if (which !== "start") end = which === "both" ? end ?? d.end : d.end;
      // «ноябрь – декабрь» in the start column is a whole period.
      if (which === "start" && d.end !== d.start) endOfStart = d.end;
    }
    end ??= endOfStart;
    items.push({no: items.length + 1, sheet: sheet.name, row: r, kind: kindOf(text(r, col.kind), hours), title,
      provider: text(r, col.provider) || null, hours, areas, areasText: areasText || null, format: text(r, col.format) || null,
      start, end, datesText: [col.start, col.end, col.dates].map((c) => text(r, c)).filter(Boolean).join(" – ") || null,
      url: text(r, col.url) || null});
  }
}

export function parseCatalogue(workbook: Workbook, ctx: ParseContext, config: AreasConfig): Parsed<CatalogueData> {
  const issues: IssueFacts[] = [];
  const items: CatalogueItem[] = [];
  const tables = catalogueTables(workbook);
  if (!tables.length) {
    issues.push({file: ctx.file, severity: "error", kind: "catalogue/no-table"});
    return {rejected: true, issues, data: {items}};
  }
  for (const {sheet, header} of tables) parseSheet(sheet, header, ctx, config, issues, items);
  if (!items.length) {
    issues.push({file: ctx.file, severity: "error", kind: "catalogue/no-rows"});
    return {rejected: true, issues, data: {items}};
  }
  return {rejected: false, issues, data: {items}, stats: {items: items.length, programmes: items.filter((i) => i.kind === "dpo").length}};
}
