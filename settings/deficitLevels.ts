// «Уровни дефицита»: from which deficit (percent) a level starts (no seed fixes thresholds;
// DOMAIN.md). File data/config/deficit-levels.json.
import {DeficitLevelsSchema, type DeficitLevels} from "../lib/deficitLevel.ts";
import {defineSetting, numberCell, textCell, type Applied, type Place} from "./definition.ts";

export const deficitLevelsSetting = defineSetting({
  key: "deficitLevels",
  file: "deficit-levels.json",
  label: "Уровни дефицита",
  schema: DeficitLevelsSchema,
  tables: [{
    sheet: "Уровни дефицита",
    title: "Уровни профессионального дефицита (дефицит = 100 − результат теста, %)",
    help: "Уровень действует от «От, %» до начала следующего уровня; один уровень должен начинаться с 0.",
    columns: [
      {key: "code", header: "Код", width: 12},
      {key: "label", header: "Уровень", width: 16},
      {key: "from", header: "От, %", width: 10, numeric: true}
    ],
    toRows: (v) => v.levels.map((l) => ({code: l.code, label: l.label, from: l.from})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>();
      const levels = rows.map((r, i) => {
        places.set(`levels.${i}`, {sheet, row: r.row, column: null});
        for (const k of ["code", "label", "from"]) places.set(`levels.${i}.${k}`, {sheet, row: r.row, column: k});
        return {code: textCell(r.cells.code) ?? "", label: textCell(r.cells.label) ?? "", from: numberCell(r.cells.from) ?? undefined};
      });
      places.set("levels", {sheet, row: rows[0]?.row ?? 3, column: null});
      return {value: {...(current as DeficitLevels), levels}, places, problems: []};
    }
  }]
});
