// Charts of the curator's pages (issue 14 §6): deficits everywhere (down is good), scales fitted to
// the data, a tooltip on every mark. Each a function (data, {width, ...}) returning a node; they
// fetch nothing and compute no scores (the figures come from reports/ through the data loaders).
import * as Plot from "@observablehq/plot";
import {formatNumber, formatPercent} from "./format.js";
import {deficitChangeText} from "./deficitChange.js";

export const COLORS = {entry: "#d0533f", exit: "#2f8f46", neutral: "#4c78a8", muted: "#9e9e9e", good: "#2f8f46", bad: "#d0533f"};

/** [lo, hi] around the values, padded and rounded to 5, within 0–100. */
export function fittedDomain(values: Array<number | null | undefined>, pad = 5): [number, number] {
  const known = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
  if (!known.length) return [0, 100];
  const lo = Math.max(0, Math.floor((Math.min(...known) - pad) / 5) * 5), hi = Math.min(100, Math.ceil((Math.max(...known) + pad) / 5) * 5);
  return lo < hi ? [lo, hi] : [Math.max(0, lo - 5), Math.min(100, hi + 5)];
}

export interface DeficitPair {
  label: string;
  /** Mean deficits, %. */
  entry: number | null;
  exit: number | null;
  /** Mean change of the result (exit − entry, points) and its 95 % interval: the deficit falls by as much. */
  change: number | null;
  ci95: [number, number] | null;
  n: number;
}

/**
 * Entry → exit mean deficit per area: an arrow from the entry deficit (red) to the exit one
 * (green); to the left is better. Under it, the 95 % interval of where the exit deficit would fall.
 */
export function deficitDumbbell(rows: DeficitPair[], {width}: {width: number}): Element {
  const shown = rows.filter((r) => r.entry !== null && r.exit !== null);
  const ci = shown.filter((r) => r.ci95 !== null);
  const dots = shown.flatMap((r) => [{label: r.label, wave: "входная", value: r.entry!, r}, {label: r.label, wave: "итоговая", value: r.exit!, r}]);
  const domain = fittedDomain([...shown.flatMap((r) => [r.entry, r.exit]), ...ci.flatMap((r) => [r.entry! - r.ci95![1], r.entry! - r.ci95![0]])]);
  return Plot.plot({
    width, height: 70 + shown.length * 52, marginLeft: 200, marginRight: 40, marginTop: 30,
    x: {domain, label: "← меньше — лучше · средний дефицит, %", labelAnchor: "left", grid: true, tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: shown.map((r) => r.label)},
    color: {domain: ["входная", "итоговая"], range: [COLORS.entry, COLORS.exit], legend: true},
    marks: [
      Plot.ruleY(ci, {x1: (r: DeficitPair) => r.entry! - r.ci95![1], x2: (r: DeficitPair) => r.entry! - r.ci95![0], y: "label",
        stroke: COLORS.neutral, strokeWidth: 14, strokeOpacity: 0.18, tip: true,
        title: (r: DeficitPair) => `${r.label}: 95 % интервал итогового дефицита ${formatNumber(r.entry! - r.ci95![1], 1)} … ${formatNumber(r.entry! - r.ci95![0], 1)} %`}),
      Plot.link(shown, {x1: "entry", x2: "exit", y1: "label", y2: "label", stroke: "#777", strokeWidth: 2, markerEnd: "arrow"}),
      Plot.dot(dots, {x: "value", y: "label", fill: "wave", r: 6, tip: true,
        title: (d: {wave: string; value: number; r: DeficitPair}) => `${d.r.label}\n${d.wave} диагностика: дефицит ${formatNumber(d.value, 1)} %\nпар педагогов: ${formatNumber(d.r.n)}`}),
      Plot.text(shown, {x: (r: DeficitPair) => Math.min(r.entry!, r.exit!), y: "label", dy: -14, textAnchor: "start", fontSize: 11,
        text: (r: DeficitPair) => `${deficitChangeText(r.change)}, n = ${formatNumber(r.n)}`})
    ]
  });
}

export interface HeatCell {
  row: string;
  area: string;
  wave: string;
  /** Deficit, percent; null when hidden or unknown. */
  deficit: number | null;
  note?: string;
}

