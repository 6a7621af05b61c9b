// One teacher's deficits per area, entry and exit side by side.
import * as Plot from "@observablehq/plot";
import {COLORS} from "./charts.js";
import {formatNumber} from "./format.js";

export interface TeacherAreaBar {
  label: string;
  entry: number | null;
  exit: number | null;
}

export function teacherDeficitBars(rows: TeacherAreaBar[], {width}: {width: number}): Element {
  const bars = rows.flatMap((r) => [
    ...(r.entry === null ? [] : [{label: r.label, wave: "входная", deficit: r.entry}]),
    ...(r.exit === null ? [] : [{label: r.label, wave: "итоговая", deficit: r.exit}])
  ]);
  return Plot.plot({
    width, height: 60 + rows.length * 44, marginLeft: 190, marginRight: 40, marginTop: 30,
    x: {domain: [0, 100], label: "Дефицит, %", grid: true, tickFormat: (d: number) => formatNumber(d)},
    fy: {domain: rows.map((r) => r.label), label: null},
    y: {domain: ["входная", "итоговая"], axis: null},
    color: {domain: ["входная", "итоговая"], range: [COLORS.entry, COLORS.exit], legend: true},
    marks: [
      Plot.barX(bars, {x: "deficit", y: "wave", fy: "label", fill: "wave"}),
      Plot.text(bars, {x: "deficit", y: "wave", fy: "label", text: (d: {deficit: number}) => formatNumber(d.deficit), dx: 4,
        textAnchor: "start", fontSize: 10}),
      Plot.ruleX([0])
    ]
  });
}
