// Charts for the pages: each a function (data, {width, ...}) returning a node; they fetch
// nothing and compute no scores (the figures come from reports/ through the data loaders).
import * as Plot from "@observablehq/plot";
import {formatNumber, formatPercent, formatPeriodShort, formatSigned} from "./format.js";

export const COLORS = {met: "#2f8f46", missed: "#d0533f", neutral: "#4c78a8", entry: "#d0533f", exit: "#2f8f46", muted: "#9e9e9e"};

export interface TargetBar {
  label: string;
  /** Percent, null when unknown or hidden. */
  pct: number | null;
  /** What the label says instead of a figure («< 5», «не отчитались»). */
  note?: string;
  /** Over incomplete data the bar is grey: the target is not judged. */
  incomplete?: boolean;
}

/** Horizontal bars of percentages with a dashed target line; green at or above it, red below. */
export function targetBars(rows: TargetBar[], {width, target, title}: {width: number; target: number; title?: string}): Element {
  const max = Math.max(100, ...rows.map((r) => r.pct ?? 0));
  const text = (r: TargetBar) => r.pct === null ? r.note ?? "нет данных" : formatPercent(r.pct, 1, target);
  return Plot.plot({
    // A label column never wider than 40 % of the chart (a narrow card while the page resizes would draw negative bars).
    width, height: 40 + rows.length * 34, marginLeft: Math.min(260, Math.max(60, width * 0.4), 12 + 7 * Math.max(...rows.map((r) => r.label.length))),
    marginRight: 20, marginTop: 26, title,
    x: {domain: [0, max], label: "Доля вовлечённых, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: rows.map((r) => r.label)},
    marks: [
      Plot.barX(rows.filter((r) => r.pct !== null), {x: "pct", y: "label",
        fill: (r: TargetBar) => (r.incomplete ? COLORS.muted : r.pct! >= target ? COLORS.met : COLORS.missed)}),
      Plot.ruleX([target], {stroke: "#222", strokeDasharray: "4,3", strokeWidth: 1.5}),
      // Inside the bar's end, over the target line, with a halo of the bar's colour so the line
      // never runs through the figure.
      Plot.text(rows.filter((r) => r.pct !== null && r.pct >= 25), {x: "pct", y: "label", text, dx: -5, textAnchor: "end", fill: "white",
        stroke: (r: TargetBar) => (r.incomplete ? COLORS.muted : r.pct! >= target ? COLORS.met : COLORS.missed), strokeWidth: 4,
        fontSize: 12, fontWeight: "bold"}),
      Plot.text(rows.filter((r) => r.pct === null || r.pct < 25), {x: (r: TargetBar) => r.pct ?? 0, y: "label", text, dx: 5,
        textAnchor: "start", fontSize: 12}),
      Plot.text([target], {x: (d: number) => d, frameAnchor: "top", dy: -2, text: (d: number) => `цель ${formatNumber(d)} %`,
        textAnchor: "middle", fontSize: 11, lineAnchor: "bottom"}),
      Plot.ruleX([0])
    ]
  });
}

export interface TrendPoint {
  period: string;
  series: string;
  pct: number | null;
  /** False when the quarter's figure is not over every expected school: drawn hollow, labelled «неполн.». */
  complete?: boolean;
  /** «по 9 из 12 школ». */
  coverage?: string;
}

/** Percentages by quarter, one line per series, with the target as a dashed rule. */
export function trendChart(points: TrendPoint[], {width, target, periods}: {width: number; target: number; periods: string[]}): Element {
  const known = points.filter((p) => p.pct !== null);
  const max = Math.max(100, ...known.map((p) => p.pct!));
  const incomplete = new Set(points.filter((p) => p.complete === false).map((p) => p.period));
  return Plot.plot({
    width, height: 310, marginRight: 130, marginTop: 24, marginBottom: 42,
    x: {domain: periods, label: null, padding: 0.3,
      tickFormat: (p: string) => (incomplete.has(p) ? `${formatPeriodShort(p)}\nнеполн.` : formatPeriodShort(p))},
    y: {domain: [0, max], label: "Доля вовлечённых, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    color: {legend: false},
    marks: [
      Plot.ruleY([target], {stroke: "#222", strokeDasharray: "4,3"}),
      Plot.text([target], {y: (d: number) => d, frameAnchor: "left", dy: -7, dx: 4, text: (d: number) => `цель ${formatNumber(d)} %`, fontSize: 11}),
      Plot.line(known, {x: "period", y: "pct", stroke: "series", strokeWidth: 2}),
      // A quarter whose figure is not over every expected school: a hollow dot.
      ...[true, false].map((whole) => Plot.dot(known.filter((p) => (p.complete !== false) === whole), {x: "period", y: "pct",
        stroke: "series", fill: whole ? "series" : "white", r: 4, strokeWidth: 2, tip: true,
        title: (p: TrendPoint) => `${p.series}\n${formatPeriodShort(p.period)}: ${formatPercent(p.pct, 1, target)}` +
          (whole ? "" : `\nданные неполные: ${p.coverage ?? ""}`)})),
      Plot.text(known, Plot.selectLast({x: "period", y: "pct", z: "series", text: (p: TrendPoint) => `${p.series}: ${formatPercent(p.pct, 1, target)}`,
        dx: 8, textAnchor: "start", fill: "series", fontSize: 11}))
    ]
  });
}

export interface ActualTarget {
  /** The indicator's name, written above its bars. */
  label: string;
  /** The bar's group within the indicator, e.g. the school year «2024/25». */
  group: string;
  actual: number | null;
  target: number | null;
  met: boolean | null;
}

/**
 * Target indicators: per indicator (its name above), one bar per group (year), green when met,
 * red when not, the target as a black tick with its value.
 */
const TITLE_BAND = "\u2002";

export function actualVsTarget(rows: ActualTarget[], {width, groups}: {width: number; groups: string[]}): Element {
  const labels = [...new Set(rows.map((r) => r.label))];
  const status = (r: ActualTarget) => (r.met === null ? "нет данных" : r.met ? "выполнен" : "не выполнен");
  return Plot.plot({
    width, height: 70 + labels.length * (groups.length + 1) * 24, marginLeft: 70, marginRight: 150, marginTop: 30,
    x: {domain: [0, 100], label: "Доля педагогов, %", grid: true, tickFormat: (d: number) => formatNumber(d), axis: "top"},
    fy: {domain: labels, axis: null, padding: 0.05},
    // A blank first band in every facet holds the indicator's name above its bars.
    y: {domain: [TITLE_BAND, ...groups], label: null, paddingInner: 0.15, tickFormat: (g: string) => (g === TITLE_BAND ? "" : g), tickSize: 0},
    color: {domain: ["выполнен", "не выполнен", "нет данных"], range: [COLORS.met, COLORS.missed, COLORS.muted], legend: true},
    marks: [
      Plot.text(labels, {fy: (d: string) => d, y: () => TITLE_BAND, x: 0, dx: -66, textAnchor: "start", text: (d: string) => d,
        fontWeight: "bold", fontSize: 12, lineWidth: Math.max(20, (width - 30) / 12), textOverflow: "ellipsis", title: (d: string) => d}),
      Plot.barX(rows.filter((r) => r.actual !== null), {x: "actual", y: "group", fy: "label", fill: status}),
      Plot.tickX(rows.filter((r) => r.target !== null), {x: "target", y: "group", fy: "label", stroke: "#111", strokeWidth: 2.5}),
      Plot.text(rows, {x: (r: ActualTarget) => Math.max(r.actual ?? 0, r.target ?? 0), y: "group", fy: "label", dx: 6, textAnchor: "start", fontSize: 11,
        text: (r: ActualTarget) => `${formatPercent(r.actual, 1, r.target ?? undefined)}${r.target !== null ? ` · цель ${formatNumber(r.target)} %` : ""}`})
    ]
  });
}

export interface YearBar {
  year: string;
  series: string;
  value: number | null;
  note?: string;
}

/** Values by year, grouped bars per series, an optional dashed target. */
export function yearBars(rows: YearBar[], {width, target, label, height = 260}: {width: number; target?: number; label: string; height?: number}): Element {
  const years = [...new Set(rows.map((r) => r.year))];
  const series = [...new Set(rows.map((r) => r.series))];
  const max = Math.max(10, target ?? 0, ...rows.map((r) => r.value ?? 0)) * 1.15;
  return Plot.plot({
    width, height, marginTop: 28,
    fx: {domain: years, label: null},
    x: {domain: series, axis: null, paddingInner: 0.1},
    y: {domain: [0, max], label, grid: true, tickFormat: (d: number) => formatNumber(d)},
    color: {domain: series, legend: series.length > 1},
    marks: [
      Plot.barY(rows.filter((r) => r.value !== null), {fx: "year", x: "series", y: "value", fill: "series"}),
      Plot.text(rows, {fx: "year", x: "series", y: (r: YearBar) => r.value ?? 0, dy: -7, fontSize: 11,
        text: (r: YearBar) => (r.value === null ? r.note ?? "—" : formatPercent(r.value, 1, target))}),
      ...(target === undefined ? [] : [Plot.ruleY([target], {stroke: "#222", strokeDasharray: "4,3"}),
        Plot.text([target], {y: (d: number) => d, frameAnchor: "right", dy: -7, text: (d: number) => `цель ${formatNumber(d)} %`, fontSize: 11})]),
      Plot.ruleY([0])
    ]
  });
}

/** How many mentors have 0, 1, 2 … mentees, with the limit marked; bars past it red. */
export function loadDistribution(rows: Array<{mentees: number; mentors: number}>, {width, limit}: {width: number; limit: number}): Element {
  const max = Math.max(limit + 1, ...rows.map((r) => r.mentees));
  const domain = Array.from({length: max + 1}, (_, i) => i);
  return Plot.plot({
    width, height: 240, marginTop: 24,
    x: {domain, label: "Наставляемых у наставника", tickFormat: (d: number) => formatNumber(d)},
    y: {label: "Наставников", grid: true, tickFormat: (d: number) => (Number.isInteger(d) ? formatNumber(d) : "")},
    marks: [
      Plot.barY(rows, {x: "mentees", y: "mentors", fill: (r: {mentees: number}) => (r.mentees > limit ? COLORS.missed : COLORS.neutral)}),
      Plot.text(rows, {x: "mentees", y: "mentors", text: (r: {mentors: number}) => formatNumber(r.mentors), dy: -7}),
      Plot.ruleY([0])
    ]
  });
}