/** Rows × areas, faceted by wave: the deficit as colour scaled to the values shown (darker = larger), its value as text, a tooltip. */
export function deficitHeatmap(cells: HeatCell[], {width, rows, areas, waves}: {width: number; rows: string[]; areas: string[]; waves: string[]}): Element {
  const domain = fittedDomain(cells.map((c) => c.deficit), 0);
  const mid = (domain[0] + domain[1]) / 2;
  return Plot.plot({
    width, height: 130 + rows.length * 30, marginLeft: Math.min(280, 12 + 7 * Math.max(0, ...rows.map((r) => r.length))), marginBottom: 30,
    marginTop: 100, marginRight: 80, padding: 0.04,
    fx: {domain: waves, label: null, axis: "bottom", tickFormat: (w: string) => `${w} диагностика`},
    x: {domain: areas, label: null, axis: "top", tickRotate: -35},
    y: {domain: rows, label: null},
    color: {type: "linear", domain, range: ["#fff5eb", "#b3410c"], label: "Дефицит, %", legend: true, tickFormat: (d: number) => formatNumber(d)},
    marks: [
      Plot.cell(cells, {fx: "wave", x: "area", y: "row", fill: (c: HeatCell) => c.deficit ?? undefined, stroke: "#ddd", inset: 0.5, tip: true,
        title: (c: HeatCell) => `${c.row}\n${c.area}, ${c.wave} диагностика: ${c.deficit === null ? c.note === "< 5" ? "меньше 5 педагогов" : "нет данных" : `дефицит ${formatNumber(c.deficit, 1)} %`}`}),
      Plot.text(cells, {fx: "wave", x: "area", y: "row", fontSize: 11, pointerEvents: "none",
        text: (c: HeatCell) => (c.deficit === null ? c.note ?? "—" : formatNumber(c.deficit)),
        fill: (c: HeatCell) => (c.deficit !== null && c.deficit > mid + (domain[1] - mid) * 0.4 ? "white" : "#222")})
    ]
  });
}

/** One teacher's deficits per area, entry and exit side by side, scaled to the values, with tooltips. */
export function teacherDeficitBars(rows: Array<{label: string; entry: number | null; exit: number | null}>, {width}: {width: number}): Element {
  const bars = rows.flatMap((r) => [
    ...(r.entry === null ? [] : [{label: r.label, wave: "входная", deficit: r.entry}]),
    ...(r.exit === null ? [] : [{label: r.label, wave: "итоговая", deficit: r.exit}])]);
  const [, hi] = fittedDomain(bars.map((b) => b.deficit));
  return Plot.plot({
    width, height: 60 + rows.length * 44, marginLeft: 190, marginRight: 40, marginTop: 30,
    x: {domain: [0, hi], label: "Дефицит, % (меньше — лучше)", grid: true, tickFormat: (d: number) => formatNumber(d)},
    fy: {domain: rows.map((r) => r.label), label: null},
    y: {domain: ["входная", "итоговая"], axis: null},
    color: {domain: ["входная", "итоговая"], range: [COLORS.entry, COLORS.exit], legend: true},
    marks: [
      Plot.barX(bars, {x: "deficit", y: "wave", fy: "label", fill: "wave", tip: true,
        title: (d: {label: string; wave: string; deficit: number}) => `${d.label}, ${d.wave} диагностика: дефицит ${formatNumber(d.deficit, 1)} %`}),
      Plot.text(bars, {x: "deficit", y: "wave", fy: "label", text: (d: {deficit: number}) => formatNumber(d.deficit), dx: 4, textAnchor: "start", fontSize: 10}),
      Plot.ruleX([0])
    ]
  });
}

/** Share of route activities done per school, with the count; bars grey where hidden. */
export function completionBars(rows: Array<{label: string; share: number | null; done: number | null; activities: number | null; note?: string}>,
  {width}: {width: number}): Element {
  return Plot.plot({
    width, height: 50 + rows.length * 30, marginLeft: Math.min(300, 12 + 7 * Math.max(...rows.map((r) => r.label.length))), marginRight: 60,
    x: {domain: [0, 100], label: "Пройдено мероприятий маршрутов, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: rows.map((r) => r.label)},
    marks: [
      Plot.barX(rows.filter((r) => r.share !== null), {x: (r: {share: number}) => r.share * 100, y: "label", fill: COLORS.neutral, tip: true,
        title: (r: {label: string; share: number; done: number; activities: number}) => `${r.label}\nпройдено ${formatNumber(r.done)} из ${formatNumber(r.activities)} мероприятий (${formatPercent(r.share * 100, 0)})`}),
      Plot.text(rows, {x: (r: {share: number | null}) => (r.share ?? 0) * 100, y: "label", dx: 5, textAnchor: "start", fontSize: 11,
        text: (r: {share: number | null; note?: string}) => (r.share === null ? r.note ?? "—" : formatPercent(r.share * 100, 0))}),
      Plot.ruleX([0])
    ]
  });
}

export interface DifferenceRow {
  label: string;
  group: string;
  /** Difference of mean changes (points, positive: the group's deficit fell more) and its interval. */
  difference: number | null;
  ci95: [number, number] | null;
  reading: string;
}

/** Differences of mean changes with their 95 % intervals, a line at 0: right of it, the first group's deficit fell more. */
export function differencePlot(rows: DifferenceRow[], {width}: {width: number}): Element {
  const shown = rows.filter((r) => r.difference !== null);
  const ext = Math.max(5, ...shown.flatMap((r) => (r.ci95 ? r.ci95.map(Math.abs) : [Math.abs(r.difference!)])));
  const lim = Math.ceil(ext / 5) * 5;
  return Plot.plot({
    width, height: 60 + shown.length * 34, marginLeft: 260, marginRight: 30,
    x: {domain: [-lim, lim], label: "← у группы слабее · разница снижения дефицита, п. п. · у группы сильнее →", grid: true,
      tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: shown.map((r) => `${r.label} — ${r.group}`)},
    marks: [
      Plot.ruleX([0], {stroke: "#222"}),
      Plot.ruleY(shown.filter((r) => r.ci95 !== null), {x1: (r: DifferenceRow) => r.ci95![0], x2: (r: DifferenceRow) => r.ci95![1],
        y: (r: DifferenceRow) => `${r.label} — ${r.group}`, stroke: COLORS.neutral, strokeWidth: 3}),
      Plot.dot(shown, {x: "difference", y: (r: DifferenceRow) => `${r.label} — ${r.group}`, fill: COLORS.neutral, r: 5, tip: true,
        title: (r: DifferenceRow) => r.reading})
    ]
  });
}

export interface ShareChange {
  measure: string;
  before: {x: number; n: number; share: number | null};
  after: {x: number; n: number; share: number | null};
}

/** Each share a year before (grey) and after (blue), an arrow between them; a tooltip with the counts. */
export function shareArrows(rows: ShareChange[], {width, years}: {width: number; years: [string, string]}): Element {
  const shown = rows.filter((r) => r.before.share !== null && r.after.share !== null);
  const dots = shown.flatMap((r) => [{measure: r.measure, year: years[0], s: r.before}, {measure: r.measure, year: years[1], s: r.after}]);
  return Plot.plot({
    width, height: 60 + shown.length * 40, marginLeft: 170, marginRight: 50,
    x: {domain: [0, 100], label: "Доля, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: shown.map((r) => r.measure)},
    color: {domain: years, range: [COLORS.muted, COLORS.neutral], legend: true},
    marks: [
      Plot.link(shown, {x1: (r: ShareChange) => r.before.share! * 100, x2: (r: ShareChange) => r.after.share! * 100, y1: "measure", y2: "measure",
        stroke: "#777", markerEnd: "arrow"}),
      Plot.dot(dots, {x: (d: {s: {share: number}}) => d.s.share * 100, y: "measure", fill: "year", r: 6, tip: true,
        title: (d: {measure: string; year: string; s: {x: number; n: number; share: number}}) => `${d.measure}, ${d.year}: ${formatNumber(d.s.x)} из ${formatNumber(d.s.n)} (${formatPercent(d.s.share * 100, 1)})`}),
      Plot.text(shown, {x: (r: ShareChange) => Math.max(r.before.share!, r.after.share!) * 100, y: "measure", dx: 10, textAnchor: "start", fontSize: 11,
        text: (r: ShareChange) => formatPercent(r.after.share! * 100, 1)})
    ]
  });
}

/** Share of young specialists with a mentor per school against the target line. */
export function coverageBars(rows: Array<{label: string; share: number | null; withMentor: number; checked: number; note?: string}>, {width, target}: {width: number; target: number}): Element {
  return Plot.plot({
    width, height: 50 + rows.length * 30, marginLeft: Math.min(300, 12 + 7 * Math.max(...rows.map((r) => r.label.length))), marginRight: 70,
    x: {domain: [0, 100], label: "Молодых специалистов с наставником, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    y: {label: null, domain: rows.map((r) => r.label)},
    marks: [
      Plot.barX(rows.filter((r) => r.share !== null), {x: "share", y: "label", fill: (r: {share: number}) => (r.share >= target ? COLORS.good : COLORS.bad), tip: true,
        title: (r: {label: string; share: number; withMentor: number; checked: number}) => `${r.label}\nс наставником ${formatNumber(r.withMentor)} из ${formatNumber(r.checked)} (${formatPercent(r.share, 1, target)})`}),
      Plot.ruleX([target], {stroke: "#222", strokeDasharray: "4,3"}),
      Plot.text(rows, {x: (r: {share: number | null}) => r.share ?? 0, y: "label", dx: 5, textAnchor: "start", fontSize: 11,
        text: (r: {share: number | null; note?: string}) => (r.share === null ? r.note ?? "—" : formatPercent(r.share, 1, target))})
    ]
  });
}
